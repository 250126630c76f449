import Foundation
import Testing
import TestSupport
import CapacityModel
import Fuzzing

@Suite struct MutationTests {
    /// 1,500 mutants (`InputMutator`, shared with `cloudplan-fuzz`) of the main file and of each library file, read in process: no crash; an
    /// invalid result always carries at least one located error inside the file's lines.
    @Test func loaderNeverCrashesAndAlwaysLocatesErrors() throws {
        let dir = try CLI.workspace()
        let files = ["Scenarios/okitama.yaml", "Scenarios/library/municipal-core-2010.yaml",
                     "Scenarios/library/hardware-2010.yaml", "Scenarios/library/policies.yaml"]
        let originals = try files.map { try String(contentsOfFile: dir + "/" + $0, encoding: .utf8) }
        var mutator = InputMutator(seed: 2010)
        var invalid = 0
        let originalLines = originals.map(Self.lineCount)
        for round in 0..<1_500 {
            let f = round % files.count
            let (text, what) = mutator.mutate(originals[f])
            var lines = Dictionary(uniqueKeysWithValues: zip(files.map { dir + "/" + $0 }, originalLines))
            lines[dir + "/" + files[f]] = Self.lineCount(text)
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + files[f]))
            let sink = DiagnosticSink()
            let scenario = ScenarioLoader().load(path: dir + "/Scenarios/okitama.yaml", sink: sink)
            if scenario == nil {
                invalid += 1
                let errors = sink.sorted.filter { $0.severity == .error }
                #expect(!errors.isEmpty, "\(files[f]): \(what): invalid without an error")
                for e in errors {
                    #expect(e.location.line >= 1 && e.location.column >= 1, "\(e)")
                    #expect(e.location.line <= (lines[e.location.file] ?? 0) + 1, "\(files[f]): \(what): \(e)")
                    #expect(e.description.hasPrefix("\(e.location.file):\(e.location.line):\(e.location.column): error: "))
                }
            }
            try Data(originals[f].utf8).write(to: URL(fileURLWithPath: dir + "/" + files[f]))
        }
        // Most mutations break the file; some (a comment, a trailing blank) leave it valid.
        #expect(invalid > 600, "only \(invalid) of 1,500 mutants were invalid")
    }

    /// The number of lines of `text` as an editor numbers them (newlines + 1).
    static func lineCount(_ text: String) -> Int {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
    }

    /// 150 truncated or damaged copies through the real executable with --output: every invalid
    /// one exits 1 with a FILE:LINE:COLUMN: error: line, none crashes, none leaves an output file.
    @Test func commandLineRejectsDamagedFilesWithoutPartialOutput() throws {
        let dir = try CLI.workspace()
        let path = "Scenarios/okitama.yaml"
        let original = try String(contentsOfFile: dir + "/" + path, encoding: .utf8)
        var mutator = InputMutator(seed: 7)
        let pattern = try Regex(#"^[^\n:]+:\d+:\d+: error: "#).anchorsMatchLineEndings()
        for round in 0..<150 {
            var (text, what) = mutator.mutate(original)
            if round % 3 == 0 {
                // Truncation between tenants and baseline (both required): always invalid.
                let start = original.range(of: "tenants:\n")!.upperBound
                let end = original.range(of: "\n  server: ")!.lowerBound
                let offset = original.distance(from: original.startIndex, to: start)
                let cut = offset + mutator.below(original.distance(from: start, to: end))
                text = String(original.prefix(cut))
                what = "truncated at character \(cut)"
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + path))
            let report = dir + "/report-\(round).json"
            let r = try CLI.run(["plan", path, "--format", "json", "--output", report], in: dir)
            #expect(!r.signalled, "\(what): crashed")
            if r.status != 0 {
                #expect(r.stderr.contains(pattern), "\(what): no located error in: \(r.stderr)")
                #expect(!FileManager.default.fileExists(atPath: report), "\(what): partial output written")
            } else {
                #expect(round % 3 != 0, "\(what): a truncated file was accepted")
                #expect(FileManager.default.fileExists(atPath: report))
            }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty)
        }
    }
}
