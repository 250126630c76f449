import CapacityModel
import Economics
import Placement
import Synchronization

/// Plans a whole scenario: every pool, the dedicated servers it replaces, and the cost split.
public struct Planner: Sendable {
    public let scenario: Scenario
    /// Moves the placement engine's improvement stage may make on each pool's packing. A count,
    /// not a time, so that the plan is the same on every machine.
    public var improvementMoves: Int
    /// Whether to plan each pool's coalitions (Shapley value, core check) when the scenario's
    /// `economics.finance` asks for it. O(2^members) pool plans: on for `cloudplan plan` only.
    public var costGames = false
    /// Whether to forecast each pool with 12 months of measured history and find its runway
    /// (about 15 pool plans each); off where only the sizing and money are read.
    public var runways = true
    /// Called after each pool is planned with the number planned so far (from any thread).
    public var progress: (@Sendable (Int) -> Void)?

    public init(scenario: Scenario, improvementMoves: Int = Planner.defaultImprovementMoves) {
        self.scenario = scenario
        self.improvementMoves = improvementMoves
    }

    /// The improvement budget of `cloudplan plan` and `simulate`.
    public static let defaultImprovementMoves = 200

    /// - Throws: `PlanningError` when a pool cannot meet its policy.
    public func plan() throws(PlanningError) -> PlanResult {
        let calendar = DemandCalendar(year: scenario.referenceYear, profiles: scenario.catalog.profiles)
        let scenario = self.scenario, moves = self.improvementMoves, progress = self.progress
        let planned = Atomic(0)
        let pools = try parallelMap(scenario.pools) { pool throws(PlanningError) in
            var plan = try Self.planCheapest(pool, scenario: scenario, calendar: calendar, moves: moves)
            if pool.tenantIndices.contains(where: { scenario.tenants[$0].measured != nil }) {
                plan.bladesAllocatedBasis = try? PoolPlanner(scenario: scenario, pool: plan.pool, calendar: calendar, improvementMoves: moves,
                                                             basis: .allocated).plan().blades
            }
            plan.cloudHosts = try Self.cloudHosts(plan.pool, scenario: scenario, calendar: calendar, moves: moves)
            progress?(planned.add(1, ordering: .relaxed).newValue)
            return plan
        }
        var tenants = tenantPlans(pools: pools, calendar: calendar)
        try checkMagnitudes(pools: pools, tenants: tenants)
        let games = costGames ? CostGamePlanner(scenario: scenario, calendar: calendar, improvementMoves: moves)
            .run(pools: pools, tenants: &tenants) : []
        var result = money(pools: pools, tenants: tenants, calendar: calendar)
        try checkMagnitudes(result.procurement)
        result.economics = games
        if let c = scenario.continuity {
            result.continuity = ContinuityPlanner(scenario: scenario, settings: c, pools: pools).plan()
        }
        result.rightsizing = RightsizingRow.rows(scenario)
        if runways { result.runway = pools.compactMap { RunwayPlanner.runway($0, scenario: scenario, calendar: calendar, moves: moves) } }
        return result
    }

    /// With an `iaas` form on dedicated hosts: how many hosts the pool's VMs need, packed and
    /// HA-checked by the pool's own planner on the host type (one host a chassis: a provider's
    /// hosts share no enclosure, so the chassis check is off); nil otherwise.
    /// - Throws: `PlanningError` when the hosts cannot meet the pool's policy.
    static func cloudHosts(_ pool: Pool, scenario: Scenario, calendar: DemandCalendar, moves: Int) throws(PlanningError) -> Int? {
        guard let forms = scenario.procurementForms, forms.forms.contains(.iaas),
              let host = forms.iaas?.dedicatedHost else { return nil }
        var p = pool
        p.blade = host.asBlade(location: forms.location)
        p.bladeCandidates = []
        p.fixedBlades = nil
        p.chassis.slots = 1
        p.policy.ha.tolerateChassisFailure = false
        do throws(PlanningError) {
            return try PoolPlanner(scenario: scenario, pool: p, calendar: calendar, improvementMoves: moves).plan().blades
        } catch {
            throw PlanningError(pool: pool.name, message: "the iaas form's dedicated host '\(host.id)' cannot hold it: \(error.message)",
                                location: forms.location)
        }
    }

