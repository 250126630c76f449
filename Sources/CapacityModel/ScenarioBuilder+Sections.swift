import Foundation
import InputData

extension ScenarioBuilder {
    // MARK: Population table

    func readPopulationTable(_ node: YAMLNode, relativeTo path: String) -> PopulationTable? {
        guard let relative = node.string() else { return nil }
        let resolved = Self.resolve(relative, against: path)
        let data: Data
        do {
            data = try InputFile.readRegular(resolved)
        } catch {
            node.error("population table \(relative): \(error.reason) (looked for \(resolved))")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            node.error("population table \(relative) is not valid UTF-8 text")
            return nil
        }
        let table = PopulationTable.parse(text, file: resolved, sink: sink)
        return table.records.isEmpty ? nil : table
    }

    // MARK: Tenants

    /// Largest population accepted for one tenant (Tokyo's 23 wards together hold under 10 million).
    static let maximumPopulation = 40_000_000

    /// Tenants: inline entries, or `select` entries that take municipalities from the population table.
    func readTenants(_ node: YAMLNode, table: PopulationTable?, tableNode: YAMLNode?) -> [Tenant]? {
        guard let list = node.list() else { return nil }
        if list.isEmpty { node.error("there must be at least one tenant") }
        var tenants: [Tenant] = []
        var seen: [String: SourceLocation] = [:]
        let systemIDs = catalog.systems.map(\.id)
        for item in list {
            guard let r = item.mapping() else { continue }
            defer { r.finish() }
            let systems = readSystemList(r, systemIDs: systemIDs)
            let change = r.number("population_change_percent", default: 0, min: -50, max: 50)
            let joins = r.nonNegative("joins_after_years", default: 0)
            var produced: [Tenant] = []
            if let selection = r.optional("select") {
                for key in ["code", "name", "prefecture", "population", "reported_cost_before_million_yen",
                            "reported_cost_after_million_yen", "reported_label", "before_inventory", "usage", "users"] where r.has(key) {
                    r.optional(key)?.error("'\(key)' cannot be given with 'select': the table supplies it")
                }
                guard let table else {
                    // A table that was given but could not be read is the one error.
                    if tableNode == nil { selection.error("'select' needs a population_table at the top level of the scenario") }
                    continue
                }
                produced = readSelection(selection, table: table, systems: systems ?? [], change: change ?? 0,
                                         joins: joins ?? 0)
            } else {
                let code = r.string("code")
                let name = r.string("name")
                let prefecture = r.optionalString("prefecture") ?? ""
                let population = r.integer("population", min: 0, max: Self.maximumPopulation)
                let cost = r.optional("reported_cost_before_million_yen").map { $0.nonNegative() }
                let costAfter = r.optional("reported_cost_after_million_yen").map { $0.nonNegative() }
                let label = r.optionalString("reported_label")
                let users = r.optional("users").map { $0.integer(min: 0, max: 10_000_000) }
                let inventory = r.optional("before_inventory").map(readBeforeInventory)
                let usage = r.optional("usage").map { readUsage($0, inventory: inventory ?? nil, hasInventory: r.has("before_inventory")) }
                guard let code, let name, let population, let systems, let change, let joins else { continue }
                if let c = cost, c == nil { continue }
                if let c = costAfter, c == nil { continue }
                if let i = inventory, i == nil { continue }
                if let u = usage, u == nil { continue }
                if let u = users, u == nil { continue }
                var tenant = Tenant(code: code, name: name, prefecture: prefecture, population: population,
                                    populationChangePercentPerYear: change, joinsAfterYears: joins, systems: systems,
                                    reportedCostBefore: (cost ?? nil).map { Yen($0 * 1_000_000) },
                                    location: r.location)
                tenant.beforeInventory = inventory ?? nil
                tenant.measured = usage ?? nil
                tenant.reportedCostAfter = (costAfter ?? nil).map { Yen($0 * 1_000_000) }
                tenant.reportedLabel = label
                tenant.users = users ?? nil
                produced = [tenant]
            }
            for t in produced {
                if let first = seen[t.code] {
                    item.error("tenant \(t.code) (\(t.name)) is listed twice (first at \(first))")
                    continue
                }
                seen[t.code] = t.location
                tenants.append(t)
            }
        }
        return tenants
    }

