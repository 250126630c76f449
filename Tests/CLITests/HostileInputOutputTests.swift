import Foundation
import Testing
import TestSupport

/// Issue 29's inputs and outputs, through the command line: one message per mistake at its key
/// or line, the exit status the README's table gives, and no output replacing an input.
@Suite struct HostileInputOutputTests {
    /// `--set` edits that `validate` used to accept (or that exited 1 silently, or added false
    /// "unknown key" errors): each is one error at its key, exit 1.
    @Test func eachMistakeIsOneMessageAtItsKey() throws {
        let cases: [(scenario: String, set: String, key: String, says: String)] = [
            ("okitama.yaml", "tenants[0].systems=[tax,tax]", "tenants[0].systems[1]", "listed twice"),
            ("checks/one-blade.yaml", "hardware.baseline_servers[0].memory_gib=1e-300", "hardware.baseline_servers[0].memory_gib", "must be at least"),
            ("kaso.yaml", "continuity.dr.pools[1].reserve_blades=0", "continuity.dr.pools[1].reserve_blades", "at least 1"),
            ("trial-2009.yaml", "continuity.backup_policies[0].window_start_hour=25", "continuity.backup_policies[0].window_start_hour", "at most 24"),
            ("trial-2009.yaml", "continuity.links[0].mbps=0", "continuity.links[0].mbps", "positive"),
            ("checks/one-blade.yaml", "hardware.blades[0].failures.time_to_failure={distribution: constant, hours: 1e-300}",
             "hardware.blades[0].failures.time_to_failure", "event storm"),
        ]
        for c in cases {
            let r = try CLI.run(["plan", "Scenarios/" + c.scenario, "--set", c.set])
            let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
            #expect(r.status == 1, "\(c.set): exit \(r.status)")
            #expect(errors.count == 1, "\(c.set): \(errors)")
            #expect(errors.first?.contains("error: \(c.key): ") == true && errors.first?.contains(c.says) == true, "\(c.set): \(errors)")
        }
    }

