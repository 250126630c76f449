import CapacityModel
import Planning
import SimKernel
import Stochastics

/// Everything the simulator needs that does not change during a run, flattened into arrays
/// indexed by global VM, blade, chassis, array, pool, instance and tenant-system numbers.
/// Built once from a scenario and its plan; shared by every replication.
public struct SimulationModel: Sendable {
    public let scenario: Scenario
    public let plan: PlanResult

    // MARK: VMs
    let vmTenantSystem: [Int32]
    let vmInstance: [Int32]
    /// Global redundancy group, or -1.
    let vmGroup: [Int32]
    let vmProfile: [Int32]
    /// Physical cores at the profile's yearly peak.
    let vmPeakCores: [Double]
    let vmVCPU: [Double]
    let vmMemory: [Double]
    let vmPriority: [Int32]
    /// Seconds from power-on to service.
    let vmBootSeconds: [Double]
    /// The blade the plan put it on (global index).
    let vmHomeBlade: [Int32]
    /// The storage array holding its disks (global index).
    let vmArray: [Int32]
    let vmPool: [Int32]
    /// Trace series replayed as its CPU utilisation, or -1.
    var vmTrace: [Int32]
    public var vmCount: Int { vmPool.count }

    // MARK: Blades, chassis, arrays
    let bladePool: [Int32]
    let bladeChassis: [Int32]
    /// Physical cores available to VMs (the blade's capacity for demand).
    let bladeUsableCores: [Double]
    /// Allocation limits after a failure (HA admission for restarts).
    let bladeFailoverVCPU: [Double]
    let bladeFailoverMemory: [Double]
    let bladeFailures: [Int32]
    let chassisPool: [Int32]
    let chassisBlades: [[Int32]]
    let chassisFailures: [Int32]
    let arrayPool: [Int32]
    let arrayVMs: [[Int32]]
    let arrayFailures: [Int32]
    public var bladeCount: Int { bladePool.count }
    public var chassisCount: Int { chassisPool.count }
    public var arrayCount: Int { arrayPool.count }

    // MARK: Pools and sites
    public let poolNames: [String]
    let poolBlades: [Range<Int>]
    let poolChassis: [Range<Int>]
    let poolArrays: [Range<Int>]
    let poolSite: [Int32]
    let poolDetectionSeconds: [Double]
    public let siteIDs: [String]
    let sitePools: [[Int32]]
    let siteFailure: Int32

    // MARK: Instances and tenant-systems
    let instanceQuorum: [Int32]
    let instanceTenantSystem: [Int32]
    /// (tenant index, system index) of each tenant-system.
    public let tenantSystems: [(tenant: Int, system: Int)]
    /// When each tenant-system joins the pool (its tenant's `joins_after_years`, 365-day years),
    /// in seconds; 0 for founding members. Before it joins, its VMs do not exist.
    let tsJoinSeconds: [Double]
    /// The VMs of each tenant-system, in VM order.
    let tsVMs: [[Int32]]

    // MARK: Time and randomness
    /// Hourly load of each profile over the reference year, normalised to a peak of 1.
    let curves: [[Float]]
    /// Failure models: time to failure and to repair, in seconds.
    let failureModels: [(failure: Distribution, repair: Distribution)]
    let settings: SimulationSettings
    /// Traces replayed as utilisation: one series per trace VM, with its sample interval.
    var traces: TraceLibrary

    /// Group members (global VM indices) of each redundancy group.
    let groupMembers: [[Int32]]

    // MARK: Population change
    /// Each VM's (tenant, system, tier): an index into `growthKeys`.
    let vmGrowthKey: [Int32]
    /// The distinct (tenant, system, tier) of the VMs.
    let growthKeys: [(tenant: Int, system: Int, tier: Int)]
    /// Whether any tenant's population changes (else demand never needs rescaling).
    let populationChanges: Bool
}

extension SimulationModel {
    /// Converts a scenario distribution in hours to a sampler in seconds.
    static func seconds(_ spec: DistributionSpec) -> Distribution {
        switch spec {
        case .constant(let h): return .constant(h * 3_600)
        case .exponential(let m): return .exponential(mean: m * 3_600)
        case .weibull(let s, let k): return .weibull(scale: s * 3_600, shape: k)
        case .lognormal(let m, let cv): return .lognormal(mean: m * 3_600, coefficientOfVariation: cv)
        }
    }