    /// `tenants[].before_inventory: FILE` (relative to the scenario): read now, so that a bad
    /// inventory is reported at this key with the inventory's line.
    func readBeforeInventory(_ node: YAMLNode) -> BeforeInventory? {
        guard let relative = node.string() else { return nil }
        let path = Self.resolve(relative, against: includeStack.first ?? "")
        switch BeforeInventory.read(path) {
        case .success(let inventory): return inventory
        case .failure(let failure):
            for e in failure.errors {
                node.error("before inventory \(relative)\(e.line > 0 ? ", line \(e.line)" : ""): \(e.message)\(e.line == 0 ? " (looked for \(path))" : "")")
            }
            return nil
        }
    }

    /// `systems: all` or a list of catalog system ids (default: all).
    /// The systems as indices into the catalog.
    func readSystemList(_ r: MappingReader, systemIDs: [String]) -> [Int]? {
        guard let node = r.optional("systems") else { return Array(systemIDs.indices) }
        if case .scalar(let s) = node.node, s.string == "all" { return Array(systemIDs.indices) }
        guard let names = node.stringList() else { return nil }
        var indices: [Int] = []
        var duplicated = false
        for (i, name) in names.enumerated() {
            if let s = systemIDs.firstIndex(of: name) {
                if indices.contains(s) {
                    // Listed twice it would be sized, priced and shared twice.
                    (node.list()?[i] ?? node).error("the system '\(name)' is listed twice")
                    duplicated = true
                }
                indices.append(s)
                continue
            }
            if brokenIDs.contains(name) || includeFailed { continue }
            let at = node.list()?[i] ?? node
            let known = systemIDs.isEmpty ? "none is defined" : "defined: \(systemIDs.joined(separator: ", "))"
            at.error("no system named '\(EditDistance.shown(name))' in the catalog\(EditDistance.hint(for: name, among: systemIDs)); \(known)")
        }
        return indices.count == names.count && !duplicated ? indices : nil
    }

    func readSelection(_ node: YAMLNode, table: PopulationTable, systems: [Int], change: Double,
                       joins: Double) -> [Tenant] {
        guard let r = node.mapping() else { return [] }
        defer { r.finish() }
        var candidates = table.municipalities
        if let p = r.optional("prefectures") {
            if case .scalar(let s) = p.node, s.string == "all" {
                // every prefecture
            } else if let names = p.stringList() {
                let known = Set(candidates.map(\.prefecture))
                for name in names where !known.contains(name) {
                    p.error("no prefecture named '\(name)' in the population table\(EditDistance.hint(for: name, among: known))")
                }
                candidates = candidates.filter { names.contains($0.prefecture) }
            }
        }
        if let c = r.optional("codes"), let codes = c.stringList() {
            var picked: [PopulationRecord] = []
            for code in codes {
                if let rec = candidates.first(where: { $0.code5 == code || $0.code6 == code }) {
                    picked.append(rec)
                } else {
                    c.error("no municipality with code \(code) in the population table (selected prefectures)")
                }
            }
            candidates = picked
        }
        if candidates.isEmpty { node.error("the selection matches no municipality") }
        return candidates.map {
            Tenant(code: $0.code5, name: $0.name, prefecture: $0.prefecture, population: $0.population,
                   populationChangePercentPerYear: change, joinsAfterYears: joins, systems: systems,
                   location: node.location)
        }
    }

    // MARK: Pools

