import CapacityModel
import Inventories

/// One measured VM (issue 32): what it is allocated, what it used at the sizing percentile and
/// what it is sized at on its pool's blade (`RightsizingPolicy`).
public struct RightsizingRow: Sendable, Hashable {
    public var vm: String
    public var tenant: String
    public var pool: String
    public var allocatedVCPU: Double
    /// CPU at the policy's percentile, reference cores (before headroom).
    public var cpuReferenceCores: Double
    public var recommendedVCPU: Double
    public var allocatedMemoryGiB: Double
    /// Memory at the policy's percentile, GiB (nil: the history has none).
    public var memoryGiB: Double?
    public var recommendedMemoryGiB: Double
    /// The percentiles used.
    public var cpuPercentile: UsagePercentile
    public var memoryPercentile: UsagePercentile

    /// The rows of every measured tenant of `scenario`, by pool, tenant and VM. O(measured VMs).
    public static func rows(_ scenario: Scenario) -> [RightsizingRow] {
        scenario.pools.flatMap { pool in
            pool.tenantIndices.flatMap { t -> [RightsizingRow] in
                guard let measured = scenario.tenants[t].measured else { return [] }
                let r = pool.policy.rightsizing
                return measured.vms.map { vm in
                    RightsizingRow(vm: vm.name, tenant: scenario.tenants[t].code, pool: pool.name, allocatedVCPU: vm.allocatedVCPU,
                                   cpuReferenceCores: vm.cpu[r.cpuPercentile] ?? 0,
                                   recommendedVCPU: r.recommendedVCPU(vm, coreScore: pool.blade.coreScore),
                                   allocatedMemoryGiB: vm.allocatedMemoryGiB, memoryGiB: vm.memory[r.memoryPercentile],
                                   recommendedMemoryGiB: r.recommendedMemoryGiB(vm),
                                   cpuPercentile: r.cpuPercentile, memoryPercentile: r.memoryPercentile)
                }
            }
        }
    }
}
