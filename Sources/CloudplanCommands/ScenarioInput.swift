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
    static func load(_ path: String, includeFolders: [String] = []) throws -> Scenario {
        let sink = DiagnosticSink()
        let scenario = ScenarioLoader(includeFolders: includeFolders).load(path: path, sink: sink)
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
                      progress: (@Sendable (Int) -> Void)? = nil) throws -> StudyResult {
        do {
            return try Study.run(scenario, options: options, progress: progress)
        } catch .planning(let error) {
            printError("\(error.location.map(String.init(describing:)) ?? path): error: \(error)")
            throw ExitCode(CLIExit.infeasible)
        } catch .traces(let error) {
            printError("\(error)")
            throw ExitCode(CLIExit.invalidInput)
        }
    }
}
