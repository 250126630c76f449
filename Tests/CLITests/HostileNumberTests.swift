import Foundation
import Testing
import TestSupport

/// Numbers the model cannot compute with are refused where they are written (issue 10, item 1):
/// each of these one-line edits used to pass `validate` and then trap in `plan` or `simulate`.
@Suite struct HostileNumberTests {
    static let edits: [(file: String, from: String, to: String, key: String)] = [
        ("Scenarios/okitama.yaml", "pool_operations_yen_per_year: {value: 24_000_000, low: 16_000_000, high: 36_000_000",
         "pool_operations_yen_per_year: {value: 1e300, low: 16_000_000, high: 1e301",
         "economics.pool_operations_yen_per_year"),
        ("Scenarios/okitama.yaml", "servers_per_vm: 1", "servers_per_vm: 1e300", "baseline.servers_per_vm"),
        ("Scenarios/okitama.yaml", "baseline_operations_yen_per_server_per_year: {value: 600_000, low: 300_000, high: 900_000",
         "baseline_operations_yen_per_server_per_year: {value: 1e300, low: 300_000, high: 1e301", "economics.baseline_operations_yen_per_server_per_year"),
        ("Scenarios/okitama.yaml", "reported_cost_before_million_yen: 129.7,", "reported_cost_before_million_yen: 1e300,",
         "reported_cost_before_million_yen"),
        ("Scenarios/okitama.yaml", "per_system: {value: 6_000_000, low: 4_000_000, high: 9_000_000", "per_system: {value: 1e300, low: 4_000_000, high: 1e301",
         "after.per_system"),
        ("Scenarios/library/hardware-2010.yaml", "power_peak_w: 330", "power_peak_w: 9223372036854775808", "power_peak_w"),
        ("Scenarios/library/hardware-2010.yaml", "cv: 0.5}", "cv: 1e300}", "time_to_repair.cv"),
    ]

    @Test func hugeNumbersAreLocatedErrorsNotTraps() throws {
        for edit in Self.edits {
            let dir = try CLI.workspace()
            let path = dir + "/" + edit.file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            guard let range = text.range(of: edit.from) else {
                Issue.record("\(edit.file) has no '\(edit.from)'")
                continue
            }
            try Data(text.replacingCharacters(in: range, with: edit.to).utf8).write(to: URL(fileURLWithPath: path))
            for command in [["validate"], ["plan"], ["simulate", "--replications", "1", "--horizon", "1d"]] {
                let r = try CLI.run(command + ["Scenarios/okitama.yaml"], in: dir)
                #expect(!r.signalled && r.status == 1, "\(command[0]) with \(edit.to): status \(r.status) \(r.stderr.prefix(300))")
                #expect(r.stderr.contains(": error: ") && r.stderr.contains(edit.key) && r.stderr.contains("must be at most"),
                        "\(edit.to): \(r.stderr.prefix(300))")
                #expect(r.stderr.split(separator: "\n").count == 1, "one error for one mistake: \(r.stderr)")
            }
        }
    }
}

