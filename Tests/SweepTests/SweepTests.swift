import CapacityModel
import Foundation
import InputData
import Reports
import Sweep
import Testing
import TestSupport

/// Sweeps, shards and their merge (issue 15): the work list, the exact round trip of a part,
/// byte-identical tables for any number of shards, and every way a set of parts can be wrong.
@Suite struct SweepTests {
    /// FIPS 180-4's examples.
    @Test func sha256MatchesTheStandardsExamples() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var split = SHA256()
        split.update(Array("abcdbcdecdefdefgefghfghighijhijk".utf8))
        split.update(Array("ijkljklmklmnlmnomnopnopq".utf8))
        #expect(split.finalHex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // A million 'a' (FIPS 180-2's long example): whole blocks from contiguous storage, the
        // same bytes one at a time (a sequence without storage), and in uneven pieces.
        let million = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let a = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(SHA256.hex(a) == million)
        #expect(SHA256.hex(a.lazy.map { $0 }) == million)
        var pieces = SHA256()
        var at = 0
        for size in [1, 63, 64, 65, 127, 999_680] { pieces.update(a[at..<(at + size)]); at += size }
        #expect(at == a.count && pieces.finalHex() == million)
    }

    /// Shards cover the work list exactly once, in order, and differ in size by at most one.
    @Test func shardsPartitionTheWorkList() {
        var g = SeededGenerator(seed: 15)
        for _ in 0..<500 {
            let total = g.below(300), n = 1 + g.below(40)
            let slices = (0..<n).map { SweepShard(index: $0, count: n).items(of: total) }
            #expect(slices.first?.lowerBound == 0 && slices.last?.upperBound == total)
            #expect(zip(slices, slices.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            let sizes = slices.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1)
        }
        #expect(SweepShard.parse("2/7") == SweepShard(index: 2, count: 7))
        for bad in ["7/7", "-1/3", "1/0", "1", "a/b", "1/2/3", ""] { #expect(SweepShard.parse(bad) == nil, "\(bad)") }
    }

    /// Product then explicit variants, named by their parameters, the last varying fastest; a
    /// range computed from its start.
    @Test func variantsAreTheProductThenTheList() throws {
        let f = try SweepFixture()
        let (sweep, diagnostics) = f.load()
        let s = try #require(sweep, "\(diagnostics)")
        #expect(s.manifest.variants.map(\.name) == [
            "one-blade blades=1 mtbf=500", "one-blade blades=1 mtbf=1000", "one-blade blades=2 mtbf=500",
            "one-blade blades=2 mtbf=1000", "one-blade blades=3 mtbf=500", "one-blade blades=3 mtbf=1000",
            "one-blade same-as-bundled",
        ])
        #expect(s.manifest.workItems == 28)
        #expect(s.manifest.variants.allSatisfy { $0.reference == 0 && $0.replications == 4 && $0.seed == 11 })
        #expect(s.manifest.figures.map(\.name) == ["blades", "mean_availability", "downtime_minutes", "blade_failures"])
        #expect(s.scenarios[3]?.pools[0].fixedBlades?.count == 2)
        for item in 0..<28 { #expect(s.manifest.workItem(item) == (item / 4, item % 4)) }
    }

    /// A shard loads only the variants its work items run; the manifest, and so every part's
    /// header, is the same whichever shard built it.
    @Test func aShardLoadsOnlyItsOwnVariants() throws {
        let f = try SweepFixture()
        let definition = try #require(SweepLoader(knownOutputs: SweepFigure.all.map(\.name)).load(path: f.sweepPath, sink: DiagnosticSink()))
        let whole = try Sweep.prepare(definition, cloudplanVersion: "test", sink: DiagnosticSink())
        #expect(whole.scenarios.allSatisfy { $0 != nil })
        let shard = SweepShard(index: 2, count: 7)  // items 8..<12: variant 2 only
        let part = try Sweep.prepare(definition, cloudplanVersion: "test", needed: { m in
            let items = shard.items(of: m.workItems)
            return m.workItem(items.lowerBound).variant..<(m.workItem(items.upperBound - 1).variant + 1)
        }, sink: DiagnosticSink())
        #expect(part.manifest == whole.manifest)
        #expect(part.scenarios.indices.filter { part.scenarios[$0] != nil } == [2])
        #expect(try SweepRunner.run(part, shard: shard) == SweepRunner.run(whole, shard: shard))
    }

    /// The fingerprint covers the files a scenario includes: a changed library changes it.
    @Test func includedFilesEnterTheFingerprint() throws {
        let workspace = try Workspace("sweep-include")
        try workspace.copy("Scenarios/okitama.yaml", to: "okitama.yaml")
        try workspace.copy("Scenarios/library", to: "library")
        let path = try workspace.write("cloudplan_sweep: 1\nscenarios: [okitama.yaml]\nreplications: 1\noutputs: [blades]\n", to: "s.yaml")
        func digest() throws -> String {
            let definition = try #require(SweepLoader(knownOutputs: SweepFigure.all.map(\.name)).load(path: path, sink: DiagnosticSink()))
            return try Sweep.prepare(definition, cloudplanVersion: "test", sink: DiagnosticSink()).manifest.sweepSHA256
        }
        let before = try digest()
        #expect(try digest() == before)
        let policies = workspace.path + "/library/policies.yaml"
        let text = try String(contentsOfFile: policies, encoding: .utf8)
        try workspace.write(text + "# changed\n", to: "library/policies.yaml")
        #expect(try digest() != before)
    }

    /// One message per mistake, at the sweep file's line.
    @Test func mistakesAreLocatedInTheSweepFile() throws {
        let f = try SweepFixture("""
            cloudplan_sweep: 1
            scenarios: [one-blade.yaml, missing.yaml]
            parameters:
              - {key: "pools[0.blades", values: [1]}
              - {key: "pools[0].blades", values: [1], range: {from: 1, to: 2, step: 1}}
            replications: 0
            outputs: [blades, availabilty]
            colour: blue

            """)
        let (sweep, diagnostics) = f.load()
        #expect(sweep == nil)
        let text = diagnostics.map(\.description)
        #expect(text.count == 6, "\(text)")
        #expect(text.contains { $0.contains("sweep.yaml:2:") && $0.contains("missing.yaml") })
        #expect(text.contains { $0.contains("sweep.yaml:4:") && $0.contains("is not a key") })
        #expect(text.contains { $0.contains("sweep.yaml:5:") && $0.contains("not both") })
        #expect(text.contains { $0.contains("sweep.yaml:6:") && $0.contains("at least 1") })
        #expect(text.contains { $0.contains("sweep.yaml:7:") && $0.contains("availabilty") && $0.contains("mean_availability") })
        #expect(text.contains { $0.contains("sweep.yaml:8:") && $0.contains("colour") })
    }

    /// A value the scenario refuses is reported once, at the scenario's key.
    @Test func aVariantTheScenarioRefusesIsReported() throws {
        let f = try SweepFixture("""
            cloudplan_sweep: 1
            scenarios: [one-blade.yaml]
            parameters:
              - {key: "pools[0].policy", values: [policy, no-such-policy]}
              - {key: "pools[0].blades", values: [1, 2]}

            """)
        let (sweep, diagnostics) = f.load()
        #expect(sweep == nil)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("no-such-policy") == true)
    }

    /// Every double, NaN and the infinities included, reads back to the same bits.
    @Test func aPartReadsBackBitForBit() throws {
        let f = try SweepFixture()
        let manifest = try #require(f.load().sweep).manifest
        var g = SeededGenerator(seed: 3)
        // Every special value a figure's range allows (availability is at most 1).
        let specials: [Double] = [.nan, .infinity, -0.0, 0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1, 1 / 3, 1]
        let runs = (0..<manifest.workItems).map { item in
            let (v, r) = manifest.workItem(item)
            return SweepRun(variant: v, replication: r, values: (0..<4).map { k in
                let x = item % 3 == 0 ? specials[(item + k) % specials.count] : Double(bitPattern: g.next() & 0x7FEF_FFFF_FFFF_FFFF)
                return manifest.figures[k].maximum == 1 && x > 1 ? 1 / x : x
            })
        }
        let part = SweepPart(manifest: manifest, shard: .whole, runs: runs)
        let back = try SweepPart.read(part.jsonLines(), file: "p.jsonl")
        #expect(back.manifest == manifest && back.shard == .whole)
        #expect(back.runs.count == runs.count)
        for (a, b) in zip(runs, back.runs) {
            #expect(a.variant == b.variant && a.replication == b.replication)
            #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern))
        }
    }

    /// The merged table is byte-identical to the whole run's for 1-6 shards in any order and any
    /// --jobs; common random numbers give the unchanged variant differences of exactly 0, and a
    /// second blade a significant gain.
    @Test func shardsMergeToTheWholeRunByteForByte() throws {
        let f = try SweepFixture()
        let sweep = try #require(f.load().sweep)
        let whole = try SweepRunner.run(sweep, jobs: 2)
        let table = try #require(try? SweepMerge.merge([("whole", SweepPart(manifest: sweep.manifest, shard: .whole, runs: whole))]).get())
        let expected = SweepReport.json(table).serialised()
        var g = SeededGenerator(seed: 9)
        for n in 1...6 {
            var parts = try (0..<n).map { i -> (file: String, part: SweepPart) in
                let shard = SweepShard(index: i, count: n)
                let runs = try SweepRunner.run(sweep, shard: shard, jobs: 1 + i % 2)
                return ("part-\(i)", try SweepPart.read(SweepPart(manifest: sweep.manifest, shard: shard, runs: runs).jsonLines(), file: "part-\(i)"))
            }
            parts.shuffle(using: &g)
            let merged = try SweepMerge.merge(parts).get()
            #expect(SweepReport.json(merged).serialised() == expected, "\(n) shards")
            #expect(SweepReport.csv(merged) == SweepReport.csv(table))
        }
        // The bundled scenario (mtbf 1000) is variant 1 again: the same draws, the same figures.
        let same = table.rows[6], bundled = table.rows[1]
        #expect(same.variant.name == "one-blade same-as-bundled")
        #expect(same.values == bundled.values && same.differences == bundled.differences)
        #expect(table.rows[0].differences.allSatisfy { $0.mean == 0 && !table.rows[0].isSignificant(0) })
        let spares = table.rows[4]  // blades=3 mtbf=500 against its reference, blades=1 mtbf=500
        #expect(spares.values[0].mean == 3 && spares.differences[0].mean == 2 && spares.isSignificant(0))
        #expect(table.rows[3].values[1].mean > table.rows[1].values[1].mean)  // a spare blade: more available
    }

    /// Issue 31: a sweep collecting the yearly cost, the risk and the saved energy gives the
    /// verdict of each base scenario: the hand-paired `CostVerdict` of its variants' runs, the
    /// same in the JSON, and the same for a sharded run.
    @Test func theSweepsVerdictIsTheHandPairedOne() throws {
        let text = SweepFixture.sweepText.replacingOccurrences(
            of: "outputs: [blades, mean_availability, downtime_minutes, blade_failures]",
            with: "outputs: [yearly_cost_yen, risk_cost_yen_per_year, energy_saved_yen_per_year, downtime_minutes]")
        let f = try SweepFixture(text)
        let sweep = try #require(f.load().sweep)
        let runs = try SweepRunner.run(sweep, jobs: 2)
        let table = try SweepMerge.merge([("whole", SweepPart(manifest: sweep.manifest, shard: .whole, runs: runs))]).get()
        let (scenario, verdict) = try #require(table.verdicts.first)
        #expect(table.verdicts.count == 1 && scenario == sweep.manifest.variants[0].scenario)
        let m = sweep.manifest
        #expect(verdict.variants.count == m.variants.count && verdict.replications == 4)
        for (i, v) in m.variants.enumerated() {
            let own = runs[v.firstItem..<(v.firstItem + v.replications)].map { $0.values }
            let base = runs[0..<m.variants[0].replications].map { $0.values }
            let totals = own.map { $0[0] + $0[1] - $0[2] }, reference = base.map { $0[0] + $0[1] - $0[2] }
            #expect(abs(verdict.variants[i].total.mean - totals.reduce(0, +) / 4) < 1e-6)
            let d = zip(totals, reference).map { $0 - $1 }
            #expect(abs(verdict.variants[i].difference.mean - d.reduce(0, +) / 4) < 1e-6)
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(SweepReport.json(table).serialised().utf8)) as? [String: Any])
        let first = try #require((json["verdict"] as? [[String: Any]])?.first)
        #expect(first["base_scenario"] as? String == scenario && (first["variants"] as? [Any])?.count == m.variants.count)
        #expect((first["preferred"] as? String) == verdict.preferred.map { m.variants[$0].name })
        let parts = try (0..<3).map { i -> (file: String, part: SweepPart) in
            let shard = SweepShard(index: i, count: 3)
            return ("p\(i)", SweepPart(manifest: m, shard: shard, runs: try SweepRunner.run(sweep, shard: shard)))
        }
        #expect(SweepReport.json(try SweepMerge.merge(parts).get()).serialised() == SweepReport.json(table).serialised())
    }

    /// A missing, doubled, cut or foreign part is refused with one message each, never merged.
    @Test func wrongPartsAreRefused() throws {
        let f = try SweepFixture()
        let sweep = try #require(f.load().sweep)
        let parts = try (0..<3).map { i in
            let shard = SweepShard(index: i, count: 3)
            return ("part-\(i).jsonl", SweepPart(manifest: sweep.manifest, shard: shard, runs: try SweepRunner.run(sweep, shard: shard)))
        }
        func problems(_ p: [(String, SweepPart)]) -> [String] {
            if case .failure(let e) = SweepMerge.merge(p.map { (file: $0.0, part: $0.1) }) { return e.messages }
            return []
        }
        #expect(problems(parts).isEmpty)
        let missing = problems([parts[0], parts[2]])
        #expect(missing.count == 1 && missing[0].contains("shard 1/3 is missing"), "\(missing)")
        let twice = problems(parts + [("copy.jsonl", parts[1].1)])
        #expect(twice.count == 1 && twice[0].contains("copy.jsonl") && twice[0].contains("given twice"), "\(twice)")
        var cut = parts[2].1
        cut.runs.removeLast()
        let short = problems([parts[0], parts[1], ("part-2.jsonl", cut)])
        #expect(short.count == 1 && short[0].contains("has \(cut.runs.count) of its \(cut.runs.count + 1) runs"), "\(short)")
        var foreign = parts[1].1
        foreign.manifest.sweepSHA256 = String(repeating: "0", count: 64)
        let other = problems([parts[0], ("other.jsonl", foreign), parts[2]])
        #expect(other.count == 2 && other[0].contains("another sweep") && other[1].contains("shard 1/3 is missing"), "\(other)")
        var plan = parts[0].1
        plan.runs[1].values[0] += 1
        let unlike = problems([("part-0.jsonl", plan), parts[1], parts[2]])
        #expect(unlike.count == 1 && unlike[0].contains("not computed alike"), "\(unlike)")
    }

    /// A part edited after its shard wrote it (a value changed, a line cut or added), one whose
    /// header no sweep could have written (a reference out of range, a replication count that
    /// overruns the work list, a figure's maximum of NaN, a shard count of 10^18, no variants),
    /// or one with a value outside its figure's range is refused with its file and line; none
    /// crashes the reader or the merge (issue 29: eleven such headers trapped it, and an edited
    /// downtime merged into a wrong table with exit 0).
    @Test func editedOrImpossiblePartsAreRefusedWithTheirLine() throws {
        let f = try SweepFixture()
        let sweep = try #require(f.load().sweep)
        let shard = SweepShard(index: 1, count: 3)
        let part = SweepPart(manifest: sweep.manifest, shard: shard, runs: try SweepRunner.run(sweep, shard: shard))
        let text = part.jsonLines()
        #expect(try SweepPart.read(text, file: "p").runs == part.runs)
        func refusal(_ text: String) -> SweepPart.ReadError? {
            do { _ = try SweepPart.read(text, file: "p.jsonl"); return nil } catch { return error }
        }
        // A value edited in place: the JSON is still valid, the digest is not.
        var lines = text.split(separator: "\n").map(String.init)
        let edited = lines[2].replacingOccurrences(of: "\"values\":[", with: "\"values\":[7")
        #expect(edited != lines[2])
        lines[2] = edited
        let e1 = refusal(lines.joined(separator: "\n") + "\n")
        #expect(e1?.line == 2 && e1?.message.contains("runs_sha256") == true, "\(String(describing: e1))")
        #expect(refusal(text + text.split(separator: "\n")[1] + "\n")?.message.contains("runs_sha256") == true)
        // Headers no sweep writes, each with a digest that matches its runs.
        var impossible: [(String, SweepManifest, SweepShard)] = []
        var m = sweep.manifest
        m.variants[2].reference = -1; impossible.append(("reference -1", m, shard))
        m = sweep.manifest; m.variants[2].reference = 99; impossible.append(("reference 99", m, shard))
        m = sweep.manifest; m.variants[0].replications = 1 << 40; impossible.append(("replications 2^40", m, shard))
        m = sweep.manifest; m.figures[1].maximum = .nan; impossible.append(("maximum NaN", m, shard))
        m = sweep.manifest; m.variants = []; impossible.append(("no variants", m, shard))
        m = sweep.manifest; m.workItems = -4; impossible.append(("work items -4", m, shard))
        impossible.append(("shard count 10^18", sweep.manifest, SweepShard(index: 1, count: 1_000_000_000_000_000_000)))
        impossible.append(("shard index -1", sweep.manifest, SweepShard(index: -1, count: 3)))
        for (what, manifest, s) in impossible {
            let e = refusal(SweepPart(manifest: manifest, shard: s, runs: part.runs).jsonLines())
            #expect(e?.line == 1 && e?.message.contains("does not describe a sweep") == true, "\(what): \(String(describing: e))")
        }
        // A value out of its range, with a correct digest: named with its line.
        var outside = part
        outside.runs[1].values[1] = 2.5
        let e2 = refusal(outside.jsonLines())
        #expect(e2?.line == 3 && e2?.message.contains("mean_availability is 2.5") == true, "\(String(describing: e2))")
        outside = part
        outside.runs[0].values[2] = -1
        #expect(refusal(outside.jsonLines())?.message.contains("downtime_minutes is -1.0") == true)
        // A part of the previous format is named as such.
        let old = text.replacingOccurrences(of: "\"cloudplan_sweep_part\":2", with: "\"cloudplan_sweep_part\":1")
        #expect(refusal(old)?.message.contains("sweep part format 1") == true)
    }

    /// A sweep's name or work folder with a line break cannot add a command to the Slurm script
    /// or the Kubernetes manifest (issue 29: `name: "x\ntouch PWNED\n#"` ran `touch`): the
    /// sweep file refuses such a name at its key, and the scripts write any that reach them on
    /// one line.
    @Test func aLineBreakInANameCannotBecomeACommand() throws {
        let f = try SweepFixture(SweepFixture.sweepText.replacingOccurrences(of: "name: one-blade-test", with: "name: \"x\\ntouch PWNED\\n#\""))
        let d = f.load().diagnostics
        #expect(d.count == 1 && d[0].keyPath == "name" && d[0].message.contains("line break"), "\(d)")
        let s = BatchScripts.Settings(cloudplan: "/opt/cloudplan", sweepFile: "/work/s.yaml", workFolder: "/work/a\ntouch PWNED2", shards: 2,
                                      jobsPerShard: 1, sweepName: "x\ntouch PWNED\r\n#", sweepSHA256: "ab")
        for script in [BatchScripts.slurm(s), BatchScripts.kubernetes(s)] {
            let commands = script.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("touch") }
            #expect(commands.isEmpty, "\(commands)")
            #expect(!script.contains("\r"))
        }
    }

    /// The batch files name every shard and the merge.
    @Test func batchFilesRunEveryShardThenTheMerge() {
        let s = BatchScripts.Settings(cloudplan: "/opt/cloudplan", sweepFile: "/work/s.yaml", workFolder: "/work/out", shards: 7,
                                      jobsPerShard: 2, sweepName: "Okitama HA", sweepSHA256: "ab")
        let slurm = BatchScripts.slurm(s)
        #expect(slurm.hasPrefix("#!/bin/bash\n"))
        #expect(slurm.contains("#SBATCH --array=0-6\n") && slurm.contains("#SBATCH --cpus-per-task=2\n"))
        #expect(slurm.contains("--shard \"$SLURM_ARRAY_TASK_ID/7\"") && slurm.contains("--dependency=afterok:\"$SLURM_ARRAY_JOB_ID\""))
        #expect(slurm.contains("cloudplan-okitama-ha"))
        let k8s = BatchScripts.kubernetes(s)
        #expect(k8s.contains("completionMode: Indexed") && k8s.contains("completions: 7"))
        #expect(k8s.contains("$JOB_COMPLETION_INDEX/7") && k8s.contains("name: cloudplan-okitama-ha-merge"))
    }
}
