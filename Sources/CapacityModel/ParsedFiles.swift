import Foundation
import Yams

/// YAML files already parsed, by path, shared by the loads of one study (`ScenarioLoader.parsedFiles`).
/// Only files that parsed without error are kept; a file changed on disk after it was kept is
/// not read again. Safe to share between threads (a lock guards the table).
public final class ParsedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var nodes: [String: Node] = [:]
    /// Files whose scan found no uncertain input: read as they are, without a scan.
    private var certain: Set<String> = []

    public init() {}

    func node(_ path: String) -> Node? { lock.withLock { nodes[path] } }

    func keep(_ node: Node, for path: String) { lock.withLock { nodes[path] = node } }

    func hasNoAssumptions(_ path: String) -> Bool { lock.withLock { certain.contains(path) } }

    func markNoAssumptions(_ path: String) { _ = lock.withLock { certain.insert(path) } }
}
