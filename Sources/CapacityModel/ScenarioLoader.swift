import Foundation
import Yams

/// Reads a scenario file (and the files it includes) into a `Scenario`, reporting every problem
/// at once as located diagnostics. Nothing is returned unless the whole scenario is valid.
///
/// Order of reading: the `include` list first (each included file may hold `catalog`,
/// `hardware`, `sites` and `policies`, and include further files), then the main file's own
/// sections in dependency order, so that every reference is checked where it is written.
public struct ScenarioLoader: Sendable {
    /// Folders includes may also come from, besides the scenario's own folder tree.
    public var includeFolders: [String]
    /// Values put into the main file before it is read (`--set`), in order.
    public var overrides: [ScenarioOverride]
    /// Draws for uncertain inputs, by `Assumption.keyPath`, in place of their values (in the
    /// main file or an included one): how `plan --uncertainty` reads one sample.
    public var assumptionValues: [String: Double] = [:]
    /// Parsed files kept between loads (nil: every load reads its files): a study that reads one
    /// scenario many times with different `assumptionValues` parses each file once.
    public var parsedFiles: ParsedFiles?

    public init(includeFolders: [String] = [], overrides: [ScenarioOverride] = []) {
        self.includeFolders = includeFolders
        self.overrides = overrides
    }

    func builder(_ sink: DiagnosticSink) -> ScenarioBuilder {
        let b = ScenarioBuilder(sink: sink)
        b.assumptionValues = assumptionValues
        b.parsedFiles = parsedFiles
        b.extraIncludeRoots = includeFolders.map { folder in
            guard let real = realpath(folder, nil) else { return ScenarioBuilder.standardised(folder) }
            defer { free(real) }
            return String(cString: real)
        }
        return b
    }

    /// Loads and validates `path`. Throws `ScenarioError` with every diagnostic if anything is wrong.
    public func load(path: String) throws -> Scenario {
        let sink = DiagnosticSink()
        let scenario = load(path: path, sink: sink)
        if sink.hasErrors || scenario == nil {
            var all = sink.sorted
            if all.isEmpty {
                all = [Diagnostic(SourceLocation(file: path, line: 1, column: 1), keyPath: "", message: "invalid scenario")]
            }
            throw ScenarioError(all)
        }
        return scenario!
    }

    /// What a library file defines (`validate` on a file with catalog, hardware, sites or
    /// policies and no tenants or pools).
    public struct LibrarySummary: Sendable {
        public var systems: Int, profiles: Int, hardwareModels: Int, sites: Int, policies: Int
    }

    /// Whether `path` holds a library file rather than a scenario: a mapping with some of the
    /// library sections and neither `tenants` nor `pools`. Nil when it cannot be read as YAML.
    public func isLibraryFile(_ path: String) -> Bool {
        guard let root = YAMLFile.load(path: path, displayPath: path, sink: DiagnosticSink()),
              let keys = root.mapping?.keys.compactMap(\.string) else { return false }
        let library: Set<String> = ["catalog", "hardware", "sites", "policies"]
        return !keys.contains("tenants") && !keys.contains("pools") && keys.contains { library.contains($0) }
    }

    /// Checks a library file on its own (and what it includes): every definition and every
    /// reference between its own definitions. Nil if any error was found.
    public func loadLibrary(path: String, sink: DiagnosticSink) -> LibrarySummary? {
        let builder = self.builder(sink)
        guard let parsed = YAMLFile.load(path: path, displayPath: path, sink: sink) else { return nil }
        let root = AssumptionScan.extract(parsed, file: path, sink: sink).0
        let node = YAMLNode(node: root, path: "", file: path, sink: sink)
        guard let r = node.mapping() else { return nil }
        builder.includeStack.append(ScenarioBuilder.standardised(path))
        builder.includeRoot = ScenarioBuilder.realFolder(of: path)
        _ = r.optionalString("description")
        if r.has("cloudplan") { _ = builder.readVersion(r) }
        builder.readIncludes(r, relativeTo: path)
        builder.readLibrarySections(r)
        // Profiles may come from another file of the scenario: checked only where the file has some.
        if !builder.catalog.systems.isEmpty && !builder.catalog.profiles.isEmpty { builder.resolveProfileReferences() }
        r.finish()
        guard !sink.hasErrors else { return nil }
        let h = builder.hardware
        return LibrarySummary(systems: builder.catalog.systems.count, profiles: builder.catalog.profiles.count,
                              hardwareModels: h.blades.count + h.chassis.count + h.storageArrays.count + h.racks.count
                                  + h.baselineServers.count,
                              sites: builder.sites.count, policies: builder.policies.count)
    }

