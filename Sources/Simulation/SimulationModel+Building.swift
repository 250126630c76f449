import CapacityModel
import Planning
import SimKernel
import Stochastics

extension SimulationModel {
    /// Builds the flat model of a planned scenario: components pool by pool, then each pool's
    /// VMs (in the plan's order), then the tenant-systems' join times and the trace mapping.
    /// Every reference comes resolved from the plan; nothing is looked up by id.
    /// - Complexity: O(VMs + blades + chassis + arrays).
    public init(scenario: Scenario, plan: PlanResult, traces: TraceLibrary = TraceLibrary()) {
        self.scenario = scenario
        self.plan = plan
        self.settings = scenario.simulation
        self.traces = traces
        var failures = FailureModelTable()
        var keys = VMKeyTables()
        for (p, pool) in plan.pools.enumerated() {
            addComponents(of: pool, index: p, failures: &failures)
            addVirtualMachines(of: pool, index: p, keys: &keys)
        }
        siteFailure = failures.index(of: settings.siteFailures, enabled: settings.siteFailures != nil)
        if let settings = scenario.continuity, let plan = plan.continuity {
            continuity = ContinuityModel(settings: settings, plan: plan, model: self, linkOutages: true, failures: &failures)
        }
        failureModels = failures.models
        vmTrace = [Int32](repeating: -1, count: vmPool.count)
        tsJoinSeconds = tenantSystems.map { scenario.tenants[$0.tenant].joinsAfterYears * SimDuration.year }
        tsDowntimeYenPerHour = tenantSystems.map { scenario.catalog.systems[$0.system].downtimeYenPerHour ?? scenario.economics.downtimeYenPerHour }
        tsVMs = [[Int32]](repeating: [], count: tenantSystems.count)
        for (v, ts) in vmTenantSystem.enumerated() { tsVMs[Int(ts)].append(Int32(v)) }
        bladeHomeVMs = [[Int32]](repeating: [], count: bladeCount)
        for (v, b) in vmHomeBlade.enumerated() { bladeHomeVMs[Int(b)].append(Int32(v)) }
        curves = plan.calendar.hourly
        assignTraces()
        if settings.replayUsage { replayMeasuredUsage() }
        populationChanges = scenario.tenants.contains { $0.populationChangePercentPerYear != 0 }
        tenantSizingPopulation = scenario.tenants.map(\.population)
        tenantPopulation = scenario.tenants.map(\.population)
        tenantPopulationChangePercent = scenario.tenants.map(\.populationChangePercentPerYear)
        for t in plan.tenants { tenantSizingPopulation[t.tenant] = t.sizingPopulation }
        bladeDueSeconds = [Double](repeating: 0, count: bladeCount)
        vmRestartRank = [Int32](repeating: 0, count: vmPool.count)
        for (rank, v) in vmPool.indices.sorted(by: restartsBefore).enumerated() { vmRestartRank[v] = Int32(rank) }
    }

    /// Blades arrive as `timeline` buys them (`simulate --timeline`): the k-th blade of a pool
    /// (in index order) is due at the start of the first month whose installed count exceeds k,
    /// +∞ if none does. The timeline's pools are the plan's, in the same order.
    public mutating func scheduleDeliveries(_ timeline: Timeline) {
        let month = SimDuration.year / 12
        for (p, pool) in timeline.pools.enumerated() where p < poolBlades.count {
            let installed = pool.months.map(\.bladesInstalled)
            for (k, b) in poolBlades[p].enumerated() {
                bladeDueSeconds[b] = installed.firstIndex { $0 > k }.map { Double($0) * month } ?? .infinity
            }
        }
    }

    /// Delay of each order past its due time, seconds (`simulation.delivery_delay`, in hours).
    var deliveryDelay: Distribution? { settings.deliveryDelay.map(Self.seconds) }

    /// Converts a scenario distribution in hours to a sampler in seconds.
    static func seconds(_ spec: DistributionSpec) -> Distribution {
        switch spec {
        case .constant(let h): return .constant(h * 3_600)
        case .exponential(let m): return .exponential(mean: m * 3_600)
        case .weibull(let s, let k): return .weibull(scale: s * 3_600, shape: k)
        case .lognormal(let m, let cv): return .lognormal(mean: m * 3_600, coefficientOfVariation: cv)
        }
    }

