import Foundation

extension SystemDefinition {
    static func decode(_ node: YAMLNode) -> SystemDefinition? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let name = r.optionalString("name")
        let profile = r.string("profile")
        let downtime = r.optional("downtime_yen_per_hour").map { $0.number(min: 0, max: 1e10, what: "yen an hour") }
        let downtimeSource = r.optionalString("downtime_cost_source")
        var tiers: [TierDefinition]?
        if let list = r.required("tiers", "a list of VM tiers")?.list() {
            if list.isEmpty { r.node.child(r.node.node, key: "tiers").error("a system needs at least one tier") }
            let decoded = list.compactMap(TierDefinition.decode)
            tiers = decoded.count == list.count && !list.isEmpty ? decoded : nil
            var seen = Set<String>()
            for (t, n) in zip(decoded, list) where !seen.insert(t.name).inserted {
                n.error("duplicate tier name '\(t.name)'")
                tiers = nil
            }
        }
        guard let id, let profile, let tiers else { return nil }
        if case .some(.none) = downtime { return nil }
        var system = SystemDefinition(id: id, name: name ?? id, profile: profile, tiers: tiers, location: r.location,
                                      profileLocation: r.optional("profile")?.location)
        system.downtimeYenPerHour = downtime ?? nil
        system.downtimeCostSource = downtimeSource
        return system
    }
}

extension TierDefinition {
    static func decode(_ node: YAMLNode) -> TierDefinition? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let name = r.string("name")
        let vcpu = r.required("vcpu").flatMap { LinearSize.decode($0, allowZero: false) }
        let memory = r.required("memory_gib").flatMap { LinearSize.decode($0, allowZero: false) }
        let disk = r.required("disk_gib").flatMap { LinearSize.decode($0, allowZero: false) }
        let iops = r.optional("iops").map { LinearSize.decode($0) } ?? LinearSize(base: 0)
        let util = r.optional("cpu_peak_utilisation").map { $0.fraction(allowZero: false) } ?? 0.5
        let minInstances = r.integer("min_instances", default: 1, min: 1, max: 1_000)
        let maxVCPU = r.optional("max_vcpu_per_instance").map { $0.number(min: 1, max: 1_024, what: "a number of vCPUs") }
        let maxMemory = r.optional("max_memory_gib_per_instance").map { $0.number(min: 0.5, max: 1e6, what: "a number of GiB") }
        let replicas = r.integer("replicas", default: 1, min: 1, max: 8)
        let quorum = r.integer("quorum", default: 1, min: 1, max: 8)
        let standby = r.fraction("standby_load_fraction", default: 0.3)
        let priority = r.integer("restart_priority", default: 2, min: 1, max: 9)
        let boot = r.nonNegative("boot_minutes", default: 5)
        let change = r.number("daily_change_percent", default: 2, min: 0, max: 100)
        guard let name, let vcpu, let memory, let disk, let iops, let util, let minInstances,
              let replicas, let quorum, let standby, let priority, let boot, let change else { return nil }
        if quorum > replicas {
            r.optional("quorum")?.error("quorum (\(quorum)) cannot exceed replicas (\(replicas))")
            return nil
        }
        if let m = maxVCPU, m == nil { return nil }
        if let m = maxMemory, m == nil { return nil }
        return TierDefinition(name: name, vcpu: vcpu, memoryGiB: memory, diskGiB: disk, iops: iops,
                              cpuPeakUtilisation: util, minInstances: minInstances,
                              maxVCPUPerInstance: maxVCPU ?? nil, maxMemoryGiBPerInstance: maxMemory ?? nil,
                              replicas: replicas, quorum: quorum, standbyLoadFraction: standby, restartPriority: priority, bootMinutes: boot,
                              dailyChangeFraction: change / 100, location: r.location)
    }
}

