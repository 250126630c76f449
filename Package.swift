// swift-tools-version: 6.1
// cloudplan: capacity planner and discrete-event simulator for shared municipal clouds.
// Module dependencies run one way; ARCHITECTURE.md gives the rules and the reasons.
import PackageDescription

/// With CLOUDPLAN_NATIVE=1, the packing engine is compiled for the building machine's processor
/// (the benchmarks); by default for any x86-64 (see the Placement target).
let nativeCPU: [SwiftSetting] = Context.environment["CLOUDPLAN_NATIVE"] == "1" ? [.unsafeFlags(["-target-cpu", "native"])] : []
/// Turns on `EventQueue.checkInvariants()` after every queue operation that moves events
/// between buckets. Off by default; `make test-invariants` (run by CI) builds the kernel tests with it.
let internalChecks: [SwiftSetting] = Context.environment["CLOUDPLAN_INTERNAL_CHECKS"] == "1"
    ? [.define("CLOUDPLAN_INTERNAL_CHECKS")] : []

/// Modules whose loops the tests run at full size (packings, plans, simulated years): optimised
/// in debug builds too, so that `make test` does not wait on unoptimised inner loops.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

/// The benchmark suites and ordo-one/benchmark (with its own dependencies: a second argument
/// parser, atomics, histograms, numerics, a malloc interposer) belong to the package only with
/// CLOUDPLAN_BENCHMARKS=1, which the Makefile's bench targets set: `make test` then neither
/// resolves nor builds them (a fresh debug build of the tests: 188 s with them, 170 s without).
let withBenchmarks = Context.environment["CLOUDPLAN_BENCHMARKS"] == "1"

