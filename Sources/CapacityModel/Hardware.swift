/// The hardware a scenario can buy, and the servers it replaces.
public struct HardwareCatalog: Sendable {
    public var blades: [BladeModel] = []
    public var chassis: [ChassisModel] = []
    public var storageArrays: [StorageArrayModel] = []
    public var racks: [RackModel] = []
    public var baselineServers: [BaselineServerModel] = []

    public init() {}

}

/// How long something runs before it fails, and how long a repair takes (hours).
public struct FailureModel: Sendable, Hashable {
    public var timeToFailure: DistributionSpec
    public var timeToRepair: DistributionSpec
    public init(timeToFailure: DistributionSpec, timeToRepair: DistributionSpec) {
        self.timeToFailure = timeToFailure
        self.timeToRepair = timeToRepair
    }
}

/// A probability distribution as written in a scenario (hours for times). Sampled by the
/// simulator through Stochastics; CapacityModel only stores and checks it.
public enum DistributionSpec: Sendable, Hashable {
    case constant(Double)
    case exponential(mean: Double)
    case weibull(scale: Double, shape: Double)
    /// Lognormal given by the mean and coefficient of variation of the quantity itself.
    case lognormal(mean: Double, cv: Double)

    /// The distribution families by their scenario names (`distribution:`).
    public enum Kind: String, Sendable, CaseIterable { case exponential, weibull, lognormal, constant }

    public var kind: Kind {
        switch self {
        case .constant: return .constant
        case .exponential: return .exponential
        case .weibull: return .weibull
        case .lognormal: return .lognormal
        }
    }

    /// Its mean, or its scale for Weibull: the time it is typically about, hours.
    public var typicalHours: Double {
        if case .weibull(let scale, _) = self { return scale }
        return simpleMean ?? 0
    }

    /// The mean, where it has a closed form without the gamma function.
    public var simpleMean: Double? {
        switch self {
        case .constant(let v): return v
        case .exponential(let m): return m
        case .lognormal(let m, _): return m
        case .weibull: return nil
        }
    }
}

/// A blade server model.
public struct BladeModel: Sendable {
    public var id: String
    public var sockets: Int
    public var coresPerSocket: Int
    /// Clock speed in GHz: informative only (a GHz of 2006 and one of 2025 do different work);
    /// 0 when not given. Sizing uses `coreScore`.
    public var ghz: Double
    /// Throughput of one core in reference cores (`CoreScore.reference`): demand in reference
    /// cores divided by it is the cores it keeps busy. 1 when not given.
    public var coreScore: Double = 1
    /// Where `coreScore` comes from; `CoreScore.unstated` when not given.
    public var coreScoreSource: String = CoreScore.unstated
    public var memoryGiB: Double
    public var powerIdle: Watts
    public var powerPeak: Watts
    public var price: Yen
    /// Where the price comes from (`price_source`: "[doc] …", "[EST] …"); `HardwarePrice.unstated` if not given.
    public var priceSource: String = HardwarePrice.unstated
    public var failures: FailureModel?
    public var location: SourceLocation

    public var cores: Int { sockets * coresPerSocket }
    /// All its cores in reference cores: cores × core score.
    public var referenceCores: Double { Double(cores) * coreScore }

    public init(id: String, sockets: Int, coresPerSocket: Int, ghz: Double, memoryGiB: Double,
                powerIdle: Watts, powerPeak: Watts, price: Yen, failures: FailureModel? = nil,
                location: SourceLocation) {
        self.id = id
        self.sockets = sockets
        self.coresPerSocket = coresPerSocket
        self.ghz = ghz
        self.memoryGiB = memoryGiB
        self.powerIdle = powerIdle
        self.powerPeak = powerPeak
        self.price = price
        self.failures = failures
        self.location = location
    }

    /// Power at CPU utilisation u (0-1), linear between idle and peak.
    public func power(atUtilisation u: Double) -> Watts {
        powerIdle + (powerPeak - powerIdle) * Swift.min(Swift.max(u, 0), 1)
    }
}

/// A blade enclosure: slots, height, its own power (fans, interconnects) and price.
public struct ChassisModel: Sendable {
    public var id: String
    public var slots: Int
    public var rackUnits: Int
    public var power: Watts
    public var price: Yen
    /// Where the price comes from (`price_source`: "[doc] …", "[EST] …"); `HardwarePrice.unstated` if not given.
    public var priceSource: String = HardwarePrice.unstated
    public var failures: FailureModel?
    public var location: SourceLocation

    public init(id: String, slots: Int, rackUnits: Int, power: Watts, price: Yen,
                failures: FailureModel? = nil, location: SourceLocation) {
        self.id = id
        self.slots = slots
        self.rackUnits = rackUnits
        self.power = power
        self.price = price
        self.failures = failures
        self.location = location
    }
}

/// RAID levels and their usable capacity and write penalty.
public enum RAIDLevel: String, Sendable, CaseIterable {
    case raid1, raid5, raid6, raid10

    /// Back-end I/Os per front-end write.
    public var writePenalty: Double {
        switch self {
        case .raid1, .raid10: return 2
        case .raid5: return 4
        case .raid6: return 6
        }
    }

