/// One virtual machine of the workload: a replica of an instance of a tier of a system of a tenant.
public struct VirtualMachine: Sendable, Hashable {
    /// Index into `Scenario.tenants`.
    public var tenant: Int
    /// Index into `Catalog.systems`.
    public var system: Int
    /// Index into the system's tiers.
    public var tier: Int
    public var instance: Int
    public var replica: Int
    /// Unique, readable name: `CODE/system/tier#instance` plus a replica letter when replicated.
    public var name: String
    /// Allocated vCPUs (whole).
    public var vcpu: Double
    /// Allocated memory, GiB (whole).
    public var memoryGiB: Double
    /// Provisioned disk, GiB (whole).
    public var diskGiB: Double
    /// I/O operations per second at the profile's yearly peak.
    public var peakIOPS: Double
    /// Physical cores busy at the profile's yearly peak: vcpu × cpu_peak_utilisation.
    public var peakCPUCores: Double
    /// 1 restarts first.
    public var restartPriority: Int
    public var bootMinutes: Double
    /// Replicas of one instance share a group id; nil when the tier is not replicated.
    public var redundancyGroup: Int?
    /// Index into `Catalog.profiles`.
    public var profile: Int
}

/// Expands tenants × systems × tiers into virtual machines.
///
/// A tier's sizes are totals for one tenant (base + slope × population). They are split into
/// instances = max(min_instances, ⌈vCPU / max_vcpu_per_instance⌉, ⌈memory / max_memory⌉);
/// each instance gets ⌈total / instances⌉ vCPUs, GiB of memory and GiB of disk, and the total
/// IOPS / instances. Each instance has `replicas` copies forming one redundancy group; copies
/// after the first are standbys carrying `standby_load_fraction` of the CPU demand and IOPS.
/// A tenant with measured usage (`Tenant.measured`) has its measured VMs instead
/// (`measuredVirtualMachines`).
public struct WorkloadBuilder: Sendable {
    public let scenario: Scenario
    /// What measured VMs are sized on.
    public var basis: SizingBasis = .measured
    /// Measured VMs' CPU demand × this, by tenant index (a forecast's growth; absent: as measured).
    public var demandScale: [Int: Double] = [:]

    public init(scenario: Scenario) {
        self.scenario = scenario
    }

    /// The sizes of one instance of `tier` for a tenant of `population`.
    public static func instanceSize(of tier: TierDefinition, population: Int)
        -> (instances: Int, vcpu: Double, memoryGiB: Double, diskGiB: Double, iops: Double) {
        let vcpu = tier.vcpu.value(population: population)
        let memory = tier.memoryGiB.value(population: population)
        let disk = tier.diskGiB.value(population: population)
        let iops = tier.iops.value(population: population)
        var instances = tier.minInstances
        if let m = tier.maxVCPUPerInstance { instances = Swift.max(instances, Int((vcpu / m).rounded(.up))) }
        if let m = tier.maxMemoryGiBPerInstance { instances = Swift.max(instances, Int((memory / m).rounded(.up))) }
        let n = Double(instances)
        return (instances, Swift.max(1, (vcpu / n).rounded(.up)), Swift.max(1, (memory / n).rounded(.up)),
                Swift.max(1, (disk / n).rounded(.up)), iops / n)
    }

    /// The VMs of the tenants with the given indices, in tenant, system, tier, instance, replica order.
    /// Redundancy group ids start at `firstGroup` and are consecutive.
    /// - Parameter overYears: sizes cover each tenant's largest population over this many years
    ///   from the start (`Tenant.sizingPopulation`); the planner passes the lease.
    /// - Parameter pool: the pool the VMs go to (its blade's core score and policy size measured
    ///   VMs; without one, score 1 and the default rightsizing).
    public func virtualMachines(tenants indices: [Int], overYears: Double = 0, firstGroup: Int = 0, pool: Pool? = nil) -> [VirtualMachine] {
        var vms: [VirtualMachine] = []
        var group = firstGroup
        let systems = scenario.catalog.systems
        for t in indices {
            let tenant = scenario.tenants[t]
            if let measured = tenant.measured {
                vms += measuredVirtualMachines(tenant: t, measured, pool: pool)
                continue
            }
            let population = tenant.sizingPopulation(overYears: overYears)
            for s in tenant.systems {
                let system = systems[s]
                let profile = system.profileIndex
                for (k, tier) in system.tiers.enumerated() {
                    let size = Self.instanceSize(of: tier, population: population)
                    for i in 0..<size.instances {
                        let grouped = tier.replicas > 1
                        for r in 0..<tier.replicas {
                            let letter = grouped ? String(UnicodeScalar(UInt8(97 + r))) : ""
                            let load = r == 0 ? 1 : tier.standbyLoadFraction
                            vms.append(VirtualMachine(
                                tenant: t, system: s, tier: k, instance: i, replica: r,
                                name: "\(tenant.code)/\(system.id)/\(tier.name)#\(i + 1)\(letter)",
                                vcpu: size.vcpu, memoryGiB: size.memoryGiB, diskGiB: size.diskGiB,
                                peakIOPS: size.iops * load, peakCPUCores: size.vcpu * tier.cpuPeakUtilisation * load,
                                restartPriority: tier.restartPriority, bootMinutes: tier.bootMinutes,
                                redundancyGroup: grouped ? group : nil, profile: profile))
                        }
                        if grouped { group += 1 }
                    }
                }
            }
        }
        return vms
    }
}

extension WorkloadBuilder {
    /// A measured tenant's VMs, in name order: on the measured basis each at its recommended
    /// vCPUs (on `pool`'s blade) and memory with the percentile plus headroom as its CPU demand;
    /// on the allocated basis at what it is allocated, with the same demand. They take the
    /// catalog place (system, tier, load profile) of the tenant's first system, no IOPS and
    /// their inventory disk. - Complexity: O(VMs).
    func measuredVirtualMachines(tenant t: Int, _ measured: MeasuredUsage, pool: Pool?) -> [VirtualMachine] {
        let tenant = scenario.tenants[t]
        let system = tenant.systems.first ?? 0
        let catalogSystem = scenario.catalog.systems[system]
        let tier = catalogSystem.tiers[0]
        let rightsizing = pool?.policy.rightsizing ?? RightsizingPolicy()
        let score = pool?.blade.coreScore ?? 1
        return measured.vms.enumerated().map { i, vm in
            var grown = vm
            for (p, c) in vm.cpu { grown.cpu[p] = c * (demandScale[t] ?? 1) }
            let demand = rightsizing.demandReferenceCores(grown)
            let vcpu = basis == .measured ? rightsizing.recommendedVCPU(grown, coreScore: score) : vm.allocatedVCPU
            let memory = basis == .measured ? rightsizing.recommendedMemoryGiB(vm) : vm.allocatedMemoryGiB
            return VirtualMachine(tenant: t, system: system, tier: 0, instance: i, replica: 0, name: "\(tenant.code)/\(vm.name)",
                                  vcpu: vcpu, memoryGiB: memory, diskGiB: Swift.max(1, vm.diskGiB.rounded(.up)), peakIOPS: 0,
                                  peakCPUCores: demand, restartPriority: tier.restartPriority, bootMinutes: tier.bootMinutes,
                                  redundancyGroup: nil, profile: catalogSystem.profileIndex)
        }
    }
}
