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

    /// Checks every array of a layout. O(arrays × VMs).
    /// - Parameters:
    ///   - arrayOf: the array of each VM.
    ///   - quorum: replicas that must run for an instance to serve, by (system, tier).
    static func check(vms: [VirtualMachine], arrayOf: [Int32], arrays: Int, tenants: [Tenant],
                      catalog: Catalog, required: Bool) -> ArrayLossCheck {
        // Instances as (tenant, system, tier, instance) → VM positions, in VM order.
        var instanceOf: [[Int]: Int] = [:]
        var members: [[Int]] = []
        for (i, vm) in vms.enumerated() {
            let key = [vm.tenant, vm.system, vm.tier, vm.instance]
            if let k = instanceOf[key] { members[k].append(i) } else { instanceOf[key] = members.count; members.append([i]) }
        }
        var failing = 0
        var worst = (array: 0, down: [String](), vms: 0)
        for a in 0..<arrays {
            var downKeys = Set<[Int]>()
            var order: [[Int]] = []
            for m in members {
                let vm = vms[m[0]]
                let quorum = catalog.systems[vm.system].tiers[vm.tier].quorum
                let left = m.filter { arrayOf[$0] != Int32(a) }.count
                let key = [vm.tenant, vm.system]
                if left < quorum, downKeys.insert(key).inserted { order.append(key) }
            }
            let onArray = arrayOf.filter { $0 == Int32(a) }.count
            if !order.isEmpty { failing += 1 }
            if order.count > worst.down.count || (order.count == worst.down.count && onArray > worst.vms) {
                worst = (a, order.map { "\(tenants[$0[0]].code)/\(catalog.systems[$0[1]].id)" }, onArray)
            }
        }
        return ArrayLossCheck(required: required, arrays: arrays, failingArrays: failing, worstArray: worst.array,
                              vmsOnWorstArray: worst.vms, systemsDown: worst.down)
    }
}
