import Foundation

/// A fresh temporary directory for one test, with copies of what its scenarios include.
public struct Workspace: Sendable {
    public let path: String

    /// A new empty directory named after `label` (unique per call).
    public init(_ label: String = "test") throws {
        path = NSTemporaryDirectory() + "cloudplan-\(label)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
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