    /// Loads `path`, reporting to `sink`; returns nil if any error was found.
    public func load(path: String, sink: DiagnosticSink) -> Scenario? {
        let builder = self.builder(sink)
        guard var root = builder.loadFile(path: path, displayPath: path) else { return nil }
        for o in overrides {
            switch o.apply(to: root) {
            case .success(let changed): root = changed
            case .failure(let error):
                if let origin = o.origin {
                    sink.error(origin, "", "\(error.text): \(error.reason) (in \(path))")
                } else {
                    sink.error(SourceLocation(file: path, line: 1, column: 1), "", error.description)
                }
            }
        }
        guard !sink.hasErrors else { return nil }
        let (values, assumptions) = AssumptionScan.extract(root, file: path, values: assumptionValues, sink: sink)
        let node = YAMLNode(node: values, path: "", file: path, sink: sink)
        var scenario = builder.readMain(node, path: path)
        scenario?.assumptions = builder.includedAssumptions + assumptions
        return sink.hasErrors ? nil : scenario
    }
}

/// Accumulates the sections of a scenario and its includes while they are read.
final class ScenarioBuilder {
    let sink: DiagnosticSink
    var catalog = Catalog()
    var hardware = HardwareCatalog()
    var sites: [Site] = []
    var policies: [Policy] = []
    /// Public clouds' price lists (`cloud_catalogs:`), for the `iaas` procurement form.
    var cloudCatalogs: [InstanceCatalog] = []
    /// Files being read, to catch include cycles (standardised absolute paths).
    var includeStack: [String] = []
    /// The folder includes must stay inside: the folder of the file first read (scenario or
    /// library), with symbolic links resolved. Nil until that file is known.
    var includeRoot: String?
    /// Further folders includes may come from (`--include-from`).
    var extraIncludeRoots: [String] = []
    /// Files already included once (a diamond include is read once), and their paths in the
    /// order they were first read.
    var included: Set<String> = []
    var includeOrder: [String] = []
    /// Where each id was first defined, per kind, to report duplicates.
    var definitions: [String: [String: SourceLocation]] = [:]
    /// Ids of definitions that were reported wrong: references to them stay silent (one error
    /// per mistake).
    var brokenIDs: Set<String> = []
    /// Whether an include could not be read: its definitions are missing, so references to
    /// unknown ids are not reported (the missing file is the one mistake).
    var includeFailed = false
    /// Uncertain inputs of the included files, in reading order, and the draws to read them with.
    var includedAssumptions: [Assumption] = []
    var assumptionValues: [String: Double] = [:]
    var parsedFiles: ParsedFiles?

    static let currentFormatVersion = 1

    init(sink: DiagnosticSink) { self.sink = sink }

    // MARK: Files

    func readMain(_ node: YAMLNode, path: String) -> Scenario? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let version = readVersion(r)
        includeStack.append(Self.standardised(path))
        includeRoot = Self.realFolder(of: path)
        readIncludes(r, relativeTo: path)
        readLibrarySections(r)
        resolveProfileReferences()
        let name = r.string("name")
        let description = r.optionalString("description") ?? ""
        let year = r.integer("reference_year", default: 2011, min: 1990, max: 2100)

        var table: PopulationTable?
        if let t = r.optional("population_table") {
            table = readPopulationTable(t, relativeTo: path)
        }
        let tenants = r.required("tenants", "a list of municipalities")
            .flatMap { readTenants($0, table: table, tableNode: r.optional("population_table")) } ?? []
        let pools = r.required("pools", "a list of shared pools").flatMap { readPools($0, tenants: tenants) } ?? []
        let baseline = r.required("baseline", "what the tenants run before consolidation").flatMap(readBaseline)
        let economics = r.optional("economics").map(readEconomics) ?? EconomicsSettings(location: r.location)
        let simulation = r.optional("simulation").map { readSimulation($0, relativeTo: path) } ?? SimulationSettings()
        let onboarding = r.optional("onboarding").map(readOnboarding) ?? OnboardingSettings()
        let continuity = r.optional("continuity").map { readContinuity($0, pools: pools) }
        let forms = r.optional("procurement_forms").map { readProcurementForms($0, economics: economics) }