    /// Standard output that cannot be written (a full disk) is exit 2 with the reason, for the
    /// commands that print reports; `--output` naming one of the run's inputs (the scenario, an
    /// included file, a merged part) is refused, exit 2, and the input is left as it was.
    @Test func outputsThatCannotBeWrittenOrWouldDestroyAnInputAreRefused() throws {
        for arguments in [["plan", "Scenarios/okitama.yaml"], ["validate", "Scenarios/okitama.yaml"],
                          ["transfer", "--gib", "10", "--mbps", "100"]] {
            let r = try CLI.run(["/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full", CLI.executable] + arguments, shell: true)
            #expect(r.status == 2 && r.stderr.contains("standard output: error: cannot write"), "\(arguments): \(r.status) \(r.stderr)")
        }
        let dir = try CLI.workspace()
        let scenario = dir + "/Scenarios/okitama.yaml", library = dir + "/Scenarios/library/policies.yaml"
        let before = try Data(contentsOf: URL(fileURLWithPath: scenario)), libraryBefore = try Data(contentsOf: URL(fileURLWithPath: library))
        for target in [scenario, library] {
            let r = try CLI.run(["plan", "Scenarios/okitama.yaml", "--output", target], in: dir)
            #expect(r.status == 2 && r.stderr.contains("input files"), "\(target): \(r.status) \(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: scenario)) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: library)) == libraryBefore)
        // A report replaces an output file whole and leaves nothing else in the folder.
        let out = dir + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for _ in 0..<2 {
            let r = try CLI.run(["plan", "Scenarios/okitama.yaml", "--format", "json", "--output", out + "/plan.json"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["plan.json"])
        #expect((try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/plan.json")))) is [String: Any])
    }

    /// Exports a new user brought: decimal commas in a `;`-separated file are read as decimals
    /// (8704,5 MiB is 8.5 GiB, not 85), a number that could be read two ways is refused at its
    /// line and column, CR-only line ends are read, a header naming memory twice is refused.
    @Test func exportsAreReadWithoutGuessing() throws {
        let dir = try CLI.workspace()
        func importing(_ kind: String, _ text: String) throws -> CLI.Result {
            let path = dir + "/in.csv"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return try CLI.run(["import", kind, path, "--format", "json"], in: dir)
        }
        func memory(_ r: CLI.Result) -> Double? {
            ((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any])?["memory_gib"] as? Double
        }
        var r = try importing("rvtools", "VM;Powerstate;Template;CPUs;Memory;Provisioned MiB;In Use MiB;Host;Cluster\nvm1;poweredOn;False;2;8704,5;61.440,25;30000;esx01;c1\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(memory(r).map { abs($0 - 8.5) < 0.001 } == true, "\(r.stdout)")
        r = try importing("servers", "name;cpus;memory_gb;disk_gb\nsrv1;4;7,5;100,5\n")
        #expect(r.status == 0 && memory(r).map { abs($0 - 7.5) < 1e-9 } == true, "\(r.stdout) \(r.stderr)")
        r = try importing("servers", "name;cpus;memory_gb;disk_gb\nsrv1;4;1.024;100\n")
        #expect(r.status == 1 && r.stderr.contains(":2:3: error:") && r.stderr.contains("could be a decimal point"), "\(r.stderr)")
        r = try importing("rvtools", "VM,Powerstate,Template,CPUs,Memory,Provisioned MiB,In Use MiB,Host,Cluster\nvm1,poweredOn,False,2,\"8192,5\",61440,30000,esx01,c1\n")
        #expect(r.status == 1 && r.stderr.contains(":2:5: error:") && r.stderr.contains("decimal comma"), "\(r.stderr)")
        r = try importing("rvtools", "VM,Powerstate,Template,CPUs,Memory,Provisioned MiB,In Use MiB,Host,Cluster\rvm1,poweredOn,False,2,8192,61440,30000,esx01,c1\r")
        #expect(r.status == 0 && memory(r) == 8, "\(r.stdout) \(r.stderr)")
        r = try importing("rvtools", "VM,Powerstate,Template,CPUs,Memory,Memory,Provisioned MiB,In Use MiB,Host,Cluster\nvm1,poweredOn,False,2,8192,99999999,61440,30000,esx01,c1\n")
        #expect(r.status == 1 && r.stderr.contains(":1:6: error:") && r.stderr.contains("twice"), "\(r.stderr)")
        r = try importing("rvtools", "VM,Powerstate,Template,CPUs,Memory,Provisioned MiB,In Use MiB,Host,Cluster\n")
        #expect(r.status == 1 && r.stderr.contains("empty"), "\(r.stderr)")
    }

    /// A plan whose weekly full cannot fit its window says so in every format (Kaso's link at
    /// 200 Mbps: the nightly copy fits, the full does not; the JSON's `full_window_ok: false`
    /// was printed as "ok yes"), and as a finding.
    @Test func aFullCopyThatOverrunsIsNoInEveryFormat() throws {
        let json = try CLI.run(["plan", "Scenarios/kaso.yaml", "--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let backup = try #require(root["backup"] as? [String: Any])
        let links = try #require(backup["links"] as? [[String: Any]])
        #expect(backup["ok"] as? Bool == false)
        #expect(links.contains { $0["window_ok"] as? Bool == true && $0["full_window_ok"] as? Bool == false })
        for format in ["text", "markdown", "html"] {
            let r = try CLI.run(["plan", "Scenarios/kaso.yaml", "--format", format])
            #expect(r.stdout.contains("NO (full)"), "\(format)")
            #expect(r.stdout.contains("the full copy takes"), "\(format): no finding")
        }
    }

    /// Smaller things a new user hit: `pack` of an inventory without `--host` and `plan --table`
    /// without `--format csv` are wrong use (64), not bad files or silently ignored; a precision
    /// target not met is a finding in the text and `met: false` in the JSON; a reserve shows
    /// apart from the bins the items need, so "better than FFD" compares like with like.
    @Test func smallerThingsANewUserHit() throws {
        var r = try CLI.run(["pack", "data/inventories/example-vms.csv"])
        #expect(r.status == 64 && r.stderr.contains("--host"), "\(r.status) \(r.stderr)")
        r = try CLI.run(["plan", "Scenarios/okitama.yaml", "--table", "pools"])
        #expect(r.status == 64 && r.stderr.contains("--format csv"), "\(r.status) \(r.stderr)")
        r = try CLI.run(["transfer", "--gib", "500", "--mbps", "1e-300"])
        #expect(r.status == 64 && r.stderr.contains("--mbps must be from 0.001"), "\(r.status) \(r.stderr)")
        let precision = ["simulate", "Scenarios/checks/one-blade.yaml", "--horizon", "30d", "--replications", "2",
                         "--precision", "0.0001", "--max-replications", "4", "--no-timing"]
        r = try CLI.run(precision)
        #expect(r.status == 0 && r.stdout.contains("- warning: The precision target (±0.01%) was not met"), "\(r.stdout.prefix(600))")
        r = try CLI.run(precision + ["--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((root["precision"] as? [String: Any])?["met"] as? Bool == false)
        r = try CLI.run(["pack", "data/inventories/example-vms.csv", "--host", "vcpu=24,memory_gib=192", "--reserve", "1"])
        let row = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("example-vms.csv") })
        let cells = row.split(separator: " ", omittingEmptySubsequences: true)
        // instance, items, dims, bins for items, + reserve, bound, ..., FFD
        #expect(r.stdout.contains("bins for items") && cells.count >= 7, "\(r.stdout)")
        if cells.count >= 9, let items = Int(cells[3]), let reserve = Int(cells[4]), let ffd = Int(cells[7]) {
            #expect(reserve == 1)
            // "better than FFD" counts the bins the items need, the column shown beside FFD's.
            #expect(r.stdout.contains("better than FFD \(items < ffd ? 1 : 0)"), "\(r.stdout)")
        }
    }
}
