import ArgumentParser
import CapacityModel
import Foundation
import Planning
import Reports
import SimKernel
import Simulation
import Study
import Synchronization

/// A simulated duration written as a number and a unit: 5y, 1y, 90d, 2000h; at most 100 years
/// whatever the unit.
struct HorizonArgument: ExpressibleByArgument, Sendable {
    var seconds: Double
    static let maximumSeconds = 100 * SimDuration.year

    init?(argument: String) {
        let units: [Character: Double] = ["y": SimDuration.year, "d": 86_400, "h": 3_600]
        guard let unit = argument.last, let scale = units[unit], let value = Double(argument.dropLast()),
              value > 0, value.isFinite, value * scale <= Self.maximumSeconds else { return nil }
        seconds = value * scale
    }

    static let defaultCompletionKind = CompletionKind.default
}

/// --seed, --replications, --jobs and --horizon, shared by the commands that simulate.
struct SimulationRunOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Master seed, a whole number ≥ 0 (default: the scenario's simulation.seed; compare: the first one's).",
            transform: SeedArgument.parse)
    var seed: UInt64?

    @Option(help: "Independent replications (default: the scenario's simulation.replications).")
    var replications: Int?

    @Option(help: "Replications run in parallel (default: all cores); the results do not depend on it.")
    var jobs: Int?

    @Option(help: "Simulated time, at most 100 years: 5y, 1y, 90d, 2000h (default: the scenario's horizon, else the lease).")
    var horizon: HorizonArgument?

    func validate() throws {
        if let replications, replications < 1 || replications > 1_000_000 {
            throw ValidationError("--replications must be between 1 and 1000000 (as simulation.replications)")
        }
        if let jobs, jobs < 1 || jobs > 1_024 { throw ValidationError("--jobs must be between 1 and 1024") }
    }

    /// The study options these give (simulating, on all cores unless --jobs says otherwise).
    var studyOptions: StudyOptions {
        StudyOptions(simulate: true, horizonSeconds: horizon?.seconds, replications: replications,
                     seed: seed, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate demand, failures and failover over the lease, with confidence intervals.",
        discussion: """
            Plans the scenario, then runs independent replications of its pools as a discrete-event \
            simulation: demand follows each system's calendar, blades, chassis, storage arrays (and \
            sites, if the scenario asks) fail and are repaired, and HA restarts VMs on the survivors. \
            Results are identical for the same scenario and seed whatever --jobs is. The JSON report \
            is described in docs/simulation-json.md.
            """)

    @Argument(help: ArgumentHelp("The scenario file.", valueName: "scenario"))
    var scenario: String

    @OptionGroup var runOptions: SimulationRunOptions

    @Option(help: ArgumentHelp(
        "Replicate until each --precision-figure's 95% half-width is within this fraction of its mean (0.05: ±5%; availability: of its unavailability); --replications is then the first batch.",
        valueName: "fraction"))
    var precision: Double?

    @Option(name: .customLong("precision-figure"), help: ArgumentHelp(
        "With --precision: a figure that must reach it (repeatable): \(ReplicationFigure.allCases.map(\.rawValue).joined(separator: ", ")) (default: downtime_minutes).",
        valueName: "figure"))
    var precisionFigures: [ReplicationFigure] = []

    @Option(help: "With --precision: stop after this many replications even if it is not reached (default 1000).")
    var maxReplications: Int?

    @Option(help: "Time series interval in reports: day, week, month or none.")
    var series: SimulationReport.SeriesInterval = .day

    @Flag(help: "Leave wall-clock times out of the report, so that it is byte-for-byte reproducible.")
    var noTiming = false

    @Option(help: ArgumentHelp(
        "JSON: every system of every tenant (systems), a summary a tenant (tenants), or auto: systems up to \(NumberFormat.integer(SimulationReport.TenantDetail.autoSystemLimit)) tenant-systems.",
        valueName: "detail"))
    var detail: SimulationReport.TenantDetail = .auto

    @Flag(help: "Simulate the hardware plan --timeline buys: blades arrive as ordered (plus simulation.delivery_delay).")
    var timeline = false

    @Option(help: "Power management: \(PowerManagementMode.nameList) (default: the scenario's simulation.power_management, else off).")
    var powerManagement: PowerManagementMode?

    @Option(name: .customLong("include-from"), help: ArgumentHelp(
        "A folder includes may also come from (repeatable); by default they must be inside the scenario's folder.",
        valueName: "folder"))
    var includeFolders: [String] = []

    @OptionGroup var overrideOptions: OverrideOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        if let precision, !(precision > 0 && precision < 1) { throw ValidationError("--precision must be a fraction between 0 and 1, e.g. 0.05 for ±5%") }
        if precision == nil && (!precisionFigures.isEmpty || maxReplications != nil) {
            throw ValidationError("--precision-figure and --max-replications go with --precision")
        }
        if let maxReplications, maxReplications < 2 || maxReplications > 1_000_000 {
            throw ValidationError("--max-replications must be between 2 and 1000000")
        }
        if let maxReplications, let first = runOptions.replications, first > maxReplications {
            throw ValidationError("--replications (the first batch) must not exceed --max-replications")
        }
    }

    /// The precision target the options ask for (nil: a fixed number of replications).
    var precisionTarget: PrecisionTarget? {
        precision.map { PrecisionTarget(relativeHalfWidth: $0, figures: precisionFigures.isEmpty ? [.downtimeMinutes] : precisionFigures,
                                        maxReplications: maxReplications ?? 1_000) }
    }

    func run() throws {
        let start = ContinuousClock.now
        let loaded = try ScenarioInput.load(scenario, includeFolders: includeFolders, overrides: try overrideOptions.overrides())
        var options = runOptions.studyOptions
        options.timeline = timeline
        options.powerManagement = powerManagement
        options.precision = precisionTarget
        // The plan's money as `plan` gives it (the Shapley shares need every coalition planned).
        options.costGames = true
        let progress = progressOptions.line(precision.map { "simulate (until ±\(NumberFormat.grouped($0 * 100, decimals: 2))%)" } ?? "simulate", unit: "replications",
                                            total: precisionTarget?.maxReplications ?? Study.simulationRun(loaded, options: options).replications)
        let planning = progressOptions.line("simulate: plan", unit: "pools", total: loaded.pools.count)
        let study = try ScenarioInput.study(loaded, path: scenario, options: options, planProgress: { planning.update($0) }) {
            progress.update($0)
        }
        guard let result = study.simulation else { throw ExitCode.failure }  // unreachable: the study was asked to simulate
        let elapsed = ContinuousClock.now - start
        let timing = noTiming ? nil : SimulationReport.Timing(
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        switch output.format {
        case .text, .markdown, .html, .xlsx:
            try output.emit(SimulationDocument.build(result, plan: study.plan, scenario: loaded, timing: timing,
                                                     withPlan: output.format != .text, localizer: output.localizer))
        case .json:
            try output.emit(SimulationReport.json(result, scenarioName: loaded.name, scenarioFile: scenario,
                                                  series: series, timing: timing, plan: study.plan, detail: detail).serialised())
        case .csv:
            try output.emit(SimulationReport.csv(result))
        }
    }
}

extension SimulationReport.SeriesInterval: ExpressibleByArgument {}
extension SimulationReport.TenantDetail: ExpressibleByArgument {}
extension PowerManagementMode: ExpressibleByArgument {}
extension ReplicationFigure: ExpressibleByArgument {}
