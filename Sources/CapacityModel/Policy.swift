import Placement

/// How a pool is sized and run: demand, headroom, overcommit, HA and placement.
public struct Policy: Sendable {
    public var id: String
    /// The demand the pool is sized for.
    public var designDemand: DesignDemand
    /// Highest CPU utilisation of a blade's cores at design demand in normal operation.
    public var targetCPUUtilisation: Double
    /// Highest share of a blade's memory allocated in normal operation.
    public var targetMemoryUtilisation: Double
    /// vCPUs allocatable per physical core.
    public var cpuOvercommit: Double
    /// Allocated memory per GiB of blade memory.
    public var memoryOvercommit: Double
    /// Cores kept for the hypervisor on each blade.
    public var hypervisorCores: Double
    /// Memory kept for the hypervisor on each blade, GiB.
    public var hypervisorMemoryGiB: Double
    public var ha: HAPolicy
    /// The failure domain that members of a redundancy group must not share.
    public var spreadRedundancyAcross: FailureDomain
    public var storage: StoragePolicy
    /// The packing method that places VMs onto blades.
    public var placement: PlacementChoice
    /// How hardware is bought over the lease (`plan --timeline`).
    public var procurement: ProcurementPolicy
    /// How measured VMs are sized (`rightsizing`).
    public var rightsizing = RightsizingPolicy()
    public var location: SourceLocation

    public init(id: String, designDemand: DesignDemand = .peak, targetCPUUtilisation: Double = 0.7,
                targetMemoryUtilisation: Double = 0.9, cpuOvercommit: Double = 4, memoryOvercommit: Double = 1,
                hypervisorCores: Double = 1, hypervisorMemoryGiB: Double = 4, ha: HAPolicy = HAPolicy(),
                spreadRedundancyAcross: FailureDomain = .blade, storage: StoragePolicy = StoragePolicy(),
                placement: PlacementChoice = .best, procurement: ProcurementPolicy = ProcurementPolicy(),
                location: SourceLocation) {
        self.id = id
        self.designDemand = designDemand
        self.targetCPUUtilisation = targetCPUUtilisation
        self.targetMemoryUtilisation = targetMemoryUtilisation
        self.cpuOvercommit = cpuOvercommit
        self.memoryOvercommit = memoryOvercommit
        self.hypervisorCores = hypervisorCores
        self.hypervisorMemoryGiB = hypervisorMemoryGiB
        self.ha = ha
        self.spreadRedundancyAcross = spreadRedundancyAcross
        self.storage = storage
        self.placement = placement
        self.procurement = procurement
        self.location = location
    }

    public enum DesignDemand: Sendable, Hashable {
        /// The yearly peak of every VM's profile.
        case peak
        /// This quantile (0-1) of the hourly load over the year.
        case percentile(Double)
    }
}

/// Failure domains, from smallest to largest.
public enum FailureDomain: String, Sendable, CaseIterable, Comparable {
    case blade, chassis

    /// The plural in reports ("different blades", "different chassis").
    public var plural: String {
        switch self {
        case .blade: return "blades"
        case .chassis: return "chassis"
        }
    }

    public static func < (a: FailureDomain, b: FailureDomain) -> Bool {
        a.size < b.size
    }

    /// Larger domains contain smaller ones.
    var size: Int {
        switch self {
        case .blade: return 0
        case .chassis: return 1
        }
    }
}

/// HA admission control, in the three forms vSphere HA offers.
public struct HAPolicy: Sendable {
    public enum Admission: Sendable, Hashable {
        /// Enough spare capacity to restart every VM after any `k` blades fail.
        case hostFailures(Int)
        /// Keep this fraction (0-1) of the pool's CPU and memory unused.
        case percentageReserved(Double)
        /// Keep this many blades empty, for failover only.
        case dedicatedFailoverHosts(Int)
    }