extension DemandProfile {
    static func decode(_ node: YAMLNode) -> DemandProfile? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        let business = r.required("business_day", "24 hourly values")?.numberList(count: 24, min: 0, max: 1_000)
        var other: [Double]? = [Double](repeating: 0.05, count: 24)
        if let o = r.optional("other_day") {
            if case .scalar = o.node {
                other = o.nonNegative().map { [Double](repeating: $0, count: 24) }
            } else {
                other = o.numberList(count: 24, min: 0, max: 1_000)
            }
        }
        var seasons: [Season]? = []
        if let node = r.optional("seasons"), let list = node.list() {
            let decoded = list.compactMap(Season.decode)
            seasons = decoded.count == list.count ? decoded : nil
            if let decoded = seasons, let day = Season.overCombinedLimit(decoded) {
                node.error("the seasons covering \(day.date) multiply the demand by \(day.product), more than \(Int(Season.maximumFactor)); overlapping seasons multiply")
                seasons = nil
            }
        } else if r.has("seasons") {
            seasons = []
        }
        var batch: Batch?? = .some(nil)
        if let b = r.optional("batch") { batch = Batch.decode(b).map { .some($0) } ?? nil }
        guard let id, let business, let other, let seasons, let batch else { return nil }
        if business.allSatisfy({ $0 == 0 }) && other.allSatisfy({ $0 == 0 }) && batch == nil {
            node.error("the profile has no load at any hour")
            return nil
        }
        return DemandProfile(id: id, businessDay: business, otherDay: other, seasons: seasons, batch: batch,
                             location: r.location)
    }
}

extension DemandProfile.Season {
    /// Largest factor a day may get from its seasons together (and from one season alone).
    static let maximumFactor = 1_000.0

    /// The first day (MM-DD) whose covering seasons multiply past `maximumFactor`, with that
    /// product (written to 3 significant digits; "∞" past Double), if any.
    /// - Complexity: O(366 · seasons).
    static func overCombinedLimit(_ seasons: [DemandProfile.Season]) -> (date: String, product: String)? {
        let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for m in 1...12 {
            for d in 1...days[m - 1] {
                var product = 1.0
                for s in seasons where s.covers(month: m, day: d) { product *= s.factor }
                if product > maximumFactor {
                    let date = (m < 10 ? "0" : "") + "\(m)-" + (d < 10 ? "0" : "") + "\(d)"
                    return (date, product.isFinite ? String(format: "%.3g", product) : "∞")
                }
            }
        }
        return nil
    }

    static func decode(_ node: YAMLNode) -> DemandProfile.Season? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let name = r.optionalString("name") ?? "season"
        let from = r.required("from", "a date MM-DD")?.monthDay()
        let to = r.required("to", "a date MM-DD")?.monthDay()
        let factor = r.required("factor")?.number(min: 0, max: maximumFactor, exclusiveMin: true, what: "a positive number")
        guard let from, let to, let factor else { return nil }
        return DemandProfile.Season(name: name, fromMonth: from.0, fromDay: from.1, toMonth: to.0, toDay: to.1,
                                    factor: factor)
    }
}

extension DemandProfile.Batch {
    static func decode(_ node: YAMLNode) -> DemandProfile.Batch? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let start = r.integer("start_hour", min: 0, max: 23)
        let end = r.integer("end_hour", min: 0, max: 24)
        let level = r.required("level")?.number(min: 0, max: 1_000, exclusiveMin: true, what: "a positive number")
        let businessOnly = r.bool("business_days_only", default: false)
        guard let start, let end, let level, let businessOnly else { return nil }
        if start == end % 24 {
            node.error("start_hour and end_hour must differ")
            return nil
        }
        return DemandProfile.Batch(startHour: start, endHour: end % 24, level: level, businessDaysOnly: businessOnly)
    }
}

extension YAMLNode {
    /// A month-day written "MM-DD" (quoted or not).
    func monthDay() -> (Int, Int)? {
        guard let text = scalarText else { return nil }
        let parts = text.split(separator: "-")
        let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]), (1...12).contains(m),
              (1...days[m - 1]).contains(d) else {
            error("expected a date written MM-DD (such as 03-20), got \(shortDescription)")
            return nil
        }
        return (m, d)
    }
}