    /// Builds the flat model of a planned scenario.
    public init(scenario: Scenario, plan: PlanResult, traces: TraceLibrary = TraceLibrary()) {
        self.scenario = scenario
        self.plan = plan
        self.settings = scenario.simulation
        self.traces = traces
        var models: [(Distribution, Distribution)] = []
        var modelIndex: [FailureModel: Int32] = [:]
        func failureIndex(_ f: FailureModel?, enabled: Bool) -> Int32 {
            guard enabled, let f else { return -1 }
            if let i = modelIndex[f] { return i }
            models.append((Self.seconds(f.timeToFailure), Self.seconds(f.timeToRepair)))
            modelIndex[f] = Int32(models.count - 1)
            return Int32(models.count - 1)
        }
        let s = scenario.simulation

        var tsIndex: [Int: Int32] = [:]       // tenant * 4096 + system → index
        var tenantSystems: [(tenant: Int, system: Int)] = []
        var vmTS: [Int32] = [], vmInst: [Int32] = [], vmGroup: [Int32] = [], vmProfile: [Int32] = []
        var vmPeak: [Double] = [], vmVCPU: [Double] = [], vmMem: [Double] = [], vmPrio: [Int32] = []
        var vmBoot: [Double] = [], vmHome: [Int32] = [], vmArray: [Int32] = [], vmPool: [Int32] = []
        var instanceQuorum: [Int32] = [], instanceTS: [Int32] = []
        var instanceKey: [String: Int32] = [:]
        var groupIndex: [String: Int32] = [:]
        var groupMembers: [[Int32]] = []
        var bladePool: [Int32] = [], bladeChassis: [Int32] = [], bladeCores: [Double] = []
        var bladeVCPU: [Double] = [], bladeMem: [Double] = [], bladeFail: [Int32] = []
        var chassisPool: [Int32] = [], chassisBlades: [[Int32]] = [], chassisFail: [Int32] = []
        var arrayPool: [Int32] = [], arrayVMs: [[Int32]] = [], arrayFail: [Int32] = []
        var poolNames: [String] = [], poolBlades: [Range<Int>] = [], poolChassis: [Range<Int>] = []
        var poolArrays: [Range<Int>] = [], poolSite: [Int32] = [], poolDetection: [Double] = []
        var siteIDs: [String] = [], sitePools: [[Int32]] = []
        var vmGrowth: [Int32] = [], growthKeys: [(tenant: Int, system: Int, tier: Int)] = []
        var growthIndex: [String: Int32] = [:]

        for (p, pool) in plan.pools.enumerated() {
            let blade = scenario.hardware.blade(pool.bladeModel)!
            let chassisModel = scenario.hardware.chassisModel(pool.chassisModel)!
            let array = scenario.hardware.storageArray(pool.storageModel)!
            let policy = scenario.policy(pool.policy)!
            let failover = BladeCapacity(blade: blade, policy: policy, utilisationLimit: policy.ha.failoverUtilisation)
            poolNames.append(pool.name)
            if let site = siteIDs.firstIndex(of: pool.site) {
                poolSite.append(Int32(site))
                sitePools[site].append(Int32(p))
            } else {
                siteIDs.append(pool.site)
                sitePools.append([Int32(p)])
                poolSite.append(Int32(siteIDs.count - 1))
            }
            poolDetection.append(policy.ha.detectionSeconds)
            let bladeBase = bladePool.count, chassisBase = chassisPool.count, arrayBase = arrayPool.count
            for c in 0..<pool.chassis {
                chassisPool.append(Int32(p))
                chassisBlades.append([])
                chassisFail.append(failureIndex(chassisModel.failures, enabled: s.chassisFailures))
                _ = c
            }
            for b in 0..<pool.blades {
                let chassis = chassisBase + b % pool.chassis
                bladePool.append(Int32(p))
                bladeChassis.append(Int32(chassis))
                chassisBlades[chassis].append(Int32(bladeBase + b))
                bladeCores.append(failover.usableCores)
                bladeVCPU.append(failover.allocatableVCPU)
                bladeMem.append(failover.allocatableMemoryGiB)
                bladeFail.append(failureIndex(blade.failures, enabled: s.bladeFailures))
            }
            for _ in 0..<pool.storageArrays {
                arrayPool.append(Int32(p))
                arrayVMs.append([])
                arrayFail.append(failureIndex(array.failures, enabled: s.storageFailures))
            }
            poolBlades.append(bladeBase..<bladePool.count)
            poolChassis.append(chassisBase..<chassisPool.count)
            poolArrays.append(arrayBase..<arrayPool.count)

            for (i, vm) in pool.virtualMachines.enumerated() {
                let g = vm.tenant * 4_096 + vm.system
                let ts: Int32
                if let existing = tsIndex[g] { ts = existing } else {
                    ts = Int32(tenantSystems.count)
                    tsIndex[g] = ts
                    tenantSystems.append((vm.tenant, vm.system))
                }
                let tier = scenario.catalog.systems[vm.system].tiers[vm.tier]
                let key = "\(vm.tenant)/\(vm.system)/\(vm.tier)/\(vm.instance)"
                let inst: Int32
                if let existing = instanceKey[key] { inst = existing } else {
                    inst = Int32(instanceQuorum.count)
                    instanceKey[key] = inst
                    instanceQuorum.append(Int32(tier.quorum))
                    instanceTS.append(ts)
                }
                let index = Int32(vmPool.count)
                var group: Int32 = -1
                if let rg = vm.redundancyGroup {
                    let gk = "\(p)/\(rg)"
                    if let existing = groupIndex[gk] { group = existing } else {
                        group = Int32(groupMembers.count)
                        groupIndex[gk] = group
                        groupMembers.append([])
                    }
                    groupMembers[Int(group)].append(index)
                }
                vmTS.append(ts); vmInst.append(inst); vmGroup.append(group); vmProfile.append(Int32(vm.profile))
                vmPeak.append(vm.peakCPUCores); vmVCPU.append(vm.vcpu); vmMem.append(vm.memoryGiB)
                vmPrio.append(Int32(vm.restartPriority)); vmBoot.append(vm.bootMinutes * 60)
                vmHome.append(Int32(bladeBase) + pool.bladeOf[i])
                let a = Int32(arrayBase) + pool.arrayOf[i]
                vmArray.append(a)
                arrayVMs[Int(a)].append(index)
                vmPool.append(Int32(p))
                let growth = "\(vm.tenant)/\(vm.system)/\(vm.tier)"
                if let existing = growthIndex[growth] { vmGrowth.append(existing) } else {
                    growthIndex[growth] = Int32(growthKeys.count)
                    vmGrowth.append(Int32(growthKeys.count))
                    growthKeys.append((vm.tenant, vm.system, vm.tier))
                }
            }
        }
        let siteFailure = failureIndex(s.siteFailures, enabled: s.siteFailures != nil)

        self.vmTenantSystem = vmTS; self.vmInstance = vmInst; self.vmGroup = vmGroup; self.vmProfile = vmProfile
        self.vmPeakCores = vmPeak; self.vmVCPU = vmVCPU; self.vmMemory = vmMem; self.vmPriority = vmPrio
        self.vmBootSeconds = vmBoot; self.vmHomeBlade = vmHome; self.vmArray = vmArray; self.vmPool = vmPool
        self.vmTrace = [Int32](repeating: -1, count: vmPool.count)
        self.bladePool = bladePool; self.bladeChassis = bladeChassis; self.bladeUsableCores = bladeCores
        self.bladeFailoverVCPU = bladeVCPU; self.bladeFailoverMemory = bladeMem; self.bladeFailures = bladeFail
        self.chassisPool = chassisPool; self.chassisBlades = chassisBlades; self.chassisFailures = chassisFail
        self.arrayPool = arrayPool; self.arrayVMs = arrayVMs; self.arrayFailures = arrayFail
        self.poolNames = poolNames; self.poolBlades = poolBlades; self.poolChassis = poolChassis
        self.poolArrays = poolArrays; self.poolSite = poolSite; self.poolDetectionSeconds = poolDetection
        self.siteIDs = siteIDs; self.sitePools = sitePools; self.siteFailure = siteFailure
        self.instanceQuorum = instanceQuorum; self.instanceTenantSystem = instanceTS
        self.tenantSystems = tenantSystems
        self.tsJoinSeconds = tenantSystems.map { scenario.tenants[$0.tenant].joinsAfterYears * SimKernel.Duration.year }
        var tsVMs = [[Int32]](repeating: [], count: tenantSystems.count)
        for (v, ts) in vmTS.enumerated() { tsVMs[Int(ts)].append(Int32(v)) }
        self.tsVMs = tsVMs
        self.groupMembers = groupMembers
        self.failureModels = models
        let calendar = DemandCalendar(year: scenario.referenceYear, profiles: scenario.catalog.profiles)
        self.curves = calendar.hourly
        // Traced systems: each of their VMs replays one trace series, round-robin.
        var trace = [Int32](repeating: -1, count: vmPool.count)
        for mapping in scenario.simulation.traces {
            guard let system = scenario.catalog.systems.firstIndex(where: { $0.id == mapping.system }),
                  let first = traces.firstSeries(file: mapping.file), traces.seriesCount(file: mapping.file) > 0 else { continue }
            var k = 0
            for v in 0..<vmPool.count where tenantSystems[Int(vmTS[v])].system == system {
                trace[v] = Int32(first + k % traces.seriesCount(file: mapping.file))
                k += 1
            }
        }
        self.vmTrace = trace
        self.vmGrowthKey = vmGrowth
        self.growthKeys = growthKeys
        self.populationChanges = scenario.tenants.contains { $0.populationChangePercentPerYear != 0 }
    }
}

extension SimulationModel {
    /// Each VM's CPU demand `years` after the start relative to the demand it was sized for:
    /// its tier's vCPU formula (base + per 10k residents) at the tenant's population then,
    /// over the same formula at the population the plan sized for (the largest over the lease).
    /// - Complexity: O(VMs).
    func demandScale(afterYears years: Double) -> [Double] {
        let lease = scenario.economics.leaseYears
        let factors = growthKeys.map { key -> Double in
            let tenant = scenario.tenants[key.tenant]
            let vcpu = scenario.catalog.systems[key.system].tiers[key.tier].vcpu
            let sized = vcpu.value(population: tenant.sizingPopulation(overYears: lease))
            return sized > 0 ? vcpu.value(population: tenant.population(afterYears: years)) / sized : 1
        }
        return vmGrowthKey.map { factors[Int($0)] }
    }
}