    public var admission: Admission
    /// Also size so that every VM restarts after the loss of any one chassis.
    public var tolerateChassisFailure: Bool
    /// Highest CPU and memory utilisation allowed on surviving blades after a failure.
    public var failoverUtilisation: Double
    /// Seconds from a failure to the start of restarts (vSphere: 15-35 s).
    public var detectionSeconds: Double

    public init(admission: Admission = .hostFailures(1), tolerateChassisFailure: Bool = false,
                failoverUtilisation: Double = 0.95, detectionSeconds: Double = 35) {
        self.admission = admission
        self.tolerateChassisFailure = tolerateChassisFailure
        self.failoverUtilisation = failoverUtilisation
        self.detectionSeconds = detectionSeconds
    }

    /// Blade failures the pool must survive (0 for `.percentageReserved`, which is checked as a share).
    public var hostFailuresTolerated: Int {
        switch admission {
        case .hostFailures(let k), .dedicatedFailoverHosts(let k): return k
        case .percentageReserved: return 0
        }
    }
}

/// How storage arrays are sized.
public struct StoragePolicy: Sendable {
    /// Share of I/O that is reads (the rest pays the RAID write penalty).
    public var readFraction: Double
    /// Highest share of usable capacity to fill.
    public var capacityUtilisation: Double
    /// Highest share of front-end IOPS to use at design demand.
    public var iopsUtilisation: Double
    /// Extra space for snapshots, as a fraction of VM disk.
    public var snapshotReserve: Double
    /// At least this many arrays per pool (2 lets replicas sit on different arrays).
    public var minimumArrays: Int
    /// Whether the HA verdict requires that the loss of any one array leaves every system serving
    /// (its replicas on other arrays). The check is always reported; required only when asked.
    public var surviveArrayLoss: Bool

    public init(readFraction: Double = 0.7, capacityUtilisation: Double = 0.8, iopsUtilisation: Double = 0.8,
                snapshotReserve: Double = 0.2, minimumArrays: Int = 1, surviveArrayLoss: Bool = false) {
        self.surviveArrayLoss = surviveArrayLoss
        self.readFraction = readFraction
        self.capacityUtilisation = capacityUtilisation
        self.iopsUtilisation = iopsUtilisation
        self.snapshotReserve = snapshotReserve
        self.minimumArrays = minimumArrays
    }
}

/// One shared pool of blades and arrays in one site, with the tenants it serves.
/// Every reference is resolved when the scenario is read: downstream code never looks an id up.
public struct Pool: Sendable {
    public var name: String
    public var site: Site
    /// Tenant codes, in scenario order.
    public var tenantCodes: [String]
    /// The same tenants as indices into `Scenario.tenants`.
    public var tenantIndices: [Int]
    public var blade: BladeModel
    public var chassis: ChassisModel
    public var storage: StorageArrayModel
    public var rack: RackModel
    public var policy: Policy
    public var location: SourceLocation
    /// A blade count fixed by the scenario (a purchase to evaluate) instead of the sized one,
    /// and where it was given.
    public var fixedBlades: (count: Int, location: SourceLocation)?
    /// With `blade: cheapest`: the models to choose from (`plan` sizes the pool on each and keeps
    /// the one whose yearly cost, licences included, is least; `blade` is then the candidate
    /// with the most memory, for the checks made before sizing). Empty: `blade` as given.
    public var bladeCandidates: [BladeModel] = []

    public init(name: String, site: Site, tenantCodes: [String], tenantIndices: [Int], blade: BladeModel,
                chassis: ChassisModel, storage: StorageArrayModel, rack: RackModel, policy: Policy,
                location: SourceLocation, fixedBlades: (count: Int, location: SourceLocation)? = nil) {
        self.name = name
        self.site = site
        self.tenantCodes = tenantCodes
        self.tenantIndices = tenantIndices
        self.blade = blade
        self.chassis = chassis
        self.storage = storage
        self.rack = rack
        self.policy = policy
        self.location = location
        self.fixedBlades = fixedBlades
    }
}

