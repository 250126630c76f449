import Placement
import Inventories

extension Policy {
    static func decode(_ node: YAMLNode) -> Policy? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let id = r.string("id")
        var design: DesignDemand? = .peak
        if let d = r.optional("design_demand") {
            if case .scalar(let s) = d.node, s.string == "peak" {
                design = .peak
            } else {
                design = d.number(min: 0, max: 1, exclusiveMin: true, what: "\"peak\" or a quantile between 0 and 1")
                    .map { .percentile($0) }
            }
        }
        let cpu = r.optional("target_cpu_utilisation").map { $0.fraction(allowZero: false) } ?? 0.7
        let mem = r.optional("target_memory_utilisation").map { $0.fraction(allowZero: false) } ?? 0.9
        let cpuOver = r.optional("cpu_overcommit").map { $0.number(min: 0, max: 64, exclusiveMin: true) } ?? 4
        let memOver = r.optional("memory_overcommit").map { $0.number(min: 0, max: 4, exclusiveMin: true) } ?? 1
        let hvCores = r.nonNegative("hypervisor_cores", default: 1)
        let hvMem = r.nonNegative("hypervisor_memory_gib", default: 4)
        let ha = r.optional("ha").map(HAPolicy.decode) ?? HAPolicy()
        let spread = r.optional("spread_redundancy_across").map { $0.choice(FailureDomain.self) } ?? .blade
        let storage = r.optional("storage").map(StoragePolicy.decode) ?? StoragePolicy()
        let placement = r.optional("placement").map { $0.choice(PlacementChoice.self) } ?? .best
        let procurement = r.optional("procurement").map(ProcurementPolicy.decode) ?? ProcurementPolicy()
        let rightsizing = r.optional("rightsizing").map(RightsizingPolicy.decode) ?? RightsizingPolicy()
        guard let rightsizing, let id, let design, let cpu, let mem, let cpuOver, let memOver, let hvCores, let hvMem,
              let ha, let spread, let storage, let placement, let procurement else { return nil }
        var policy = Policy(id: id, designDemand: design, targetCPUUtilisation: cpu, targetMemoryUtilisation: mem,
                            cpuOvercommit: cpuOver, memoryOvercommit: memOver, hypervisorCores: hvCores,
                            hypervisorMemoryGiB: hvMem, ha: ha, spreadRedundancyAcross: spread, storage: storage,
                            placement: placement, procurement: procurement, location: r.location)
        policy.rightsizing = rightsizing
        return policy
    }
}

extension RightsizingPolicy {
    static func decode(_ node: YAMLNode) -> RightsizingPolicy? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        var p = RightsizingPolicy()
        let cpu = r.optional("cpu_percentile").map { $0.choice(UsagePercentile.self) } ?? p.cpuPercentile
        let cpuRoom = r.optional("cpu_headroom_percent").map { $0.number(min: 0, max: 400) } ?? p.cpuHeadroom * 100
        let memory = r.optional("memory_percentile").map { $0.choice(UsagePercentile.self) } ?? p.memoryPercentile
        let memoryRoom = r.optional("memory_headroom_percent").map { $0.number(min: 0, max: 400) } ?? p.memoryHeadroom * 100
        guard let cpu, let cpuRoom, let memory, let memoryRoom else { return nil }
        (p.cpuPercentile, p.cpuHeadroom, p.memoryPercentile, p.memoryHeadroom) = (cpu, cpuRoom / 100, memory, memoryRoom / 100)
        return p
    }
}

