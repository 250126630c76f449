/// Data paths, backup and disaster recovery (`continuity:`): WAN links between sites, the link
/// from each town hall to its data center, backup policies per system, and each pool's partner.
/// Units: bandwidth in megabits per second (10^6 bit/s), volumes in GiB (2^30 bytes), times in
/// hours unless a name says otherwise.
public struct ContinuitySettings: Sendable {
    public var links: [WANLink]
    /// The access link of every municipality's office to its pool's data center.
    public var officeLink: LinkParameters
    public var policies: [BackupPolicy]
    /// Backup policy of each catalog system (index into `policies`; `Catalog.systems` order).
    public var systemPolicy: [Int]
    /// Systems whose nightly copy also goes to each municipality's own office (市町村バックアップ:
    /// the data the minimum business needs in a disaster); indices into `Catalog.systems`.
    public var municipalCopy: [Int]
    public var dr: DisasterRecovery
    public var location: SourceLocation

    public init(links: [WANLink], officeLink: LinkParameters, policies: [BackupPolicy], systemPolicy: [Int],
                municipalCopy: [Int], dr: DisasterRecovery, location: SourceLocation) {
        self.links = links
        self.officeLink = officeLink
        self.policies = policies
        self.systemPolicy = systemPolicy
        self.municipalCopy = municipalCopy
        self.dr = dr
        self.location = location
    }

    /// The link between two sites (either way: links are full duplex, each direction has the
    /// whole bandwidth), if one is defined.
    public func link(between a: String, _ b: String) -> Int? {
        links.firstIndex { ($0.siteA == a && $0.siteB == b) || ($0.siteA == b && $0.siteB == a) }
    }
}

/// What a link carries: bandwidth, protocol efficiency, the share backup may use, latency.
public struct LinkParameters: Sendable, Hashable {
    /// Megabits per second (10^6 bit/s), each direction.
    public var mbps: Double
    /// Share of the bandwidth a transfer achieves (protocol overhead, other traffic), (0, 1].
    public var efficiency: Double
    /// Share of the link backup traffic may use, (0, 1]; restores after a disaster use it all.
    public var backupShare: Double
    /// One-way latency, milliseconds (reported; a bulk transfer's rate is taken as bandwidth ×
    /// efficiency, latency added once).
    public var latencyMilliseconds: Double

    /// Defaults [EST] (domain-facts: LGWAN access of 10-100 Mbps a municipality in the 2010s):
    /// 100 Mbps, 70% efficiency, all of it for backup, 10 ms.
    public init(mbps: Double = 100, efficiency: Double = 0.7, backupShare: Double = 1, latencyMilliseconds: Double = 10) {
        self.mbps = mbps
        self.efficiency = efficiency
        self.backupShare = backupShare
        self.latencyMilliseconds = latencyMilliseconds
    }

    /// Bits per second a transfer gets when it has `share` of the link alone.
    public func bitsPerSecond(share: Double = 1) -> Double { mbps * 1e6 * efficiency * share }
    /// Bits per second backup jobs share.
    public var backupBitsPerSecond: Double { bitsPerSecond(share: backupShare) }
}

/// A WAN link (LGWAN) between two sites.
public struct WANLink: Sendable {
    public var id: String
    public var siteA: String
    public var siteB: String
    public var parameters: LinkParameters
    /// Outages of the link (`simulate`); nil: never down.
    public var outages: FailureModel?
    public var location: SourceLocation

    public init(id: String, siteA: String, siteB: String, parameters: LinkParameters, outages: FailureModel?,
                location: SourceLocation) {
        self.id = id
        self.siteA = siteA
        self.siteB = siteB
        self.parameters = parameters
        self.outages = outages
        self.location = location
    }
}

/// How often copies are taken; the raw values are the scenario's `schedule` names.
public enum BackupSchedule: String, Sendable, CaseIterable {
    /// One copy a night in the window: incrementals, and a full every `full_every_days`.
    case daily
    /// Asynchronous replication: a copy of what changed every `interval_minutes`.
    case continuous
}

/// Where a policy's copies are kept; the raw values are the scenario's `target` names.
public enum BackupTargetKind: String, Sendable, CaseIterable {
    /// The pool's DR partner site, over the WAN link between them.
    case partner
    /// A disk array at the pool's own site (lost with the site).
    case disk
    /// A tape library at the pool's own site (lost with the site unless cartridges are sent off).
    case tape
}

/// LTO generations: native capacity and speed (domain-facts.md, LTO row: creativecow.net,
/// openstorage.de; LTO-4 at 120 MB/s is the commonly quoted native rate [EST]).
public enum TapeGeneration: String, Sendable, CaseIterable {
    case lto3 = "LTO-3", lto4 = "LTO-4", lto5 = "LTO-5", lto6 = "LTO-6", lto7 = "LTO-7", lto8 = "LTO-8", lto9 = "LTO-9"