    /// `pool` sized; with `blade: cheapest`, sized on each candidate model and the one whose
    /// yearly cost (hardware, energy, space, operations and cost lines, licences included) is
    /// least kept, the others listed in `bladeAlternatives` (ties: the first candidate).
    /// - Throws: the first candidate's `PlanningError` when no candidate can be sized.
    static func planCheapest(_ pool: Pool, scenario: Scenario, calendar: DemandCalendar, moves: Int) throws(PlanningError) -> PoolPlan {
        guard !pool.bladeCandidates.isEmpty else {
            return try PoolPlanner(scenario: scenario, pool: pool, calendar: calendar, improvementMoves: moves).plan()
        }
        var plans: [PoolPlan] = []
        var firstError: PlanningError?
        for model in pool.bladeCandidates {
            var p = pool
            p.blade = model
            do throws(PlanningError) { plans.append(try PoolPlanner(scenario: scenario, pool: p, calendar: calendar, improvementMoves: moves).plan()) }
            catch { firstError = firstError ?? error }
        }
        guard var best = plans.min(by: { $0.yearlyCost.total.value < $1.yearlyCost.total.value }) else { throw firstError! }
        let licences = scenario.economics.costLines.map { $0.category == .licence }
        best.bladeAlternatives = plans.map { p in
            var a = BladeAlternative(model: p.pool.blade.id, blades: p.blades, yearlyCost: p.yearlyCost.total)
            a.licence = zip(licences, p.lineAmounts).reduce(Yen.zero) { $0 + ($1.0 ? $1.1 : .zero) }
            return a
        }
        return best
    }

    /// The plan `base` (sized for another scenario that differs from this one in money only:
    /// prices, rates, cost lines, finance) priced with this scenario's money: the same blades,
    /// arrays and VMs, each pool's bill and cost lines, every tenant's standalone cost and share
    /// under every rule (the Shapley value from `base`'s coalition plans, repriced), the totals
    /// and the cash flow. No packing runs.
    /// - Complexity: O(VMs + tenants × cost lines).
    public func reprice(_ base: PlanResult) -> PlanResult {
        let pools = zip(base.pools, scenario.pools).map { PoolPlanner.reprice($0, pool: $1, scenario: scenario) }
        var tenants = tenantPlans(pools: pools, calendar: base.calendar)
        var games: [PoolEconomics] = []
        if !base.economics.isEmpty {
            var rowOf: [Int: Int] = [:]
            for (row, t) in tenants.enumerated() { rowOf[t.tenant] = row }
            let planner = CostGamePlanner(scenario: scenario, calendar: base.calendar, improvementMoves: improvementMoves)
            for game in base.economics {
                guard let pool = pools.first(where: { $0.name == game.pool }) else { continue }
                games.append(planner.reprice(game, pool: pool, rowOf: rowOf, tenants: &tenants))
            }
        }
        var result = money(pools: pools, tenants: tenants, calendar: base.calendar)
        result.economics = games
        return result
    }

    /// One pool of this scenario's kind planned on its own (a group of tenants proposed by
    /// `cloudplan group`): sized, priced, its HA checked. O(one `PoolPlanner` run).
    /// - Throws: `PlanningError` when the pool cannot meet its policy.
    public func poolPlan(_ pool: Pool, calendar: DemandCalendar) throws(PlanningError) -> PoolPlan {
        try PoolPlanner(scenario: scenario, pool: pool, calendar: calendar, improvementMoves: improvementMoves).plan()
    }

    /// Each member's yearly share of `pool`'s bill under a formula rule, in member order (nil
    /// for the Shapley value, which needs the cost game). O(VMs + members).
    public func shares(_ pool: PoolPlan, rule: ShareRule) -> [Yen]? {
        guard let weights = rule.weights(agreed: scenario.economics.sharing) else { return nil }
        let bases = Self.shareBases(pool, populations: pool.pool.tenantIndices.map { scenario.tenants[$0].population },
                                    catalog: scenario.catalog)
        return weights.split(pool.yearlyCost.total, among: bases)
    }

