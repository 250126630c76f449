import CapacityModel

/// Plans each pool month by month (`plan --timeline`): sizes every distinct membership and
/// population state with the same HA-checked sizing as `plan` (`PoolPlanner`), then buys blades,
/// chassis, arrays and racks by the pool policy's `procurement` rule (`StockPlan`).
public struct TimelinePlanner: Sendable {
    public let scenario: Scenario
    public var improvementMoves: Int

    public init(scenario: Scenario, improvementMoves: Int = Planner.defaultImprovementMoves) {
        self.scenario = scenario
        self.improvementMoves = improvementMoves
    }

    /// - Parameter months: months planned from the start (≥ 1).
    /// - Throws: `PlanningError` when some state of a pool cannot be sized.
    public func timeline(months: Int) throws(PlanningError) -> Timeline {
        let calendar = DemandCalendar(year: scenario.referenceYear, profiles: scenario.catalog.profiles)
        let pools = try parallelMap(scenario.pools) { pool throws(PlanningError) in
            try poolTimeline(pool, months: months, calendar: calendar)
        }
        return Timeline(months: months, pools: pools)
    }

    /// What each month of one pool needs, from the sizing of its state (nil: nobody in service).
    struct Needs {
        var blades: [Int]
        var chassis: [Int]
        var arrays: [Int]
        var plans: [PoolPlan?]
    }

    func poolTimeline(_ pool: Pool, months: Int, calendar: DemandCalendar) throws(PlanningError) -> PoolTimeline {
        let forecast = pool.policy.procurement.demandGrowth == .forecast ? RunwayPlanner.forecastScales(pool, scenario: scenario, months: months) : nil
        let schedule = GrowthSchedule(scenario: scenario, pool: pool, months: months, forecast: forecast)
        var plans: [PoolPlan?] = []
        for state in schedule.states {
            guard !state.members.isEmpty else { plans.append(nil); continue }
            let (s, p) = GrowthSchedule.snapshot(scenario, pool, state)
            plans.append(try PoolPlanner(scenario: s, pool: p, calendar: calendar, improvementMoves: improvementMoves,
                                         demandScale: schedule.demandScale(state)).plan())
        }
        let byMonth = schedule.stateOfMonth.map { plans[$0] }
        let needs = Needs(blades: byMonth.map { $0?.blades ?? 0 }, chassis: byMonth.map { $0?.chassis ?? 0 },
                          arrays: byMonth.map { $0?.storageArrays ?? 0 }, plans: byMonth)
        let stock = purchases(pool, needs: needs)
        let onboarding = self.onboarding(pool, needs: needs, schedule: schedule)
        let live = Dictionary(onboarding.map { ($0.tenantCode, $0.liveMonth) }, uniquingKeysWith: { a, _ in a })
        let rows = (0..<months).map { m in row(m, needs: needs, stock: stock, schedule: schedule, live: live) }
        let billing = TimelineBilling(scenario: scenario, pool: pool).bill(needs: needs, stock: stock, schedule: schedule)
        return PoolTimeline(pool: pool.name, procurement: pool.policy.procurement, months: rows,
                            orders: orders(pool, stock: stock, schedule: schedule), onboarding: onboarding, bills: billing.bills,
                            monthlyCost: billing.monthly, unbilled: billing.unbilled, sizings: plans.count)
    }

    /// Installed blades, chassis, arrays and racks by month, and the orders of each.
    struct Purchases {
        var blades: StockPlan
        var chassis: StockPlan
        var arrays: StockPlan
        var racks: StockPlan
    }

    func purchases(_ pool: Pool, needs: Needs) -> Purchases {
        let rule = pool.policy.procurement
        let months = needs.blades.count
        let lead = rule.leadTimeMonths
        let leaseMonths = Int((scenario.economics.leaseYears * 12).rounded(.up))
        let cover = rule.initial == .lease ? Swift.max(lead + 1, leaseMonths) : lead + 1
        let slots = pool.chassis.slots
        let bladeCap = rule.maximumChassis.map { $0 * slots }
        let blades: StockPlan
        if let fixed = pool.fixedBlades {
            // A fixed purchase: bought at the start, never added to.
            blades = StockPlan(target: [Int](repeating: fixed.count, count: months), unit: 1, cap: nil, lead: lead, initialCover: 1)
        } else {
            let target = needs.blades.map { $0 > 0 ? $0 + rule.safetyBlades : 0 }
            blades = StockPlan(target: target, unit: bladeUnit(pool), cap: bladeCap, lead: lead, initialCover: cover)
        }
        let chassisTarget = (0..<months).map { m in
            Swift.max((blades.installed[m] + slots - 1) / slots, needs.blades[m] > 0 ? needs.chassis[m] : 0)
        }
        let chassis = StockPlan(target: chassisTarget, unit: 1, cap: rule.maximumChassis, lead: lead, initialCover: cover)
        let arrays = StockPlan(target: needs.arrays, unit: rule.arraysPerOrder, cap: nil, lead: lead, initialCover: cover)
        let rackTarget = (0..<months).map { PoolPlanner.rackCount(chassis: chassis.installed[$0], arrays: arrays.installed[$0], in: pool) }
        let racks = StockPlan(target: rackTarget, unit: 1, cap: nil, lead: lead, initialCover: cover)
        return Purchases(blades: blades, chassis: chassis, arrays: arrays, racks: racks)
    }

