import CapacityModel
import Planning

/// The data paths of a planned scenario's `continuity:` flattened for `BackupJobs` and
/// `SiteFailover`: the channels copies travel on, the copy jobs each policy starts, the systems
/// protected and where each pool fails over to. Built once from the plan's `ContinuityPlan`
/// (whose rows already name their link, policy and systems by index); nothing is looked up by
/// id during a run. Volumes in GiB as sent (after compression and deduplication), rates in
/// bit/s, times in seconds.
struct ContinuityModel: Sendable {
    /// One direction of a link (a WAN link between sites, or one municipality's office link):
    /// every copy on it shares its backup bandwidth as a fluid.
    struct Channel: Sendable {
        var link: String
        var from: String
        var to: String
        /// The rate copies share (mbps × efficiency × backup share) and the whole rate
        /// (mbps × efficiency) utilisation is measured against, bit/s.
        var backupBitsPerSecond: Double
        var wholeBitsPerSecond: Double
        /// The outage process this channel follows (index into `outageLines`), or -1: both
        /// directions of a WAN link go down together.
        var outageLine: Int32
    }

    /// The copies of one policy over one channel: a tick every cycle starts them.
    struct Group: Sendable {
        var channel: Int
        var schedule: BackupSchedule
        /// Seconds between ticks (a day, or the replication interval), and the first tick.
        var cycleSeconds: Double
        var firstTickSeconds: Double
        /// Seconds after a tick its copies should be done by (the window; the interval).
        var windowSeconds: Double
        var fullWindowSeconds: Double
        /// A full copy every so many ticks (0: incrementals only).
        var fullEvery: Int
        /// Its units (indices into `units`).
        var units: Range<Int>
        /// The site the copies leave from and the site they land at (-1: an office).
        var sourceSite: Int32
        var targetSite: Int32
    }

    /// What one job sends: one system's copy (daily policies), or one interval of every member
    /// system's changes shipped together (continuous replication, a consistency group).
    struct Unit: Sendable {
        var group: Int
        /// Protected systems (indices into `systems`) this copy brings up to date.
        var systems: [Int32]
        var incrementalGiB: Double
        var fullGiB: Double
        /// Whether the copy lands at the partner (its completions are the systems' RPO).
        var offsite: Bool
        /// The partner's storage array holding the copy (global index), or -1.
        var copyArray: Int32
    }

    /// A tenant's system whose data is copied (first replicas only).
    struct Protected: Sendable {
        /// Index into `SimulationModel.tenantSystems`.
        var tenantSystem: Int32
        var pool: Int32
        var dailyChangeGiB: Double
        var diskGiB: Double
        /// Volume a restore reads (as stored), and the boot after it, seconds.
        var restoreGiB: Double
        var bootSeconds: Double
        var vcpu: Double
        var memoryGiB: Double
        /// The partner's array holding its copy (global index), or -1 (no copy at the partner).
        var copyArray: Int32 = -1
        /// Whether its copies go to the partner (it has an RPO), and its failover (index into
        /// `failovers`), -1 without one.
        var offsite = false
        var failover: Int32 = -1
    }

    /// Where one pool goes when its site is lost.
    struct Failover: Sendable {
        var pool: Int
        var partnerPool: Int
        var partnerSite: Int32
        /// Reserve blades (always there: kept idle) or the partner's own room.
        var reserve: Bool
        /// Room for the pool's systems with every partner blade up, vCPU and GiB.
        var freeVCPU: Double
        var freeMemoryGiB: Double
        /// Systems that may be restored, in restore order (indices into `systems`).
        var candidates: [Int32]
        /// Every protected system of the pool (data lost is counted for all of them).
        var systems: [Int32]
    }

    var channels: [Channel] = []
    var groups: [Group] = []
    var units: [Unit] = []
    var systems: [Protected] = []
    var failovers: [Failover] = []
    /// The WAN links with outages, each heard by the channels of both its directions.
    var outageLines: [OutageLine] = []
    var detectionSeconds: Double
    var restoreStreams: Int
    var restoreBitsPerSecond: Double

    /// The model of a scenario without `continuity:`: nothing to copy or restore.
    static let empty = ContinuityModel(detectionSeconds: 0, restoreStreams: 1, restoreBitsPerSecond: 1)
}

/// A WAN link that goes down now and then (`links[].outages`), with its own random stream.
struct OutageLine: Sendable {
    var link: String
    /// Index into `SimulationModel.failureModels`.
    var failureModel: Int32
}

