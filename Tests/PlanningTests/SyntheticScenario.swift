import Foundation
import CapacityModel
import TestSupport

/// Small scenarios whose right answers can be worked out by hand.
enum Synthetic {
    static var root: String { Repository.root }

    /// A scenario with one blade model of `cores` cores (of `coreScore` reference cores each) and
    /// `memory` GiB, one system of one tier (vcpu, memory GiB, peak utilisation), `tenants`
    /// identical tenants and the given HA block; `tenantKeys` are added to every tenant's mapping
    /// (", key: value"), `files` written beside the scenario.
    static func scenario(cores: Int = 10, memory: Int = 100, tier: String, tenants: Int, ha: String,
                         extraProfiles: String = "", extraSystems: String = "", systems: String = "all",
                         spread: String = "blade", slots: Int = 16, targetCPU: Double = 1.0,
                         coreScore: Double = 1, cpuOvercommit: Double = 1, tenantKeys: String = "",
                         files: [String: String] = [:], policyKeys: String = "", extraBlades: String = "",
                         poolBlade: String = "b", economics: String = "") throws -> Scenario {
        var tenantLines = ""
        for t in 0..<tenants {
            tenantLines += "  - {code: \"T\(t)\", name: Tenant\(t), population: 0, systems: \(systems)\(tenantKeys)}\n"
        }
        let text = """
        cloudplan: 1
        name: synthetic
        catalog:
          profiles:
            - {id: flat, business_day: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1], other_day: 1}
        \(extraProfiles)
          systems:
            - id: sys
              profile: flat
              tiers:
                - \(tier)
        \(extraSystems)
        hardware:
          blades:
            - {id: b, sockets: 1, cores_per_socket: \(cores + 1), core_score: \(coreScore), memory_gib: \(memory + 1), power_idle_w: 100, power_peak_w: 200, price_yen: 1000000}
        \(extraBlades)
          chassis:
            - {id: c, slots: \(slots), rack_units: 10, power_w: 0, price_yen: 0}
          storage_arrays:
            - {id: a, disks: 8, disk_size_gb: 1000, disk_iops: 1000, raid: raid10, raid_group_size: 8, rack_units: 2, price_yen: 0}
          racks:
            - {id: r, units: 42}
          baseline_servers:
            - {id: old, cores: 4, memory_gib: 64, power_w: 100, price_yen: 500000}
        sites:
          - {id: s, pue: 1.5, power_price_yen_per_kwh: 10}
        policies:
          - id: p
            target_cpu_utilisation: \(targetCPU)
            target_memory_utilisation: 1.0
            cpu_overcommit: \(cpuOvercommit)
            hypervisor_cores: 1
            hypervisor_memory_gib: 1
            spread_redundancy_across: \(spread)
            placement: best\(policyKeys.isEmpty ? "" : "\n    " + policyKeys)
            ha:
              \(ha)
              failover_utilisation: 1.0
        tenants:
        \(tenantLines)
        pools:
          - {name: pool, site: s, tenants: all, blade: \(poolBlade), chassis: c, storage: a, rack: r, policy: p}
        baseline: {server: old, site: s}
        \(economics)
        """
        let workspace = try Workspace("planning")
        for (name, content) in files { try workspace.write(content, to: name) }
        return try ScenarioLoader().load(path: try workspace.write(text, to: "s.yaml"))
    }
}
