import Foundation

/// Where the repository's files are, found from this file (Tests/TestSupport/Repository.swift),
/// so that tests run from any working directory.
public enum Repository {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A bundled scenario, as `Scenarios/NAME`.
    public static func scenario(_ name: String) -> String { root + "/Scenarios/" + name }
}
