import Benchmark
import CxxReference
import Foundation
import SimKernel

// The classic hold model (Jones 1986; Vaucher & Duval 1975): a queue holding N pending events;
// each operation pops the earliest and schedules one new event at its time plus an increment
// from a fixed table of exponential(1) values. Each benchmark iteration is 1,000,000 operations.
// "HoldModelCxx/…" runs the same on std::priority_queue in the same process, "HoldModelCxxRadix/…"
// on the project's C++ one-bit radix heap, and "HoldModelCxxMultiLevel/…" on the project's C++
// multi-level radix heap (the EventQueue's own algorithm, the strongest C++ here), for the ratios.

/// 4,096 exponential(1) increments, fixed: -log(1 − u) for u from a 64-bit LCG.
let increments: [Double] = {
    var state: UInt64 = 0x853c49e6748fea9b
    return (0..<4_096).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let u = Double(state >> 11) * 0x1.0p-53
        return -log1p(-u)
    }
}()

/// Reschedules every event it receives one table increment later.
struct Hold: EventHandler {
    let table: UnsafeBufferPointer<Double>
    var next = 0

    @inline(__always) mutating func handle(_ event: Event, kernel: inout Kernel) {
        kernel.schedule(after: table[next], kind: event.kind, subject: event.subject)
        next = (next + 1) & (table.count - 1)
    }
}

/// A C++ hold model measured as the Swift one is: one untimed round of `operations`, then the
/// benchmark's iterations.
func measureCxx<Hold>(_ benchmark: Benchmark, create: () -> Hold?, run: (Hold?, Int) -> Double, destroy: (Hold?) -> Void) {
    let hold = create()
    _ = run(hold, operations)
    benchmark.startMeasurement()
    blackHole(run(hold, benchmark.scaledIterations.count))
    benchmark.stopMeasurement()
    destroy(hold)
}

let quick = ProcessInfo.processInfo.environment["CLOUDPLAN_BENCH_QUICK"] == "1"
let operations = 1_000_000

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .mega,
        maxDuration: .seconds(quick ? 3 : 20),
        maxIterations: quick ? 5 : 30,
        thresholds: [
            // Time fails only past 4× the recorded p90 (a fifth of the throughput): on this shared
            // machine a whole run, the C++ references included, has been 2.5× slower than usual.
            .wallClock: .init(relative: [.p90: 300]),
            .throughput: .init(relative: [.p90: 80]),
            // Steady state allocates nothing: any malloc per iteration is a regression.
            .mallocCountTotal: .init(absolute: [.p90: 0]),
        ])

    // The C++ references are yardsticks, not code of ours: their time is measured and checked (a
    // machine that got slower shows there too), their allocations (std::vector growth, which
    // varies with the number of samples a quick run takes) are not measured.
    var reference = Benchmark.defaultConfiguration
    reference.metrics = [.wallClock, .throughput]
    reference.thresholds?[.mallocCountTotal] = nil

    let table = UnsafeMutableBufferPointer<Double>.allocate(capacity: increments.count)
    _ = table.initialize(from: increments)

    for pending in [1_000, 100_000, 1_000_000] {
        Benchmark("HoldModel/pending=\(pending)") { benchmark in
            var kernel = Kernel(capacity: pending + 16)
            for i in 0..<pending { kernel.schedule(at: table[i & (table.count - 1)], kind: 0, subject: UInt32(i)) }
            var model = Hold(table: UnsafeBufferPointer(table), next: pending & (table.count - 1))
            // One untimed round so the heap reaches its steady shape.
            kernel.run(events: operations, handler: &model)
            benchmark.startMeasurement()
            kernel.run(events: benchmark.scaledIterations.count, handler: &model)
            benchmark.stopMeasurement()
            blackHole(kernel.now)
        }

        Benchmark("HoldModelCxx/pending=\(pending)", configuration: reference) { benchmark in
            measureCxx(benchmark, create: { cloudplan_cxx_hold_create(pending, table.baseAddress, table.count) },
                       run: cloudplan_cxx_hold_run, destroy: cloudplan_cxx_hold_destroy)
        }

        Benchmark("HoldModelCxxRadix/pending=\(pending)", configuration: reference) { benchmark in
            measureCxx(benchmark, create: { cloudplan_cxx_radix_hold_create(pending, table.baseAddress, table.count) },
                       run: cloudplan_cxx_radix_hold_run, destroy: cloudplan_cxx_radix_hold_destroy)
        }

        Benchmark("HoldModelCxxMultiLevel/pending=\(pending)", configuration: reference) { benchmark in
            measureCxx(benchmark, create: { cloudplan_cxx_multilevel_hold_create(pending, table.baseAddress, table.count) },
                       run: cloudplan_cxx_multilevel_hold_run, destroy: cloudplan_cxx_multilevel_hold_destroy)
        }
    }
}
