import Benchmark
import CxxReference
import Foundation
import Placement

// First fit decreasing and the best method on uniform random instances in one and four
// dimensions, 10,000 to 1,000,000 items; "FFDCxx/1d" is the C++ segment-tree FFD measured in the
// same run. Instance generation is outside the measurement.

let quick = ProcessInfo.processInfo.environment["CLOUDPLAN_BENCH_QUICK"] == "1"

/// Item sizes uniform in (0, 1] × capacity 1, from a fixed 64-bit LCG.
func uniformInstance(items n: Int, dimensions d: Int, seed: UInt64) -> PackingProblem {
    var state = seed
    var sizes = [Double](repeating: 0, count: n * d)
    for i in 0..<(n * d) {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        sizes[i] = Double((state >> 11) + 1) * 0x1.0p-53
    }
    return PackingProblem(name: "uniform-\(d)d-\(n)", capacity: [Double](repeating: 1, count: d), sizes: sizes)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(quick ? 3 : 20),
        maxIterations: quick ? 3 : 20,
        thresholds: [
            .wallClock: .init(relative: [.p90: 150]),
            .mallocCountTotal: .init(relative: [.p90: 50]),
            .peakMemoryResident: .init(relative: [.p90: 50]),
        ])

    for n in [10_000, 100_000, 1_000_000] {
        let oneD = uniformInstance(items: n, dimensions: 1, seed: 1)
        let fourD = uniformInstance(items: n, dimensions: 4, seed: 4)

        Benchmark("FFD/1d/n=\(n)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Packer.pack(oneD, heuristic: .firstFitDecreasing).binCount)
            }
        }
        Benchmark("FFDCxx/1d/n=\(n)") { benchmark in
            var assignment = [Int32](repeating: 0, count: n)
            benchmark.startMeasurement()
            let bins = oneD.sizes.withUnsafeBufferPointer { s in
                assignment.withUnsafeMutableBufferPointer { a in cloudplan_cxx_ffd_1d(s.baseAddress, n, 1, a.baseAddress) }
            }
            benchmark.stopMeasurement()
            blackHole(bins)
        }
        Benchmark("FFD/4d/n=\(n)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Packer.pack(fourD, heuristic: .firstFitDecreasing).binCount)
            }
        }
        Benchmark("Best/1d/n=\(n)") { benchmark in
            blackHole(try PlacementEngine.solve(oneD, method: .best, timeLimit: 1).bins)
        }
        Benchmark("Best/4d/n=\(n)") { benchmark in
            blackHole(try PlacementEngine.solve(fourD, method: .best, timeLimit: 1).bins)
        }
    }
}
