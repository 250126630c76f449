import ArgumentParser
import CapacityModel
import Foundation
import Planning

/// Prints a line on standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Loads and validates scenarios the same way for every command.
enum ScenarioInput {
    /// The scenario at `path`, or exit 1 after printing every diagnostic as FILE:LINE:COLUMN: error: ….
    static func load(_ path: String) throws -> Scenario {
        let sink = DiagnosticSink()
        let scenario = ScenarioLoader().load(path: path, sink: sink)
        for d in sink.sorted { printError(d.description) }
        guard let scenario, !sink.hasErrors else { throw ExitCode(CLIExit.invalidInput) }
        return scenario
    }

    /// The plan of `scenario` (loaded from `path`), or exit with `CLIExit.infeasible` after
    /// printing why, located at the scenario key concerned when there is one.
    static func plan(_ scenario: Scenario, path: String) throws -> PlanResult {
        do {
            return try Planner(scenario: scenario).plan()
        } catch let error as PlanningError {
            printError("\(error.location.map(String.init(describing:)) ?? path): error: \(error)")
            throw ExitCode(CLIExit.infeasible)
        }
    }
}
