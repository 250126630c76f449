import ArgumentParser
import CapacityModel
import Planning
import Reports
import Study

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

    @OptionGroup var overrideOptions: OverrideOptions

    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("table"), help: "With --format csv: which table to write (tenants, pools, bill-of-materials, cost-lines, shares; with --timeline also timeline, orders; or the id of any table of the report, such as purchase, failure_checks, core, cash_flow; default tenants).")
    var tableOption: String?

    /// A documented export, or nil for a report table named by its id.
    var table: PlanReport.CSVTable? { tableOption.map { PlanReport.CSVTable(rawValue: $0) } ?? .tenants }
    var tableGiven: Bool { tableOption != nil }

    @Flag(help: "Also plan month by month: who is in service, the HA-checked need, what is installed, the purchase orders.")
    var timeline = false

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: ArgumentHelp("With --timeline: how far to plan, e.g. 10y or 400d (default: the lease).", valueName: "duration"))
    var horizon: HorizonArgument?

    @Option(help: ArgumentHelp("Sample the scenario's uncertain inputs ({value, low, high, source}) at N points of a Sobol design and report the money's p5/p50/p95, a tornado and Sobol indices of the saving (docs/plan-json.md).", valueName: "N"))
    var uncertainty: Int?

    func validate() throws {
        if let uncertainty, !(2...4_096).contains(uncertainty) { throw ValidationError("--uncertainty must be between 2 and 4096 samples") }
        if !timeline && horizon != nil { throw ValidationError("--horizon is for --timeline") }
        if let name = tableOption, name.isEmpty || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("--table needs a table name")
        }
        if !timeline && (table == .timeline || table == .orders) { throw ValidationError("--table \(tableOption ?? "") needs --timeline") }
        if tableGiven && output.format != .csv { throw ValidationError("--table chooses the CSV table: give --format csv too") }
    }

    func run() throws {
        let overrides = try overrideOptions.overrides()
        let loaded = try ScenarioInput.load(scenario, includeFolders: includeFolders, overrides: overrides)
        var options = StudyOptions()
        options.costGames = true
        let progress = progressOptions.line("plan", unit: "pools", total: loaded.pools.count)
        let planned = try ScenarioInput.study(loaded, path: scenario, options: options, planProgress: { progress.update($0) }).plan
        let plan = timeline
            ? try ScenarioInput.timeline(loaded, path: scenario, months: Study.timelineMonths(loaded, horizonSeconds: horizon?.seconds))
            : nil
        // Procurement forms report their p5-p95: they sample by default.
        let samples = uncertainty ?? loaded.economics.uncertaintySamples
            ?? (loaded.procurementForms == nil ? nil : UncertaintyStudy.defaultFormSamples)
        let uncertain = try samples.map { n in
            try ScenarioInput.exitingOnError(path: scenario) { () throws(StudyError) in
                try UncertaintyStudy(path: scenario, loader: ScenarioLoader(includeFolders: includeFolders, overrides: overrides),
                                     scenario: loaded, base: planned).run(samples: n, seed: loaded.simulation.seed)
            }
        }
        let result = planned.withFormRanges(uncertain)
        switch output.format {
        case .text, .markdown, .html, .xlsx:
            var doc = PlanDocument.build(result, scenario: loaded, localizer: output.localizer)
            if let uncertain { doc.sections += UncertaintyDocument.sections(uncertain, localizer: output.localizer) }
            if let plan { doc.sections += TimelineDocument.sections(plan, localizer: output.localizer) }
            try output.emit(doc)
        case .json:
            guard case .object(let fields) = PlanReport.json(result) else {
                preconditionFailure("PlanReport.json returns an object")
            }
            let money = PlanReport.assumptionsJSON(loaded.moneyInputs) + (uncertain.map { [("uncertainty", PlanReport.uncertaintyJSON($0))] } ?? [])
            let planFields = uncertain.map { PlanReport.reported(fields, uncertainty: $0) } ?? fields
            try output.emit(JSONValue.object(planFields + money + (plan.map(TimelineReport.jsonFields) ?? [])).serialised())
        case .csv:
            if let table {
                try output.emit(PlanReport.csv(result, table: table, timeline: plan))
            } else {
                // Any other table of the report, by its id (docs/reports.md).
                var doc = PlanDocument.build(result, scenario: loaded, localizer: Localizer())
                if let plan { doc.sections += TimelineDocument.sections(plan, localizer: Localizer()) }
                let name = tableOption ?? ""
                guard let t = doc.tables.first(where: { $0.id == name }) else {
                    let names = PlanReport.CSVTable.allCases.map(\.rawValue) + doc.tables.map(\.id).filter {
                        PlanReport.CSVTable(rawValue: $0) == nil && PlanReport.CSVTable(rawValue: $0.replacingOccurrences(of: "_", with: "-")) == nil
                    }
                    printError("--table \(name): no such table; the tables are \(names.joined(separator: ", "))")
                    throw ExitCode(CLIExit.usage)
                }
                try output.emit(TableCSV.render(t))
            }
        }
        try ScenarioInput.requireHA(result, path: scenario)
        if let plan { try ScenarioInput.requireTimeline(plan, scenario: loaded, path: scenario) }
    }
}