    /// Pools: each names its site, hardware, policy and tenants (`all`, a list of codes, or a
    /// prefecture); `per_prefecture: true` makes one pool per prefecture of the tenants.
    func readPools(_ node: YAMLNode, tenants: [Tenant]) -> [Pool]? {
        guard let list = node.list() else { return nil }
        if list.isEmpty { node.error("there must be at least one pool") }
        var pools: [Pool] = []
        var named = Set<String>()
        var owner: [String: String] = [:]
        // Codes to positions once: pools of tens of thousands of tenants stay linear.
        let tenantIndex = Dictionary(tenants.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        for item in list {
            guard let r = item.mapping() else { continue }
            defer { r.finish() }
            let hardware = readPoolReferences(r)
            let perPrefecture = r.bool("per_prefecture", default: false) ?? false
            var fixedBlades: (count: Int, location: SourceLocation)?
            if let node = r.optional("blades") {
                if perPrefecture {
                    node.error("'blades' cannot be given with per_prefecture: it fixes the blade count of one pool")
                } else if let n = node.integer(min: 1, max: 100_000) {
                    fixedBlades = (n, node.location)
                }
            }
            for (name, members) in poolMembers(r, perPrefecture: perPrefecture, tenants: tenants, index: tenantIndex) {
                if named.contains(name) {
                    item.error("duplicate pool name '\(name)'")
                    continue
                }
                named.insert(name)
                for code in members {
                    if let other = owner[code] {
                        item.error("tenant \(code) is already in pool '\(other)'; a tenant belongs to one pool")
                    }
                    owner[code] = name
                }
                // A pool with a bad reference is reported above and left out; its tenants still
                // count as placed, so the error is not repeated for each of them.
                guard let h = hardware else { continue }
                let indices = members.compactMap { tenantIndex[$0] }
                var pool = Pool(name: name, site: h.site, tenantCodes: members, tenantIndices: indices, blade: h.blade,
                                chassis: h.chassis, storage: h.storage, rack: h.rack, policy: h.policy,
                                location: r.location, fixedBlades: fixedBlades)
                pool.bladeCandidates = h.candidates
                pools.append(pool)
            }
        }
        for t in tenants where owner[t.code] == nil {
            sink.error(t.location, "tenants", "tenant \(t.code) (\(t.name)) is in no pool")
        }
        return pools
    }

    /// `blade: cheapest` (optionally with `blade_candidates: [ids]`): the models `plan` chooses
    /// among; nil for a named blade. A candidate that does not resolve is reported.
    func readBladeCandidates(_ r: MappingReader) -> [BladeModel]? {
        guard let node = r.optional("blade"), case .scalar = node.node, node.string() == "cheapest" else {
            if r.has("blade_candidates") { r.optional("blade_candidates")?.error("blade_candidates goes with blade: cheapest") }
            return nil
        }
        guard let list = r.optional("blade_candidates") else { return hardware.blades.isEmpty ? nil : hardware.blades }
        let models = (list.list() ?? []).compactMap { resolve($0, kind: "blade model", among: hardware.blades) }
        return models.isEmpty ? nil : models
    }

    /// A pool's site, hardware models and policy, resolved; nil (each bad one reported) if any
    /// does not resolve. `rack` may be left out when exactly one rack model is defined.
    func readPoolReferences(_ r: MappingReader)
        -> (site: Site, blade: BladeModel, chassis: ChassisModel, storage: StorageArrayModel, rack: RackModel, policy: Policy, candidates: [BladeModel])? {
        let site = resolve(r.required("site"), kind: "site", among: sites)
        let candidates = readBladeCandidates(r)
        let blade = candidates.map { $0.max { $0.memoryGiB < $1.memoryGiB } } ?? resolve(r.required("blade"), kind: "blade model", among: hardware.blades)
        let chassis = resolve(r.required("chassis"), kind: "chassis model", among: hardware.chassis)
        let storage = resolve(r.required("storage"), kind: "storage array model", among: hardware.storageArrays)
        let rack: RackModel?
        if let rn = r.optional("rack") {
            rack = resolve(rn, kind: "rack model", among: hardware.racks)
        } else if let only = hardware.racks.first, hardware.racks.count == 1 {
            rack = only
        } else {
            _ = r.required("rack", hardware.racks.isEmpty ? "define hardware.racks" : "several rack models are defined")
            rack = nil
        }
        let policy = resolve(r.required("policy"), kind: "policy", among: policies)
        guard let site, let blade, let chassis, let storage, let rack, let policy else { return nil }
        return (site, blade, chassis, storage, rack, policy, candidates ?? [])
    }

    /// The (name, tenant codes) of the pools one `pools` entry makes: itself, or one per
    /// prefecture of its tenants (in order of first appearance) with `per_prefecture`.
    /// - Parameter index: each tenant code's position in `tenants`.
    func poolMembers(_ r: MappingReader, perPrefecture: Bool, tenants: [Tenant], index: [String: Int]) -> [(String, [String])] {
        if perPrefecture {
            if r.has("name") { r.optional("name")?.error("'name' cannot be given with per_prefecture: pools are named after prefectures") }
            let members = r.optional("tenants").map { selectTenants($0, tenants: tenants, index: index) } ?? tenants.map(\.code)
            var order: [String] = []
            var byPrefecture: [String: [String]] = [:]
            for code in members ?? [] {
                let pref = index[code].map { tenants[$0].prefecture } ?? ""
                if byPrefecture[pref] == nil { order.append(pref) }
                byPrefecture[pref, default: []].append(code)
            }
            return order.map { ($0.isEmpty ? "(no prefecture)" : $0, byPrefecture[$0] ?? []) }
        }
        let name = r.string("name")
        var members: [String]?
        if let p = r.optional("prefecture"), let pref = p.string() {
            if r.has("tenants") { p.error("give either 'prefecture' or 'tenants', not both") }
            let inPrefecture = tenants.filter { $0.prefecture == pref }.map(\.code)
            if inPrefecture.isEmpty { p.error("no tenant is in prefecture '\(pref)'") }
            members = inPrefecture
        } else {
            members = r.required("tenants", "all, or a list of tenant codes").flatMap { selectTenants($0, tenants: tenants, index: index) }
        }
        guard let name, let members else { return [] }
        return [(name, members)]
    }

    func selectTenants(_ node: YAMLNode, tenants: [Tenant], index: [String: Int]) -> [String]? {
        if case .scalar(let s) = node.node, s.string == "all" { return tenants.map(\.code) }
        guard let codes = node.stringList() else { return nil }
        // Unknown codes are reported and left out; the known ones belong to the pool, so they are
        // not also reported as being in no pool.
        let entries = node.list()
        for (i, code) in codes.enumerated() where index[code] == nil {
            (entries?[i] ?? node).error("no tenant with code '\(code)'\(EditDistance.hint(for: code, among: tenants.map(\.code)))")
        }
        return codes.filter { index[$0] != nil }
    }

    // MARK: Baseline, economics, simulation

    func readBaseline(_ node: YAMLNode) -> Baseline? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let server = resolve(r.required("server"), kind: "baseline server model", among: hardware.baselineServers)
        let site = resolve(r.required("site"), kind: "site", among: sites)
        let perVM = r.optional("servers_per_vm").map { $0.number(min: 0, max: 100, exclusiveMin: true, what: "a positive number") } ?? 1
        let minimum = r.integer("minimum_servers_per_system", default: 1, min: 0, max: 100)
        guard let server, let site, let perVM, let minimum else { return nil }
        return Baseline(server: server, site: site, serversPerVM: perVM, minimumServersPerSystem: minimum,
                        location: r.location)
    }

