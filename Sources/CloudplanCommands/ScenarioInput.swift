import ArgumentParser
import CapacityModel
import Foundation
import Planning
import Study

/// Prints a line on standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Loads and validates scenarios the same way for every command.
enum ScenarioInput {
    /// The scenario at `path`, or exit 1 after printing every diagnostic as FILE:LINE:COLUMN: error: ….
    static func load(_ path: String, includeFolders: [String] = [], overrides: [ScenarioOverride] = []) throws -> Scenario {
        let sink = DiagnosticSink()
        let scenario = ScenarioLoader(includeFolders: includeFolders, overrides: overrides).load(path: path, sink: sink)
        for d in sink.sorted { printError(d.description) }
        guard let scenario, !sink.hasErrors else { throw ExitCode(CLIExit.invalidInput) }
        return scenario
    }

    /// Exit `CLIExit.infeasible` (after the report was written) when a pool fails an HA check
    /// its policy requires, naming each such pool and check at the pool's key.
    static func requireHA(_ plan: PlanResult, path: String) throws {
        let failing = plan.pools.filter { !$0.ha.ok }
        guard !failing.isEmpty else { return }
        for p in failing {
            let reasons = p.ha.unmetRequirements
            let at = p.pool.fixedBlades?.location.description ?? p.pool.location.description
            printError("\(at): error: pool '\(p.name)': the HA policy '\(p.pool.policy.id)' (\(p.ha.admission)) is not met on \(p.blades) blade\(p.blades == 1 ? "" : "s"): \(reasons.joined(separator: "; "))")
        }
        throw ExitCode(CLIExit.infeasible)
    }

    /// The study of `scenario` (loaded from `path`), or an exit after printing why: a pool that
    /// cannot meet its policy is `CLIExit.infeasible`, located at the scenario key concerned when
    /// there is one; an unreadable trace is `CLIExit.invalidInput`.
    static func study(_ scenario: Scenario, path: String, options: StudyOptions = StudyOptions(),
                      planProgress: (@Sendable (Int) -> Void)? = nil,
                      progress: (@Sendable (Int) -> Void)? = nil) throws -> StudyResult {
        try exitingOnError(path: path) { () throws(StudyError) in
            try Study.run(scenario, options: options, planProgress: planProgress, progress: progress)
        }
    }

    /// `body`'s result, or the exit its `StudyError` calls for, after printing it (located at
    /// the scenario key concerned when there is one, else at `path`).
    static func exitingOnError<T>(path: String, context: String = "", _ body: () throws(StudyError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            switch error {
            case .planning(let e):
                printError("\(e.location.map(String.init(describing:)) ?? path): error: \(e)\(context)")
                throw ExitCode(CLIExit.infeasible)
            case .traces(let e):
                printError("\(e)")
                throw ExitCode(CLIExit.invalidInput)
            case .invalidInput(let text):
                printError("\(path): error: \(text)")
                throw ExitCode(CLIExit.invalidInput)
            }
        }
    }

    /// The timeline of `scenario` over `months`, or exit 3 (as `study`) when a state cannot be
    /// sized.
    static func timeline(_ scenario: Scenario, path: String, months: Int) throws -> Timeline {
        try exitingOnError(path: path, context: " (in the timeline)") { () throws(StudyError) in try Study.timeline(scenario, months: months) }
    }

    /// Exit `CLIExit.infeasible` (after the report was written) when some month of a pool has
    /// less hardware installed than its sizing needs, located at the pool policy's procurement.
    static func requireTimeline(_ timeline: Timeline, scenario: Scenario, path: String) throws {
        var short = false
        for (p, pool) in zip(timeline.pools, scenario.pools) where !p.ok {
            short = true
            let months = p.months.filter { $0.bladesInstalled < $0.bladesNeeded || !$0.haOK }
            let worst = months.max { $0.bladesNeeded - $0.bladesInstalled < $1.bladesNeeded - $1.bladesInstalled }
            let at = pool.policy.procurement.location ?? pool.policy.location
            printError("\(at): error: pool '\(p.pool)': in \(months.count) month\(months.count == 1 ? "" : "s") from month \(months.first?.month ?? 0) the installed hardware does not meet the need"
                       + (worst.map { " (month \($0.month): \($0.bladesInstalled) blades installed, \($0.bladesNeeded) needed; \($0.arraysInstalled) arrays, \($0.arraysNeeded) needed)" } ?? ""))
        }
        if short { throw ExitCode(CLIExit.infeasible) }
    }
}

/// --set KEY=VALUE for the commands that read one scenario: values put at key paths of the
/// scenario's main file before it is read (`ScenarioOverride`; docs/compare-json.md).
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Put VALUE at KEY of the scenario before reading it (pools[0].blades=20, simulation.power_management.mode=dpm); repeatable.",
        valueName: "key=value"))
    var settings: [String] = []

    /// The overrides, parsed; a malformed one is a usage error.
    func overrides() throws -> [ScenarioOverride] {
        try settings.map { text in
            switch ScenarioOverride.parse(text) {
            case .success(let o): return o
            case .failure(let e): throw ValidationError(e.description)
            }
        }
    }

    func validate() throws { _ = try overrides() }
}