    /// Blades one order holds: `blades_per_order`, a chassis' slots, or a rack of chassis.
    func bladeUnit(_ pool: Pool) -> Int {
        let rule = pool.policy.procurement
        switch rule.unit {
        case .blades: return rule.bladesPerOrder
        case .chassis: return pool.chassis.slots
        case .rack: return pool.chassis.slots * Swift.max(1, pool.rack.units / Swift.max(1, pool.chassis.rackUnits))
        }
    }

    /// The data migration of every tenant joining after the start: its VMs' disk, moved over the
    /// scenario's onboarding link from its join month.
    func onboarding(_ pool: Pool, needs: Needs, schedule: GrowthSchedule) -> [TenantOnboarding] {
        let monthDays = 365.25 / 12
        var result: [TenantOnboarding] = []
        for (m, joining) in schedule.joining.enumerated() where m > 0 {
            for t in joining {
                let data = needs.plans[m]?.virtualMachines.filter { $0.tenant == t }.reduce(0.0) { $0 + $1.diskGiB } ?? 0
                let days = scenario.onboarding.migrationDays(dataGiB: data)
                result.append(TenantOnboarding(tenantCode: scenario.tenants[t].code, joinMonth: m, dataGiB: data, migrationDays: days,
                                               liveMonth: m + Int((days / monthDays - 1e-9).rounded(.up))))
            }
        }
        return result
    }

    /// - Parameter live: the live month of each late joiner, by code (founding members are live at 0).
    func row(_ m: Int, needs: Needs, stock: Purchases, schedule: GrowthSchedule, live: [String: Int]) -> TimelineMonth {
        let plan = needs.plans[m]
        let state = schedule.states[schedule.stateOfMonth[m]]
        let codes = state.members.map { scenario.tenants[$0].code }
        let installed = stock.blades.installed[m]
        var utilisation = 0.0
        if let plan, plan.blades > 0, installed > 0 {
            utilisation = plan.designCPUCores / (plan.usableReferenceCores / Double(plan.blades) * Double(installed))
        }
        return TimelineMonth(month: m, tenantsInService: codes,
                             joining: schedule.joining[m].map { scenario.tenants[$0].code },
                             migrating: codes.filter { (live[$0] ?? 0) > m },
                             goingLive: codes.filter { (live[$0] ?? 0) == m },
                             virtualMachines: plan?.virtualMachines.count ?? 0, bladesNeeded: needs.blades[m],
                             bladesInstalled: installed, chassisInstalled: stock.chassis.installed[m],
                             arraysNeeded: needs.arrays[m], arraysInstalled: stock.arrays.installed[m],
                             racksInstalled: stock.racks.installed[m], cpuUtilisation: utilisation,
                             haOK: (plan?.ha.ok ?? true) && installed >= needs.blades[m] && stock.arrays.installed[m] >= needs.arrays[m])
    }

    /// Every order of the pool, by order month (blades, chassis, arrays, racks within a month),
    /// each with what made it necessary.
    func orders(_ pool: Pool, stock: Purchases, schedule: GrowthSchedule) -> [PurchaseOrder] {
        let items: [(PurchaseOrder.Item, String, Yen, StockPlan)] = [
            (.blade, pool.blade.id, pool.blade.price, stock.blades), (.chassis, pool.chassis.id, pool.chassis.price, stock.chassis),
            (.storageArray, pool.storage.id, pool.storage.price, stock.arrays), (.rack, pool.rack.id, pool.rack.price, stock.racks),
        ]
        var all: [(rank: Int, order: PurchaseOrder)] = []
        for (rank, (item, model, price, plan)) in items.enumerated() {
            var since = 0
            for o in plan.orders {
                let trigger = o.deliveredMonth == 0 && o.orderedMonth < 0 ? "initial purchase" : self.trigger(schedule, from: since, to: o.deliveredMonth)
                all.append((rank, PurchaseOrder(pool: pool.name, item: item, model: model, count: o.count,
                                                orderedMonth: o.orderedMonth, deliveredMonth: o.deliveredMonth,
                                                price: Yen(price.value * Double(o.count)), trigger: trigger)))
                since = o.deliveredMonth + 1
            }
        }
        return all.sorted { ($0.order.orderedMonth, $0.rank) < ($1.order.orderedMonth, $1.rank) }.map(\.order)
    }

    /// "joins of 01571, 01584" for the tenants going live in months from…to, else "population growth".
    func trigger(_ schedule: GrowthSchedule, from: Int, to: Int) -> String {
        let joined = (from...Swift.max(from, to)).flatMap { m in m < schedule.joining.count ? schedule.joining[m] : [] }
        return joined.isEmpty ? "population growth" : "joins of " + joined.map { scenario.tenants[$0].code }.joined(separator: ", ")
    }
}
