import Foundation
import Fuzzing
import Testing
import TestSupport

/// Replays every input the fuzzer (or an issue) broke cloudplan with: each must now be accepted
/// or rejected with a located message (Tests/Fuzz/README.md).
@Suite struct FuzzRegressionTests {
    static let root = Repository.root + "/Tests/Fuzz/regressions"

    static func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? []).sorted()
    }

    @Test func scenarioRegressionsAreHandled() throws {
        let cases = Self.files("scenario")
        #expect(!cases.isEmpty)
        for name in cases {
            let dir = try CLI.workspace()
            let overlay = Self.root + "/scenario/" + name
            let load = try String(contentsOfFile: overlay + "/LOAD", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let enumerator = FileManager.default.enumerator(atPath: overlay)
            while let relative = enumerator?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                guard relative != "LOAD", FileManager.default.fileExists(atPath: overlay + "/" + relative, isDirectory: &isDirectory),
                      !isDirectory.boolValue else { continue }
                try? FileManager.default.removeItem(atPath: dir + "/" + relative)
                try FileManager.default.copyItem(atPath: overlay + "/" + relative, toPath: dir + "/" + relative)
            }
            let verdict = FuzzTarget.scenario.run(path: dir + "/" + load, deep: true)
            #expect(verdict != .accepted || name.hasPrefix("valid-"), "\(name): accepted")
            if case .violation(let why) = verdict { Issue.record("\(name): \(why)") }
        }
    }

    @Test(arguments: [FuzzTarget.inventory, .instances, .gzip])
    func readerRegressionsAreHandled(_ target: FuzzTarget) throws {
        for name in Self.files(target.rawValue) {
            let verdict = target.run(path: Self.root + "/" + target.rawValue + "/" + name)
            if case .violation(let why) = verdict { Issue.record("\(target.rawValue)/\(name): \(why)") }
        }
    }

    /// A short campaign of every target, in process: no rule broken, and both verdicts seen.
    @Test func shortCampaignBreaksNoRule() throws {
        let workspace = try CLI.workspace() + "/fuzz"
        let campaign = FuzzCampaign(seed: 11, seconds: 8, targets: FuzzTarget.allCases,
                                    repositoryRoot: Repository.root, workspace: workspace)
        let summary = try campaign.run { _ in }
        #expect(summary.violations.isEmpty, "\(summary.violations)")
        #expect(summary.inputs >= FuzzTarget.allCases.count && summary.rejected > 0)
    }
}
