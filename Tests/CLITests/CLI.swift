import Foundation
import TestSupport

/// Runs the built `cloudplan` executable.
enum CLI {
    static var root: String { Repository.root }

    /// The executable next to the test bundle (swift test builds it with the tests).
    static let executable: String = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cloudplan").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cloudplan").path,
            root + "/.build/debug/cloudplan",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    struct Result {
        var status: Int32
        /// Whether the process ended by a signal (a crash).
        var signalled: Bool
        var stdout: String
        var stderr: String
    }

    /// `pack FILE --time-limit LIMIT --format json`: the run, and its instance records (empty
    /// when it did not write JSON).
    static func packRecords(_ file: String, timeLimit: String) throws -> (run: Result, instances: [[String: Any]]) {
        let r = try run(["pack", file, "--time-limit", timeLimit, "--format", "json"])
        let json = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (r, json?["instances"] as? [[String: Any]] ?? [])
    }

    /// Runs cloudplan with `arguments` (or, with `shell`, `arguments[0]` with the rest); with
    /// `signal`, sends it that signal `after` seconds.
    static func run(_ arguments: [String], in directory: String? = nil, shell: Bool = false,
                    signal: Int32? = nil, after: Double = 0) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell ? arguments[0] : executable)
        process.arguments = shell ? Array(arguments.dropFirst()) : arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? root)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let signal {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + after) { kill(pid, signal) }
        }
        // Read both pipes to the end before waiting, at the same time (stderr on another thread),
        // so that neither a large report nor a thousand diagnostics can fill a pipe and block the child.
        let errRead = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        errRead.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            errRead.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errRead.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh directory holding a copy of Scenarios/ and data/.
    static func workspace() throws -> String {
        let w = try Workspace("cli")
        try w.copy("Scenarios")
        try w.copy("data")
        return w.path
    }
}