    /// Native (uncompressed) cartridge capacity, GB (10^9 bytes).
    public var nativeGB: Double {
        switch self {
        case .lto3: 400
        case .lto4: 800
        case .lto5: 1_500
        case .lto6: 2_500
        case .lto7: 6_000
        case .lto8: 12_000
        case .lto9: 18_000
        }
    }

    /// Native drive speed, MB/s (10^6 bytes a second).
    public var nativeMBps: Double {
        switch self {
        case .lto3: 80
        case .lto4: 120
        case .lto5: 140
        case .lto6: 160
        case .lto7: 300
        case .lto8: 360
        case .lto9: 400
        }
    }
}

/// One backup policy (`continuity.backup_policies[]`).
public struct BackupPolicy: Sendable {
    public var id: String
    public var schedule: BackupSchedule
    /// A full copy every so many days (0: incrementals only, fulls synthesised at the target).
    public var fullEveryDays: Int
    /// Hour of the day (0 ≤ h < 24, local time) the nightly window opens.
    public var windowStartHour: Double
    /// Length of the nightly window, hours.
    public var windowHours: Double
    /// Length of the window of the night a full runs (a weekend), hours.
    public var fullWindowHours: Double
    /// Minutes between copies of continuous replication.
    public var intervalMinutes: Double
    /// Days a copy is kept.
    public var retentionDays: Double
    /// Logical bytes per stored byte from compression (≥ 1) and from deduplication (≥ 1).
    public var compression: Double
    public var deduplication: Double
    public var target: BackupTargetKind
    /// The tape generation when `target` is tape.
    public var tape: TapeGeneration?
    public var location: SourceLocation

    public init(id: String, schedule: BackupSchedule, fullEveryDays: Int, windowStartHour: Double, windowHours: Double,
                fullWindowHours: Double, intervalMinutes: Double, retentionDays: Double, compression: Double,
                deduplication: Double, target: BackupTargetKind, tape: TapeGeneration?, location: SourceLocation) {
        self.id = id
        self.schedule = schedule
        self.fullEveryDays = fullEveryDays
        self.windowStartHour = windowStartHour
        self.windowHours = windowHours
        self.fullWindowHours = fullWindowHours
        self.intervalMinutes = intervalMinutes
        self.retentionDays = retentionDays
        self.compression = compression
        self.deduplication = deduplication
        self.target = target
        self.tape = tape
        self.location = location
    }

    /// Bytes sent per logical byte: 1 / (compression × deduplication).
    public var reduction: Double { 1 / (compression * deduplication) }
    /// Hours between copies: 24 for a daily schedule, the interval for continuous replication.
    public var cycleHours: Double { schedule == .daily ? 24 : intervalMinutes / 60 }
}

/// Where a pool's systems go when its site is lost (`continuity.dr`).
public struct DisasterRecovery: Sendable {
    /// Hours from the disaster to the decision to fail over (detection and declaration).
    public var detectionHours: Double
    /// Restores that run at once; the rest wait in priority order.
    public var restoreStreams: Int
    /// Rate of restoring from a copy kept at the partner's own site (disk to disk), Mbps.
    public var localRestoreMbps: Double
    /// Systems restored first, in this order (the minimum business, 必要最小限の業務); indices
    /// into `Catalog.systems`. The others follow by restart priority.
    public var prioritySystems: [Int]
    /// Whether only the priority systems are restored at the partner.
    public var priorityOnly: Bool
    /// Targets every system is checked against (nil: none).
    public var rpoTargetHours: Double?
    public var rtoTargetHours: Double?
    public var pools: [DRPool]

    public init(detectionHours: Double = 1, restoreStreams: Int = 4, localRestoreMbps: Double = 1_000,
                prioritySystems: [Int] = [], priorityOnly: Bool = false, rpoTargetHours: Double? = nil,
                rtoTargetHours: Double? = nil, pools: [DRPool] = []) {
        self.detectionHours = detectionHours
        self.restoreStreams = restoreStreams
        self.localRestoreMbps = localRestoreMbps
        self.prioritySystems = prioritySystems
        self.priorityOnly = priorityOnly
        self.rpoTargetHours = rpoTargetHours
        self.rtoTargetHours = rtoTargetHours
        self.pools = pools
    }
}

/// What a partner keeps for a pool's systems; the raw values are the scenario's names.
public enum PartnerCapacity: String, Sendable, CaseIterable {
    /// The partner's own blades, as far as its own load leaves room.
    case shared
    /// Blades bought and kept idle at the partner for this pool (`reserve_blades`).
    case reserve
}

/// One pool's partner (`continuity.dr.pools[]`).
public struct DRPool: Sendable {
    /// Index into `Scenario.pools` of the pool protected, and of its partner.
    public var pool: Int
    public var partner: Int
    public var capacity: PartnerCapacity
    /// Blades of the partner's model kept for this pool (reserve capacity).
    public var reserveBlades: Int
    public var location: SourceLocation

    public init(pool: Int, partner: Int, capacity: PartnerCapacity, reserveBlades: Int, location: SourceLocation) {
        self.pool = pool
        self.partner = partner
        self.capacity = capacity
        self.reserveBlades = reserveBlades
        self.location = location
    }
}
