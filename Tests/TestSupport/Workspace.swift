import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh temporary directory for one test, with copies of what its scenarios include. Every
/// workspace of a test process is removed when the process exits (a test may hand its path to a
/// child process that outlives the value, so it is not removed when the value goes).
public struct Workspace: Sendable {
    public let path: String

    /// A new empty directory named after `label` (unique per call).
    public init(_ label: String = "test") throws {
        path = NSTemporaryDirectory() + "cloudplan-\(label)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        WorkspaceCleanup.register(path)
    }

    /// Copies `relative` (a file or folder of the repository) to the same place in the workspace.
    public func copy(_ relative: String) throws {
        let target = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.root + "/" + relative, toPath: target)
    }

    /// Copies `relative` of the repository to `to` in the workspace.
    public func copy(_ relative: String, to: String) throws {
        try FileManager.default.copyItem(atPath: Repository.root + "/" + relative, toPath: path + "/" + to)
    }

    /// Writes `text` to `name` in the workspace; returns its full path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The names in the workspace's top folder, sorted.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

/// The workspaces made by this process, removed at its exit (`atexit`, registered with the
/// first one). Tests run in parallel: the list is behind a lock.
enum WorkspaceCleanup {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: [String] = []
    nonisolated(unsafe) private static var registered = false

    static func register(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        paths.append(path)
        if !registered {
            registered = true
            atexit { WorkspaceCleanup.removeAll() }
        }
    }

    static func removeAll() {
        lock.lock()
        let all = paths
        paths.removeAll()
        lock.unlock()
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}