    /// The result's money from sized pools and their tenants: totals before and after, the cash
    /// flow over two terms.
    func money(pools: [PoolPlan], tenants: [TenantPlan], calendar: DemandCalendar) -> PlanResult {
        var result = PlanResult(scenarioName: scenario.name, scenarioFile: scenario.file, pools: pools, tenants: tenants,
                                before: before(tenants, pools: pools, calendar: calendar), after: after(pools),
                                calendar: calendar)
        result.economicsSettings = scenario.economics
        let oneOffs = pools.reduce(Yen.zero) { $0 + $1.lineOneOffs.reduce(.zero, +) }
        let spread = pools.reduce(Yen.zero) { acc, p in
            acc + zip(scenario.economics.costLines, p.lineOneOffs).reduce(Yen.zero) { $0 + $1.1 / $1.0.oneOffYears }
        }
        result.cashFlow = CashFlow.twoTerms(before: result.before.yearlyCost, after: result.after.yearlyCost,
                                            purchase: result.after.purchase, oneOff: oneOffs, oneOffPerYear: spread,
                                            economics: scenario.economics)
        if let forms = scenario.procurementForms {
            result.procurement = ProcurementFormPricer(scenario: scenario, settings: forms).compare(pools: pools, tenants: tenants)
        }
        return result
    }

    /// The largest yearly bill the reports can print exactly in whole yen (10^15: a thousand
    /// times a prefecture's budget); more means a cost line's rate is mistyped.
    static let largestYearlyCost = 1e15

    /// Refuses a pool or tenant bill beyond `largestYearlyCost`, at the economics section.
    func checkMagnitudes(pools: [PoolPlan], tenants: [TenantPlan]) throws(PlanningError) {
        let limit = Self.largestYearlyCost
        let location = scenario.economics.costLines.first?.location ?? scenario.economics.location
        for p in pools where !(p.yearlyCost.total.value <= limit) {
            throw PlanningError(pool: p.name, message: "its yearly cost (¥\(p.yearlyCost.total.value)) exceeds ¥10^15: check the rates of economics.cost_lines", location: location)
        }
        for t in tenants where !(t.standaloneCost.total.value <= limit) {
            throw PlanningError(pool: t.pool, message: "tenant \(t.code)'s yearly cost alone (¥\(t.standaloneCost.total.value)) exceeds ¥10^15: check the rates of economics.cost_lines", location: location)
        }
    }

    /// Refuses a procurement form whose yearly cost or NPV exceeds ¥10^15 (a price or rate
    /// mistyped by orders of magnitude), at `procurement_forms`.
    func checkMagnitudes(_ comparison: ProcurementComparison?) throws(PlanningError) {
        guard let comparison, let location = scenario.procurementForms?.location else { return }
        for f in comparison.forms where !(f.yearlyCost.value <= Self.largestYearlyCost && abs(f.npv.value) <= Self.largestYearlyCost) {
            throw PlanningError(pool: f.pool, message: "its \(f.form.rawValue) form costs ¥\(f.yearlyCost.value) a year (NPV ¥\(f.npv.value)), beyond ¥10^15: check the cloud catalog's prices, usd_jpy and the form's line rates", location: location)
        }
    }

    // MARK: Before

    /// Each member's claim on its pool's bill, in `pool.pool.tenantIndices` order: its population
    /// (`populations`, in that order), and as usage the mean of its shares of the pool's vCPU,
    /// memory, disk and daily backup volume (disk × the tier's `daily_change_percent`).
    /// - Complexity: O(VMs + members).
    static func shareBases(_ pool: PoolPlan, populations: [Int], catalog: Catalog) -> [ShareBasis] {
        var use: [Int: [Double]] = [:]
        var total = [Double](repeating: 0, count: 4)
        for vm in pool.virtualMachines {
            let backup = vm.diskGiB * catalog.systems[vm.system].tiers[vm.tier].dailyChangeFraction
            let amounts = [vm.vcpu, vm.memoryGiB, vm.diskGiB, backup]
            use[vm.tenant, default: [0, 0, 0, 0]] = zip(use[vm.tenant] ?? [0, 0, 0, 0], amounts).map { $0 + $1 }
            total = zip(total, amounts).map { $0 + $1 }
        }
        return zip(pool.pool.tenantIndices, populations).map { t, population in
            let mine = use[t] ?? [0, 0, 0, 0]
            let usage = (0..<4).reduce(0.0) { $0 + mine[$1] / Swift.max(total[$1], 1e-12) } / 4
            return ShareBasis(population: population, usage: usage)
        }
    }