    /// The pool's site (numbered in order of first appearance), chassis, blades (round-robin over
    /// the chassis) and storage arrays, each with its failure model.
    mutating func addComponents(of pool: PoolPlan, index p: Int, failures: inout FailureModelTable) {
        let s = settings
        let failover = pool.failoverCapacity
        poolNames.append(pool.name)
        poolYenPerBladeKWh.append(pool.pool.site.pue * pool.pool.site.powerPriceYenPerKWh)
        if let site = siteIDs.firstIndex(of: pool.pool.site.id) {
            poolSite.append(Int32(site))
            sitePools[site].append(Int32(p))
        } else {
            siteIDs.append(pool.pool.site.id)
            sitePools.append([Int32(p)])
            poolSite.append(Int32(siteIDs.count - 1))
        }
        poolDetectionSeconds.append(pool.pool.policy.ha.detectionSeconds)
        poolReserveBlades.append(Self.reserveBlades(of: pool))
        let bladeBase = bladePool.count, chassisBase = chassisPool.count, arrayBase = arrayPool.count
        for _ in 0..<pool.chassis {
            chassisPool.append(Int32(p))
            chassisBlades.append([])
            chassisFailures.append(failures.index(of: pool.pool.chassis.failures, enabled: s.chassisFailures))
        }
        for b in 0..<pool.blades {
            let chassis = chassisBase + b % pool.chassis
            bladePool.append(Int32(p))
            bladeChassis.append(Int32(chassis))
            chassisBlades[chassis].append(Int32(bladeBase + b))
            bladeUsableCores.append(failover.usableReferenceCores)
            bladeFailoverVCPU.append(failover.allocatableVCPU)
            bladeFailoverMemory.append(failover.allocatableMemoryGiB)
            bladeFailures.append(failures.index(of: pool.pool.blade.failures, enabled: s.bladeFailures))
            bladeIdleWatts.append(pool.pool.blade.powerIdle.value)
            bladePeakWatts.append(pool.pool.blade.powerPeak.value)
        }
        for _ in 0..<pool.storageArrays {
            arrayPool.append(Int32(p))
            arrayVMs.append([])
            arrayFailures.append(failures.index(of: pool.pool.storage.failures, enabled: s.storageFailures))
        }
        poolBlades.append(bladeBase..<bladePool.count)
        poolChassis.append(chassisBase..<chassisPool.count)
        poolArrays.append(arrayBase..<arrayPool.count)
    }

    /// Blades the pool's HA policy must be able to lose (see `poolReserveBlades`).
    static func reserveBlades(of pool: PoolPlan) -> Int {
        let ha = pool.pool.policy.ha
        var reserve = ha.hostFailuresTolerated
        if case .percentageReserved(let share) = ha.admission {
            reserve = Int((share * Double(pool.blades)).rounded(.up))
        }
        if ha.tolerateChassisFailure, pool.chassis > 0 {
            reserve = Swift.max(reserve, (pool.blades + pool.chassis - 1) / pool.chassis)
        }
        return reserve
    }

    /// The pool's VMs, numbered into tenant-systems, instances, redundancy groups and growth keys
    /// in order of first appearance; their home blade and array come from the plan's layout.
    /// Must run right after `addComponents` of the same pool (blade and array numbers follow it).
    mutating func addVirtualMachines(of pool: PoolPlan, index p: Int, keys: inout VMKeyTables) {
        let bladeBase = poolBlades[p].lowerBound, arrayBase = poolArrays[p].lowerBound
        for (i, vm) in pool.virtualMachines.enumerated() {
            let ts = VMKeyTables.number(&keys.tenantSystem, TenantSystemKey(tenant: vm.tenant, system: vm.system)) {
                tenantSystems.append((vm.tenant, vm.system))
            }
            let instanceKey = InstanceKey(tenant: vm.tenant, system: vm.system, tier: vm.tier, instance: vm.instance)
            let inst = VMKeyTables.number(&keys.instance, instanceKey) {
                instanceQuorum.append(Int32(scenario.catalog.systems[vm.system].tiers[vm.tier].quorum))
                instanceTenantSystem.append(ts)
            }
            let index = Int32(vmPool.count)
            var group: Int32 = -1
            if let rg = vm.redundancyGroup {
                group = VMKeyTables.number(&keys.group, GroupKey(pool: p, group: rg)) { groupMembers.append([]) }
                groupMembers[Int(group)].append(index)
            }
            vmTenantSystem.append(ts); vmInstance.append(inst); vmGroup.append(group)
            vmProfile.append(Int32(vm.profile)); vmPeakCores.append(vm.peakCPUCores); vmVCPU.append(vm.vcpu)
            vmMemory.append(vm.memoryGiB); vmPriority.append(Int32(vm.restartPriority))
            vmBootSeconds.append(vm.bootMinutes * 60)
            vmMigrationSeconds.append(settings.powerManagement.migration.seconds(memoryGiB: vm.memoryGiB))
            vmHomeBlade.append(Int32(bladeBase) + pool.bladeOf[i])
            let a = Int32(arrayBase) + pool.arrayOf[i]
            vmArray.append(a)
            arrayVMs[Int(a)].append(index)
            vmPool.append(Int32(p))
            let growth = VMKeyTables.number(&keys.growth, GrowthKey(tenant: vm.tenant, system: vm.system, tier: vm.tier)) {
                growthKeys.append((vm.tenant, vm.system, vm.tier))
                growthVCPU.append(scenario.catalog.systems[vm.system].tiers[vm.tier].vcpu)
            }
            vmGrowthKey.append(growth)
        }
    }

