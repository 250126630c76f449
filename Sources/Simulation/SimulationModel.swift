import CapacityModel
import Planning
import SimKernel
import Stochastics

/// Whose random draws a stream holds (common random numbers: one stream per component).
enum ComponentStream: String {
    /// A blade's, chassis', array's or site's failures and repairs.
    case blade, chassis, array, site
    /// A blade's demand noise.
    case noise
    /// A WAN link's outages and repairs (`continuity.links[].outages`).
    case link
}

/// Everything the simulator needs that does not change during a run, flattened into arrays
/// indexed by global VM, blade, chassis, array, pool, instance and tenant-system numbers.
/// Built once from a scenario and its plan; shared by every replication.
public struct SimulationModel: Sendable {
    public let scenario: Scenario
    public let plan: PlanResult

    // MARK: VMs
    var vmTenantSystem: [Int32] = []
    var vmInstance: [Int32] = []
    /// Global redundancy group, or -1.
    var vmGroup: [Int32] = []
    var vmProfile: [Int32] = []
    /// Physical cores at the profile's yearly peak.
    var vmPeakCores: [Double] = []
    var vmVCPU: [Double] = []
    var vmMemory: [Double] = []
    var vmPriority: [Int32] = []
    /// Each VM's place in HA's restart order (`restartsBefore`): sorting by it is sorting by that.
    var vmRestartRank: [Int32] = []
    /// Seconds from power-on to service.
    var vmBootSeconds: [Double] = []
    /// Seconds a live migration of the VM takes (`LiveMigrationSettings.seconds`).
    var vmMigrationSeconds: [Double] = []
    /// The blade the plan put it on (global index).
    var vmHomeBlade: [Int32] = []
    /// The storage array holding its disks (global index).
    var vmArray: [Int32] = []
    var vmPool: [Int32] = []
    /// Trace series replayed as its CPU utilisation, or -1.
    var vmTrace: [Int32] = []
    public var vmCount: Int { vmPool.count }

    // MARK: Blades, chassis, arrays
    var bladePool: [Int32] = []
    var bladeChassis: [Int32] = []
    /// Cores available to VMs in reference cores (the blade's capacity for demand, × its core score).
    var bladeUsableCores: [Double] = []
    /// Allocation limits after a failure (HA admission for restarts).
    var bladeFailoverVCPU: [Double] = []
    var bladeFailoverMemory: [Double] = []
    var bladeFailures: [Int32] = []
    /// The VMs the plan put on each blade (their home), in VM order.
    var bladeHomeVMs: [[Int32]] = []
    /// Electrical draw at idle and at full CPU, watts (linear between, `BladeModel.power`).
    var bladeIdleWatts: [Double] = []
    var bladePeakWatts: [Double] = []
    var chassisPool: [Int32] = []
    var chassisBlades: [[Int32]] = []
    var chassisFailures: [Int32] = []
    var arrayPool: [Int32] = []
    var arrayVMs: [[Int32]] = []
    var arrayFailures: [Int32] = []
    public var bladeCount: Int { bladePool.count }
    public var chassisCount: Int { chassisPool.count }
    public var arrayCount: Int { arrayPool.count }

    // MARK: Pools and sites
    public internal(set) var poolNames: [String] = []
    var poolBlades: [Range<Int>] = []
    /// What a kWh drawn by each pool's blades costs at its site: PUE × the site's price, yen.
    var poolYenPerBladeKWh: [Double] = []
    /// When each blade is due to be delivered, seconds (0: installed at the start; +∞: never
    /// within the timeline). All 0 unless `scheduleDeliveries` was given a timeline.
    public internal(set) var bladeDueSeconds: [Double] = []
    var poolChassis: [Range<Int>] = []
    var poolArrays: [Range<Int>] = []
    var poolSite: [Int32] = []
    var poolDetectionSeconds: [Double] = []
    /// Blades whose loss the pool's HA policy must survive: kept powered on beyond the load by
    /// power management (host failures tolerated, a chassis' blades if chassis loss is tolerated,
    /// the reserved share of the blades under percentage admission, rounded up).
    var poolReserveBlades: [Int] = []
    public internal(set) var siteIDs: [String] = []
    var sitePools: [[Int32]] = []
    var siteFailure: Int32 = -1

    // MARK: Instances and tenant-systems
    var instanceQuorum: [Int32] = []
    var instanceTenantSystem: [Int32] = []
    /// (tenant index, system index) of each tenant-system.
    public internal(set) var tenantSystems: [(tenant: Int, system: Int)] = []
    /// When each tenant-system joins the pool (its tenant's `joins_after_years`, 365-day years),
    /// in seconds; 0 for founding members. Before it joins, its VMs do not exist.
    var tsJoinSeconds: [Double] = []
    /// What an hour of each tenant-system being down costs, yen (the system's
    /// `downtime_yen_per_hour`, else the scenario's).
    var tsDowntimeYenPerHour: [Double] = []
    /// The VMs of each tenant-system, in VM order.
    var tsVMs: [[Int32]] = []

    // MARK: Time and randomness
    /// Hourly load of each profile over the reference year, normalised to a peak of 1.
    var curves: [[Float]] = []
    /// Failure models: time to failure and to repair, in seconds.
    var failureModels: [(failure: Distribution, repair: Distribution)] = []
    let settings: SimulationSettings
    /// Traces replayed as utilisation: one series per trace VM, with its sample interval.
    var traces: TraceLibrary

    /// Group members (global VM indices) of each redundancy group.
    var groupMembers: [[Int32]] = []

