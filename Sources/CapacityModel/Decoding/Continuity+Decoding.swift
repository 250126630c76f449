extension BackupPolicy: Identified {}
extension WANLink: Identified {}

extension ScenarioBuilder {
    /// `continuity:` (docs/scenario-format.md): links, office link, backup policies and their
    /// systems, the municipal copy and disaster recovery. Read after the pools it names.
    func readContinuity(_ node: YAMLNode, pools: [Pool]) -> ContinuitySettings? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let siteIDs = sites.map(\.id)
        var links: [WANLink]? = []
        for item in r.optional("links")?.list() ?? [] {
            if let link = readLink(item, siteIDs: siteIDs) {
                define("link", link.id, at: item) { links?.append(link) }
            } else {
                links = nil
            }
        }
        let office = r.optional("office_link").map(readLinkParameters) ?? LinkParameters(mbps: 10)
        var policies: [BackupPolicy]? = []
        for item in r.required("backup_policies", "a list of backup policies")?.list() ?? [] {
            if let p = readBackupPolicy(item) {
                define("backup policy", p.id, at: item) { policies?.append(p) }
            } else {
                policies = nil
            }
        }
        guard let links, let office, let policies else {
            // A link or policy was wrong (reported): what refers to them is not read.
            r.abandon(expecting: ["default_policy", "system_policies", "municipal_copy", "dr"])
            return nil
        }
        let systemIDs = catalog.systems.map(\.id)
        let fallback = referenceIndex(r.required("default_policy", "the backup policy of every system not listed in system_policies"),
                                      kind: "backup policy", ids: policies.map(\.id))
        var systemPolicy = [Int](repeating: fallback ?? 0, count: systemIDs.count)
        if let m = r.optional("system_policies")?.mapping() {
            for key in m.keys {
                let value = m.optional(key)
                guard let s = systemIDs.firstIndex(of: key) else {
                    value?.error("no system named '\(key)'\(EditDistance.hint(for: key, among: systemIDs))")
                    continue
                }
                if let p = referenceIndex(value, kind: "backup policy", ids: policies.map(\.id)) { systemPolicy[s] = p }
            }
            m.finish()
        }
        let municipal = r.optional("municipal_copy").map { readSystems($0, ids: systemIDs) } ?? []
        let dr = r.optional("dr").map { readDisasterRecovery($0, pools: pools, systemIDs: systemIDs) } ?? DisasterRecovery()
        guard fallback != nil, let municipal, let dr else { return nil }
        let settings = ContinuitySettings(links: links, officeLink: office, policies: policies, systemPolicy: systemPolicy,
                                          municipalCopy: municipal, dr: dr, location: r.location)
        checkLinksExist(settings, pools: pools, node: r.optional("dr") ?? node)
        checkPartnersGiven(settings, pools: pools, node: r.optional("dr") ?? node)
        return settings
    }

    /// A link `{id, between: [SITE, SITE], mbps, efficiency, backup_share, latency_ms, outages}`.
    func readLink(_ node: YAMLNode, siteIDs: [String]) -> WANLink? {
        guard let r = node.mapping() else { return nil }
        let id = r.string("id")
        var ends: [String]?
        if let b = r.required("between", "the two site ids the link joins") {
            ends = b.stringList()
            let items = b.list() ?? []
            if let e = ends, e.count != 2 || e[0] == e[1] {
                b.error("expected two different site ids, got \(e.count == 2 ? "the same site twice" : "\(e.count)")")
                ends = nil
            } else if let e = ends {
                let resolved = items.prefix(e.count).map { referenceIndex($0, kind: "site", ids: siteIDs) }
                if resolved.contains(nil) { ends = nil }
            }
        }
        let outages = r.optional("outages").map(FailureModel.decode)
        let parameters = readLinkParameters(r)
        r.finish()
        guard let id, let ends, let parameters else { return nil }
        if let o = outages, o == nil { return nil }
        return WANLink(id: id, siteA: ends[0], siteB: ends[1], parameters: parameters, outages: outages ?? nil,
                       location: r.location)
    }

    func readLinkParameters(_ node: YAMLNode) -> LinkParameters? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        return readLinkParameters(r)
    }

    /// The bandwidth keys of a link (the caller finishes `r`).
    func readLinkParameters(_ r: MappingReader) -> LinkParameters? {
        let mbps = r.required("mbps", "megabits per second")?.number(min: 0, max: 1e7, exclusiveMin: true, what: "a positive number")
        let efficiency = r.optional("efficiency").map { $0.fraction(allowZero: false) } ?? 0.7
        let share = r.optional("backup_share").map { $0.fraction(allowZero: false) } ?? 1
        let latency = r.number("latency_ms", default: 10, min: 0, max: 10_000)
        guard let mbps, let efficiency, let share, let latency else { return nil }
        return LinkParameters(mbps: mbps, efficiency: efficiency, backupShare: share, latencyMilliseconds: latency)
    }

    /// A list of system ids, as indices into the catalog.
    func readSystems(_ node: YAMLNode, ids: [String]) -> [Int]? {
        guard let items = node.list() else { return nil }
        let found = items.map { referenceIndex($0, kind: "system", ids: ids) }
        var seen: Set<Int> = []
        for (item, s) in zip(items, found) where s != nil && !seen.insert(s!).inserted {
            item.error("the system '\(ids[s!])' is listed twice")
            return nil
        }
        return found.contains(nil) ? nil : found.compactMap { $0 }
    }

    /// A policy sending copies to the partner needs every pool to have one.
    func checkPartnersGiven(_ settings: ContinuitySettings, pools: [Pool], node: YAMLNode) {
        let used = Set(settings.systemPolicy).filter { settings.policies[$0].target == .partner }
        guard let p = used.min() else { return }
        let protected = Set(settings.dr.pools.map(\.pool))
        for (i, pool) in pools.enumerated() where !protected.contains(i) {
            node.error("pool '\(pool.name)' has no partner, but backup policy '\(settings.policies[p].id)' sends copies to the partner: add {pool: \(pool.name), partner: …} to continuity.dr.pools")
        }
    }

    /// Every pool whose copies go to its partner needs a link to it (and so does every restore
    /// from a copy kept elsewhere); reported at the pool's `dr` entry.
    func checkLinksExist(_ settings: ContinuitySettings, pools: [Pool], node: YAMLNode) {
        for entry in settings.dr.pools {
            let from = pools[entry.pool].site.id, to = pools[entry.partner].site.id
            if from != to && settings.link(between: from, to) == nil {
                sink.error(entry.location, "continuity.dr.pools",
                           "no link joins \(from) (pool '\(pools[entry.pool].name)') and \(to) (its partner '\(pools[entry.partner].name)'): add one to continuity.links")
            }
        }
    }
}
