import CapacityModel
import Placement

/// The packing problem of one pool's VMs onto its blades.
///
/// Dimensions: 0 = allocated vCPUs, 1 = allocated memory (GiB), then one per representative
/// hour = CPU demand in physical cores at that hour. Capacities come from `BladeCapacity` in
/// normal operation, and at the failover utilisation after a failure.
struct BladeProblem {
    let vms: [VirtualMachine]
    let hours: DemandHours
    let normal: BladeCapacity
    let failover: BladeCapacity
    /// Redundancy group of each VM, renumbered from 0 (-1 when none).
    let groups: [Int32]
    let sizes: [Double]

    init(vms: [VirtualMachine], hours: DemandHours, blade: BladeModel, policy: Policy) {
        self.vms = vms
        self.hours = hours
        normal = BladeCapacity(blade: blade, policy: policy)
        failover = BladeCapacity(blade: blade, policy: policy, utilisationLimit: policy.ha.failoverUtilisation)
        var renumber: [Int: Int32] = [:]
        groups = vms.map { vm in
            guard let g = vm.redundancyGroup else { return -1 }
            if let r = renumber[g] { return r }
            let r = Int32(renumber.count)
            renumber[g] = r
            return r
        }
        let h = hours.hours.count
        var sizes = [Double]()
        sizes.reserveCapacity(vms.count * (2 + h))
        for vm in vms {
            sizes.append(vm.vcpu)
            sizes.append(vm.memoryGiB)
            for j in 0..<h { sizes.append(vm.peakCPUCores * hours.factor[vm.profile][j]) }
        }
        self.sizes = sizes
    }

    var dimensions: Int { 2 + hours.hours.count }

    func capacity(_ c: BladeCapacity) -> [Double] {
        [c.allocatableVCPU, c.allocatableMemoryGiB] + [Double](repeating: c.demandCores, count: hours.hours.count)
    }

    /// The problem in normal operation; groups spread over `domainCount` chassis (0: over blades).
    func problem(domainCount: Int) -> PackingProblem {
        PackingProblem(name: "blades", capacity: capacity(normal), sizes: sizes,
                       constraints: PackingConstraints(groups: groups.contains { $0 >= 0 } ? groups : [],
                                                       domainCount: domainCount))
    }

    /// The same items against failover capacities (for restart checks).
    func failoverProblem() -> PackingProblem {
        PackingProblem(name: "blades-failover", capacity: capacity(failover), sizes: sizes,
                       constraints: PackingConstraints(groups: groups.contains { $0 >= 0 } ? groups : []))
    }

    /// Peak cores per profile on each bin of `packing`.
    func profileWeights(_ packing: Packing) -> [[Double]] {
        var weights = [[Double]](repeating: [Double](repeating: 0, count: hours.profileCount), count: packing.binCount)
        for (i, b) in packing.assignment.enumerated() { weights[Int(b)][vms[i].profile] += vms[i].peakCPUCores }
        return weights
    }

    /// Restart order after a failure: priority 1 first, then larger memory, then name order.
    func restartsBefore(_ a: Int, _ b: Int) -> Bool {
        let x = vms[a], y = vms[b]
        if x.restartPriority != y.restartPriority { return x.restartPriority < y.restartPriority }
        if x.memoryGiB != y.memoryGiB { return x.memoryGiB > y.memoryGiB }
        return a < b
    }
}
