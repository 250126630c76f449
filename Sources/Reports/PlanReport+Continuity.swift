import CapacityModel
import Planning

/// The JSON of backup and disaster recovery (`backup`, `dr`; docs/plan-json.md) and of the
/// array-loss check.
extension PlanReport {
    static func arrayLoss(_ c: ArrayLossCheck) -> JSONValue {
        .object([
            ("required", .bool(c.required)),
            ("ok", .bool(c.ok)),
            ("arrays", .integer(c.arrays)),
            ("failing_arrays", .integer(c.failingArrays)),
            ("worst_array", .integer(c.worstArray)),
            ("vms_on_worst_array", .integer(c.vmsOnWorstArray)),
            ("systems_down", .array(c.systemsDown.map { .string($0) })),
        ])
    }

    static func continuitySections(_ plan: PlanResult) -> [(String, JSONValue)] {
        guard let c = plan.continuity else { return [] }
        return [
            ("backup", .object([
                ("ok", .bool(c.backupOK)),
                ("links", .array(c.links.map(link))),
                ("pools", .array(c.pools.map(poolBackup))),
            ])),
            ("dr", .object([
                ("ok", .bool(c.systems.allSatisfy { $0.rpoOK != false && $0.rtoOK != false })),
                ("detection_hours", .rounded(c.detectionHours, 3)),
                ("rpo_target_hours", c.rpoTargetHours.map { .rounded($0, 3) } ?? .null),
                ("rto_target_hours", c.rtoTargetHours.map { .rounded($0, 3) } ?? .null),
                ("partners", .array(c.partners.map(partner))),
                ("systems", .array(c.systems.map(recovery))),
            ])),
        ]
    }

    static func optional(_ x: Double?, _ decimals: Int = 4) -> JSONValue { x.map { .rounded($0, decimals) } ?? .null }

    static func link(_ l: LinkLoad) -> JSONValue {
        .object([
            ("link", .string(l.link)),
            ("from", .string(l.from)),
            ("to", .string(l.to.name)),
            ("policy", .string(l.policy)),
            ("schedule", .string(l.schedule.rawValue)),
            ("mbps", .rounded(l.mbps, 3)),
            ("efficiency", .rounded(l.efficiency, 4)),
            ("backup_share", .rounded(l.backupShare, 4)),
            ("latency_ms", .rounded(l.latencyMilliseconds, 3)),
            ("jobs", .integer(l.jobs)),
            ("volume_gib", .rounded(l.volumeGiB, 4)),
            ("transfer_hours", .rounded(l.transferHours, 4)),
            ("window_hours", .rounded(l.windowHours, 4)),
            ("window_ok", .bool(l.windowOK)),
            ("full_volume_gib", optional(l.fullVolumeGiB)),
            ("full_transfer_hours", optional(l.fullTransferHours)),
            ("full_window_hours", optional(l.fullWindowHours)),
            ("full_window_ok", l.fullWindowOK.map(JSONValue.bool) ?? .null),
            ("utilisation", .rounded(l.utilisation, 4)),
        ])
    }

    static func poolBackup(_ p: PoolBackup) -> JSONValue {
        .object([
            ("pool", .string(p.pool)),
            ("nightly_gib", .rounded(p.nightlyGiB, 4)),
            ("full_gib", .rounded(p.fullGiB, 4)),
            ("partner_storage_gib", .rounded(p.partnerStorageGiB, 3)),
            ("partner_arrays", .integer(p.partnerArrays)),
            ("local_disk_gib", .rounded(p.localDiskGiB, 3)),
            ("tape", p.tape.map { t in .object([
                ("generation", .string(t.generation.rawValue)),
                ("drives", .integer(t.drives)),
                ("cartridges", .integer(t.cartridges)),
                ("slots", .integer(t.slots)),
                ("retained_gb", .rounded(t.retainedGB, 3)),
            ]) } ?? .null),
        ])
    }

    static func partner(_ p: PartnerCapacityCheck) -> JSONValue {
        .object([
            ("pool", .string(p.pool)),
            ("partner", .string(p.partner)),
            ("capacity", .string(p.capacity.rawValue)),
            ("reserve_blades", .integer(p.reserveBlades)),
            ("free_vcpu", .rounded(p.freeVCPU, 3)),
            ("free_memory_gib", .rounded(p.freeMemoryGiB, 3)),
            ("needed_vcpu", .rounded(p.neededVCPU, 3)),
            ("needed_memory_gib", .rounded(p.neededMemoryGiB, 3)),
            ("systems", .integer(p.systems)),
            ("restored", .integer(p.restored)),
            ("restore_mbps", .rounded(p.restoreMbps, 3)),
        ])
    }

    static func recovery(_ s: SystemRecovery) -> JSONValue {
        .object([
            ("tenant", .string(s.tenant)),
            ("system", .string(s.system)),
            ("pool", .string(s.pool)),
            ("partner", s.partner.map(JSONValue.string) ?? .null),
            ("policy", .string(s.policy)),
            ("priority", .bool(s.priority)),
            ("restore_order", s.restoreOrder.map(JSONValue.integer) ?? .null),
            ("disk_gib", .rounded(s.diskGiB, 3)),
            ("daily_change_gib", .rounded(s.dailyChangeGiB, 4)),
            ("restore_gib", .rounded(s.restoreGiB, 4)),
            ("restore_hours", optional(s.restoreHours)),
            ("boot_hours", .rounded(s.bootHours, 4)),
            ("rpo_hours", optional(s.rpoHours)),
            ("rto_hours", optional(s.rtoHours)),
            ("rpo_ok", s.rpoOK.map(JSONValue.bool) ?? .null),
            ("rto_ok", s.rtoOK.map(JSONValue.bool) ?? .null),
            ("not_restored", s.notRestored.map(JSONValue.string) ?? .null),
            ("municipal_copy", .bool(s.municipalCopy)),
        ])
    }
}
