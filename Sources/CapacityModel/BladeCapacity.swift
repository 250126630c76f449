/// What one blade offers to VMs under a policy, in the units the placement packs.
public struct BladeCapacity: Sendable, Hashable {
    /// Cores left for VMs after the hypervisor's share.
    public var usableCores: Double
    /// The same in reference cores (× the blade's core score): what demand is measured in.
    public var usableReferenceCores: Double
    /// vCPUs that may be allocated: usable cores × CPU overcommit.
    public var allocatableVCPU: Double
    /// Design demand (reference cores) the blade may carry: usable reference cores × target
    /// CPU utilisation.
    public var demandCores: Double
    /// Memory that may be allocated, GiB: (memory − hypervisor) × target × memory overcommit.
    public var allocatableMemoryGiB: Double

    public init(blade: BladeModel, policy: Policy, utilisationLimit: Double? = nil) {
        usableCores = Swift.max(0, Double(blade.cores) - policy.hypervisorCores)
        usableReferenceCores = usableCores * blade.coreScore
        allocatableVCPU = usableCores * policy.cpuOvercommit
        let cpuLimit = utilisationLimit ?? policy.targetCPUUtilisation
        let memLimit = utilisationLimit ?? policy.targetMemoryUtilisation
        demandCores = usableReferenceCores * cpuLimit
        allocatableMemoryGiB = Swift.max(0, blade.memoryGiB - policy.hypervisorMemoryGiB) * memLimit * policy.memoryOvercommit
    }

    /// Whether a VM could ever fit on an empty blade of this kind (its vCPUs no more than the
    /// blade's usable cores, as hypervisors require).
    public func admits(vcpu: Double, demandCores demand: Double, memoryGiB: Double) -> Bool {
        vcpu <= usableCores && vcpu <= allocatableVCPU && demand <= demandCores && memoryGiB <= allocatableMemoryGiB
    }
}
