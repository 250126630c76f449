import CapacityModel
import Economics

/// The scenario's cost lines (`economics.cost_lines`) priced for one tenant alone (before) or
/// for a set of a pool's members sharing (after). Amounts are yen a year, in line order.
enum CostLineAmounts {
    /// Counts of a pool's members sharing: tenants, residents, distinct systems, systems per
    /// tenant, VMs, and the blades with their sockets and cores. O(members · systems).
    /// `vms` are the members' VMs (for the remainder line's before amounts).
    static func afterQuantities(_ scenario: Scenario, tenants: [Int], vms: [VirtualMachine], blades: Int,
                                model: BladeModel) -> CostQuantities {
        var distinct = Set<Int>()
        var perTenant = 0, residents = 0, residentSystems = 0
        for t in tenants {
            let tenant = scenario.tenants[t]
            distinct.formUnion(tenant.systems)
            perTenant += tenant.systems.count
            residents += tenant.population
            residentSystems += tenant.population * tenant.systems.count
        }
        var q = CostQuantities(tenants: tenants.count, residents: residents, systems: distinct.count,
                               tenantSystems: perTenant, residentSystems: residentSystems, virtualMachines: vms.count, servers: blades,
                               sockets: blades * model.sockets, cores: blades * model.cores)
        for t in tenants {
            q.users += scenario.tenants[t].users ?? 0
            q.userSystems += (scenario.tenants[t].users ?? 0) * scenario.tenants[t].systems.count
        }
        q.remainderBefore = StandaloneCost.remainderBefore(scenario: scenario, tenants: tenants, vms: vms)
        return q
    }

    /// Counts of one tenant on its own with `servers` dedicated servers of the baseline model
    /// (one socket each: the baseline model gives cores only).
    static func beforeQuantities(_ scenario: Scenario, tenant t: Int, virtualMachines: Int, servers: Int) -> CostQuantities {
        let tenant = scenario.tenants[t]
        var q = CostQuantities(tenants: 1, residents: tenant.population, systems: tenant.systems.count,
                               tenantSystems: tenant.systems.count,
                               residentSystems: tenant.population * tenant.systems.count, virtualMachines: virtualMachines, servers: servers,
                               sockets: servers, cores: servers * scenario.baseline.server.cores)
        q.users = tenant.users ?? 0
        q.userSystems = (tenant.users ?? 0) * tenant.systems.count
        return q
    }

    /// Each line's yearly amount after, rounded to whole yen.
    static func after(_ scenario: Scenario, quantities q: CostQuantities) -> [Yen] {
        scenario.economics.costLines.map { Yen($0.afterPerYear(q).value.rounded()) }
    }

    /// Each line's one-off amount after (paid once at the start), rounded to whole yen.
    static func afterOneOff(_ scenario: Scenario, quantities q: CostQuantities) -> [Yen] {
        scenario.economics.costLines.map { Yen($0.afterOneOff.amount($0.licensed(q)).value.rounded()) }
    }

    /// Each line's yearly amount before for one tenant, rounded to whole yen. The
    /// `reported_remainder` line takes what the tenant reported less `hardware` (its modelled
    /// hardware lines) and every other line, never below zero.
    static func before(_ scenario: Scenario, tenant t: Int, quantities q: CostQuantities, hardware: Yen) -> [Yen] {
        let lines = scenario.economics.costLines
        var amounts = lines.map { line -> Yen in
            guard case .rates(let rates) = line.before else { return .zero }
            return Yen(rates.amount(line.licensed(q)).value.rounded())
        }
        if let r = lines.firstIndex(where: { $0.before == .reportedRemainder }),
           let reported = scenario.tenants[t].reportedCostBefore {
            let rest = reported - hardware - amounts.reduce(.zero, +)
            amounts[r] = Yen(Swift.max(0, rest.value).rounded())
        }
        return amounts
    }
}
