import Foundation
import Testing
import TestSupport

/// `cloudplan sweep` and `cloudplan merge` (issue 15): the table, parts, merge refusals and
/// exit codes through the command line.
@Suite struct SweepCommandTests {
    /// A workspace with the one-blade scenario and a 3 × 2-replication sweep over it.
    static func workspace() throws -> Workspace {
        let w = try Workspace("sweep-cli")
        try w.copy("Scenarios/checks/one-blade.yaml", to: "one-blade.yaml")
        try w.write("""
            cloudplan_sweep: 1
            name: spares
            scenarios: [one-blade.yaml]
            parameters:
              - name: blades
                key: pools[0].blades
                values: [1, 2, 3]
            replications: 3
            horizon_years: 1
            outputs: [blades, mean_availability, downtime_minutes]

            """, to: "sweep.yaml")
        return w
    }

    /// Parts in any order merge to the unsharded JSON and CSV; --runs is a part of the whole.
    @Test func partsMergeToTheUnshardedTable() throws {
        let w = try Self.workspace()
        let whole = try CLI.run(["sweep", "sweep.yaml", "--format", "json", "--runs", "runs.jsonl"], in: w.path)
        #expect(whole.status == 0, "\(whole.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as! [String: Any]
        #expect(json["format"] as? String == "cloudplan-sweep" && json["work_items"] as? Int == 9)
        let variants = json["variants"] as! [[String: Any]]
        #expect(variants.map { $0["name"] as! String } == ["one-blade blades=1", "one-blade blades=2", "one-blade blades=3"])
        #expect((variants[1]["settings"] as? [String: String]) == ["pools[0].blades": "2"])
        for n in [2, 4] {
            for i in 0..<n {
                let r = try CLI.run(["sweep", "sweep.yaml", "--shard", "\(i)/\(n)", "--output", "part-\(n)-\(i).jsonl", "--jobs", "1"], in: w.path)
                #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
            }
            let parts = (0..<n).reversed().map { "part-\(n)-\($0).jsonl" }
            let merged = try CLI.run(["merge"] + parts + ["--format", "json"], in: w.path)
            #expect(merged.status == 0 && merged.stdout == whole.stdout, "\(merged.stderr)")
        }
        let fromRuns = try CLI.run(["merge", "runs.jsonl", "--format", "json"], in: w.path)
        #expect(fromRuns.stdout == whole.stdout)
        let csv = try CLI.run(["sweep", "sweep.yaml", "--format", "csv"], in: w.path)
        let merged = try CLI.run(["merge", "part-2-1.jsonl", "part-2-0.jsonl", "--format", "csv"], in: w.path)
        #expect(csv.status == 0 && merged.stdout == csv.stdout && csv.stdout.hasPrefix("variant,scenario,reference,pools[0].blades,blades_mean"))
    }

    /// A missing part, a file that is not a part, and a sweep with a mistake: exit 1, one
    /// message each, located; --shard out of range is a usage error.
    @Test func mistakesExitWithTheirMessages() throws {
        let w = try Self.workspace()
        for i in 0..<3 { _ = try CLI.run(["sweep", "sweep.yaml", "--shard", "\(i)/3", "--output", "p\(i).jsonl"], in: w.path) }
        let missing = try CLI.run(["merge", "p0.jsonl", "p2.jsonl"], in: w.path)
        #expect(missing.status == 1 && missing.stdout.isEmpty)
        #expect(missing.stderr == "error: shard 1/3 is missing (work items 3..<6 of 9)\n")
        try w.write("not a part\n", to: "junk.jsonl")
        let junk = try CLI.run(["merge", "p0.jsonl", "junk.jsonl", "p1.jsonl", "p2.jsonl"], in: w.path)
        #expect(junk.status == 1 && junk.stderr.hasPrefix("junk.jsonl:1: error: not a sweep part"), "\(junk.stderr)")
        try w.write(try String(contentsOfFile: w.path + "/sweep.yaml", encoding: .utf8).replacingOccurrences(of: "values: [1, 2, 3]", with: "values: [1, 2, three]"), to: "bad.yaml")
        let bad = try CLI.run(["sweep", "bad.yaml"], in: w.path)
        #expect(bad.status == 1 && bad.stderr.contains("blades") && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        let range = try CLI.run(["sweep", "sweep.yaml", "--shard", "3/3"], in: w.path)
        #expect(range.status == 64 && range.stderr.contains("--shard must be I/N"))
        let both = try CLI.run(["sweep", "sweep.yaml", "--shard", "0/3", "--format", "json"], in: w.path)
        #expect(both.status == 64)
    }

    /// --emit slurm writes the array script and makes the work folder's parts and logs.
    @Test func emitSlurmWritesTheArrayScript() throws {
        let w = try Self.workspace()
        let r = try CLI.run(["sweep", "sweep.yaml", "--emit", "slurm", "--shards", "5", "--work-dir", "out", "--output", "s.sbatch"], in: w.path)
        #expect(r.status == 0, "\(r.stderr)")
        let script = try String(contentsOfFile: w.path + "/s.sbatch", encoding: .utf8)
        #expect(script.contains("#SBATCH --array=0-4") && script.contains("sweep '\(w.path)/sweep.yaml'"))
        #expect(FileManager.default.fileExists(atPath: w.path + "/out/parts") && FileManager.default.fileExists(atPath: w.path + "/out/logs"))
    }
}
