import ArgumentParser
import CapacityModel
import Foundation
import Reports
import Study

/// `cloudplan compare`: plans and simulates variants under common random numbers and reports
/// every figure side by side with its paired difference to the first.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare scenarios, or one scenario and variants of it, under common random numbers.",
        discussion: """
            Plans and simulates each scenario with the same seed, horizon and replications. Every \
            blade, chassis, array and site draws its failures and repairs (and every blade its demand \
            noise) from a stream of its own, named by its pool and its index, so components the \
            variants share see the same dice and a difference comes from the variant. Each figure is \
            reported for every variant, with the difference to the first, paired replication by \
            replication, and its 95% interval; a difference whose interval leaves out 0 is marked. \
            --set KEY=VALUE adds a variant: the first scenario with that value (repeat --set to change \
            several keys of that one variant; use --variant for more than one). The JSON report is \
            described in docs/compare-json.md.
            """)

    @Argument(help: ArgumentHelp("Scenario files; the first is the reference.", valueName: "scenario"))
    var scenarios: [String]

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "A variant of the first scenario with KEY=VALUE (pools[0].blades=20, simulation.power_management.mode=dpm); repeatable, all in one variant.",
        valueName: "key=value"))
    var settings: [String] = []

    @Option(help: ArgumentHelp("A named variant of the first scenario: NAME:KEY=VALUE[;KEY=VALUE…] (repeatable).", valueName: "variant"))
    var variant: [String] = []

    @OptionGroup var runOptions: SimulationRunOptions

    @Option(name: .customLong("include-from"), help: ArgumentHelp(
        "A folder includes may also come from (repeatable).", valueName: "folder"))
    var includeFolders: [String] = []

    @OptionGroup var output: OutputOptions

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("give at least one scenario") }
        if scenarios.count + (settings.isEmpty ? 0 : 1) + variant.count < 2 {
            throw ValidationError("give two scenarios, or one with --set or --variant: there is nothing to compare")
        }
    }

    func run() throws {
        let variants = try loadVariants()
        let options = runOptions.studyOptions
        let perVariant = Study.simulationRun(variants[0].scenario, options: options).replications
        let progress = progressOptions.line("compare", unit: "replications", total: perVariant * variants.count)
        let comparison = try ScenarioInput.exitingOnError(path: scenarios[0]) { () throws(StudyError) in
            try Study.compare(variants, options: options) { variant, done in progress.update(variant * perVariant + done) }
        }
        switch output.format {
        case .text, .markdown, .html, .xlsx: try output.emit(ComparisonDocument.build(comparison, localizer: output.localizer))
        case .json: try output.emit(ComparisonReport.json(comparison).serialised())
        case .csv: try output.emit(ComparisonReport.csv(comparison))
        }
    }

    /// The scenarios, then the --set variant, then each --variant, named and loaded (exit 1
    /// after every diagnostic of every one that is wrong).
    func loadVariants() throws -> [(name: String, scenario: Scenario)] {
        var specs: [(name: String, path: String, overrides: [String])] = []
        for path in scenarios {
            var name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            if specs.contains(where: { $0.name == name }) { name += "#\(specs.count + 1)" }
            specs.append((name, path, []))
        }
        let first = specs[0].name
        if !settings.isEmpty { specs.append(("\(first) with \(settings.joined(separator: ", "))", scenarios[0], settings)) }
        for v in variant {
            guard let colon = v.firstIndex(of: ":"), colon != v.startIndex else {
                throw ValidationError("--variant \(v): expected NAME:KEY=VALUE[;KEY=VALUE…]")
            }
            let sets = v[v.index(after: colon)...].split(separator: ";").map { String($0).trimmingCharacters(in: .whitespaces) }
            specs.append((String(v[..<colon]), scenarios[0], sets))
        }
        var loaded: [(name: String, scenario: Scenario)] = []
        var failed = false
        for spec in specs {
            var overrides: [ScenarioOverride] = []
            for text in spec.overrides {
                switch ScenarioOverride.parse(text) {
                case .success(let o): overrides.append(o)
                case .failure(let e): throw ValidationError(e.description)
                }
            }
            do {
                loaded.append((spec.name, try ScenarioInput.load(spec.path, includeFolders: includeFolders, overrides: overrides)))
            } catch {
                failed = true
            }
        }
        if failed { throw ExitCode(CLIExit.invalidInput) }
        return loaded
    }
}
