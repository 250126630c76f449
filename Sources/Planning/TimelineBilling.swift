import CapacityModel
import Economics

/// What each month of a pool's timeline costs and who pays it: the installed hardware (price
/// over the lease, maintenance), energy (the month's sizing, plus idle power of blades installed
/// beyond the need), rack space and operations, split among the tenants in service that month
/// by the scenario's cost-sharing rule (`CostSharing.split`: whole yen that sum to the month's
/// cost). A tenant pays nothing before the month it joins.
struct TimelineBilling {
    let scenario: Scenario
    let pool: Pool

    /// - Complexity: O(months · (members + VMs of the month's sizing)).
    func bill(needs: TimelinePlanner.Needs, stock: TimelinePlanner.Purchases, schedule: GrowthSchedule)
        -> (bills: [TimelineBill], monthly: [Yen], unbilled: Yen) {
        let months = needs.blades.count
        let years = (months + 11) / 12
        var amount: [Int: [Double]] = [:], served: [Int: [Int]] = [:]
        var monthly: [Yen] = []
        var unbilled = 0.0
        // The share bases depend on the state only: computed once per state, not per month.
        var bases: [Int: [ShareBasis]] = [:]
        for m in 0..<months {
            let cost = monthCost(m, needs: needs, stock: stock)
            monthly.append(cost)
            let state = schedule.states[schedule.stateOfMonth[m]]
            guard let plan = needs.plans[m], !state.members.isEmpty else {
                unbilled += cost.value
                continue
            }
            let i = schedule.stateOfMonth[m]
            if bases[i] == nil { bases[i] = Planner.shareBases(plan, populations: state.populations, catalog: scenario.catalog) }
            let shares = scenario.economics.sharing.split(cost, among: bases[i] ?? [])
            for (t, share) in zip(state.members, shares) {
                amount[t, default: [Double](repeating: 0, count: years)][m / 12] += share.value
                served[t, default: [Int](repeating: 0, count: years)][m / 12] += 1
            }
        }
        var bills: [TimelineBill] = []
        for t in pool.tenantIndices {
            let tenant = scenario.tenants[t]
            for y in 0..<years {
                bills.append(TimelineBill(tenantCode: tenant.code, tenantName: tenant.name, year: y,
                                          monthsInService: served[t]?[y] ?? 0, amount: Yen(amount[t]?[y] ?? 0)))
            }
        }
        return (bills, monthly, Yen(unbilled))
    }

    /// One month of the pool's yearly cost with what is installed that month, whole yen.
    func monthCost(_ m: Int, needs: TimelinePlanner.Needs, stock: TimelinePlanner.Purchases) -> Yen {
        let blades = stock.blades.installed[m], chassis = stock.chassis.installed[m], arrays = stock.arrays.installed[m]
        let idle = pool.blade.powerIdle * Double(Swift.max(0, blades - needs.blades[m]))
        let power = needs.plans[m].map { $0.averageITPower + idle }
            ?? pool.blade.powerIdle * Double(blades) + pool.chassis.power * Double(chassis) + pool.storage.power * Double(arrays)
        let bill = PoolBillOfMaterials(blades: blades, bladePrice: pool.blade.price, chassis: chassis, chassisPrice: pool.chassis.price,
                                       storageArrays: arrays, storageArrayPrice: pool.storage.price,
                                       racks: stock.racks.installed[m], rackPrice: pool.rack.price, averageITPower: power)
        let lines = needs.plans[m]?.lineAmounts.reduce(Yen.zero, +) ?? .zero   // the members' cost lines
        let yearly = CostModel.poolCost(bill, site: pool.site, economics: scenario.economics, lines: lines).total
        return Yen((yearly.value / 12).rounded())
    }
}