/// Overlapping seasons multiply: their product on any day is bounded like one factor (the
/// fuzzer found 1,470 copies of a factor-2.5 season multiplying to infinity and trapping `plan`).
@Suite struct SeasonProductTests {
    @Test func overlappingSeasonsAreBoundedTogether() throws {
        let dir = try CLI.workspace()
        let path = dir + "/Scenarios/library/municipal-core-2010.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let line = "        - {name: resident tax notices, from: \"06-01\", to: \"06-30\", factor: 2.5}\n"
        // 2.5 × 500 = 1,250 on 06-10..06-30: over the bound; 2.5 × 400 = 1,000 is at it.
        for (factor, valid) in [(500, false), (400, true)] {
            let extra = "        - {name: audit, from: \"06-10\", to: \"07-05\", factor: \(factor)}\n"
            try Data(text.replacingOccurrences(of: line, with: line + extra).utf8).write(to: URL(fileURLWithPath: path))
            let r = try CLI.run(["validate", "Scenarios/okitama.yaml"], in: dir)
            #expect(!r.signalled && (r.status == 0) == valid, "factor \(factor): \(r.stderr)")
            if !valid {
                #expect(r.stderr.contains("municipal-core-2010.yaml:") && r.stderr.contains("seasons")
                        && r.stderr.contains("covering 06-10 multiply the demand by 1.25e+03, more than 1000"), "\(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            }
        }
    }
}

/// Files that are not what they claim (issue 10, items 2 and 3): each is refused where it is
/// named, with the system's reason, in bounded memory.
@Suite struct HostileFileTests {
    @Test func specialFilesAreRefusedWithTheirReason() throws {
        let dir = try CLI.workspace()
        try FileManager.default.createSymbolicLink(atPath: dir + "/Scenarios/loop1", withDestinationPath: "loop2")
        try FileManager.default.createSymbolicLink(atPath: dir + "/Scenarios/loop2", withDestinationPath: "loop1")
        let loop = try CLI.run(["validate", "Scenarios/loop1"], in: dir)
        #expect(loop.status == 1 && loop.stderr.hasPrefix("Scenarios/loop1:1:1: error: Too many levels of symbolic links"), "\(loop.stderr)")
        let zero = try CLI.run(["validate", "/dev/zero"])
        #expect(zero.status == 1 && zero.stderr.contains("is not a regular file"))
        // An include naming a directory is reported at the include entry.
        try FileManager.default.createDirectory(atPath: dir + "/Scenarios/adir", withIntermediateDirectories: true)
        let text = try String(contentsOfFile: dir + "/Scenarios/okitama.yaml", encoding: .utf8)
        try Data(text.replacingOccurrences(of: "library/policies.yaml", with: "adir").utf8)
            .write(to: URL(fileURLWithPath: dir + "/Scenarios/inc.yaml"))
        let inc = try CLI.run(["validate", "Scenarios/inc.yaml"], in: dir)
        #expect(inc.status == 1 && inc.stderr.contains("include[2]: included file adir: is a directory, not a file"), "\(inc.stderr)")
        #expect(inc.stderr.split(separator: "\n").count == 1, "\(inc.stderr)")
        // A population table that is a device is one error, not two.
        let japan = try String(contentsOfFile: dir + "/Scenarios/japan-all.yaml", encoding: .utf8)
        try Data(japan.replacingOccurrences(of: "../data/municipalities-2020.csv", with: "/dev/zero").utf8)
            .write(to: URL(fileURLWithPath: dir + "/Scenarios/z.yaml"))
        let table = try CLI.run(["validate", "Scenarios/z.yaml"], in: dir)
        #expect(table.status == 1 && table.stderr.contains("population table /dev/zero: is not a regular file"))
        #expect(table.stderr.split(separator: "\n").count == 1, "\(table.stderr)")
    }

    /// libyaml's limit is said in the scenario's terms; --replications has the YAML key's bound.
    @Test func deepNestingAndHugeReplicationsAreSaidPlainly() throws {
        let w = try Workspace("deep")
        let file = try w.write("x: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000), to: "deep.yaml")
        let deep = try CLI.run(["validate", file])
        #expect(deep.status == 1 && deep.stderr.contains("the YAML nests too deeply"), "\(deep.stderr)")
        #expect(!deep.stderr.contains("yaml_set_max_nest_level"))
        let reps = try CLI.run(["simulate", "Scenarios/checks/one-blade.yaml", "--replications", "2000000"])
        #expect(reps.status == 64 && reps.stderr.contains("--replications must be between 1 and 1000000"))
    }

    /// An include outside the scenario's folder is refused before it is read (issue 10, item 4),
    /// unless its folder is named with --include-from.
    @Test func includesStayInsideTheScenarioFolder() throws {
        let dir = try CLI.workspace()
        let text = try String(contentsOfFile: dir + "/Scenarios/okitama.yaml", encoding: .utf8)
        try Data(text.replacingOccurrences(of: "library/policies.yaml", with: "../../../../../../etc/passwd").utf8)
            .write(to: URL(fileURLWithPath: dir + "/Scenarios/p.yaml"))
        let r = try CLI.run(["validate", "Scenarios/p.yaml"], in: dir)
        #expect(r.status == 1 && r.stderr.contains("is outside the scenario's folder"), "\(r.stderr)")
        #expect(!r.stderr.contains("root:"), "nothing of the file is echoed")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        // A library beside the scenario's folder, allowed by name.
        try FileManager.default.createDirectory(atPath: dir + "/project/scenarios", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir + "/Scenarios/library", toPath: dir + "/project/library")
        try Data(text.replacingOccurrences(of: "library/", with: "../library/").utf8)
            .write(to: URL(fileURLWithPath: dir + "/project/scenarios/o.yaml"))
        let refused = try CLI.run(["validate", "project/scenarios/o.yaml"], in: dir)
        #expect(refused.status == 1 && refused.stderr.contains("or in a folder given with --include-from"))
        let allowed = try CLI.run(["plan", "project/scenarios/o.yaml", "--include-from", "project/library"], in: dir)
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    /// An unknown 10 MB id is quoted short and gets no quadratic did-you-mean.
    @Test func aHugeUnknownIdIsQuotedShort() throws {
        let dir = try CLI.workspace()
        let text = try String(contentsOfFile: dir + "/Scenarios/okitama.yaml", encoding: .utf8)
        try Data(text.replacingOccurrences(of: "policy: standard", with: "policy: " + String(repeating: "x", count: 10_000_000)).utf8)
            .write(to: URL(fileURLWithPath: dir + "/Scenarios/big.yaml"))
        let r = try CLI.run(["validate", "Scenarios/big.yaml"], in: dir)
        #expect(r.status == 1 && r.stderr.contains("no policy named '" + String(repeating: "x", count: 60) + "…'; defined:"))
        #expect(r.stderr.utf8.count < 1_000)
    }

    /// 300 MB of zeros in a 300 kB gzip file is refused at 256 MiB, not inflated whole.
    @Test func gzipBombsAreRefused() throws {
        let w = try Workspace("bomb")
        let path = w.path + "/bomb.json.gz"
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "head -c 300000000 /dev/zero | gzip -1 > '\(path)'"]
        try gzip.run()
        gzip.waitUntilExit()
        let r = try CLI.run(["pack", path])
        #expect(r.status == 1 && r.stderr.contains("inflates to more than 256 MiB"), "\(r.stderr)")
    }
}

/// Traces are read by `validate` as by `simulate` (issue 10, item 6).
@Suite struct TraceValidationTests {
    @Test func aBitbrainsTraceWithoutItsMetaFailsValidate() throws {
        let dir = try CLI.workspace()
        try FileManager.default.copyItem(atPath: dir + "/data/traces/bitbrains-faststorage-50vms.csv.gz",
                                         toPath: dir + "/Scenarios/lonely.csv.gz")
        let text = try String(contentsOfFile: dir + "/Scenarios/okitama.yaml", encoding: .utf8)
            .replacingOccurrences(of: "  replications: 20\n",
                                  with: "  replications: 20\n  traces:\n    - {system: tax, file: lonely.csv.gz, format: bitbrains}\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/Scenarios/t.yaml"))
        let r = try CLI.run(["validate", "Scenarios/t.yaml"], in: dir)
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("lonely-meta.csv:1:1: error: file not found"), "\(r.stderr)")
        // With its meta file beside it, the same scenario validates.
        try FileManager.default.copyItem(atPath: dir + "/data/traces/bitbrains-faststorage-50vms-meta.csv",
                                         toPath: dir + "/Scenarios/lonely-meta.csv")
        let ok = try CLI.run(["validate", "Scenarios/t.yaml"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
    }
}
