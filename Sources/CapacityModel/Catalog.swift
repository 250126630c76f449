/// The municipal systems a tenant can run, and the load profiles they follow.
public struct Catalog: Sendable {
    public var systems: [SystemDefinition]
    public var profiles: [DemandProfile]

    public init(systems: [SystemDefinition] = [], profiles: [DemandProfile] = []) {
        self.systems = systems
        self.profiles = profiles
    }

}

/// One municipal core system (住民記録, 税務, ...) as a set of VM tiers.
public struct SystemDefinition: Sendable {
    public var id: String
    /// Display name (Japanese name welcome).
    public var name: String
    /// The `DemandProfile` id its load follows.
    public var profile: String
    /// The same profile as an index into `Catalog.profiles`, resolved once every file is read.
    public var profileIndex = 0
    public var tiers: [TierDefinition]
    public var location: SourceLocation
    /// Where the profile reference is written.
    public var profileLocation: SourceLocation
    /// What an hour of this system being down costs (staff idle, counters closed, catch-up),
    /// yen (`downtime_yen_per_hour`); nil: `economics.downtime_yen_per_hour`.
    public var downtimeYenPerHour: Double?
    /// Where that figure comes from (`downtime_cost_source`).
    public var downtimeCostSource: String?

    public init(id: String, name: String, profile: String, tiers: [TierDefinition], location: SourceLocation,
                profileLocation: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.profile = profile
        self.tiers = tiers
        self.location = location
        self.profileLocation = profileLocation ?? location
    }
}

/// One tier (web, application, database) of a system. The sizes are totals for the tier of
/// one tenant, which is split into instances; each instance may be replicated.
public struct TierDefinition: Sendable {
    public var name: String
    /// Total vCPUs of the tier.
    public var vcpu: LinearSize
    /// Total memory of the tier, GiB.
    public var memoryGiB: LinearSize
    /// Total disk of the tier, GiB (per replica: replicas keep their own copy).
    public var diskGiB: LinearSize
    /// Total I/O operations per second at the profile's peak.
    public var iops: LinearSize
    /// Fraction of the allocated vCPUs busy at the profile's yearly peak (0-1].
    public var cpuPeakUtilisation: Double
    /// At least this many instances.
    public var minInstances: Int
    /// Split into more instances when one would exceed this many vCPUs.
    public var maxVCPUPerInstance: Double?
    /// Split into more instances when one would exceed this much memory (GiB).
    public var maxMemoryGiBPerInstance: Double?
    /// Copies of each instance (2 = active/standby); the copies form a redundancy group whose
    /// members must not share a failure domain.
    public var replicas: Int
    /// Replicas that must run for an instance to serve (1: any one of them; k of n otherwise).
    public var quorum: Int
    /// CPU demand and IOPS of each standby replica (replicas after the first) as a fraction of the
    /// active one's: a standby database applies the active's changes but serves no users.
    public var standbyLoadFraction: Double
    /// Restart priority after a failure: 1 is restarted first.
    public var restartPriority: Int
    /// Minutes from power-on to the service being usable again.
    public var bootMinutes: Double
    /// Backup volume per day as a fraction of disk changed (for the backup model).
    public var dailyChangeFraction: Double
    public var location: SourceLocation

    public init(name: String, vcpu: LinearSize, memoryGiB: LinearSize, diskGiB: LinearSize, iops: LinearSize,
                cpuPeakUtilisation: Double, minInstances: Int = 1, maxVCPUPerInstance: Double? = nil,
                maxMemoryGiBPerInstance: Double? = nil, replicas: Int = 1, quorum: Int = 1, standbyLoadFraction: Double = 0.3,
                restartPriority: Int = 2,
                bootMinutes: Double = 5, dailyChangeFraction: Double = 0.02, location: SourceLocation) {
        self.name = name
        self.vcpu = vcpu
        self.memoryGiB = memoryGiB
        self.diskGiB = diskGiB
        self.iops = iops
        self.cpuPeakUtilisation = cpuPeakUtilisation
        self.minInstances = minInstances
        self.maxVCPUPerInstance = maxVCPUPerInstance
        self.maxMemoryGiBPerInstance = maxMemoryGiBPerInstance
        self.replicas = replicas
        self.quorum = quorum
        self.standbyLoadFraction = standbyLoadFraction
        self.restartPriority = restartPriority
        self.bootMinutes = bootMinutes
        self.dailyChangeFraction = dailyChangeFraction
        self.location = location
    }
}

/// How a system's load varies over the day and the year, relative to its yearly peak.
///
/// Load at an hour = max(online, batch), where online = hourly[day type][hour] × the product of
/// the factors of every season covering the date, and batch = `batchLevel` in the batch hours.
/// `DemandCalendar` normalises the whole year so that its maximum is 1.
public struct DemandProfile: Sendable {
    public var id: String
    /// Relative online load for each hour 0-23 of a business day (weekday, not a holiday).
    public var businessDay: [Double]
    /// Relative online load for each hour 0-23 of a weekend day or holiday.
    public var otherDay: [Double]
    public var seasons: [Season]
    /// Night batch: hours [start, end) (wrapping past midnight when end < start) and level.
    public var batch: Batch?
    public var location: SourceLocation

    public init(id: String, businessDay: [Double], otherDay: [Double], seasons: [Season] = [],
                batch: Batch? = nil, location: SourceLocation) {
        self.id = id
        self.businessDay = businessDay
        self.otherDay = otherDay
        self.seasons = seasons
        self.batch = batch
        self.location = location
    }

    /// A period of the year (inclusive month-day range, may wrap past 31 Dec) with a load factor.
    public struct Season: Sendable, Hashable {
        public var name: String
        public var fromMonth: Int, fromDay: Int, toMonth: Int, toDay: Int
        /// Multiplies online load on business days in the period.
        public var factor: Double

        public init(name: String, fromMonth: Int, fromDay: Int, toMonth: Int, toDay: Int, factor: Double) {
            self.name = name
            self.fromMonth = fromMonth; self.fromDay = fromDay
            self.toMonth = toMonth; self.toDay = toDay
            self.factor = factor
        }

        /// Whether month-day (m, d) falls in the period.
        public func covers(month m: Int, day d: Int) -> Bool {
            let x = m * 100 + d, a = fromMonth * 100 + fromDay, b = toMonth * 100 + toDay
            return a <= b ? (x >= a && x <= b) : (x >= a || x <= b)
        }
    }

    public struct Batch: Sendable, Hashable {
        public var startHour: Int
        public var endHour: Int
        public var level: Double
        /// Run on every day, or on business days only.
        public var businessDaysOnly: Bool

        public init(startHour: Int, endHour: Int, level: Double, businessDaysOnly: Bool) {
            self.startHour = startHour
            self.endHour = endHour
            self.level = level
            self.businessDaysOnly = businessDaysOnly
        }

        public func covers(hour h: Int) -> Bool {
            startHour <= endHour ? (h >= startHour && h < endHour) : (h >= startHour || h < endHour)
        }
    }
}