        if catalog.systems.isEmpty && !includeFailed { r.node.error("the catalog defines no systems (catalog.systems)") }
        guard let version, let name, let year, let baseline, let economics, let simulation, let onboarding else { return nil }
        if let c = continuity, c == nil { return nil }
        if let f = forms, f == nil { return nil }
        var scenario = Scenario(formatVersion: version, name: name, description: description, file: path,
                                referenceYear: year, tenants: tenants, catalog: catalog, hardware: hardware,
                                sites: sites, policies: policies, pools: pools, baseline: baseline,
                                economics: economics, simulation: simulation, onboarding: onboarding,
                                continuity: continuity ?? nil)
        scenario.includedFiles = includeOrder
        scenario.procurementForms = forms ?? nil
        if !sink.hasErrors { ScenarioChecks(scenario: scenario, sink: sink).run() }
        return scenario
    }

    func readVersion(_ r: MappingReader) -> Int? {
        guard let v = r.required("cloudplan", "the format version, 1")?.integer() else { return nil }
        if v != Self.currentFormatVersion {
            r.optional("cloudplan")?.error("unsupported format version \(v); this cloudplan reads version \(Self.currentFormatVersion)")
            return nil
        }
        return v
    }

    /// `YAMLFile.load`, through `parsedFiles` when the loader keeps them.
    func loadFile(path: String, displayPath: String, includedAt: YAMLNode? = nil) -> Node? {
        if let node = parsedFiles?.node(path) { return node }
        let node = YAMLFile.load(path: path, displayPath: displayPath, sink: sink, includedAt: includedAt)
        if let node { parsedFiles?.keep(node, for: path) }
        return node
    }

    /// `parsed` with its uncertain inputs replaced by their values or draws (kept in
    /// `includedAssumptions`); a file known to have none is not scanned again.
    func scanAssumptions(_ parsed: Node, file: String) -> Node {
        if parsedFiles?.hasNoAssumptions(file) == true { return parsed }
        let (root, found) = AssumptionScan.extract(parsed, file: file, values: assumptionValues, sink: sink)
        if found.isEmpty && !sink.hasErrors { parsedFiles?.markNoAssumptions(file) }
        includedAssumptions += found
        return root
    }

    func readIncludes(_ r: MappingReader, relativeTo path: String) {
        guard let list = r.optional("include")?.list() else { return }
        for item in list {
            guard let relative = item.string() else { continue }
            let resolved = Self.resolve(relative, against: path)
            let key = Self.standardised(resolved)
            if let root = includeRoot, !([root] + extraIncludeRoots).contains(where: { Self.isInside(resolved, root: $0) }) {
                // Checked before the file is opened: an include never reads (or echoes) a file
                // outside the scenario's folder tree.
                item.error("included file \(relative) is outside the scenario's folder (\(root)); includes must stay inside it, or in a folder given with --include-from")
                includeFailed = true
                continue
            }
            if includeStack.contains(key) {
                item.error("include cycle: \(relative) is already being read")
                continue
            }
            if !included.insert(key).inserted { continue }
            includeOrder.append(resolved)
            guard let parsed = loadFile(path: resolved, displayPath: resolved, includedAt: item) else {
                includeFailed = true
                continue
            }
            let root = scanAssumptions(parsed, file: resolved)
            let node = YAMLNode(node: root, path: "", file: resolved, sink: sink)
            guard let ir = node.mapping() else {
                includeFailed = true
                continue
            }
            includeStack.append(key)
            _ = ir.optionalString("description")
            if ir.has("cloudplan") { _ = readVersion(ir) }
            readIncludes(ir, relativeTo: resolved)
            readLibrarySections(ir)
            includeStack.removeLast()
            ir.finish()
        }
    }

    /// The sections a library file may define: catalog, hardware, sites, policies, cloud catalogs.
    func readLibrarySections(_ r: MappingReader) {
        if let c = r.optional("catalog"), let cr = c.mapping() {
            for n in cr.optional("systems")?.list() ?? [] {
                decodeDefinition(n, "system", SystemDefinition.decode) { catalog.systems.append($0) }
            }
            for n in cr.optional("profiles")?.list() ?? [] {
                decodeDefinition(n, "profile", DemandProfile.decode) { catalog.profiles.append($0) }
            }
            cr.finish()
        }
        if let h = r.optional("hardware"), let hr = h.mapping() {
            readList(hr, "blades", BladeModel.decode) { hardware.blades.append($0) }
            readList(hr, "chassis", ChassisModel.decode) { hardware.chassis.append($0) }
            readList(hr, "storage_arrays", StorageArrayModel.decode) { hardware.storageArrays.append($0) }
            readList(hr, "racks", RackModel.decode) { hardware.racks.append($0) }
            readList(hr, "baseline_servers", BaselineServerModel.decode) { hardware.baselineServers.append($0) }
            hr.finish()
        }
        for n in r.optional("sites")?.list() ?? [] { decodeDefinition(n, "site", Site.decode) { sites.append($0) } }
        for n in r.optional("policies")?.list() ?? [] { decodeDefinition(n, "policy", Policy.decode) { policies.append($0) } }
        for n in r.optional("cloud_catalogs")?.list() ?? [] {
            decodeDefinition(n, "cloud catalog", InstanceCatalog.decode) { cloudCatalogs.append($0) }
        }
    }

    private func readList<T>(_ r: MappingReader, _ key: String, _ decode: (YAMLNode) -> T?,
                             append: (T) -> Void) where T: Identified {
        for n in r.optional(key)?.list() ?? [] { decodeDefinition(n, key, decode, append) }
    }

    /// Decodes one definition and records it; one that is wrong (already reported) has its id
    /// remembered so that references to it are not reported again.
    private func decodeDefinition<T: Identified>(_ n: YAMLNode, _ kind: String, _ decode: (YAMLNode) -> T?,
                                                 _ append: (T) -> Void) {
        if let item = decode(n) {
            define(kind, item.id, at: n) { append(item) }
        } else if let id = n.node["id"]?.string {
            brokenIDs.insert(id)
        }
    }

    /// Records a definition, reporting a duplicate id of the same kind.
    func define(_ kind: String, _ id: String, at node: YAMLNode, _ add: () -> Void) {
        if let first = definitions[kind]?[id] {
            node.error("duplicate \(kind) id '\(id)' (first defined at \(first))")
            return
        }
        definitions[kind, default: [:]][id] = node.location
        add()
    }

    /// Every system's profile must exist; resolves it to an index. Done once all files are read,
    /// since a profile may be defined in a file read after the system that uses it.
    func resolveProfileReferences() {
        let ids = catalog.profiles.map(\.id)
        for (s, system) in catalog.systems.enumerated() {
            if let p = ids.firstIndex(of: system.profile) {
                catalog.systems[s].profileIndex = p
                continue
            }
            // A profile that is defined but wrong has been reported where it is written.
            if brokenIDs.contains(system.profile) || includeFailed { continue }
            let hint = EditDistance.hint(for: system.profile, among: ids)
            sink.error(system.profileLocation, "catalog.systems.\(system.id).profile",
                       "no profile named '\(system.profile)'\(hint); defined: \(ids.sorted().joined(separator: ", "))")
        }
    }

    // MARK: References

    /// The index of the id written at `node` among `ids`, or nil after reporting it at `node`
    /// (with a did-you-mean hint and the ids defined).
    func referenceIndex(_ node: YAMLNode?, kind: String, ids: [String]) -> Int? {
        guard let node, let id = node.string() else { return nil }
        if let i = ids.firstIndex(of: id) { return i }
        if brokenIDs.contains(id) || includeFailed { return nil }
        let hint = EditDistance.hint(for: id, among: ids)
        let known = ids.isEmpty ? "none is defined" : "defined: \(ids.sorted().joined(separator: ", "))"
        node.error("no \(kind) named '\(EditDistance.shown(id))'\(hint); \(known)")
        return nil
    }

    /// The item whose id is written at `node`, resolved once here so that no later code looks
    /// it up again; nil after reporting an unknown id.
    func resolve<T: Identified>(_ node: YAMLNode?, kind: String, among items: [T]) -> T? {
        referenceIndex(node, kind: kind, ids: items.map(\.id)).map { items[$0] }
    }

    static func resolve(_ relative: String, against file: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let dir = (file as NSString).deletingLastPathComponent
        return dir.isEmpty ? relative : (dir as NSString).appendingPathComponent(relative)
    }

    /// The folder of `file` with symbolic links resolved (the folder as given if it cannot be).
    static func realFolder(of file: String) -> String {
        let folder = (standardised(file) as NSString).deletingLastPathComponent
        guard let real = realpath(folder, nil) else { return folder }
        defer { free(real) }
        return String(cString: real)
    }

    /// Whether `path` (its folder resolved through symbolic links, and the file itself if it is
    /// a link) lies inside `root`.
    static func isInside(_ path: String, root: String) -> Bool {
        var target = standardised(path)
        if let real = realpath(target, nil) {
            target = String(cString: real)
            free(real)
        } else {
            target = (realFolder(of: target) as NSString).appendingPathComponent((target as NSString).lastPathComponent)
        }
        return target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func standardised(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