    func tenantPlans(pools: [PoolPlan], calendar: DemandCalendar) -> [TenantPlan] {
        var plans: [TenantPlan] = []
        for pool in pools {
            var byTenant: [Int: [VirtualMachine]] = [:]
            for vm in pool.virtualMachines { byTenant[vm.tenant, default: []].append(vm) }
            let indices = pool.pool.tenantIndices
            let bases = Self.shareBases(pool, populations: indices.map { scenario.tenants[$0].population },
                                        catalog: scenario.catalog)
            let sharing = scenario.economics.sharing
            // The rule cost_share_yen follows; Shapley's shares replace the formula's when the game is planned.
            let chosen = scenario.economics.shareRule == .shapley ? ShareRule.agreed : scenario.economics.shareRule
            let fractions = (chosen.weights(agreed: sharing) ?? sharing).fractions(bases)
            var byRule: [(ShareRule, [Yen])] = []
            for rule in ShareRule.allCases {
                if let weights = rule.weights(agreed: sharing) { byRule.append((rule, weights.split(pool.yearlyCost.total, among: bases))) }
            }
            for (j, t) in indices.enumerated() {
                var plan = tenantPlan(t, vms: byTenant[t] ?? [], pool: pool.name)
                plan.shares = byRule.map { ($0.0, $0.1[j]) }
                plan.costShare = byRule.first { $0.0 == chosen }?.1[j] ?? .zero
                plan.shareFraction = fractions[j]
                plans.append(plan)
            }
        }
        return plans
    }

    /// One tenant alone: its dedicated servers and the before amounts of its cost lines
    /// (`StandaloneCost`). Shares are filled by the caller.
    func tenantPlan(_ t: Int, vms: [VirtualMachine], pool: String) -> TenantPlan {
        let tenant = scenario.tenants[t]
        let standalone = StandaloneCost(scenario: scenario, tenant: t, vms: vms)
        var plan = TenantPlan(
            tenant: t, code: tenant.code, name: tenant.name, prefecture: tenant.prefecture,
            population: tenant.population,
            sizingPopulation: tenant.sizingPopulation(overYears: scenario.economics.leaseYears), pool: pool,
            virtualMachines: vms.count, physicalServersBefore: standalone.servers, standaloneCost: standalone.cost,
            costShare: .zero, shareFraction: 0, reportedCostBefore: tenant.reportedCostBefore)
        plan.reportedCostAfter = tenant.reportedCostAfter
        plan.reportedLabel = tenant.reportedLabel
        plan.beforeLines = standalone.lines
        return plan
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
        return BeforeSummary(physicalServers: servers, cores: cores, referenceCores: Double(cores) * model.coreScore,
                             cpuUtilisation: cores == 0 ? 0 : demand / (Double(cores) * model.coreScore),
                             itPower: model.power * Double(servers),
                             yearlyCost: tenants.reduce(YearlyCost.zero) { $0 + $1.standaloneCost })
    }

    func after(_ pools: [PoolPlan]) -> AfterSummary {
        let blades = pools.reduce(0) { $0 + $1.blades }
        let usable = pools.reduce(0.0) { $0 + $1.usableReferenceCores }
        let demand = pools.reduce(0.0) { $0 + $1.designCPUCores }
        let memory = pools.reduce(0.0) { $0 + $1.bladeMemoryGiB }
        let allocated = pools.reduce(0.0) { $0 + $1.allocatedMemoryGiB }
        return AfterSummary(
            blades: blades, chassis: pools.reduce(0) { $0 + $1.chassis }, racks: pools.reduce(0) { $0 + $1.racks },
            storageArrays: pools.reduce(0) { $0 + $1.storageArrays },
            cores: pools.reduce(0) { acc, p in acc + p.blades * p.pool.blade.cores },
            referenceCores: pools.reduce(0.0) { acc, p in acc + Double(p.blades) * p.pool.blade.referenceCores },
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
