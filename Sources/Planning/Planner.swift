import CapacityModel
import Economics
import Placement

/// Plans a whole scenario: every pool, the dedicated servers it replaces, and the cost split.
public struct Planner: Sendable {
    public let scenario: Scenario
    /// Moves the placement engine's improvement stage may make on each pool's packing. A count,
    /// not a time, so that the plan is the same on every machine.
    public var improvementMoves: Int

    public init(scenario: Scenario, improvementMoves: Int = Planner.defaultImprovementMoves) {
        self.scenario = scenario
        self.improvementMoves = improvementMoves
    }

    /// The improvement budget of `cloudplan plan` and `simulate`.
    public static let defaultImprovementMoves = 200

    /// - Throws: `PlanningError` when a pool cannot meet its policy.
    public func plan() throws(PlanningError) -> PlanResult {
        let calendar = DemandCalendar(year: scenario.referenceYear, profiles: scenario.catalog.profiles)
        let scenario = self.scenario, moves = self.improvementMoves
        let pools = try parallelMap(scenario.pools) { pool throws(PlanningError) in
            try PoolPlanner(scenario: scenario, pool: pool, calendar: calendar, improvementMoves: moves).plan()
        }
        let tenants = tenantPlans(pools: pools, calendar: calendar)
        return PlanResult(scenarioName: scenario.name, scenarioFile: scenario.file, pools: pools, tenants: tenants,
                          before: before(tenants, pools: pools, calendar: calendar), after: after(pools),
                          calendar: calendar)
    }

    // MARK: Before

    /// Dedicated servers of one VM: enough baseline servers for its vCPUs and memory, × servers_per_vm.
    static func dedicatedServers(for vm: VirtualMachine, model: BaselineServerModel, perVM: Double) -> Double {
        let n = Swift.max(1, (vm.vcpu / Double(model.cores)).rounded(.up), (vm.memoryGiB / model.memoryGiB).rounded(.up))
        return n * perVM
    }

    /// Dedicated servers of one tenant: per system, the sum over its VMs, rounded up, at least the minimum.
    func dedicatedServers(_ vms: [VirtualMachine]) -> Int {
        let model = scenario.baseline.server
        var bySystem: [Int: Double] = [:]
        for vm in vms {
            bySystem[vm.system, default: 0] += Self.dedicatedServers(for: vm, model: model, perVM: scenario.baseline.serversPerVM)
        }
        return bySystem.values.reduce(0) { $0 + Swift.max(scenario.baseline.minimumServersPerSystem, Int(($1 - 1e-9).rounded(.up))) }
    }

    /// Each member's claim on its pool's bill, in `pool.pool.tenantIndices` order: its population
    /// (`populations`, in that order), and as usage the mean of its shares of the pool's vCPU,
    /// memory and disk.
    /// - Complexity: O(VMs + members).
    static func shareBases(_ pool: PoolPlan, populations: [Int]) -> [ShareBasis] {
        var cpu: [Int: Double] = [:], memory: [Int: Double] = [:], disk: [Int: Double] = [:]
        for vm in pool.virtualMachines {
            cpu[vm.tenant, default: 0] += vm.vcpu
            memory[vm.tenant, default: 0] += vm.memoryGiB
            disk[vm.tenant, default: 0] += vm.diskGiB
        }
        let totalCPU = pool.virtualMachines.reduce(0) { $0 + $1.vcpu }
        let totalMemory = pool.virtualMachines.reduce(0) { $0 + $1.memoryGiB }
        let totalDisk = pool.virtualMachines.reduce(0) { $0 + $1.diskGiB }
        return zip(pool.pool.tenantIndices, populations).map { t, population in
            let usage = ((cpu[t] ?? 0) / Swift.max(totalCPU, 1) + (memory[t] ?? 0) / Swift.max(totalMemory, 1)
                + (disk[t] ?? 0) / Swift.max(totalDisk, 1)) / 3
            return ShareBasis(population: population, usage: usage)
        }
    }

