import CapacityModel

/// What the loss of one storage array does to a pool (reported apart from the blade and chassis
/// checks): a VM whose disk is on the lost array stops until the array is back (or its data is
/// restored); a system stops serving when some instance keeps fewer replicas than its quorum.
public struct ArrayLossCheck: Sendable {
    /// Whether the policy requires that no single array loss stops a system (`survive_array_loss`).
    public var required: Bool
    /// Arrays examined (all of the pool's).
    public var arrays: Int
    /// Arrays whose loss stops at least one system.
    public var failingArrays: Int
    /// The array whose loss stops the most systems (then the most VMs), and what it stops.
    public var worstArray: Int
    public var vmsOnWorstArray: Int
    /// Systems (`CODE/system`) that stop serving in the worst case, in scenario order.
    public var systemsDown: [String]

    public var ok: Bool { failingArrays == 0 }

    /// One line: "losing any 1 storage array stops systems in 2 of 2 cases (up to 14 systems)".
    public var summary: String {
        "losing any 1 storage array stops systems in \(failingArrays) of \(arrays) cases (up to \(systemsDown.count) system\(systemsDown.count == 1 ? "" : "s"))"
    }

    /// Checks every array of a layout: each instance is looked at once, for each array its
    /// replicas sit on. O(VMs + instances × replicas²), no allocation per array.
    /// - Parameters:
    ///   - arrayOf: the array of each VM.
    ///   - quorum: replicas that must run for an instance to serve, by (system, tier).
    static func check(vms: [VirtualMachine], arrayOf: [Int32], arrays: Int, tenants: [Tenant],
                      catalog: Catalog, required: Bool) -> ArrayLossCheck {
        let members = instances(vms)
        var onArray = [Int](repeating: 0, count: arrays)
        for a in arrayOf where a >= 0 && Int(a) < arrays { onArray[Int(a)] += 1 }
        // Systems each array's loss stops, in order of their first instance; no repeats.
        var down = [[TenantSystemPair]](repeating: [], count: arrays)
        var stopped = Set<ArraySystem>()
        for m in members {
            let vm = vms[m[0]]
            let quorum = catalog.systems[vm.system].tiers[vm.tier].quorum
            for (j, i) in m.enumerated() {
                let a = arrayOf[i]
                guard a >= 0, Int(a) < arrays, !m[..<j].contains(where: { arrayOf[$0] == a }) else { continue }
                var left = 0
                for k in m where arrayOf[k] != a { left += 1 }
                let pair = TenantSystemPair(tenant: vm.tenant, system: vm.system)
                if left < quorum, stopped.insert(ArraySystem(array: a, pair: pair)).inserted { down[Int(a)].append(pair) }
            }
        }
        var failing = 0
        var worst = (array: 0, down: [TenantSystemPair](), vms: 0)
        for a in 0..<arrays {
            if !down[a].isEmpty { failing += 1 }
            if down[a].count > worst.down.count || (down[a].count == worst.down.count && onArray[a] > worst.vms) {
                worst = (a, down[a], onArray[a])
            }
        }
        let names = worst.down.map { "\(tenants[$0.tenant].code)/\(catalog.systems[$0.system].id)" }
        return ArrayLossCheck(required: required, arrays: arrays, failingArrays: failing, worstArray: worst.array,
                              vmsOnWorstArray: worst.vms, systemsDown: names)
    }

    /// The VM positions of each instance (tenant, system, tier, instance), in VM order.
    static func instances(_ vms: [VirtualMachine]) -> [[Int]] {
        var instanceOf: [InstanceOfVM: Int] = [:]
        var members: [[Int]] = []
        for (i, vm) in vms.enumerated() {
            let key = InstanceOfVM(tenant: vm.tenant, system: vm.system, tier: vm.tier, instance: vm.instance)
            if let k = instanceOf[key] { members[k].append(i) } else { instanceOf[key] = members.count; members.append([i]) }
        }
        return members
    }
}

struct TenantSystemPair: Hashable { var tenant: Int, system: Int }
struct InstanceOfVM: Hashable { var tenant: Int, system: Int, tier: Int, instance: Int }
struct ArraySystem: Hashable { var array: Int32, pair: TenantSystemPair }