extension ProcurementPolicy {
    static func decode(_ node: YAMLNode) -> ProcurementPolicy? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let lead = r.optional("lead_time_weeks").map { $0.number(min: 0, max: 520) } ?? 8
        let unit = r.optional("unit").map { $0.choice(Unit.self) } ?? .blades
        let perOrder = r.optional("blades_per_order").map { $0.integer(min: 1, max: 10_000) } ?? 1
        let safety = r.optional("safety_blades").map { $0.integer(min: 0, max: 10_000) } ?? 0
        let initial = r.optional("initial").map { $0.choice(InitialPurchase.self) } ?? .start
        var maximumChassis: Int?? = .some(nil)
        if let m = r.optional("max_chassis") { maximumChassis = m.integer(min: 1, max: 100_000).map { .some($0) } }
        let arrays = r.optional("arrays_per_order").map { $0.integer(min: 1, max: 10_000) } ?? 1
        let growth = r.optional("demand_growth").map { $0.choice(DemandGrowth.self) } ?? .stated
        guard let lead, let unit, let perOrder, let safety, let initial, let maximumChassis, let arrays, let growth else { return nil }
        if unit != .blades && r.has("blades_per_order") {
            r.optional("blades_per_order")?.error("blades_per_order applies to unit: blades only (a chassis or rack order is full)")
            return nil
        }
        var policy = ProcurementPolicy(leadTimeWeeks: lead, unit: unit, bladesPerOrder: perOrder, safetyBlades: safety,
                                       initial: initial, maximumChassis: maximumChassis, arraysPerOrder: arrays, location: r.location)
        policy.demandGrowth = growth
        return policy
    }
}

extension HAPolicy {
    /// The admission rules by their scenario names (`ha.admission`).
    public enum AdmissionKind: String, Sendable, CaseIterable {
        case hostFailures = "host_failures"
        case percentage
        case dedicatedHosts = "dedicated_hosts"
        case none
    }

    static func decode(_ node: YAMLNode) -> HAPolicy? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let kind = r.optional("admission").map { $0.choice(AdmissionKind.self) } ?? .hostFailures
        var admission: Admission?
        switch kind {
        case .hostFailures?:
            admission = r.integer("host_failures", default: 1, min: 0, max: 16).map { .hostFailures($0) }
        case .percentage?:
            admission = r.required("percentage_reserved", "a fraction such as 0.25")?.fraction(allowZero: false)
                .map { .percentageReserved($0) }
        case .dedicatedHosts?:
            admission = r.integer("dedicated_hosts", default: 1, min: 1, max: 16).map { .dedicatedFailoverHosts($0) }
        case .none?:
            admission = .hostFailures(0)
        case nil:
            admission = nil
        }
        let chassis = r.bool("tolerate_chassis_failure", default: false)
        let failover = r.optional("failover_utilisation").map { $0.fraction(allowZero: false) } ?? 0.95
        let detection = r.nonNegative("detection_seconds", default: 35)
        guard let admission, let chassis, let failover, let detection else { return nil }
        return HAPolicy(admission: admission, tolerateChassisFailure: chassis, failoverUtilisation: failover,
                        detectionSeconds: detection)
    }
}

extension StoragePolicy {
    static func decode(_ node: YAMLNode) -> StoragePolicy? {
        guard let r = node.mapping() else { return nil }
        defer { r.finish() }
        let read = r.fraction("read_fraction", default: 0.7)
        let cap = r.optional("capacity_utilisation").map { $0.fraction(allowZero: false) } ?? 0.8
        let iops = r.optional("iops_utilisation").map { $0.fraction(allowZero: false) } ?? 0.8
        let snap = r.number("snapshot_reserve", default: 0.2, min: 0, max: 10)
        let minArrays = r.integer("minimum_arrays", default: 1, min: 1, max: 64)
        let survive = r.bool("survive_array_loss", default: false)
        guard let read, let cap, let iops, let snap, let minArrays, let survive else { return nil }
        if survive && minArrays < 2 {
            r.optional("survive_array_loss")?.error("surviving an array loss needs minimum_arrays: 2 or more (replicas on different arrays)")
            return nil
        }
        return StoragePolicy(readFraction: read, capacityUtilisation: cap, iopsUtilisation: iops,
                             snapshotReserve: snap, minimumArrays: minArrays, surviveArrayLoss: survive)
    }
}
