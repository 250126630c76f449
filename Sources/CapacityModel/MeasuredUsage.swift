import Inventories

/// A tenant's measured usage (issue 32; `tenants[].usage`): each VM it runs, with what it is
/// allocated (from the tenant's `before_inventory`, joined by VM name) and percentiles of what it
/// used (CPU in reference cores, memory in GiB). With it the tenant's VMs are these, sized on
/// use (`RightsizingPolicy`) instead of the catalog's estimate.
public struct MeasuredUsage: Sendable, Hashable {
    /// One VM measured.
    public struct VM: Sendable, Hashable {
        public var name: String
        public var allocatedVCPU: Double
        public var allocatedMemoryGiB: Double
        public var diskGiB: Double
        /// CPU percentiles, reference cores, by percentile.
        public var cpu: [UsagePercentile: Double]
        /// Memory percentiles, GiB; empty when the history has no memory.
        public var memory: [UsagePercentile: Double]
        public var samples: Int
        /// The CPU history on a regular grid of `intervalSeconds` from its first sample (a slot
        /// without a sample carries the last one), reference cores: what `simulate` replays with
        /// `simulation.replay_usage`.
        public var series: [Float] = []
        public var intervalSeconds: Double = 300
    }

    /// The usage file, as resolved against the scenario.
    public var file: String
    /// In name order.
    public var vms: [VM]
    /// The history month by month (for the forecast and the runway).
    public var monthly: [MonthlyUsage] = []
}

/// What a measured tenant's VMs are sized on.
public enum SizingBasis: String, Sendable, CaseIterable {
    /// A percentile of use plus headroom (`RightsizingPolicy`).
    case measured
    /// What each VM is allocated, as a sizing sheet counts (the same measured CPU demand).
    case allocated
}

/// How measured usage becomes a VM's size (`policies[].rightsizing`). Defaults: CPU at p95 plus
/// 20%, memory at p95 plus 10%. A VM is above its p95 in 5% of the intervals (72 minutes a day
/// of 5-minute samples); those peaks are short and spread over the pool's VMs, and the blade's
/// target CPU utilisation (0.7 by default) keeps room for them, so 20% covers the step to about
/// p99 of a typical business-hours series. Memory that a guest has touched is seldom given back,
/// so its p95 is close to its maximum; 10% leaves room for growth within the lease [EST: these
/// are the project's stated choices, to be set from a municipality's own tolerance].
public struct RightsizingPolicy: Sendable, Hashable {
    public var cpuPercentile: UsagePercentile = .p95
    /// Fraction added to the CPU percentile (0.2 = 20%).
    public var cpuHeadroom: Double = 0.2
    public var memoryPercentile: UsagePercentile = .p95
    public var memoryHeadroom: Double = 0.1

    public init() {}

    /// Design CPU demand, reference cores: the percentile plus headroom.
    public func demandReferenceCores(_ vm: MeasuredUsage.VM) -> Double { (vm.cpu[cpuPercentile] ?? 0) * (1 + cpuHeadroom) }

    /// vCPUs on a blade of `coreScore`: the demand in that blade's cores, rounded up, at least 1.
    public func recommendedVCPU(_ vm: MeasuredUsage.VM, coreScore: Double) -> Double {
        Swift.max(1, (demandReferenceCores(vm) / coreScore - 1e-9).rounded(.up))
    }

    /// Memory, whole GiB: the percentile plus headroom rounded up (at least 1); the allocation
    /// when the history has no memory.
    public func recommendedMemoryGiB(_ vm: MeasuredUsage.VM) -> Double {
        guard let m = vm.memory[memoryPercentile] else { return vm.allocatedMemoryGiB }
        return Swift.max(1, (m * (1 + memoryHeadroom) - 1e-9).rounded(.up))
    }
}
