import CapacityModel
import Economics

/// A pool's VMs on a public cloud's instance types (the `iaas` form): each VM on the cheapest
/// type that fits (`InstancePlacement`), a standby in a second zone for every VM outside a
/// redundancy group when HA is `zones`, and what the instances and their disks add up to.
/// - Complexity: O(VMs × instance types).
struct CloudPlacement {
    /// Instances by type, in catalog order (types not used are left out).
    var counts: [InstanceCount] = []
    /// Σ hourly price of every instance, in the catalog's currency.
    var instanceHourly = 0.0
    /// vCPUs of every instance (licence-included surcharges).
    var vcpus = 0.0
    /// Disk of every instance (GiB), IOPS above the included per volume, backup stored (GiB).
    var diskGiB = 0.0
    var extraIOPS = 0.0
    var backupGiB = 0.0
    /// Servers for licence counting: each instance one processor of its vCPUs.
    var shapes: [ServerShape] = []
    /// Whether the VMs are on dedicated hosts (the pool sized them) rather than instances.
    var onHosts = false

    /// Days of daily incremental snapshots kept besides one full copy.
    static let snapshotDays = 30.0

    init(pool: PoolPlan, scenario: Scenario, cloud: CloudFormSettings) {
        if let host = cloud.dedicatedHost, let hosts = pool.cloudHosts {
            placeOnHosts(host, hosts: hosts, pool: pool, scenario: scenario, cloud: cloud)
            return
        }
        let types = cloud.catalog.instanceTypes
        var perType = [Int](repeating: 0, count: types.count)
        for vm in pool.virtualMachines {
            // A VM no type holds takes the largest (by vCPU × score, then memory): reported by its count.
            let t = InstancePlacement.cheapest(vcpu: vm.vcpu, memoryGiB: vm.memoryGiB, types: types, commitment: cloud.commitment)
                ?? types.indices.max { (Double(types[$0].vcpu) * types[$0].coreScore, types[$0].memoryGiB)
                    < (Double(types[$1].vcpu) * types[$1].coreScore, types[$1].memoryGiB) }!
            let copies = cloud.ha == .zones && vm.redundancyGroup == nil ? 2.0 : 1.0
            perType[t] += Int(copies)
            instanceHourly += copies * (types[t].hourly(cloud.commitment) ?? types[t].prices.onDemand)
            vcpus += copies * Double(types[t].vcpu)
            addDisk(vm, scenario: scenario, catalog: cloud.catalog, copies: copies)
        }
        finishTypes(perType, types)
    }

    /// The VMs on `hosts` dedicated hosts (sized by the pool's planner): one disk a VM, the
    /// hosts' hours, licences on their physical cores.
    private mutating func placeOnHosts(_ host: DedicatedHostType, hosts: Int, pool: PoolPlan, scenario: Scenario, cloud: CloudFormSettings) {
        onHosts = true
        for vm in pool.virtualMachines { addDisk(vm, scenario: scenario, catalog: cloud.catalog, copies: 1) }
        instanceHourly = Double(hosts) * (host.hourly(cloud.commitment) ?? host.prices.onDemand)
        vcpus = Double(hosts * host.sockets * host.coresPerSocket)
        counts = [InstanceCount(type: host.id, count: hosts)]
        shapes = [ServerShape(count: hosts, sockets: host.sockets, coresPerSocket: host.coresPerSocket)]
    }

    /// A VM's disk, IOPS above the included and backup, `copies` times (backup once).
    mutating func addDisk(_ vm: VirtualMachine, scenario: Scenario, catalog: InstanceCatalog, copies: Double) {
        diskGiB += copies * vm.diskGiB
        extraIOPS += copies * Swift.max(0, vm.peakIOPS - catalog.includedIOPSPerVolume)
        let change = scenario.catalog.systems[vm.system].tiers[vm.tier].dailyChangeFraction
        backupGiB += vm.diskGiB * (1 + Self.snapshotDays * change)
    }

    /// Counts and licence shapes of the types used (each instance one processor of its vCPUs).
    private mutating func finishTypes(_ perType: [Int], _ types: [InstanceType]) {
        for (i, n) in perType.enumerated() where n > 0 {
            counts.append(InstanceCount(type: types[i].id, count: n))
            shapes.append(ServerShape(count: n, sockets: 1, coresPerSocket: types[i].vcpu))
        }
    }
}