    func tenantPlans(pools: [PoolPlan], calendar: DemandCalendar) -> [TenantPlan] {
        let model = scenario.baseline.server
        let baseSite = scenario.baseline.site
        var plans: [TenantPlan] = []
        for pool in pools {
            var byTenant: [Int: [VirtualMachine]] = [:]
            for vm in pool.virtualMachines { byTenant[vm.tenant, default: []].append(vm) }
            let indices = pool.pool.tenantIndices
            let bases = Self.shareBases(pool, populations: indices.map { scenario.tenants[$0].population })
            let sharing = scenario.economics.sharing
            let shares = sharing.split(pool.yearlyCost.total, among: bases)
            let fractions = sharing.fractions(bases)
            for (j, t) in indices.enumerated() {
                let tenant = scenario.tenants[t]
                let vms = byTenant[t] ?? []
                // A real server list counts its hosts; else the catalog's estimate of dedicated servers.
                let servers = tenant.beforeInventory?.servers ?? dedicatedServers(vms)
                plans.append(TenantPlan(
                    tenant: t, code: tenant.code, name: tenant.name, prefecture: tenant.prefecture,
                    population: tenant.population,
                    sizingPopulation: tenant.sizingPopulation(overYears: scenario.economics.leaseYears), pool: pool.name, virtualMachines: vms.count, physicalServersBefore: servers,
                    standaloneCost: CostModel.dedicatedCost(servers: servers, model: model, site: baseSite,
                                                            economics: scenario.economics),
                    costShare: shares[j], shareFraction: fractions[j], reportedCostBefore: tenant.reportedCostBefore))
            }
        }
        return plans
    }

    func before(_ tenants: [TenantPlan], pools: [PoolPlan], calendar: DemandCalendar) -> BeforeSummary {
        let model = scenario.baseline.server
        let servers = tenants.reduce(0) { $0 + $1.physicalServersBefore }
        // Each dedicated server carries one VM's own design peak.
        let caps = calendar.designFactors(scenario.pools.first?.policy.designDemand ?? .peak)
        let demand = pools.reduce(0.0) { acc, pool in
            acc + pool.virtualMachines.reduce(0.0) { $0 + $1.peakCPUCores * caps[$1.profile] }
        }
        let cores = servers * model.cores
        return BeforeSummary(physicalServers: servers, cores: cores,
                             cpuUtilisation: cores == 0 ? 0 : demand / Double(cores),
                             itPower: model.power * Double(servers),
                             yearlyCost: tenants.reduce(YearlyCost.zero) { $0 + $1.standaloneCost })
    }

    func after(_ pools: [PoolPlan]) -> AfterSummary {
        let blades = pools.reduce(0) { $0 + $1.blades }
        let usable = pools.reduce(0.0) { $0 + $1.usableCores }
        let demand = pools.reduce(0.0) { $0 + $1.designCPUCores }
        let memory = pools.reduce(0.0) { $0 + $1.bladeMemoryGiB }
        let allocated = pools.reduce(0.0) { $0 + $1.allocatedMemoryGiB }
        return AfterSummary(
            blades: blades, chassis: pools.reduce(0) { $0 + $1.chassis }, racks: pools.reduce(0) { $0 + $1.racks },
            storageArrays: pools.reduce(0) { $0 + $1.storageArrays },
            cores: pools.reduce(0) { acc, p in acc + p.blades * p.pool.blade.cores },
            cpuUtilisation: usable == 0 ? 0 : demand / usable,
            memoryUtilisation: memory == 0 ? 0 : allocated / memory,
            designITPower: pools.reduce(Watts.zero) { $0 + $1.designITPower },
            averageITPower: pools.reduce(Watts.zero) { $0 + $1.averageITPower },
            designFacilityPower: pools.reduce(Watts.zero) { $0 + $1.designITPower * $1.facilityPUE },
            purchase: pools.reduce(Yen.zero) { $0 + $1.purchase },
            yearlyCost: pools.reduce(YearlyCost.zero) { $0 + $1.yearlyCost },
            virtualMachines: pools.reduce(0) { $0 + $1.virtualMachines.count })
    }
}
