/// The two-site scenario of the backup and disaster-recovery tests (issue 12): `east` with
/// `tenants` identical tenants and `west` with one, one system of one tier of `disk` GiB
/// changing `change`% a day, the two sites joined by one link, each the other's DR partner.
/// Shared by the planner's and the simulator's tests, which hold it to the same arithmetic.
public enum ContinuityFixture {
    public struct Setup {
        public init() {}
        public var tenants = 1
        public var disk = 100.0
        public var change = 2.0
        public var mbps = 100.0
        public var efficiency = 0.8
        public var share = 1.0
        public var window = 10.0
        public var fullEvery = 0
        public var compression = 1.0
        public var schedule = "daily"
        public var streams = 4
        public var localMbps = 1_000.0
        public var detection = 1.0
        public var boot = 6.0
        public var replicas = 1
        public var minimumArrays = 1
        public var surviveArrayLoss = false
        public var extraContinuity = ""
        /// A `simulation:` section (empty: none).
        public var simulation = ""
        /// Appended to the storage array's definition, e.g. `", failures: {…}"`.
        public var arrayExtra = ""
        /// `continuity.dr.pools`: each site the other's partner unless said otherwise.
        public var drPools = "[{pool: east, partner: west}, {pool: west, partner: east}]"
    }

    /// The scenario's YAML text.
    public static func text(_ s: Setup) -> String {
        var tenants = ""
        for t in 0..<s.tenants { tenants += "  - {code: \"E\(t)\", name: East\(t), population: 0, systems: all}\n" }
        tenants += "  - {code: \"W0\", name: West0, population: 0, systems: all}\n"
        let east = (0..<s.tenants).map { "\"E\($0)\"" }.joined(separator: ", ")
        let text = """
        cloudplan: 1
        name: continuity
        catalog:
          profiles:
            - {id: flat, business_day: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1], other_day: 1}
          systems:
            - id: sys
              profile: flat
              tiers:
                - {name: db, vcpu: {base: 2}, memory_gib: {base: 4}, disk_gib: {base: \(s.disk)}, iops: {base: 10},
                   cpu_peak_utilisation: 0.5, replicas: \(s.replicas), boot_minutes: \(s.boot), daily_change_percent: \(s.change)}
        hardware:
          blades:
            - {id: b, sockets: 1, cores_per_socket: 33, ghz: 2, memory_gib: 129, power_idle_w: 100, power_peak_w: 200, price_yen: 1000000}
          chassis:
            - {id: c, slots: 16, rack_units: 10, power_w: 0, price_yen: 0}
          storage_arrays:
            - {id: a, disks: 8, disk_size_gb: 100000, disk_iops: 1000, raid: raid10, raid_group_size: 8, rack_units: 2, price_yen: 0\(s.arrayExtra)}
          racks:
            - {id: r, units: 42}
          baseline_servers:
            - {id: old, cores: 4, memory_gib: 64, power_w: 100, price_yen: 500000}
        sites:
          - {id: east-dc, pue: 1.5, power_price_yen_per_kwh: 10}
          - {id: west-dc, pue: 1.5, power_price_yen_per_kwh: 10}
        policies:
          - id: p
            target_cpu_utilisation: 1.0
            target_memory_utilisation: 1.0
            cpu_overcommit: 1
            hypervisor_cores: 1
            hypervisor_memory_gib: 1
            spread_redundancy_across: blade
            ha: {admission: host_failures, host_failures: 1, failover_utilisation: 1.0}
            storage: {minimum_arrays: \(s.minimumArrays), survive_array_loss: \(s.surviveArrayLoss)}
        tenants:
        \(tenants)
        pools:
          - {name: east, site: east-dc, tenants: [\(east)], blade: b, chassis: c, storage: a, rack: r, policy: p}
          - {name: west, site: west-dc, tenants: ["W0"], blade: b, chassis: c, storage: a, rack: r, policy: p}
        baseline: {server: old, site: east-dc}
        continuity:
          links:
            - {id: wan, between: [east-dc, west-dc], mbps: \(s.mbps), efficiency: \(s.efficiency), backup_share: \(s.share), latency_ms: 0}
          backup_policies:
            - {id: nightly, schedule: \(s.schedule), full_every_days: \(s.fullEvery), window_hours: \(s.window),
               compression: \(s.compression), target: partner}
          default_policy: nightly
          dr:
            detection_hours: \(s.detection)
            restore_streams: \(s.streams)
            local_restore_mbps: \(s.localMbps)
            pools: \(s.drPools)
        \(s.extraContinuity)
        \(s.simulation)
        """
        return text
    }
}
