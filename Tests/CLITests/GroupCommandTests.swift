import Foundation
import Testing
import TestSupport

/// Issue 34: `cloudplan group` on the command line: the JSON contract, the text's figures are
/// the JSON's, the constraints' mistakes are usage errors.
@Suite struct GroupCommandTests {
    @Test func theJSONHasEveryContractKeyAndTheTextItsFigures() throws {
        let r = try CLI.run(["group", "Scenarios/kaso.yaml", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["groups", "total_yen_per_year", "baseline", "saving_yen_per_year", "exact", "lower_bound_yen_per_year",
                    "coalitions_planned", "seconds"] {
            #expect(json[key] != nil, "\(key)")
        }
        let groups = try #require(json["groups"] as? [[String: Any]])
        for g in groups {
            for key in ["members", "yen_per_year", "population", "stable", "blocking_coalition"] { #expect(g.keys.contains(key), "\(key)") }
        }
        let total = (json["total_yen_per_year"] as? NSNumber)?.doubleValue ?? .nan
        #expect(groups.reduce(0.0) { $0 + (($1["yen_per_year"] as? NSNumber)?.doubleValue ?? .nan) } == total)
        let baseline = try #require(json["baseline"] as? [String: Any])
        let base = (baseline["total_yen_per_year"] as? NSNumber)?.doubleValue ?? .nan
        #expect((json["saving_yen_per_year"] as? NSNumber)?.doubleValue == base - total && total <= base)
        #expect((json["lower_bound_yen_per_year"] as? NSNumber).map { $0.doubleValue <= total } == true)
        #expect((baseline["groups"] as? [[String]])?.count == 2)   // kaso's east and west pools
        let text = try CLI.run(["group", "Scenarios/kaso.yaml"]).stdout
        #expect(text.contains(NumberFormat.millions(total)) && text.contains(NumberFormat.millions(base - total)), "\(text)")
        // The same run, the same bytes (the seconds aside).
        let again = try CLI.run(["group", "Scenarios/kaso.yaml", "--format", "json"]).stdout
        func strip(_ s: String) -> String { s.split(separator: "\n").filter { !$0.contains("\"seconds\"") && !$0.contains("per_second") }.joined() }
        #expect(strip(again) == strip(r.stdout))
    }

    @Test func constraintsAreHonouredAndMistakesRefused() throws {
        let r = try CLI.run(["group", "Scenarios/kaso.yaml", "--format", "json", "--max-tenants", "2", "--apart", "99201,99202"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let groups = try #require(json["groups"] as? [[String: Any]]).compactMap { $0["members"] as? [String] }
        #expect(groups.allSatisfy { $0.count <= 2 } && !groups.contains { $0.contains("99201") && $0.contains("99202") })
        #expect(groups.flatMap { $0 }.sorted() == ["99201", "99202", "99341", "99342", "99561"])
        let bad = try CLI.run(["group", "Scenarios/kaso.yaml", "--together", "99201,nope"])
        #expect(bad.status == 64 && bad.stderr.contains("nope"), "\(bad.status) \(bad.stderr)")
        let zero = try CLI.run(["group", "Scenarios/kaso.yaml", "--max-tenants", "0"])
        #expect(zero.status == 64)
        // Constraints no grouping can meet: exit 3 with the reason, no half-written report.
        let impossible = try CLI.run(["group", "Scenarios/kaso.yaml", "--together", "99201,99202", "--apart", "99201,99202"])
        #expect(impossible.status == 3 && impossible.stderr.contains("no grouping") && impossible.stdout.isEmpty, "\(impossible.stderr)")
    }
}

extension GroupCommandTests {
    /// --emit scenario writes a scenario (in a subfolder: its includes made relative to it) whose
    /// plan prices each proposed pool as the grouping did, to the yen.
    @Test func theEmittedScenarioPlansToTheGroupsCosts() throws {
        let dir = try CLI.workspace()
        try FileManager.default.createDirectory(atPath: dir + "/Scenarios/proposals", withIntermediateDirectories: true)
        let args = ["group", "Scenarios/kaso.yaml", "--max-tenants", "3"]
        let json = try CLI.run(args + ["--format", "json"], in: dir)
        let emitted = try CLI.run(args + ["--emit", "scenario", "--output", "Scenarios/proposals/kaso-grouped.yaml"], in: dir)
        #expect(json.status == 0 && emitted.status == 0, "\(emitted.stderr)")
        let groups = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["groups"] as? [[String: Any]])
        // Its includes lie above its folder: --include-from lets them in, as for any such scenario.
        let plan = try CLI.run(["plan", "Scenarios/proposals/kaso-grouped.yaml", "--include-from", "Scenarios", "--format", "json"], in: dir)
        #expect(plan.status == 0, "\(plan.stderr)")
        let pools = try #require((try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])?["pools"] as? [[String: Any]])
        let pooled = groups.filter { ($0["pooled"] as? Bool) == true }
        #expect(pools.count == pooled.count)
        for (pool, group) in zip(pools, pooled) {
            #expect(pool["tenants"] as? [String] == group["members"] as? [String])
            let cost = ((pool["yearly_cost"] as? [String: Any])?["total_yen"] as? NSNumber)?.intValue
            #expect(cost == (group["yen_per_year"] as? NSNumber)?.intValue, "\(pool["name"] ?? "")")
        }
    }
}

private enum NumberFormat {
    /// "210.44": yen in millions with two decimals (below ¥1,000M: no grouping).
    static func millions(_ yen: Double) -> String { String(format: "%.2f", yen / 1e6) }
}

extension GroupCommandTests {
    /// --per-pool in shards: the parts of any number of shards, merged in any order, give the
    /// whole run's report byte for byte (timings left out); a changed, missing, doubled or
    /// foreign part is refused with its file and line, and --emit slurm writes the job array.
    @Test func shardsMergeToTheWholeRunAndBadPartsAreRefused() throws {
        let dir = try CLI.workspace()
        let base = ["group", "Scenarios/trial-2009.yaml", "--per-pool", "--max-tenants", "20"]
        let whole = try CLI.run(base + ["--no-timing", "--format", "json"], in: dir)
        #expect(whole.status == 0, "\(whole.stderr)")
        for count in [2, 3] {
            for i in 0..<count {
                let r = try CLI.run(base + ["--shard", "\(i)/\(count)", "--output", "p\(count)-\(i).jsonl"], in: dir)
                #expect(r.status == 0, "\(r.stderr)")
            }
            let parts = (0..<count).reversed().map { "p\(count)-\($0).jsonl" }
            let merged = try CLI.run(base + ["--no-timing", "--format", "json", "--merge"] + parts, in: dir)
            #expect(merged.status == 0 && merged.stdout == whole.stdout, "\(count) shards: \(merged.stderr)")
        }
        let missing = try CLI.run(base + ["--merge", "p3-0.jsonl", "p3-2.jsonl"], in: dir)
        #expect(missing.status == 1 && missing.stderr.contains("p3-0.jsonl:1: error: shards 1/3 are missing"), "\(missing.stderr)")
        let twice = try CLI.run(base + ["--merge", "p2-0.jsonl", "p2-0.jsonl", "p2-1.jsonl"], in: dir)
        #expect(twice.status == 1 && twice.stderr.contains("is also p2-0.jsonl"), "\(twice.stderr)")
        let other = try CLI.run(["group", "Scenarios/trial-2009.yaml", "--per-pool", "--merge", "p2-0.jsonl", "p2-1.jsonl"], in: dir)
        #expect(other.status == 1 && other.stderr.contains("another scenario or other options"), "\(other.stderr)")
        let text = try String(contentsOfFile: dir + "/p2-1.jsonl", encoding: .utf8)
        try text.replacingOccurrences(of: "\"population\":", with: "\"population\":1").write(toFile: dir + "/changed.jsonl", atomically: true, encoding: .utf8)
        let changed = try CLI.run(base + ["--merge", "p2-0.jsonl", "changed.jsonl"], in: dir)
        #expect(changed.status == 1 && changed.stderr.contains("changed.jsonl:2: error: the scope lines were changed"), "\(changed.stderr)")
        let slurm = try CLI.run(base + ["--emit", "slurm", "--shards", "3", "--work-dir", "work"], in: dir)
        #expect(slurm.status == 0 && slurm.stdout.contains("#SBATCH --array=0-2"), "\(slurm.stderr)")
        #expect(slurm.stdout.contains("group ") && slurm.stdout.contains("'--max-tenants' '20'") && slurm.stdout.contains("--shard \"$SLURM_ARRAY_TASK_ID/3\""))
        #expect(slurm.stdout.contains("--merge ") && slurm.stdout.contains("results.md"))
        let noPerPool = try CLI.run(["group", "Scenarios/trial-2009.yaml", "--shard", "0/2"], in: dir)
        #expect(noPerPool.status == 64)
    }
}
