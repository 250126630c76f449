import Benchmark
import CapacityModel
import Foundation
import SimKernel
import Study

/// The repository root, found from this file so the benchmark runs from any directory.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// CI runs the suite quickly (CLOUDPLAN_BENCH_QUICK=1): fewer iterations, same benchmarks.
let quick = ProcessInfo.processInfo.environment["CLOUDPLAN_BENCH_QUICK"] == "1"

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: quick ? 0 : 1,
        maxDuration: .seconds(quick ? 5 : 60),
        maxIterations: quick ? 2 : 10,
        thresholds: [
            // The machine is shared and noisy: time fails only past 2.5 times the recorded p90;
            // allocation counts vary a little with the allocator and threads: fail past +50%.
            .wallClock: .init(relative: [.p90: 150]),
            .cpuTotal: .init(relative: [.p90: 150]),
            .mallocCountTotal: .init(relative: [.p90: 50]),
            .peakMemoryResident: .init(relative: [.p90: 50]),
        ])

    for name in ["okitama", "nishi-iburi", "japan-all"] {
        let path = repositoryRoot + "/Scenarios/\(name).yaml"
        Benchmark("Plan/\(name)") { benchmark in
            let scenario = try ScenarioLoader().load(path: path)
            benchmark.startMeasurement()
            let plan = try Study.run(scenario).plan
            benchmark.stopMeasurement()
            blackHole(plan.after.blades)
        }
    }

    // The simulator end to end on the whole country: one year, two replications on two
    // threads, failures on (the plan is made outside the measurement).
    Benchmark("Simulate/japan-all-1y") { benchmark in
        let scenario = try ScenarioLoader().load(path: repositoryRoot + "/Scenarios/japan-all.yaml")
        let model = try Study.simulationModel(scenario, plan: try Study.run(scenario).plan)
        let run = SimulationRun(horizonSeconds: SimDuration.year, replications: 2, seed: 1)
        benchmark.startMeasurement()
        let result = Study.simulate(model, run: run, jobs: 2)
        benchmark.stopMeasurement()
        blackHole(result.events)
    }

    Benchmark("Load/japan-all") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ScenarioLoader().load(path: repositoryRoot + "/Scenarios/japan-all.yaml").tenants.count)
        }
    }
}