    // MARK: Population change
    /// Each VM's (tenant, system, tier): an index into `growthKeys`.
    var vmGrowthKey: [Int32] = []
    /// The distinct (tenant, system, tier) of the VMs.
    var growthKeys: [(tenant: Int, system: Int, tier: Int)] = []
    /// Each growth key's tier vCPU formula, and each tenant's population and yearly change
    /// (percent), copied from the scenario so that rescaling reads plain arrays (reading a
    /// `Tenant` out of the scenario copied it, its arrays retained and released).
    var growthVCPU: [LinearSize] = []
    var tenantPopulation: [Int] = []
    var tenantPopulationChangePercent: [Double] = []
    /// Whether any tenant's population changes (else demand never needs rescaling).
    var populationChanges: Bool = false
    /// The population each tenant's VMs were sized for (the plan's), indexed like `Scenario.tenants`.
    var tenantSizingPopulation: [Int] = []

    // MARK: Backup and disaster recovery
    /// The scenario's `continuity:` (nil without one): channels, copy jobs, failover partners.
    var continuity: ContinuityModel?
}


extension SimulationModel {
    /// The name of a component's random stream: its kind, its pool's name and its index within
    /// the pool ("blade/okitama/3"), or a site's id ("site/prefectural-dc"), so that it stays the
    /// same in every variant of a scenario that keeps the pool. O(pools).
    func streamKey(_ kind: ComponentStream, _ index: Int) -> String {
        let ranges: [Range<Int>]
        switch kind {
        case .blade, .noise: ranges = poolBlades
        case .chassis: ranges = poolChassis
        case .array: ranges = poolArrays
        case .site: return "site/\(siteIDs[index])"
        case .link: return "link/\(continuity?.outageLines[index].link ?? "")"
        }
        let p = ranges.firstIndex { $0.contains(index) } ?? 0
        return "\(kind.rawValue)/\(poolNames[p])/\(index - ranges[p].lowerBound)"
    }

    /// The random stream of component `index` of `kind` in replication `replication`: the
    /// stream of `streamKey(kind, index)`, hashed without building the key. O(pools + key length).
    func stream(_ kind: ComponentStream, _ index: Int, seed: UInt64, replication: Int) -> RandomStream {
        RandomStream(seed: seed, stream: replication, keyHash: streamKeyHash(kind, index))
    }

    /// The FNV-1a hash of `streamKey(kind, index)`, without building the key. O(log pools + key
    /// length).
    func streamKeyHash(_ kind: ComponentStream, _ index: Int) -> UInt64 {
        var hash = KeyHash()
        hash.add(kind.rawValue)
        hash.add(byte: 47)  // "/"
        if kind == .site {
            hash.add(siteIDs[index])
        } else if kind == .link {
            hash.add(continuity?.outageLines[index].link ?? "")
        } else {
            let ranges = kind == .chassis ? poolChassis : kind == .array ? poolArrays : poolBlades
            // The pools' ranges follow one another: the last that starts at or before `index`
            // holds it (a binary search; a scan of every pool for each of thousands of blades
            // was most of a replication's set-up).
            var low = 0, high = ranges.count
            while high - low > 1 {
                let mid = (low + high) / 2
                if ranges[mid].lowerBound <= index { low = mid } else { high = mid }
            }
            let p = ranges.indices.contains(low) && ranges[low].contains(index) ? low : 0
            hash.add(poolNames[p])
            hash.add(byte: 47)
            hash.add(decimal: index - ranges[p].lowerBound)
        }
        return hash.value
    }

    /// The FNV-1a hash of "noise/POOL": the key of the draws a pool's demand sums take as a whole
    /// (`DemandSamplingMethod.aggregate`), distinct from its blades' keys ("noise/POOL/i").
    func poolNoiseKeyHash(_ pool: Int) -> UInt64 {
        var hash = KeyHash()
        hash.add(ComponentStream.noise.rawValue)
        hash.add(byte: 47)
        hash.add(poolNames[pool])
        return hash.value
    }

    /// HA's restart order: VM `x` restarts before `y` if its restart priority is higher (a lower
    /// number), then if it has more memory, then if it comes first.
    func restartsBefore(_ x: Int, _ y: Int) -> Bool {
        if vmPriority[x] != vmPriority[y] { return vmPriority[x] < vmPriority[y] }
        if vmMemory[x] != vmMemory[y] { return vmMemory[x] > vmMemory[y] }
        return x < y
    }

    /// Each VM's CPU demand `years` after the start relative to the demand it was sized for:
    /// its tier's vCPU formula (base + per 10k residents) at the tenant's population then,
    /// over the same formula at the population the plan sized for (`TenantPlan.sizingPopulation`).
    /// - Complexity: O(VMs).
    func demandScale(afterYears years: Double) -> [Double] {
        let populations = tenantPopulation.indices.map {
            Tenant.population(tenantPopulation[$0], changingByPercentPerYear: tenantPopulationChangePercent[$0], afterYears: years)
        }
        let factors = growthKeys.indices.map { k -> Double in
            let tenant = growthKeys[k].tenant, vcpu = growthVCPU[k]
            let sized = vcpu.value(population: tenantSizingPopulation[tenant])
            return sized > 0 ? vcpu.value(population: populations[tenant]) / sized : 1
        }
        return vmGrowthKey.map { factors[Int($0)] }
    }
}

extension SimulationModel {
    /// The draw one blade of pool `p` saves while in standby (idle − standby), watts; 0 for an
    /// empty pool.
    func standbySavedWatts(pool p: Int) -> Double {
        guard let first = poolBlades[p].first else { return 0 }
        return bladeIdleWatts[first] - settings.powerManagement.standbyWatts
    }
}
