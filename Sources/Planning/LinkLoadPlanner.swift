import CapacityModel

/// What each link carries each night, and the RPO that gives each system: the copies of one
/// policy over one link in one direction all start when its window opens and share the
/// link's backup share as a fluid (`FluidSharing`).
struct LinkLoadPlanner {
    let scenario: Scenario
    let settings: ContinuitySettings
    let pools: [PoolPlan]

    /// The jobs of one row: which link, direction and policy, and the systems (positions).
    struct Group {
        var link: String
        var from: String
        var to: LinkEnd
        var parameters: LinkParameters
        /// Index into `ContinuitySettings.links` (nil: the office link).
        var linkIndex: Int?
        var policy: Int
        var members: [Int] = []
        /// Whether the copies land at the partner (their completions are the systems' RPO).
        var offsite: Bool
    }

    /// The rows, and the RPO of each system sending its copies to the partner (keyed by
    /// pool, tenant, system; nil when the copies fall behind).
    func plan(_ systems: [ProtectedSystem]) -> (rows: [LinkLoad], rpo: [[Int]: Double?]) {
        var rows: [LinkLoad] = []
        var rpo: [[Int]: Double?] = [:]
        for g in groups(systems) {
            let (row, gaps) = load(g, systems)
            rows.append(row)
            if g.offsite { for (k, i) in g.members.enumerated() { rpo[[systems[i].pool, systems[i].tenant, systems[i].system]] = gaps[k] } }
        }
        return (rows, rpo)
    }

    /// Groups in order of first appearance (pools, tenants, systems), office copies after.
    func groups(_ systems: [ProtectedSystem]) -> [Group] {
        var order: [String] = []
        var byKey: [String: Group] = [:]
        func add(_ key: String, _ make: () -> Group, _ i: Int) {
            if byKey[key] == nil { order.append(key); byKey[key] = make() }
            byKey[key]?.members.append(i)
        }
        for (i, s) in systems.enumerated() {
            let p = settings.systemPolicy[s.system]
            guard settings.policies[p].target == .partner,
                  let entry = settings.dr.pools.first(where: { $0.pool == s.pool }) else { continue }
            let from = pools[s.pool].pool.site.id, to = pools[entry.partner].pool.site.id
            guard let l = settings.link(between: from, to) else { continue }
            let link = settings.links[l]
            add("\(link.id)|\(from)|\(p)", { Group(link: link.id, from: from, to: .site(to), parameters: link.parameters, linkIndex: l, policy: p, offsite: true) }, i)
        }
        for (i, s) in systems.enumerated() where settings.municipalCopy.contains(s.system) {
            let p = settings.systemPolicy[s.system], code = scenario.tenants[s.tenant].code
            let from = pools[s.pool].pool.site.id
            add("office|\(code)|\(p)", { Group(link: "office", from: from, to: .office(tenant: code), parameters: settings.officeLink, linkIndex: nil, policy: p, offsite: false) }, i)
        }
        return order.compactMap { byKey[$0] }
    }

    /// One row, and each member's RPO: the longest time between two completed copies.
    func load(_ g: Group, _ systems: [ProtectedSystem]) -> (LinkLoad, [Double?]) {
        let policy = settings.policies[g.policy]
        let rate = DataRate.gibPerHour(bitsPerSecond: g.parameters.backupBitsPerSecond)
        let perCycle = policy.schedule == .daily ? 1.0 : policy.intervalMinutes / 1_440
        let incremental = g.members.map { systems[$0].dailyChangeGiB * perCycle * policy.reduction }
        let full = g.members.map { systems[$0].diskGiB * policy.reduction }
        let hasFulls = policy.schedule == .daily && policy.fullEveryDays > 0
        let c = FluidSharing.finishTimes(sizes: incremental, rate: rate)
        let volume = incremental.reduce(0, +), fullVolume = full.reduce(0, +)
        let cycles = 24 / policy.cycleHours
        // Average volume a day: incrementals, with one night in fullEveryDays a full instead.
        let perDay = hasFulls ? (volume * Double(policy.fullEveryDays - 1) + fullVolume) / Double(policy.fullEveryDays)
            : volume * cycles
        let keepsUp = perDay <= rate * 24 + 1e-9 && (c.max() ?? 0) <= policy.cycleHours + 1e-9
        // The RPO follows the sharing the simulator runs: a full that outlasts the next window
        // takes the next nights' copies on top, so the gap is longer than the full's own delay
        // (cycle + f − c, which it equals when the full fits in a cycle).
        let every = hasFulls ? policy.fullEveryDays : 1
        let gaps: [Double?] = keepsUp
            ? FluidSharing.copyGaps(jobs: g.members.count, ticks: 3 * every, measured: every, cycle: policy.cycleHours, rate: rate) { t, k in
                hasFulls && t % every == 0 ? full[k] : incremental[k]
            }
            : g.members.map { _ in nil }
        let row = LinkLoad(link: g.link, from: g.from, to: g.to, policy: policy.id, schedule: policy.schedule,
                           mbps: g.parameters.mbps, efficiency: g.parameters.efficiency, backupShare: g.parameters.backupShare,
                           latencyMilliseconds: g.parameters.latencyMilliseconds, jobs: g.members.count,
                           volumeGiB: volume, transferHours: DataRate.hours(gib: volume, bitsPerSecond: g.parameters.backupBitsPerSecond),
                           windowHours: policy.schedule == .daily ? policy.windowHours : policy.cycleHours,
                           fullVolumeGiB: hasFulls ? fullVolume : nil,
                           fullTransferHours: hasFulls ? DataRate.hours(gib: fullVolume, bitsPerSecond: g.parameters.backupBitsPerSecond) : nil,
                           fullWindowHours: hasFulls ? policy.fullWindowHours : nil,
                           utilisation: perDay / (DataRate.gibPerHour(bitsPerSecond: g.parameters.bitsPerSecond()) * 24),
                           linkIndex: g.linkIndex, policyIndex: g.policy, members: g.members)
        return (row, gaps)
    }
}