/// What "before" means: each VM instance of the catalog ran on its own dedicated server.
public struct Baseline: Sendable {
    /// The dedicated server model (hardware.baseline_servers).
    public var server: BaselineServerModel
    /// The site whose PUE and power price apply (a town hall server room).
    public var site: Site
    /// Dedicated servers per VM of the catalog (1: one box per tier instance and replica).
    public var serversPerVM: Double
    /// At least this many servers per system per tenant (a development or spare box counts).
    public var minimumServersPerSystem: Int
    /// Racks' worth of space a tenant paid for is not modelled; power and hardware are.
    public var location: SourceLocation

    public init(server: BaselineServerModel, site: Site, serversPerVM: Double = 1, minimumServersPerSystem: Int = 1,
                location: SourceLocation) {
        self.server = server
        self.site = site
        self.serversPerVM = serversPerVM
        self.minimumServersPerSystem = minimumServersPerSystem
        self.location = location
    }
}

/// Leases, maintenance and how the bill is split.
public struct EconomicsSettings: Sendable {
    /// Years over which hardware is leased or written off (the statutory life of servers is 5).
    public var leaseYears: Double
    /// Yearly hardware maintenance as a share of the purchase price.
    public var maintenanceFractionPerYear: Double
    /// Weights of the cost-sharing formula: equal split (均等割), by population (人口割) and by
    /// resource use; they sum to 1.
    public var sharing: CostSharing
    /// The rule each tenant's `cost_share_yen` follows (`economics.share_rule`; default the
    /// `cost_sharing` formula). Shapley falls back to the formula where no cost game is planned.
    public var shareRule: ShareRule = .agreed
    /// Yearly operations cost of a pool (staff, monitoring), split like the rest.
    public var poolOperationsYenPerYear: Yen
    /// Yearly operations cost per dedicated server before consolidation.
    public var baselineOperationsYenPerServer: Yen
    /// Lines beyond the hardware (software, packages, migration, staff, WAN…), in the scenario's order.
    public var costLines: [CostLine] = []
    /// Financing of the hardware, NPV discount rate, Shapley limits.
    public var finance = FinanceSettings()
    /// The source's own total row of the reporting tenants (`economics.reported_total`: its
    /// before and after in ¥M a year and its source), which `reported` compares instead of the
    /// sum of the rounded rows; nil: the rows are summed.
    public var reportedTotal: (before: Yen, after: Yen, source: String)?
    /// What an hour of a system being down costs when its catalog entry does not say, yen
    /// (`economics.downtime_yen_per_hour`; `defaultDowntimeYenPerHour` when absent).
    public var downtimeYenPerHour: Double = EconomicsSettings.defaultDowntimeYenPerHour
    /// The default: [EST] ten clerks of the system's counters idle at ¥5,000 an hour (salary and
    /// overheads of a municipal employee, about ¥9M a year over 1,800 hours), doubled for the
    /// overtime that catches up the backlog. Residents' time and penalties are not counted.
    public static let defaultDowntimeYenPerHour = 100_000.0
    /// Samples of the uncertain inputs `plan` draws without `--uncertainty`
    /// (`economics.uncertainty_samples`); nil: none.
    public var uncertaintySamples: Int?
    public var location: SourceLocation

    public init(leaseYears: Double = 5, maintenanceFractionPerYear: Double = 0.1,
                sharing: CostSharing = CostSharing(), poolOperationsYenPerYear: Yen = .zero,
                baselineOperationsYenPerServer: Yen = .zero, location: SourceLocation) {
        self.leaseYears = leaseYears
        self.maintenanceFractionPerYear = maintenanceFractionPerYear
        self.sharing = sharing
        self.poolOperationsYenPerYear = poolOperationsYenPerYear
        self.baselineOperationsYenPerServer = baselineOperationsYenPerServer
        self.location = location
    }
}

/// Weights of the three usual ways of splitting a shared bill.
public struct CostSharing: Sendable, Hashable {
    public var equal: Double
    public var population: Double
    public var usage: Double

    public init(equal: Double = 0, population: Double = 1, usage: Double = 0) {
        self.equal = equal
        self.population = population
        self.usage = usage
    }
}
