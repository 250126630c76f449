import Foundation
import Testing
import TestSupport

/// Issue 32, item 3: `simulation.replay_usage` replays each measured VM's history, so sizing
/// on a low percentile shows as contention and sizing on the peaks does not.
@Suite struct ReplayUsageTests {
    /// 20 VMs at 0.5 reference cores for 20 hours a day and 4 at the 4 hours from 09:00. Sized on
    /// p50 with no headroom they need 10 cores (one blade of 10): every peak hour overloads it
    /// (80 cores asked): 7 days × 4 hours = 1,680 minutes. Sized on the maximum, two VMs of 4
    /// fit a blade (three would need 12): 10 blades, and the replay never overloads.
    @Test func aLowPercentileShowsAsContention() throws {
        let w = try Workspace("replay")
        var usage = "vm,timestamp,cpu_reference_cores,memory_gib\n", inventory = "name,vcpu,memory_gib,disk_gib,host\n"
        for v in 0..<20 {
            inventory += "vm\(v),4,2,10,h0\n"
            for day in 1...7 {
                for hour in 0..<24 {
                    usage += "vm\(v),2026-01-\(String(format: "%02d", day))T\(String(format: "%02d", hour)):00:00Z,\((9..<13).contains(hour) ? 4.0 : 0.5),1\n"
                }
            }
        }
        try w.write(usage, to: "use.csv")
        try w.write(inventory, to: "inv.csv")
        func scenario(_ percentile: String) -> String {
            """
            cloudplan: 1
            name: replay
            reference_year: 2026
            catalog:
              profiles:
                - {id: flat, business_day: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1], other_day: 1}
              systems:
                - id: sys
                  profile: flat
                  tiers:
                    - {name: app, vcpu: 1, memory_gib: 1, disk_gib: 1, cpu_peak_utilisation: 0.1}
            hardware:
              blades:
                - {id: b, sockets: 1, cores_per_socket: 11, memory_gib: 101, power_idle_w: 100, power_peak_w: 200, price_yen: 1000000}
              chassis:
                - {id: c, slots: 16, rack_units: 10, price_yen: 0}
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
                target_cpu_utilisation: 1.0
                target_memory_utilisation: 1.0
                cpu_overcommit: 8
                hypervisor_cores: 1
                hypervisor_memory_gib: 1
                ha: {admission: none, failover_utilisation: 1.0}
                rightsizing: {cpu_percentile: \(percentile), cpu_headroom_percent: 0}
            tenants:
              - {code: "T0", name: T0, population: 0, before_inventory: inv.csv, usage: use.csv}
            pools:
              - {name: pool, site: s, tenants: all, blade: b, chassis: c, storage: a, rack: r, policy: p}
            baseline: {server: old, site: s}
            simulation:
              replay_usage: true
              demand_noise_cv: 0
              failures: {blades: false, chassis: false, storage_arrays: false}
            """
        }
        var contention: [String: Double] = [:], blades: [String: Int] = [:]
        for percentile in ["p50", "max"] {
            try w.write(scenario(percentile), to: "s-\(percentile).yaml")
            let r = try CLI.run(["simulate", w.path + "/s-\(percentile).yaml", "--replications", "1", "--horizon", "7d", "--format", "json", "--quiet", "--no-timing"])
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let pools = try #require(json["pools"] as? [[String: Any]])
            blades[percentile] = pools[0]["blades"] as? Int
            let tenants = try #require(json["tenants"] as? [[String: Any]])
            let systems = try #require(tenants[0]["systems"] as? [[String: Any]])
            contention[percentile] = ((systems[0]["contention_minutes"] as? [String: Any])?["mean"] as? NSNumber)?.doubleValue
        }
        #expect(blades == ["p50": 1, "max": 10], "\(blades)")
        #expect(contention["p50"] == 1_680 && contention["max"] == 0, "\(contention)")
    }
}
