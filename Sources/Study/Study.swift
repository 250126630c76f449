import CapacityModel
import Planning
import SimKernel
import Simulation

/// What a study runs: the plan always, the simulation when asked. Every default lives here once
/// (the command line, the tests and the benchmarks all go through `Study.run`).
public struct StudyOptions: Sendable {
    /// Whether to simulate the plan as well.
    public var simulate: Bool
    /// Simulated seconds; nil: the scenario's `simulation.horizon_years`, else the lease.
    public var horizonSeconds: Double?
    /// Replications; nil: the scenario's `simulation.replications`.
    public var replications: Int?
    /// Master seed; nil: the scenario's `simulation.seed`.
    public var seed: UInt64?
    /// Replications run in parallel (≥ 1); it never changes the results.
    public var jobs: Int
    /// The planner's improvement budget per pool (moves, deterministic).
    public var improvementMoves: Int
    /// Simulate the hardware the timeline buys (`simulate --timeline`): blades arrive as ordered.
    public var timeline: Bool = false
    /// Power management in the simulation; nil: the scenario's `simulation.power_management`.
    public var powerManagement: PowerManagementMode?
    /// Plan every coalition of each pool's members for the Shapley value and the core check, as
    /// `economics.finance` asks (`cloudplan plan`); off for simulations, comparisons and sweeps.
    public var costGames: Bool = false
    /// Replicate until these figures are known to a relative half-width (`simulate --precision`):
    /// `replications` is then the first batch; nil: exactly `replications`.
    public var precision: PrecisionTarget?

    public init(simulate: Bool = false, horizonSeconds: Double? = nil, replications: Int? = nil, seed: UInt64? = nil,
                jobs: Int = 1, improvementMoves: Int = Planner.defaultImprovementMoves) {
        self.simulate = simulate
        self.horizonSeconds = horizonSeconds
        self.replications = replications
        self.seed = seed
        self.jobs = jobs
        self.improvementMoves = improvementMoves
    }
}

/// The simulation settings a study resolved from its options and the scenario.
public struct SimulationRun: Sendable, Equatable {
    public var horizonSeconds: Double
    public var replications: Int
    public var seed: UInt64

    public init(horizonSeconds: Double, replications: Int, seed: UInt64) {
        self.horizonSeconds = horizonSeconds
        self.replications = replications
        self.seed = seed
    }
}

/// A planned (and perhaps simulated) scenario.
public struct StudyResult: Sendable {
    public var scenario: Scenario
    public var plan: PlanResult
    /// What the simulation ran with (nil when it was not asked for).
    public var run: SimulationRun?
    public var simulation: SimulationResult?
    /// The purchases simulated, with `StudyOptions.timeline`.
    public var timeline: Timeline?
}

/// Why a study could not be completed.
public enum StudyError: Error, Sendable, CustomStringConvertible {
    /// A pool cannot meet its policy (exit 3 on the command line).
    case planning(PlanningError)
    /// A trace file the scenario maps onto a system cannot be read (exit 1).
    case traces(TraceLoader.TraceError)
    /// An input the study derived cannot be read (an uncertain input's sampled value, exit 1).
    case invalidInput(String)

    public var description: String {
        switch self {
        case .planning(let e): return e.description
        case .traces(let e): return e.description
        case .invalidInput(let text): return text
        }
    }
}

/// The entry point of "plan, then simulate".
public enum Study {
    /// Simulated seconds of a run: the option, else the scenario's horizon, else the lease
    /// (365-day years).
    public static func horizonSeconds(_ scenario: Scenario, override: Double? = nil) -> Double {
        override ?? (scenario.simulation.horizonYears ?? scenario.economics.leaseYears) * SimDuration.year
    }

    /// The settings a simulation of `scenario` runs with under `options`.
    public static func simulationRun(_ scenario: Scenario, options: StudyOptions) -> SimulationRun {
        SimulationRun(horizonSeconds: horizonSeconds(scenario, override: options.horizonSeconds),
                      replications: options.replications ?? scenario.simulation.replications,
                      seed: options.seed ?? scenario.simulation.seed)
    }

    /// Plans `scenario` and, if `options.simulate`, simulates the plan. `progress` is called
    /// after each replication with the number done, `planProgress` after each pool planned with
    /// the number planned (both from any thread).
    public static func run(_ scenario: Scenario, options: StudyOptions = StudyOptions(),
                           planProgress: (@Sendable (Int) -> Void)? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) throws(StudyError) -> StudyResult {
        var scenario = scenario
        if let mode = options.powerManagement { scenario.simulation.powerManagement.mode = mode }
        let plan: PlanResult
        do {
            var planner = Planner(scenario: scenario, improvementMoves: options.improvementMoves)
            planner.costGames = options.costGames
            planner.progress = planProgress
            plan = try planner.plan()
        } catch {
            throw .planning(error)
        }
        guard options.simulate else { return StudyResult(scenario: scenario, plan: plan) }
        let run = simulationRun(scenario, options: options)
        var model = try simulationModel(scenario, plan: plan)
        var bought: Timeline?
        if options.timeline {
            let t = try timeline(scenario, months: timelineMonths(scenario, horizonSeconds: run.horizonSeconds), options: options)
            model.scheduleDeliveries(t)
            bought = t
        }
        return StudyResult(scenario: scenario, plan: plan, run: run,
                           simulation: simulate(model, run: run, jobs: options.jobs, precision: options.precision, progress: progress),
                           timeline: bought)
    }

    /// The flat simulation model of a plan, with the traces the scenario replays (`traces`, when
    /// they were read already: a sweep reads each set of trace files once for all its variants).
    public static func simulationModel(_ scenario: Scenario, plan: PlanResult, traces: TraceLibrary? = nil) throws(StudyError) -> SimulationModel {
        if let traces { return SimulationModel(scenario: scenario, plan: plan, traces: traces) }
        do {
            return SimulationModel(scenario: scenario, plan: plan, traces: try TraceLoader.load(scenario.simulation.traces))
        } catch {
            throw .traces(error)
        }
    }

    /// Runs the replications of `run` on `jobs` threads (the results do not depend on `jobs`),
    /// more of them until `precision` is met when it is given.
    public static func simulate(_ model: SimulationModel, run: SimulationRun, jobs: Int, precision: PrecisionTarget? = nil,
                                progress: (@Sendable (Int) -> Void)? = nil) -> SimulationResult {
        let simulator = Simulator(model: model, horizonSeconds: run.horizonSeconds, seed: run.seed, replications: run.replications,
                                  jobs: jobs)
        if let precision { return simulator.run(until: precision, progress: progress) }
        return simulator.run(progress: progress)
    }

    /// Months a timeline covers: the horizon asked for (rounded up to whole months), else the
    /// lease; at least one.
    public static func timelineMonths(_ scenario: Scenario, horizonSeconds: Double? = nil) -> Int {
        let years = horizonSeconds.map { $0 / SimDuration.year } ?? scenario.economics.leaseYears
        return Swift.max(1, Int((years * 12 - 1e-9).rounded(.up)))
    }

    /// Plans every pool month by month over `months` (`plan --timeline`).
    public static func timeline(_ scenario: Scenario, months: Int, options: StudyOptions = StudyOptions()) throws(StudyError) -> Timeline {
        do {
            return try TimelinePlanner(scenario: scenario, improvementMoves: options.improvementMoves).timeline(months: months)
        } catch {
            throw .planning(error)
        }
    }
}