    func readEconomics(_ node: YAMLNode) -> EconomicsSettings? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let lease = r.number("lease_years", default: 5, min: 0.5, max: 20)
        let maintenance = r.number("maintenance_percent_per_year", default: 10, min: 0, max: 100)
        if let m = maintenance, m > 0, m < 1 {
            r.optional("maintenance_percent_per_year")?.warning(
                "\(m)% a year is very little maintenance: the key is in percent, so if you meant \(m * 100)%, write \(m * 100)")
        }
        let ops = r.nonNegative("pool_operations_yen_per_year", default: 0)
        let baseOps = r.nonNegative("baseline_operations_yen_per_server_per_year", default: 0)
        var sharing: CostSharing? = CostSharing()
        if let s = r.optional("cost_sharing"), let sr = s.mapping() {
            let e = sr.fraction("equal", default: 0)
            let p = sr.fraction("population", default: 0)
            let u = sr.fraction("usage", default: 0)
            sr.finish()
            if let e, let p, let u {
                if abs(e + p + u - 1) > 1e-9 {
                    s.error("the weights equal + population + usage must sum to 1 (got \(((e + p + u) * 1e6).rounded() / 1e6))")
                    sharing = nil
                } else {
                    sharing = CostSharing(equal: e, population: p, usage: u)
                }
            } else {
                sharing = nil
            }
        } else if r.optional("cost_sharing") != nil {
            sharing = nil   // not a mapping: reported by mapping(). With no value it is absent: the default.
        }
        let lines = r.optional("cost_lines").map { readCostLines($0, leaseYears: lease ?? 5) } ?? []
        let finance = r.optional("finance").map(readFinance) ?? FinanceSettings()
        let rule = r.optional("share_rule").map { $0.choice(ShareRule.self) } ?? .agreed
        let samples = r.optional("uncertainty_samples").map { $0.integer(min: 2, max: 4_096) }
        if case .some(.none) = samples { return nil }
        let downtime = r.number("downtime_yen_per_hour", default: EconomicsSettings.defaultDowntimeYenPerHour, min: 0, max: 1e10)
        var total: (before: Yen, after: Yen, source: String)?
        if let t = r.optional("reported_total")?.mapping() {
            let before = t.nonNegative("before_million_yen"), after = t.nonNegative("after_million_yen")
            let source = t.string("source")
            t.finish()
            guard let before, let after, let source else { return nil }
            total = (Yen(before * 1e6), Yen(after * 1e6), source)
        }
        guard let lease, let maintenance, let ops, let baseOps, let sharing, let lines, let finance, let rule, let downtime else { return nil }
        if rule == .shapley, finance.shapleyExactUpTo == 0, finance.shapleyPermutations == 0 {
            r.optional("share_rule")?.error("share_rule shapley needs finance.shapley_exact_up_to or finance.shapley_permutations")
            return nil
        }
        var settings = EconomicsSettings(leaseYears: lease, maintenanceFractionPerYear: maintenance / 100, sharing: sharing,
                                         poolOperationsYenPerYear: Yen(ops), baselineOperationsYenPerServer: Yen(baseOps),
                                         location: r.location)
        settings.costLines = lines
        settings.finance = finance
        settings.shareRule = rule
        settings.uncertaintySamples = samples ?? nil
        settings.downtimeYenPerHour = downtime
        settings.reportedTotal = total
        return settings
    }

    func readOnboarding(_ node: YAMLNode) -> OnboardingSettings? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let bandwidth = r.optional("bandwidth_mbps").map { $0.number(min: 0, max: 1e6, exclusiveMin: true, what: "a positive number") } ?? 100
        let efficiency = r.optional("efficiency").map { $0.fraction(allowZero: false) } ?? 0.7
        let hours = r.optional("hours_per_day").map { $0.number(min: 0, max: 24, exclusiveMin: true, what: "hours between 0 and 24") } ?? 24
        guard let bandwidth, let efficiency, let hours else { return nil }
        return OnboardingSettings(bandwidthMbps: bandwidth, efficiency: efficiency, hoursPerDay: hours)
    }

    func readSimulation(_ node: YAMLNode, relativeTo path: String) -> SimulationSettings? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let horizon = r.optional("horizon_years").map { $0.number(min: 0, max: 100, exclusiveMin: true) }
        let seed = r.integer("seed", default: 1, min: 0)
        let reps = r.integer("replications", default: 10, min: 1, max: 1_000_000)
        var blades: Bool? = true, chassis: Bool? = true, storage: Bool? = true
        if let f = r.optional("failures"), let fr = f.mapping() {
            blades = fr.bool("blades", default: true)
            chassis = fr.bool("chassis", default: true)
            storage = fr.bool("storage_arrays", default: true)
            fr.finish()
        }
        let site = r.optional("site_failures").map(FailureModel.decode)
        let noise = r.number("demand_noise_cv", default: 0.1, min: 0, max: 5)
        var step = r.number("demand_step_minutes", default: 60, min: 1, max: 1_440)
        if let s = step, Double(1_440).truncatingRemainder(dividingBy: s) != 0 {
            r.optional("demand_step_minutes")?.error("must divide a day (1,440 minutes) evenly, such as 5, 15, 30 or 60")
            step = nil
        }
        let failback = r.bool("failback", default: false)
        var sampling: DemandSamplingMethod? = .aggregate
        if let node = r.optional("demand_sampling") { sampling = node.choice(DemandSamplingMethod.self) }
        let restarts = r.integer("restarts_per_blade", default: 32, min: 1, max: 1_000)
        let replay = r.bool("replay_usage", default: false)
        var traces: [TraceMapping]? = []
        if let list = r.optional("traces")?.list() {
            let systemIDs = catalog.systems.map(\.id)
            traces = list.compactMap { item -> TraceMapping? in
                guard let tr = item.mapping() else { return nil }
                defer { tr.finish() }
                let system = referenceIndex(tr.required("system"), kind: "system", ids: systemIDs)
                let file = tr.string("file").map { Self.resolve($0, against: path) }
                let format = tr.required("format", TraceMapping.Format.nameList)?.choice(TraceMapping.Format.self)
                guard let system, let file, let format else { return nil }
                if !FileManager.default.fileExists(atPath: file) {
                    tr.optional("file")?.error("trace file not found (looked for \(file))")
                    return nil
                }
                return TraceMapping(system: system, file: file, format: format, location: tr.location)
            }
            if traces!.count != list.count { traces = nil }
        }
        let delay = r.optional("delivery_delay").map(DistributionSpec.decode)
        let power = r.optional("power_management").map(readPowerManagement) ?? PowerManagementSettings()
        guard let power, let seed, let reps, let blades, let chassis, let storage, let noise, let step, let failback,
              let restarts, let traces, let sampling, let replay else { return nil }
        if let h = horizon, h == nil { return nil }
        if let s = site, s == nil { return nil }
        if let d = delay, d == nil { return nil }
        var settings = SimulationSettings(horizonYears: horizon ?? nil, seed: UInt64(seed), replications: reps,
                                          bladeFailures: blades, chassisFailures: chassis, storageFailures: storage,
                                          siteFailures: site ?? nil, demandNoiseCV: noise, demandStepMinutes: step,
                                          failback: failback, restartsPerBlade: restarts, traces: traces, deliveryDelay: delay ?? nil,
                                          powerManagement: power, demandSampling: sampling)
        settings.replayUsage = replay
        return settings
    }

    /// `simulation.power_management:`; a section without `mode` means DPM on. The target range
    /// must lie inside (0, 1].
    func readPowerManagement(_ node: YAMLNode) -> PowerManagementSettings? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let d = PowerManagementSettings()
        let mode = r.optional("mode").map { $0.choice(PowerManagementMode.self) } ?? .dpm
        let check = r.number("check_minutes", default: d.checkMinutes, min: 1, max: 1_440)
        let target = r.optional("target_utilisation").map { $0.fraction(allowZero: false) } ?? d.targetUtilisation
        let tolerance = r.number("tolerance", default: d.tolerance, min: 0, max: 1)
        let boot = r.number("host_boot_minutes", default: d.hostBootMinutes, min: 0, max: 1_440)
        let standby = r.number("standby_watts", default: d.standbyWatts, min: 0, max: 10_000)
        let migration = r.optional("migration").map(readLiveMigration) ?? d.migration
        guard let mode, let check, let target, let tolerance, let boot, let standby, let migration else { return nil }
        if target - tolerance <= 0 || target + tolerance > 1 {
            (r.optional("tolerance") ?? r.optional("target_utilisation") ?? node).error(
                "target_utilisation ± tolerance must stay inside (0, 1]: \(target) ± \(tolerance) gives \(target - tolerance)-\(target + tolerance)")
            return nil
        }
        return PowerManagementSettings(mode: mode, checkMinutes: check, targetUtilisation: target, tolerance: tolerance,
                                       hostBootMinutes: boot, standbyWatts: standby, migration: migration)
    }

    /// `power_management.migration:`, the live-migration model.
    func readLiveMigration(_ node: YAMLNode) -> LiveMigrationSettings? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let d = LiveMigrationSettings()
        let link = r.optional("link_gbps").map { $0.number(min: 0, max: 10_000, exclusiveMin: true, what: "a positive number") } ?? d.linkGbps
        let efficiency = r.optional("efficiency").map { $0.fraction(allowZero: false) } ?? d.efficiency
        let dirty = r.number("dirty_rate_mb_per_s", default: d.dirtyRateMBps, min: 0, max: 1e6)
        let switchover = r.number("switchover_ms", default: d.switchoverMilliseconds, min: 1, max: 600_000)
        let rounds = r.integer("max_rounds", default: d.maxRounds, min: 1, max: 1_000)
        guard let link, let efficiency, let dirty, let switchover, let rounds else { return nil }
        return LiveMigrationSettings(linkGbps: link, efficiency: efficiency, dirtyRateMBps: dirty,
                                     switchoverMilliseconds: switchover, maxRounds: rounds)
    }
}
