import CapacityModel
import Economics

/// What one tenant pays on its own before consolidation: its dedicated servers (a real server
/// list counts its hosts; else the catalog's estimate), their yearly cost, and the before
/// amounts of the scenario's cost lines (the `reported_remainder` line taking the rest of its
/// reported bill). O(the tenant's VMs + cost lines).
struct StandaloneCost {
    /// Dedicated servers before.
    var servers: Int
    /// Hardware, energy, space and operations of those servers, plus `lines` summed.
    var cost: YearlyCost
    /// Each cost line's yearly amount before, in line order (whole yen).
    var lines: [Yen]

    init(scenario: Scenario, tenant t: Int, vms: [VirtualMachine]) {
        servers = scenario.tenants[t].beforeInventory?.servers ?? Self.dedicatedServers(vms, scenario: scenario)
        let e = scenario.economics
        let hardware = CostModel.dedicatedCost(servers: servers, model: scenario.baseline.server,
                                               site: scenario.baseline.site, economics: e)
        let q = CostLineAmounts.beforeQuantities(scenario, tenant: t, virtualMachines: vms.count, servers: servers)
        lines = CostLineAmounts.before(scenario, tenant: t, quantities: q, hardware: hardware.total)
        cost = hardware
        cost.lines = lines.reduce(.zero, +)
    }

    /// Dedicated servers of one VM: enough baseline servers for its vCPUs and memory, × servers_per_vm.
    static func dedicatedServers(for vm: VirtualMachine, model: BaselineServerModel, perVM: Double) -> Double {
        let n = Swift.max(1, (vm.vcpu / Double(model.cores)).rounded(.up), (vm.memoryGiB / model.memoryGiB).rounded(.up))
        return n * perVM
    }

    /// Dedicated servers of one tenant: per system, the sum over its VMs, rounded up, at least the minimum.
    static func dedicatedServers(_ vms: [VirtualMachine], scenario: Scenario) -> Int {
        let model = scenario.baseline.server
        var bySystem: [Int: Double] = [:]
        for vm in vms {
            bySystem[vm.system, default: 0] += dedicatedServers(for: vm, model: model, perVM: scenario.baseline.serversPerVM)
        }
        return bySystem.values.reduce(0) { $0 + Swift.max(scenario.baseline.minimumServersPerSystem, Int(($1 - 1e-9).rounded(.up))) }
    }

    /// The `reported_remainder` line's before amount of each of `tenants`, summed: what the
    /// line's `percent_of_before` after-rate applies to. Zero without such a line or rate.
    /// O(VMs of `vms` + tenants × cost lines).
    static func remainderBefore(scenario: Scenario, tenants: [Int], vms: [VirtualMachine]) -> Yen {
        guard let r = scenario.economics.costLines.firstIndex(where: { $0.before == .reportedRemainder }),
              scenario.economics.costLines[r].afterPercentOfBefore > 0 else { return .zero }
        var byTenant: [Int: [VirtualMachine]] = [:]
        for vm in vms { byTenant[vm.tenant, default: []].append(vm) }
        return tenants.reduce(Yen.zero) { acc, t in
            guard scenario.tenants[t].reportedCostBefore != nil else { return acc }
            return acc + StandaloneCost(scenario: scenario, tenant: t, vms: byTenant[t] ?? []).lines[r]
        }
    }
}