    /// Measured VMs replay their own CPU history (`simulation.replay_usage`): a series of
    /// reference cores over the VM's vCPUs, so that the trace demand (vCPUs × utilisation) is
    /// the measured reference cores. It replaces any system trace of those VMs.
    mutating func replayMeasuredUsage() {
        var v = 0
        for pool in plan.pools {
            for vm in pool.virtualMachines {
                defer { v += 1 }
                guard let measured = scenario.tenants[vm.tenant].measured, vm.instance < measured.vms.count, vm.vcpu > 0 else { continue }
                let m = measured.vms[vm.instance]
                guard !m.series.isEmpty else { continue }
                let key = "usage:" + vm.name
                traces.add(file: key, series: [m.series.map { $0 / Float(vm.vcpu) }], intervalSeconds: m.intervalSeconds)
                if let first = traces.firstSeries(file: key) { vmTrace[v] = Int32(first) }
            }
        }
    }

    /// Traced systems: each of their VMs replays one series of the system's trace file, round-robin.
    mutating func assignTraces() {
        for mapping in settings.traces {
            let count = traces.seriesCount(file: mapping.file)
            guard let first = traces.firstSeries(file: mapping.file), count > 0 else { continue }
            var k = 0
            for v in 0..<vmPool.count where tenantSystems[Int(vmTenantSystem[v])].system == mapping.system {
                vmTrace[v] = Int32(first + k % count)
                k += 1
            }
        }
    }
}

/// The distinct failure models of a model's components, numbered in order of first use.
struct FailureModelTable {
    var models: [(failure: Distribution, repair: Distribution)] = []
    var numbers: [FailureModel: Int32] = [:]

    /// The number of `model` (added if new), or -1 when failures of that kind are off or it has none.
    mutating func index(of model: FailureModel?, enabled: Bool) -> Int32 {
        guard enabled, let model else { return -1 }
        if let i = numbers[model] { return i }
        models.append((SimulationModel.seconds(model.timeToFailure), SimulationModel.seconds(model.timeToRepair)))
        numbers[model] = Int32(models.count - 1)
        return Int32(models.count - 1)
    }
}

struct TenantSystemKey: Hashable { var tenant: Int, system: Int }
struct InstanceKey: Hashable { var tenant: Int, system: Int, tier: Int, instance: Int }
struct GroupKey: Hashable { var pool: Int, group: Int }
struct GrowthKey: Hashable { var tenant: Int, system: Int, tier: Int }

/// Numbers given to tenant-systems, instances, redundancy groups and growth keys while VMs are added.
struct VMKeyTables {
    var tenantSystem: [TenantSystemKey: Int32] = [:]
    var instance: [InstanceKey: Int32] = [:]
    var group: [GroupKey: Int32] = [:]
    var growth: [GrowthKey: Int32] = [:]

    /// The number of `key` in `table`, giving it the next number (and calling `added`) if new.
    static func number<Key: Hashable>(_ table: inout [Key: Int32], _ key: Key, added: () -> Void) -> Int32 {
        if let n = table[key] { return n }
        let n = Int32(table.count)
        table[key] = n
        added()
        return n
    }
}