extension ContinuityModel {
    /// - Parameters:
    ///   - settings: the scenario's `continuity:`; `plan` its plan over the sized pools.
    ///   - model: the simulation model with its components and tenant-systems numbered.
    ///   - failures: the model's failure table (link outages are added to it).
    /// - Complexity: O(systems + link rows × members).
    init(settings: ContinuitySettings, plan: ContinuityPlan, model: SimulationModel, linkOutages: Bool,
         failures: inout FailureModelTable) {
        detectionSeconds = settings.dr.detectionHours * 3_600
        restoreStreams = Swift.max(1, settings.dr.restoreStreams)
        restoreBitsPerSecond = settings.dr.localRestoreMbps * 1e6
        let tsIndex = Dictionary(model.tenantSystems.enumerated().map { ([$1.tenant, $1.system], Int32($0)) },
                                 uniquingKeysWith: { a, _ in a })
        systems = plan.systems.map { row in
            Protected(tenantSystem: tsIndex[[row.tenantIndex, row.systemIndex]] ?? -1, pool: Int32(row.poolIndex),
                      dailyChangeGiB: row.dailyChangeGiB, diskGiB: row.diskGiB, restoreGiB: row.restoreGiB,
                      bootSeconds: row.bootHours * 3_600, vcpu: row.vcpu, memoryGiB: row.memoryGiB)
        }
        var lines: [Int: Int32] = [:]
        for row in plan.links {
            addGroup(row, settings: settings, model: model, lines: &lines, linkOutages: linkOutages, failures: &failures)
        }
        for entry in settings.dr.pools { addFailover(entry, plan: plan, model: model) }
    }

    /// The channel of `row`'s link direction (made on first use) and its group and units.
    mutating func addGroup(_ row: LinkLoad, settings: ContinuitySettings, model: SimulationModel, lines: inout [Int: Int32],
                           linkOutages: Bool, failures: inout FailureModelTable) {
        let channel = channels.firstIndex { $0.link == row.link && $0.from == row.from && $0.to == row.to.name } ?? {
            var line: Int32 = -1
            if let l = row.linkIndex {
                let outages = failures.index(of: settings.links[l].outages, enabled: linkOutages)
                if let known = lines[l] {
                    line = known
                } else if outages >= 0 {
                    line = Int32(outageLines.count)
                    lines[l] = line
                    outageLines.append(OutageLine(link: settings.links[l].id, failureModel: outages))
                }
            }
            channels.append(Channel(link: row.link, from: row.from, to: row.to.name,
                                    backupBitsPerSecond: row.mbps * 1e6 * row.efficiency * row.backupShare,
                                    wholeBitsPerSecond: row.mbps * 1e6 * row.efficiency, outageLine: line))
            return channels.count - 1
        }()
        let policy = settings.policies[row.policyIndex]
        let source = model.siteIDs.firstIndex(of: row.from).map(Int32.init) ?? -1
        var target: Int32 = -1
        if case .site(let id) = row.to { target = model.siteIDs.firstIndex(of: id).map(Int32.init) ?? -1 }
        let perCycle = policy.schedule == .daily ? 1.0 : policy.intervalMinutes / 1_440
        let first = units.count
        let offsite = target >= 0
        // The copies sit on the arrays of the partner pool, spread round-robin.
        let sourcePool = row.members.first.map { Int(systems[$0].pool) }
        let partner = settings.dr.pools.first { $0.pool == sourcePool }?.partner
        let copyArrays = offsite ? partner.map { model.poolArrays[$0] } ?? 0..<0 : 0..<0
        func unit(_ members: [Int]) -> Unit {
            let k = units.count - first
            return Unit(group: groups.count, systems: members.map(Int32.init),
                        incrementalGiB: members.reduce(0) { $0 + systems[$1].dailyChangeGiB * perCycle * policy.reduction },
                        fullGiB: members.reduce(0) { $0 + systems[$1].diskGiB * policy.reduction }, offsite: offsite,
                        copyArray: copyArrays.isEmpty ? -1 : Int32(copyArrays.lowerBound + k % copyArrays.count))
        }
        if policy.schedule == .continuous {
            units.append(unit(row.members))
        } else {
            for m in row.members { units.append(unit([m])) }
        }
        for u in first..<units.count where offsite {
            for s in units[u].systems {
                systems[Int(s)].copyArray = units[u].copyArray
                systems[Int(s)].offsite = true
            }
        }
        let cycle = policy.cycleHours * 3_600
        groups.append(Group(channel: channel, schedule: policy.schedule, cycleSeconds: cycle,
                            firstTickSeconds: policy.schedule == .daily ? policy.windowStartHour * 3_600 : cycle,
                            windowSeconds: policy.schedule == .daily ? policy.windowHours * 3_600 : cycle,
                            fullWindowSeconds: policy.fullWindowHours * 3_600,
                            fullEvery: policy.schedule == .daily ? policy.fullEveryDays : 0,
                            units: first..<units.count, sourceSite: source, targetSite: target))
    }

    /// The pool's restore candidates in the plan's restore order, and the partner's room.
    mutating func addFailover(_ entry: DRPool, plan: ContinuityPlan, model: SimulationModel) {
        let poolName = model.poolNames[entry.pool]
        let check = plan.partners.first { $0.pool == poolName }
        let mine = plan.systems.indices.filter { plan.systems[$0].poolIndex == entry.pool }
        let ranked = mine.compactMap { i in plan.systems[i].restoreRank.map { (rank: $0, system: Int32(i)) } }
        failovers.append(Failover(pool: entry.pool, partnerPool: entry.partner,
                                  partnerSite: model.poolSite[entry.partner], reserve: entry.capacity == .reserve,
                                  freeVCPU: check?.freeVCPU ?? 0, freeMemoryGiB: check?.freeMemoryGiB ?? 0,
                                  candidates: ranked.sorted { $0.rank < $1.rank }.map(\.system),
                                  systems: mine.map(Int32.init)))
        for s in mine { systems[s].failover = Int32(failovers.count - 1) }
    }
}
