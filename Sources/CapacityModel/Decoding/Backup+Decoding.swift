extension ScenarioBuilder {
    /// One backup policy (`continuity.backup_policies[]`); defaults [EST]: daily, a full every 7
    /// days, window 20:00 for 10 hours (domain-facts: night batch window 18:00-07:00 leaves the
    /// late evening to backup), 28 days kept, no compression or deduplication, to the partner.
    func readBackupPolicy(_ node: YAMLNode) -> BackupPolicy? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let schedule = r.optional("schedule").map { $0.choice(BackupSchedule.self) } ?? .daily
        let fullEvery = r.integer("full_every_days", default: 7, min: 0, max: 366)
        let start = r.number("window_start_hour", default: 20, min: 0, max: 24)
        let window = r.optional("window_hours").map { $0.number(min: 0, max: 24, exclusiveMin: true, what: "hours in (0, 24]") } ?? 10
        let fullWindow = r.optional("full_window_hours").map { $0.number(min: 0, max: 24 * 7, exclusiveMin: true, what: "hours in (0, 168]") }
        let interval = r.number("interval_minutes", default: 15, min: 1, max: 1_440)
        let retention = r.number("retention_days", default: 28, min: 1, max: 36_500)
        let compression = r.number("compression", default: 1, min: 1, max: 100)
        let dedup = r.number("deduplication", default: 1, min: 1, max: 100)
        let target = r.optional("target").map { $0.choice(BackupTargetKind.self) } ?? .partner
        let tape = r.optional("tape").map { $0.choice(TapeGeneration.self) }
        guard let id, let schedule, let fullEvery, var start, let window, let interval, let retention,
              let compression, let dedup, let target else { return nil }
        if let f = fullWindow, f == nil { return nil }
        if let t = tape, t == nil { return nil }
        if start == 24 { start = 0 }
        if target == .tape && tape == nil {
            _ = r.required("tape", "the LTO generation of the library (\(TapeGeneration.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        if target != .tape, tape != nil {
            r.optional("tape")?.error("'tape' is only read with target: tape")
            return nil
        }
        return BackupPolicy(id: id, schedule: schedule, fullEveryDays: fullEvery, windowStartHour: start, windowHours: window,
                            fullWindowHours: (fullWindow ?? nil) ?? window, intervalMinutes: interval, retentionDays: retention,
                            compression: compression, deduplication: dedup, target: target, tape: tape ?? nil,
                            location: r.location)
    }

    /// `continuity.dr`: detection, restore streams and rate, the priority systems, targets, and
    /// each pool's partner (another pool, at another site).
    func readDisasterRecovery(_ node: YAMLNode, pools: [Pool], systemIDs: [String]) -> DisasterRecovery? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let d = DisasterRecovery()
        let detection = r.number("detection_hours", default: d.detectionHours, min: 0, max: 8_760)
        let streams = r.integer("restore_streams", default: d.restoreStreams, min: 1, max: 10_000)
        let local = r.optional("local_restore_mbps").map { $0.number(min: 0, max: 1e7, exclusiveMin: true, what: "a positive number") } ?? d.localRestoreMbps
        let priority = r.optional("priority_systems").map { readSystems($0, ids: systemIDs) } ?? []
        let only = r.bool("priority_only", default: false)
        var rpo: Double?? = .some(nil), rto: Double?? = .some(nil)
        if let t = r.optional("targets")?.mapping() {
            rpo = t.optional("rpo_hours").map { $0.positive() } ?? .some(nil)
            rto = t.optional("rto_hours").map { $0.positive() } ?? .some(nil)
            t.finish()
        }
        var entries: [DRPool]? = []
        var protected: [Int: SourceLocation] = [:]
        for item in r.required("pools", "each pool's partner")?.list() ?? [] {
            guard let e = readDRPool(item, pools: pools) else { entries = nil; continue }
            if let first = protected[e.pool] {
                item.error("pool '\(pools[e.pool].name)' already has a partner (at \(first))")
                entries = nil
                continue
            }
            protected[e.pool] = e.location
            entries?.append(e)
        }
        guard let detection, let streams, let local, let priority, let only, let rpo, let rto, let entries else { return nil }
        if Set(priority).count != priority.count {
            r.optional("priority_systems")?.error("a system is listed twice")
            return nil
        }
        return DisasterRecovery(detectionHours: detection, restoreStreams: streams, localRestoreMbps: local,
                                prioritySystems: priority, priorityOnly: only, rpoTargetHours: rpo, rtoTargetHours: rto,
                                pools: entries)
    }

    func readDRPool(_ node: YAMLNode, pools: [Pool]) -> DRPool? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let names = pools.map(\.name)
        let pool = referenceIndex(r.required("pool"), kind: "pool", ids: names)
        let partner = referenceIndex(r.required("partner", "the pool that takes this one's systems"), kind: "pool", ids: names)
        let capacity = r.optional("capacity").map { $0.choice(PartnerCapacity.self) } ?? .shared
        let reserve = r.integer("reserve_blades", default: 0, min: 0, max: 100_000)
        guard let pool, let partner, let capacity, let reserve else { return nil }
        if pool == partner {
            r.optional("partner")?.error("a pool cannot be its own partner")
            return nil
        }
        if pools[pool].site.id == pools[partner].site.id {
            r.optional("partner")?.error("'\(names[partner])' is at the same site (\(pools[pool].site.id)): a site disaster would take both")
            return nil
        }
        if capacity == .reserve && reserve == 0 {
            if let given = r.optional("reserve_blades") {
                given.error("must be at least 1 with capacity: reserve (the blades kept at the partner for this pool); use capacity: shared for none")
            } else {
                _ = r.required("reserve_blades", "the blades kept at the partner (capacity: reserve)")
            }
            return nil
        }
        if capacity == .shared, r.has("reserve_blades") {
            r.optional("reserve_blades")?.error("'reserve_blades' is only read with capacity: reserve")
            return nil
        }
        return DRPool(pool: pool, partner: partner, capacity: capacity, reserveBlades: reserve, location: r.location)
    }
}
