import CapacityModel

/// Backup and disaster recovery of a plan (`continuity:`): what goes over each link each night,
/// what tape and partner storage the retention needs, and the RPO and RTO of every system.
/// Volumes in GiB (2^30 bytes) as sent (after compression and deduplication), rates in Mbps
/// (10^6 bit/s), times in hours.
public struct ContinuityPlan: Sendable {
    public var links: [LinkLoad]
    public var pools: [PoolBackup]
    public var systems: [SystemRecovery]
    public var partners: [PartnerCapacityCheck]
    public var detectionHours: Double
    public var rpoTargetHours: Double?
    public var rtoTargetHours: Double?

    /// Whether every link's copies fit their windows (the nightly one and the weekly full) and
    /// every system meets the targets.
    public var ok: Bool { backupOK && systems.allSatisfy { $0.rpoOK != false && $0.rtoOK != false } }

    /// Whether every link's nightly copy and full fit their windows.
    public var backupOK: Bool { links.allSatisfy(\.fitsWindows) }
}

/// Where a link row goes: another data center, or a municipality's office (municipal copy).
public enum LinkEnd: Sendable, Hashable {
    case site(String)
    case office(tenant: String)

    /// The name in reports: the site id, or `office:CODE`.
    public var name: String {
        switch self {
        case .site(let id): id
        case .office(let code): "office:\(code)"
        }
    }
}

/// The copies of one backup policy over one link in one direction.
public struct LinkLoad: Sendable {
    /// The link's id (`office` for a municipality's access link).
    public var link: String
    public var from: String
    public var to: LinkEnd
    public var policy: String
    public var schedule: BackupSchedule
    public var mbps: Double
    public var efficiency: Double
    public var backupShare: Double
    public var latencyMilliseconds: Double
    /// Jobs (tenant × system) sharing the link.
    public var jobs: Int
    /// Volume of one copy: a night's incrementals (daily) or one interval's changes (continuous).
    public var volumeGiB: Double
    /// Time to send `volumeGiB` at mbps × efficiency × backup share: volume × 2^30 × 8 / rate.
    public var transferHours: Double
    /// Window of that copy: the nightly window, or the replication interval.
    public var windowHours: Double
    /// The night a full runs (daily with fulls; nil otherwise).
    public var fullVolumeGiB: Double?
    public var fullTransferHours: Double?
    public var fullWindowHours: Double?
    /// Average share of the link's whole bandwidth (mbps × efficiency) the copies use over a day.
    public var utilisation: Double
    /// The link (index into `ContinuitySettings.links`; nil for a municipality's office link),
    /// the policy (index into `ContinuitySettings.policies`), and the systems whose copies these
    /// are (positions in `ContinuityPlan.systems`), resolved once for the simulator.
    public var linkIndex: Int?
    public var policyIndex: Int
    public var members: [Int]

    public var windowOK: Bool { transferHours <= windowHours + 1e-9 }
    public var fullWindowOK: Bool? { fullTransferHours.map { $0 <= (fullWindowHours ?? 0) + 1e-9 } }
    /// Both the usual copy and the full (where there is one) fit their windows: the one verdict
    /// every format prints for this link.
    public var fitsWindows: Bool { windowOK && fullWindowOK != false }
}

/// One pool's retention: backup storage at the partner or on site, and tape.
public struct PoolBackup: Sendable {
    public var pool: String
    /// A night's incrementals and one full copy, GiB as stored.
    public var nightlyGiB: Double
    public var fullGiB: Double
    /// Copies kept at the partner site (GiB) and the partner's arrays of its model they fill.
    public var partnerStorageGiB: Double
    public var partnerArrays: Int
    /// Copies kept on disk at the pool's own site, GiB.
    public var localDiskGiB: Double
    /// Tape at the pool's own site: the generation, drives for the worst night, cartridges and
    /// library slots for the retention (nil when no system backs up to tape).
    public var tape: TapeNeeds?
}

/// Tape library needs of one pool.
public struct TapeNeeds: Sendable {
    public var generation: TapeGeneration
    public var drives: Int
    public var cartridges: Int
    public var slots: Int
    /// Retained volume, GB (10^9 bytes, as cartridges are rated).
    public var retainedGB: Double
}

/// One system of one tenant: its copies and what a disaster at its site costs it.
public struct SystemRecovery: Sendable {
    public var tenant: String
    public var system: String
    public var pool: String
    /// The same as indices: into `Scenario.tenants`, `Catalog.systems` and the plan's pools.
    public var tenantIndex: Int
    public var systemIndex: Int
    public var poolIndex: Int
    /// What its first replicas need to run (vCPU, GiB): the room a restore takes at the partner.
    public var vcpu: Double
    public var memoryGiB: Double
    public var partner: String?
    public var policy: String
    /// Whether it is in the minimum business (`dr.priority_systems`), and its restore position (1 first).
    public var priority: Bool
    public var restoreOrder: Int?
    /// Its place (0 first) among the pool's systems that may be restored at the partner (in the
    /// minimum business when that is all, copies at the partner), whether or not there is room
    /// for it: the order the simulator admits restores in. Nil when it may not be restored.
    public var restoreRank: Int?
    /// Disk of its first replicas, and what changes a day, GiB (logical, before reduction).
    public var diskGiB: Double
    public var dailyChangeGiB: Double
    /// Time between completed copies at the partner, hours (nil: no copy off site, or the
    /// copies fall behind).
    public var rpoHours: Double?
    /// Hours from a site disaster to the system serving at the partner: detection + restore
    /// (volume / rate, sharing the restore streams) + boot; nil when it is not restored.
    public var rtoHours: Double?
    /// Why it is not restored, when it is not.
    public var notRestored: String?
    /// Volume restored (as sent), GiB, and the hours the restore itself takes.
    public var restoreGiB: Double
    public var restoreHours: Double?
    public var bootHours: Double
    /// Whether its nightly data also goes to the municipality's office.
    public var municipalCopy: Bool
    public var rpoOK: Bool?
    public var rtoOK: Bool?
}

/// What a partner has room for when a pool fails over to it.
public struct PartnerCapacityCheck: Sendable {
    public var pool: String
    public var partner: String
    public var capacity: PartnerCapacity
    public var reserveBlades: Int
    /// vCPU and memory (GiB) free for the pool's systems, and what all of them need.
    public var freeVCPU: Double
    public var freeMemoryGiB: Double
    public var neededVCPU: Double
    public var neededMemoryGiB: Double
    /// Systems restored, of those of the pool.
    public var restored: Int
    public var systems: Int
    /// Restore channel: the partner's local rate or a WAN link's, Mbps.
    public var restoreMbps: Double
}
