import ArgumentParser
import CapacityModel
import Foundation
import Grouping
import Planning
import Reports
import Study

/// `cloudplan group`: the grouping of a scenario's tenants into shared pools that costs least a
/// year, under a prefecture's constraints, with each group's stability (issue 34).
struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Propose the grouping of the tenants into shared pools that costs least a year.",
        discussion: """
            Each candidate group is planned by the real planner (sizing, HA reserve, cost lines) with \
            the pool of its first member as the template; a group costs the cheaper of that pool and \
            its members on their own servers (the cost game's coalition cost). Up to --exact-up-to \
            tenants every partition is considered (dynamic programming over subsets); beyond, greedy \
            merging and single moves from --starts starts, with a lower bound and the gap. --per-pool \
            groups the tenants of each of the scenario's pools separately (a prefecture at a time in \
            japan-all). The JSON report is described in docs/group-json.md.
            """)

    @Argument(help: "The scenario file.")
    var scenario: String

    @Option(name: .customLong("max-tenants"), help: "At most this many tenants a group.")
    var maximumTenants: Int?

    @Option(name: .customLong("max-population"), help: "At most this many residents a group (a larger tenant may stand alone).")
    var maximumPopulation: Int?

    @Option(help: ArgumentHelp("Tenant codes that must share a group, comma-separated (repeatable).", valueName: "codes"))
    var together: [String] = []

    @Option(help: ArgumentHelp("Tenant codes no two of which may share a group, comma-separated (repeatable).", valueName: "codes"))
    var apart: [String] = []

    @Flag(name: .customLong("same-prefecture"), help: "Every group within one prefecture.")
    var samePrefecture = false

    @Flag(name: .customLong("per-pool"), help: "Group the tenants of each of the scenario's pools separately.")
    var perPool = false

    @Option(name: .customLong("exact-up-to"), help: "Consider every partition up to this many tenants (at most 20; 2^n − 1 groups planned).")
    var exactUpTo = 12

    @Option(help: "Starts of the heuristic beyond --exact-up-to.")
    var starts = 3

    @Option(name: .customLong("set"), help: ArgumentHelp("Put VALUE at KEY of the scenario (repeatable).", valueName: "key=value"))
    var settings: [String] = []

    @Option(name: .customLong("include-from"), help: ArgumentHelp("A folder includes may also come from (repeatable).", valueName: "folder"))
    var includeFolders: [String] = []

    @Option(help: ArgumentHelp("scenario: write the proposed grouping as a scenario file instead of a report (to --output).", valueName: "what"))
    var emit: GroupEmit?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !(1...PartitionSearch.exactLimit).contains(exactUpTo) { throw ValidationError("--exact-up-to must be 1 to \(PartitionSearch.exactLimit)") }
        if starts < 1 || starts > 100 { throw ValidationError("--starts must be 1 to 100") }
        if let m = maximumTenants, m < 1 { throw ValidationError("--max-tenants must be at least 1") }
        if let m = maximumPopulation, m < 1 { throw ValidationError("--max-population must be at least 1") }
        if output.format == .csv { throw ValidationError("group writes text, json, markdown, html or xlsx") }
    }

    func run() throws {
        let overrides = try settings.map { text -> ScenarioOverride in
            switch ScenarioOverride.parse(text) {
            case .success(let o): return o
            case .failure(let e): throw ValidationError(e.description)
            }
        }
        let loaded = try ScenarioInput.load(scenario, includeFolders: includeFolders, overrides: overrides)
        var s = GroupingSettings()
        s.constraints = GroupingConstraints(maximumTenants: maximumTenants, maximumPopulation: maximumPopulation,
                                            together: try together.map { try indices($0, loaded) },
                                            apart: try apart.map { try indices($0, loaded) }, samePrefecture: samePrefecture)
        s.exactUpTo = exactUpTo
        s.starts = starts
        s.seed = loaded.simulation.seed
        let scopes: [(String, [Int]?)] = perPool ? loaded.pools.map { ($0.name, $0.tenantIndices) } : [(loaded.name, nil)]
        var results: [(scope: String, result: GroupingResult)] = []
        for (name, tenants) in scopes {
            let r = try ScenarioInput.exitingOnError(path: scenario) { () throws(StudyError) in
                do throws(PlanningError) { return try GroupingStudy.run(loaded, tenants: tenants, settings: s) } catch { throw .planning(error) }
            }
            results.append((name, r))
        }
        if emit == .scenario {
            do {
                try output.emit(try GroupingScenario.yaml(results, scenario: loaded, originalPath: scenario, outputPath: output.output))
            } catch let e as GroupingScenario.EmitError {
                printError("error: \(e)")
                throw ExitCode(CLIExit.invalidInput)
            }
            return
        }
        switch output.format {
        case .json: try output.emit(GroupingReport.json(results, scenario: loaded).serialised())
        default: try output.emit(GroupingDocument.build(results, scenario: loaded, localizer: output.localizer))
        }
    }

    /// Tenant indices of comma-separated codes; a code the scenario lacks is a usage error.
    func indices(_ list: String, _ scenario: Scenario) throws -> [Int] {
        try list.split(separator: ",").map { code in
            let c = code.trimmingCharacters(in: .whitespaces)
            guard let i = scenario.tenants.firstIndex(where: { $0.code == c }) else {
                throw ValidationError("no tenant has code '\(c)' (in '\(list)')")
            }
            return i
        }
    }
}

/// What `group --emit` writes instead of a report.
enum GroupEmit: String, CaseIterable, ExpressibleByArgument {
    case scenario
}