    /// Disks of a group of `n` that hold data.
    public func dataDisks(groupSize n: Int) -> Int {
        switch self {
        case .raid1, .raid10: return n / 2
        case .raid5: return n - 1
        case .raid6: return n - 2
        }
    }

    /// The smallest group this level allows.
    public var minimumGroupSize: Int {
        switch self {
        case .raid1, .raid10: return 2
        case .raid5: return 3
        case .raid6: return 4
        }
    }
}

/// A storage array: disks in RAID groups behind a pair of controllers.
public struct StorageArrayModel: Sendable {
    public var id: String
    /// Data disks installed (hot spares excluded).
    public var disks: Int
    /// Capacity of one disk in GB (10^9 bytes, as disks are sold).
    public var diskSizeGB: Double
    /// Random I/O operations per second of one disk.
    public var diskIOPS: Double
    public var raid: RAIDLevel
    /// Disks per RAID group.
    public var raidGroupSize: Int
    public var hotSpares: Int
    public var controllers: Int
    public var rackUnits: Int
    public var power: Watts
    public var price: Yen
    /// Where the price comes from (`price_source`: "[doc] …", "[EST] …"); `HardwarePrice.unstated` if not given.
    public var priceSource: String = HardwarePrice.unstated
    public var failures: FailureModel?
    public var location: SourceLocation

    public init(id: String, disks: Int, diskSizeGB: Double, diskIOPS: Double, raid: RAIDLevel,
                raidGroupSize: Int, hotSpares: Int, controllers: Int, rackUnits: Int, power: Watts,
                price: Yen, failures: FailureModel? = nil, location: SourceLocation) {
        self.id = id
        self.disks = disks
        self.diskSizeGB = diskSizeGB
        self.diskIOPS = diskIOPS
        self.raid = raid
        self.raidGroupSize = raidGroupSize
        self.hotSpares = hotSpares
        self.controllers = controllers
        self.rackUnits = rackUnits
        self.power = power
        self.price = price
        self.failures = failures
        self.location = location
    }

    /// Whole RAID groups that fit in `disks`.
    public var raidGroups: Int { disks / raidGroupSize }

    /// Usable capacity in GiB: data disks of whole RAID groups × disk size, GB → GiB.
    public var usableGiB: Double {
        Double(raidGroups * raid.dataDisks(groupSize: raidGroupSize)) * diskSizeGB * 1e9 / 1_073_741_824
    }

    /// Back-end IOPS of all disks in RAID groups.
    public var backendIOPS: Double { Double(raidGroups * raidGroupSize) * diskIOPS }

    /// Front-end IOPS for a workload with `readFraction` reads: back-end / (r + penalty × (1 − r)).
    public func frontendIOPS(readFraction r: Double) -> Double {
        backendIOPS / (r + raid.writePenalty * (1 - r))
    }
}

/// A rack: height and yearly cost of its floor space in the site.
public struct RackModel: Sendable {
    public var id: String
    public var units: Int
    public var price: Yen
    /// Where the price comes from (`price_source`: "[doc] …", "[EST] …"); `HardwarePrice.unstated` if not given.
    public var priceSource: String = HardwarePrice.unstated
    public var location: SourceLocation

    public init(id: String, units: Int, price: Yen, location: SourceLocation) {
        self.id = id
        self.units = units
        self.price = price
        self.location = location
    }
}

/// A dedicated physical server of the kind municipalities ran before consolidation.
public struct BaselineServerModel: Sendable {
    public var id: String
    public var cores: Int
    /// Throughput of one core in reference cores (`CoreScore.reference`); 1 when not given.
    public var coreScore: Double = 1
    /// Where `coreScore` comes from; `CoreScore.unstated` when not given.
    public var coreScoreSource: String = CoreScore.unstated
    public var memoryGiB: Double
    /// Average draw in operation.
    public var power: Watts
    public var price: Yen
    /// Where the price comes from (`price_source`: "[doc] …", "[EST] …"); `HardwarePrice.unstated` if not given.
    public var priceSource: String = HardwarePrice.unstated
    public var location: SourceLocation

    public init(id: String, cores: Int, memoryGiB: Double, power: Watts, price: Yen, location: SourceLocation) {
        self.id = id
        self.cores = cores
        self.memoryGiB = memoryGiB
        self.power = power
        self.price = price
        self.location = location
    }
}

/// A data center or server room.
public struct Site: Sendable {
    public var id: String
    public var name: String
    /// Power usage effectiveness: facility power / IT power (≥ 1).
    public var pue: Double
    public var powerPriceYenPerKWh: Double
    /// Yearly cost of one rack's floor space, cooling excluded (it is in the PUE).
    public var rackSpaceYenPerYear: Yen
    public var location: SourceLocation

    public init(id: String, name: String, pue: Double, powerPriceYenPerKWh: Double,
                rackSpaceYenPerYear: Yen, location: SourceLocation) {
        self.id = id
        self.name = name
        self.pue = pue
        self.powerPriceYenPerKWh = powerPriceYenPerKWh
        self.rackSpaceYenPerYear = rackSpaceYenPerYear
        self.location = location
    }
}

/// Source tags of prices.
public enum HardwarePrice {
    /// The tag of a price whose model gives no `price_source`.
    public static let unstated = "[unstated]"
}
