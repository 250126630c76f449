import Benchmark
import CapacityModel
import Dispatch
import Foundation
import Sweep
import Synchronization

/// The bundled sweep with `replications` per variant (12 variants), prepared as a shard
/// process prepares it: the sweep file read, every variant's scenario loaded, the files hashed.
func preparedSweep(replications: Int) throws -> Sweep {
    let sink = DiagnosticSink()
    guard var definition = SweepLoader(knownOutputs: SweepFigure.all.map(\.name))
        .load(path: repositoryRoot + "/Scenarios/sweeps/okitama-ha.yaml", sink: sink) else { throw CocoaError(.fileReadCorruptFile) }
    definition.replications = replications
    return try Sweep.prepare(definition, cloudplanVersion: "bench", sink: sink)
}

/// One shard as its own process would run it: prepare, run with one thread, write the part.
func shardPart(_ shard: SweepShard, replications: Int) throws -> String {
    let sweep = try preparedSweep(replications: replications)
    return SweepPart(manifest: sweep.manifest, shard: shard, runs: try SweepRunner.run(sweep, shard: shard, jobs: 1)).jsonLines()
}

/// How a sweep's wall time grows with shards on this 2-core machine (issue 15, item 6), and
/// what each shard costs besides its work items: preparing the sweep, and the merge.
let sweepBenchmarks: @Sendable () -> Void = {
    let replications = 4  // 12 variants × 4 = 48 work items
    // N shards at once, each on a thread of its own as N processes would be, then the merge.
    for shards in [1, 2, 4] {
        Benchmark("Sweep/okitama-ha-48-runs-\(shards)-shards") { benchmark in
            for _ in benchmark.scaledIterations {
                let parts = Mutex<[String?]>(Array(repeating: nil, count: shards))
                DispatchQueue.concurrentPerform(iterations: shards) { i in
                    let text = try! shardPart(SweepShard(index: i, count: shards), replications: replications)
                    parts.withLock { $0[i] = text }
                }
                let read = try parts.withLock { $0 }.enumerated().map { i, text in (file: "part-\(i)", part: try SweepPart.read(text!, file: "part-\(i)")) }
                blackHole(try SweepMerge.merge(read).get().rows.count)
            }
        }
    }
    // A shard's fixed cost: the sweep file, 12 scenarios loaded, the SHA-256 of the files.
    Benchmark("Sweep/prepare-okitama-ha") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try preparedSweep(replications: replications).manifest.workItems) }
    }
    // The merge: reading 7 parts of the 10-replication sweep and building the table.
    // The parts are made once per process on one thread (`mergeBenchmarkParts`): made again for
    // every sample on two threads, their leftovers made the resident peak vary by half (77-126 MB).
    Benchmark("Sweep/merge-7-parts") { benchmark in
        let texts = try mergeBenchmarkParts.get()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let read = try texts.enumerated().map { i, t in (file: "part-\(i)", part: try SweepPart.read(t, file: "part-\(i)")) }
            blackHole(try SweepMerge.merge(read).get().rows.count)
        }
        benchmark.stopMeasurement()
    }
}

/// The 7 parts of the 10-replication sweep that `Sweep/merge-7-parts` reads, made once per
/// process (a global is initialised once) by one thread, so that every sample starts alike.
let mergeBenchmarkParts: Result<[String], Error> = Result {
    let sweep = try preparedSweep(replications: 10)
    let runs = try SweepRunner.run(sweep, jobs: 1)
    return (0..<7).map { i -> String in
        let shard = SweepShard(index: i, count: 7)
        return SweepPart(manifest: sweep.manifest, shard: shard, runs: Array(runs[shard.items(of: runs.count)])).jsonLines()
    }
}
