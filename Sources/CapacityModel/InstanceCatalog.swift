/// A public cloud's price list for one region (issue 33), read from `cloud_catalogs:` of a
/// library file. Prices in the catalog's currency (USD for the large clouds); every price may
/// be written with a range (`{value, low, high, source}`) and is then an uncertain input.
public struct InstanceCatalog: Sendable, Identified {
    public var id: String
    public var provider: String
    public var region: String
    /// Where the prices come from and when they were read (`source`, `date`).
    public var source: String
    public var date: String
    public var currency: Currency
    /// The availability a single instance is promised (percent), and the promise's source.
    public var availabilityPercent: Double
    public var availabilitySource: String
    public var instanceTypes: [InstanceType]
    /// Block storage: price per GiB-month, IOPS a volume has included, price per IOPS-month above.
    public var blockStorageGiBMonth: Double
    public var includedIOPSPerVolume: Double
    public var iopsMonth: Double
    /// Backup (snapshot) storage per GiB-month.
    public var backupGiBMonth: Double
    /// Data transfer out to the internet per GiB.
    public var transferOutGiB: Double
    /// The surcharge of a licence-included image (Windows Server) per vCPU-hour; 0 if none.
    public var licenceIncludedVCPUHour: Double
    /// Whole hosts rented for one customer (`dedicated_hosts`): licences count their physical
    /// cores, and the pool's own packer and HA policy size how many.
    public var dedicatedHosts: [DedicatedHostType] = []
    public var location: SourceLocation

    public init(id: String, provider: String, region: String, source: String, date: String, currency: Currency,
                availabilityPercent: Double, availabilitySource: String, instanceTypes: [InstanceType],
                blockStorageGiBMonth: Double, includedIOPSPerVolume: Double, iopsMonth: Double, backupGiBMonth: Double,
                transferOutGiB: Double, licenceIncludedVCPUHour: Double, location: SourceLocation) {
        self.id = id
        self.provider = provider
        self.region = region
        self.source = source
        self.date = date
        self.currency = currency
        self.availabilityPercent = availabilityPercent
        self.availabilitySource = availabilitySource
        self.instanceTypes = instanceTypes
        self.blockStorageGiBMonth = blockStorageGiBMonth
        self.includedIOPSPerVolume = includedIOPSPerVolume
        self.iopsMonth = iopsMonth
        self.backupGiBMonth = backupGiBMonth
        self.transferOutGiB = transferOutGiB
        self.licenceIncludedVCPUHour = licenceIncludedVCPUHour
        self.location = location
    }
}

/// The currency a price is written in.
public enum Currency: String, CaseIterable, Sendable, Hashable {
    case jpy = "JPY"
    case usd = "USD"
}

/// How long a cloud price is committed to: on demand, or a 1- or 3-year commitment (savings
/// plan or reserved instance, no upfront payment).
public enum CloudCommitment: String, CaseIterable, Sendable, Hashable {
    case onDemand = "on_demand"
    case oneYear = "one_year"
    case threeYear = "three_year"
}

/// One instance type: its size, its per-vCPU speed and its hourly prices.
public struct InstanceType: Sendable, Hashable {
    public var id: String
    public var vcpu: Int
    public var memoryGiB: Double
    /// Speed of one vCPU in reference cores (`CoreScore`: a 2010 X5670 core = 1); a VM's vCPUs
    /// fit when vcpu × core_score ≥ the VM's vCPUs.
    public var coreScore: Double
    public var prices: HourlyPrices

    public init(id: String, vcpu: Int, memoryGiB: Double, coreScore: Double, prices: HourlyPrices) {
        self.id = id
        self.vcpu = vcpu
        self.memoryGiB = memoryGiB
        self.coreScore = coreScore
        self.prices = prices
    }

    public func hourly(_ commitment: CloudCommitment) -> Double? { prices.hourly(commitment) }
}

/// Price per hour on demand, with a 1-year and a 3-year commitment (nil: not offered), in the
/// catalog's currency.
public struct HourlyPrices: Sendable, Hashable {
    public var onDemand: Double
    public var oneYear: Double?
    public var threeYear: Double?

    public init(onDemand: Double, oneYear: Double? = nil, threeYear: Double? = nil) {
        self.onDemand = onDemand
        self.oneYear = oneYear
        self.threeYear = threeYear
    }

    /// The hourly price under `commitment`; nil when not offered so.
    public func hourly(_ commitment: CloudCommitment) -> Double? {
        switch commitment {
        case .onDemand: onDemand
        case .oneYear: oneYear
        case .threeYear: threeYear
        }
    }
}

/// A dedicated host type: a whole server of `sockets` × `coresPerSocket` physical cores, priced
/// by the hour.
public struct DedicatedHostType: Sendable, Hashable {
    public var id: String
    public var sockets: Int
    public var coresPerSocket: Int
    public var memoryGiB: Double
    /// Reference cores a physical core (`CoreScore`).
    public var coreScore: Double
    public var prices: HourlyPrices

    public init(id: String, sockets: Int, coresPerSocket: Int, memoryGiB: Double, coreScore: Double, prices: HourlyPrices) {
        self.id = id
        self.sockets = sockets
        self.coresPerSocket = coresPerSocket
        self.memoryGiB = memoryGiB
        self.coreScore = coreScore
        self.prices = prices
    }

    public func hourly(_ commitment: CloudCommitment) -> Double? { prices.hourly(commitment) }

    /// The host as a blade model for the pool's packer: no price, power or failures of its own
    /// (the provider's), its cores and memory.
    public func asBlade(location: SourceLocation) -> BladeModel {
        var b = BladeModel(id: id, sockets: sockets, coresPerSocket: coresPerSocket, ghz: 0, memoryGiB: memoryGiB,
                           powerIdle: Watts(0), powerPeak: Watts(0), price: .zero, failures: nil, location: location)
        b.coreScore = coreScore
        b.coreScoreSource = "[EST] the cloud catalog's dedicated host"
        b.priceSource = "[derived] priced by the hour in the iaas form"
        return b
    }
}
