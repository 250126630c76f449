import ArgumentParser
import CapacityModel
import Planning
import Reports

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Size blades, chassis and storage arrays for a scenario, with HA checks and costs.",
        discussion: "The JSON report is described in docs/plan-json.md.")

    @Argument(help: ArgumentHelp("The scenario file.", valueName: "scenario"))
    var scenario: String

    @Option(name: .customLong("include-from"), help: ArgumentHelp(
        "A folder includes may also come from (repeatable); by default they must be inside the scenario's folder.",
        valueName: "folder"))
    var includeFolders: [String] = []

    @OptionGroup var output: OutputOptions

    @Option(help: "With --format csv: which table to write (tenants or pools).")
    var table: PlanReport.CSVTable = .tenants

    func run() throws {
        let loaded = try ScenarioInput.load(scenario, includeFolders: includeFolders)
        let result = try ScenarioInput.study(loaded, path: scenario).plan
        switch output.format {
        case .text: try output.emit(PlanReport.text(result))
        case .json: try output.emit(PlanReport.json(result).serialised())
        case .markdown: try output.emit(PlanReport.markdown(result, scenario: loaded))
        case .csv: try output.emit(PlanReport.csv(result, table: table))
        }
        try ScenarioInput.requireHA(result, path: scenario)
    }
}

extension PlanReport.CSVTable: ExpressibleByArgument {}
