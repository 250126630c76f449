import ArgumentParser
import InputData
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
            japan-all); with --shard I/N it runs the I-th of N slices of the pools and writes a part, \
            which --merge turns into the whole report (the same as one run's); --emit slurm writes the \
            job array that does both. The JSON report is described in docs/group-json.md.
            """)

    @Argument(help: "The scenario file.")
    var scenario: String

    @Argument(help: ArgumentHelp("With --merge: the parts written with --shard.", valueName: "part"))
    var parts: [String] = []

    @Option(help: ArgumentHelp("Candidate tenants (codes, comma-separated; repeatable); default all.", valueName: "codes"))
    var tenants: [String] = []

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

    @Flag(name: .customLong("neighbouring-prefectures"), help: "Every two members of a group in one prefecture or in neighbouring ones (land borders).")
    var neighbouringPrefectures = false

    @Flag(name: .customLong("stable-only"), help: "Forbid groups whose core is empty (no division of their cost is stable); in an exact search.")
    var stableOnly = false

    @Flag(name: .customLong("per-pool"), help: "Group the tenants of each of the scenario's pools separately.")
    var perPool = false

    @Option(help: ArgumentHelp("With --per-pool: run the I-th of N contiguous slices of the pools and write its part (JSON Lines).", valueName: "I/N"))
    var shard: String?

    @Flag(help: "Merge the parts given after the scenario (run with the same scenario and options) into the report.")
    var merge = false

    @Option(help: "Shards of --emit slurm or k8s (default 4).")
    var shards = 4

    @Option(name: .customLong("work-dir"), help: ArgumentHelp("--emit slurm or k8s: the shared folder for parts, logs and results (default: ./group-NAME).", valueName: "folder"))
    var workFolder: String?

    @Option(name: .customLong("cloudplan"), help: ArgumentHelp("--emit slurm or k8s: the cloudplan executable the jobs run (default: this one).", valueName: "path"))
    var executable: String?

    @Flag(name: .customLong("no-timing"), help: "Leave out the run's seconds and coalitions a second (for byte-identical reports).")
    var noTiming = false

    @Option(name: .customLong("exact-up-to"), help: "Consider every partition up to this many tenants (at most 20; 2^n − 1 groups planned).")
    var exactUpTo = 12

    @Option(help: "Starts of the heuristic beyond --exact-up-to.")
    var starts = 3

    @Option(name: .customLong("set"), help: ArgumentHelp("Put VALUE at KEY of the scenario (repeatable).", valueName: "key=value"))
    var settings: [String] = []

    @Option(name: .customLong("include-from"), help: ArgumentHelp("A folder includes may also come from (repeatable).", valueName: "folder"))
    var includeFolders: [String] = []

    @Option(help: ArgumentHelp("scenario: write the proposed grouping as a scenario file instead of a report (to --output); slurm or k8s: write the job files that run --shards parts and merge them.", valueName: "what"))
    var emit: GroupEmit?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !(1...PartitionSearch.exactLimit).contains(exactUpTo) { throw ValidationError("--exact-up-to must be 1 to \(PartitionSearch.exactLimit)") }
        if starts < 1 || starts > 100 { throw ValidationError("--starts must be 1 to 100") }
        if let m = maximumTenants, m < 1 { throw ValidationError("--max-tenants must be at least 1") }
        if let m = maximumPopulation, m < 1 { throw ValidationError("--max-population must be at least 1") }
        if output.format == .csv { throw ValidationError("group writes text, json, markdown, html or xlsx") }
        try validateShards()
    }

    func run() throws {
        let loaded = try load()
        let settings = try groupingSettings(loaded)
        if let emit, emit != .scenario { return try emitJobs(emit, scenario: loaded) }
        let scopes = try scopes(loaded, settings: settings)
        let results: [(scope: String, result: GroupingResult)]
        if merge {
            results = try merged(loaded, scopes: scopes.count)
        } else {
            let slice = shard.flatMap(WorkShard.parse) ?? .whole
            var done: [GroupingPart.Scope] = []
            for index in slice.items(of: scopes.count) {
                let (name, tenants) = scopes[index]
                let r = try ScenarioInput.exitingOnError(path: scenario) { () throws(StudyError) in
                    do throws(PlanningError) { return try GroupingStudy.run(loaded, tenants: tenants, settings: settings) } catch { throw .planning(error) }
                }
                done.append(GroupingPart.Scope(index: index, name: name, result: r))
            }
            if shard != nil {
                return try output.emit(GroupingPart(fingerprint: try fingerprint(loaded), shard: slice, scopeCount: scopes.count, scopes: done).jsonLines())
            }
            results = done.map { ($0.name, $0.result) }
        }
        try report(noTiming ? results.map { ($0.scope, $0.result.withoutTiming) } : results, scenario: loaded)
    }

    /// The scenario with --set applied; exit 1 after its diagnostics.
    func load() throws -> Scenario {
        let overrides = try settings.map { text -> ScenarioOverride in
            switch ScenarioOverride.parse(text) {
            case .success(let o): return o
            case .failure(let e): throw ValidationError(e.description)
            }
        }
        return try ScenarioInput.load(scenario, includeFolders: includeFolders, overrides: overrides)
    }

    /// The search's settings from the options.
    func groupingSettings(_ loaded: Scenario) throws -> GroupingSettings {
        var s = GroupingSettings()
        s.constraints = GroupingConstraints(maximumTenants: maximumTenants, maximumPopulation: maximumPopulation,
                                            together: try together.map { try indices($0, loaded) },
                                            apart: try apart.map { try indices($0, loaded) }, samePrefecture: samePrefecture,
                                            neighbouringPrefectures: neighbouringPrefectures)
        s.exactUpTo = exactUpTo
        s.starts = starts
        s.stableOnly = stableOnly
        s.seed = loaded.simulation.seed
        return s
    }

    /// The scopes searched: the whole scenario, or each pool with --per-pool; only candidate
    /// tenants with --tenants (a pool without one is left out).
    func scopes(_ loaded: Scenario, settings: GroupingSettings) throws -> [(String, [Int]?)] {
        let candidates = tenants.isEmpty ? nil : Set(try tenants.flatMap { try indices($0, loaded) })
        if perPool {
            return loaded.pools.compactMap { pool in
                let members = pool.tenantIndices.filter { candidates?.contains($0) ?? true }
                return members.isEmpty ? nil : (pool.name, members)
            }
        }
        return [(loaded.name, candidates.map { $0.sorted() })]
    }

    /// Writes the report, or the proposed grouping as a scenario with --emit scenario.
    func report(_ results: [(scope: String, result: GroupingResult)], scenario loaded: Scenario) throws {
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
    case scenario, slurm, k8s
}