/// The simulator's state lives in classes and arrays of arrays touched at every event; the
/// run-time exclusivity checks of those accesses took a fifth of its event loop (issue 35). Release
/// builds leave them out; debug builds (`make test`) keep them, so the tests still catch an
/// overlapping access.
let uncheckedExclusivity: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "cloudplan",
    products: [
        .executable(name: "cloudplan", targets: ["cloudplan"]),
        .executable(name: "cloudplan-fuzz", targets: ["cloudplan-fuzz"]),
        .library(name: "Stochastics", targets: ["Stochastics"]),
        .library(name: "SimKernel", targets: ["SimKernel"]),
        .library(name: "CapacityModel", targets: ["CapacityModel"]),
        .library(name: "Placement", targets: ["Placement"]),
        .library(name: "Economics", targets: ["Economics"]),
        .library(name: "Planning", targets: ["Planning"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Study", targets: ["Study"]),
        .library(name: "Sweep", targets: ["Sweep"]),
        .library(name: "Grouping", targets: ["Grouping"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "CloudplanCommands", targets: ["CloudplanCommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ] + (withBenchmarks ? [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ] : []),
    targets: [
        .systemLibrary(name: "CGSL", pkgConfig: "gsl",
                       providers: [.apt(["libgsl-dev"])]),
        .target(name: "Stochastics", dependencies: ["CGSL"], swiftSettings: optimisedInDebug),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "InputData", dependencies: ["CZlib"], swiftSettings: optimisedInDebug),
        .target(name: "Inventories", dependencies: ["InputData", "Stochastics"], swiftSettings: optimisedInDebug),
        .target(name: "SimKernel", swiftSettings: internalChecks + optimisedInDebug),
        .target(name: "CapacityModel", dependencies: ["Placement", "InputData", "Inventories", .product(name: "Yams", package: "Yams")],
                swiftSettings: optimisedInDebug),
        // The packing engine and the planner are optimised in debug builds too: the tests plan
        // scenarios (the cost game plans 127 coalitions of okitama), ~80× slower unoptimised.
        // With CLOUDPLAN_NATIVE=1 (the benchmarks, `make bench`), code for the building
        // machine's own processor, as the C++ references get with -march=native (the residual
        // tree's vector compares: 4-D FFD 1.06-1.20× instead of 0.89-1.05× of the C++; Swift does
        // not fuse or reorder floating-point arithmetic, so results are the same bits). Without
        // it (the default) the binary runs on any x86-64 of the cluster it is copied to: a binary
        // built for the newest node trapped with an illegal instruction on an older one.
        .target(name: "Placement", swiftSettings: nativeCPU + optimisedInDebug),
        .target(name: "PlacementIO", dependencies: ["Placement", "InputData", "Inventories"]),
        .target(name: "Economics", dependencies: ["CapacityModel", "Placement"]),
        .target(name: "Planning", dependencies: ["CapacityModel", "Placement", "Economics", "Inventories", "Stochastics"],
                swiftSettings: optimisedInDebug),
        .target(name: "Simulation",
                dependencies: ["SimKernel", "Stochastics", "CapacityModel", "Planning", "InputData"],
                swiftSettings: optimisedInDebug + uncheckedExclusivity),
        .target(name: "Study", dependencies: ["CapacityModel", "Planning", "Simulation", "SimKernel", "Stochastics"]),
        .target(name: "Sweep", dependencies: ["CapacityModel", "InputData", "Planning", "SimKernel", "Simulation", "Study"]),
        .target(name: "Grouping", dependencies: ["CapacityModel", "Economics", "InputData", "Planning", "Stochastics", .product(name: "Yams", package: "Yams")]),
        .target(name: "Reports",
                dependencies: ["CXlsxWriter", "CapacityModel", "Economics", "InputData", "Inventories", "Planning", "Placement", "PlacementIO", "Simulation", "Study", "Sweep", "Grouping"]),
        .target(name: "CloudplanCommands",
                dependencies: ["CapacityModel", "InputData", "Inventories", "Planning", "Placement", "PlacementIO", "SimKernel", "Simulation", "Study", "Sweep", "Grouping", "Reports",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "cloudplan", dependencies: ["CloudplanCommands"]),

        // Seeded mutation fuzzing of the input readers (`make fuzz`; CI runs it for a bounded time).
        .target(name: "Fuzzing", dependencies: ["CapacityModel", "InputData", "Inventories", "Placement", "PlacementIO", "Study"]),
        .executableTarget(name: "cloudplan-fuzz", dependencies: ["Fuzzing", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Shared by every test target: the seeded generator, the repository's paths, temporary
        // workspaces and the golden outputs. Depends on no project module.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "StochasticsTests", dependencies: ["Stochastics", "CGSL", "TestSupport"]),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel", "TestSupport"]),
        .testTarget(name: "CapacityModelTests", dependencies: ["CapacityModel", "TestSupport"]),
        .testTarget(name: "InventoriesTests", dependencies: ["Inventories", "TestSupport"]),
        .testTarget(name: "PlacementTests", dependencies: ["Placement", "TestSupport"]),
        .testTarget(name: "EconomicsTests", dependencies: ["Economics", "CapacityModel", "TestSupport"]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "CapacityModel", "Placement", "TestSupport"]),
        .testTarget(name: "SimulationTests",
                    dependencies: ["Simulation", "CapacityModel", "SimKernel", "Stochastics", "Planning", "Study", "TestSupport"]),
        .testTarget(name: "GroupingTests", dependencies: ["Grouping", "CapacityModel", "Economics", "Planning", "TestSupport"]),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "CapacityModel", "InputData", "Reports", "Study", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Grouping", "Planning", "CapacityModel", "Simulation", "Study", "SimKernel", "Stochastics", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["CloudplanCommands", "CapacityModel", "Fuzzing", "Placement", "PlacementIO", "Planning", "TestSupport"]),
    ] + (withBenchmarks ? benchmarkTargets : []),
    cxxLanguageStandard: .cxx17
)

/// Benchmarks (ordo-one/benchmark): one executable per suite; run with `make bench`.
var benchmarkTargets: [Target] {
    [
        .executableTarget(name: "PlanBenchmarks",
                          dependencies: ["Sweep", "CapacityModel", "CxxReference", "SimKernel", "Study", .product(name: "Benchmark", package: "benchmark")],
                          path: "Benchmarks/PlanBenchmarks",
                          plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(name: "KernelBenchmarks",
                          dependencies: ["SimKernel", "CxxReference", .product(name: "Benchmark", package: "benchmark")],
                          path: "Benchmarks/KernelBenchmarks",
                          plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(name: "PlacementBenchmarks",
                          dependencies: ["Placement", "CxxReference", .product(name: "Benchmark", package: "benchmark")],
                          path: "Benchmarks/PlacementBenchmarks",
                          plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // C++ references measured in the same benchmark runs (std::priority_queue, segment-tree FFD),
        // built as strong as C++ gets here: -O3 -march=native.
        .target(name: "CxxReference", path: "Benchmarks/CxxReference",
                cxxSettings: [.unsafeFlags(["-O3", "-march=native"])],
                linkerSettings: [.linkedLibrary("gsl"), .linkedLibrary("gslcblas"), .linkedLibrary("m")]),
    ]
}
