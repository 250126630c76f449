import CapacityModel
import Economics

/// The plan of a whole scenario: every pool, what it replaces, what it costs and who pays what.
public struct PlanResult: Sendable {
    public var scenarioName: String
    public var scenarioFile: String
    public var pools: [PoolPlan]
    public var tenants: [TenantPlan]
    public var before: BeforeSummary
    public var after: AfterSummary
    /// The demand calendar the pools were sized with (built once; the simulator replays it).
    public var calendar: DemandCalendar
    /// Each pool's cost game: Shapley value and core verdicts (pool order).
    public var economics: [PoolEconomics] = []
    /// Backup volumes, links, tape, RPO and RTO (`continuity:`); nil when the scenario has none.
    public var continuity: ContinuityPlan?
    /// Each measured VM's allocation against its use and the size recommended, pool by pool
    /// (empty without measured usage).
    public var rightsizing: [RightsizingRow] = []
    /// Each pool's runway, for pools whose measured tenants have 12 months of history.
    public var runway: [PoolRunway] = []
    /// Every pool priced in every procurement form (`procurement_forms:`); nil without.
    public var procurement: ProcurementComparison?
    /// Money over this lease and the next, before and after.
    public var cashFlow: CashFlow?
    /// The scenario's economics: financing, share rule, and the cost lines.
    public var economicsSettings: EconomicsSettings?
    /// The scenario's cost lines (names and sources of `lineAmounts` and `beforeLines`).
    public var costLines: [CostLine] { economicsSettings?.costLines ?? [] }

    /// (before servers − after blades) / before servers, in percent.
    public var serverReductionPercent: Double {
        before.physicalServers == 0 ? 0 : 100 * Double(before.physicalServers - after.blades) / Double(before.physicalServers)
    }
    /// Whether every pool passes every HA check its policy requires.
    public var haOK: Bool { pools.allSatisfy(\.ha.ok) }
}

/// What the tenants ran before: dedicated servers.
public struct BeforeSummary: Sendable {
    public var physicalServers: Int
    public var cores: Int
    /// The dedicated servers' cores in reference cores (× their core score).
    public var referenceCores: Double
    /// Design CPU demand / cores of the dedicated servers (each server sized for one VM's peak).
    public var cpuUtilisation: Double
    /// IT power draw (before PUE).
    public var itPower: Watts
    public var yearlyCost: YearlyCost
}

/// What the pools are made of, summed over pools.
public struct AfterSummary: Sendable {
    public var blades: Int
    public var chassis: Int
    public var racks: Int
    public var storageArrays: Int
    public var cores: Int
    /// The blades' cores in reference cores (× each pool's blade's core score).
    public var referenceCores: Double
    /// Coincident design CPU demand / usable reference cores of all blades.
    public var cpuUtilisation: Double
    /// Allocated memory / blade memory.
    public var memoryUtilisation: Double
    /// IT power at design demand (before PUE).
    public var designITPower: Watts
    /// Average IT power over the year (before PUE).
    public var averageITPower: Watts
    /// Facility power at design demand (× PUE).
    public var designFacilityPower: Watts
    public var purchase: Yen
    public var yearlyCost: YearlyCost
    public var virtualMachines: Int
}

/// One tenant's side of the plan.
public struct TenantPlan: Sendable {
    /// Index into `Scenario.tenants`.
    public var tenant: Int
    public var code: String
    public var name: String
    public var prefecture: String
    public var population: Int
    /// The population its VMs were sized for: the largest over the lease (`Tenant.sizingPopulation`).
    public var sizingPopulation: Int
    public var pool: String
    public var virtualMachines: Int
    /// Dedicated servers before consolidation.
    public var physicalServersBefore: Int
    /// Yearly cost of running its own dedicated servers (hardware, maintenance, energy, operations).
    public var standaloneCost: YearlyCost
    /// Its share of its pool's yearly cost.
    public var costShare: Yen
    /// Fraction of the pool's cost it pays.
    public var shareFraction: Double
    /// Its reported yearly IT cost before consolidation, if the scenario gives one.
    public var reportedCostBefore: Yen?
    /// Its reported yearly cost after consolidation, and the source's name for it, if given.
    public var reportedCostAfter: Yen?
    public var reportedLabel: String?
    /// Its before amount of each of the scenario's cost lines (in `economics.cost_lines` order).
    public var beforeLines: [Yen] = []
    /// Its share of the pool's yearly cost under each rule (`ShareRule.allCases` order; Shapley
    /// absent when the pool is too large for it).
    public var shares: [(rule: ShareRule, yen: Yen)] = []

    /// Saving against the standalone cost, percent (positive = cheaper in the pool).
    public var savingPercent: Double {
        let s = standaloneCost.total.value
        return s == 0 ? 0 : 100 * (s - costShare.value) / s
    }
}

/// The plan of one pool.
public struct PoolPlan: Sendable {
    /// The pool as the scenario gives it (site, hardware and policy resolved).
    public var pool: Pool
    public var name: String { pool.name }
    public var tenantCodes: [String] { pool.tenantCodes }
    public var virtualMachines: [VirtualMachine]
    /// What one blade offers after a failure (the policy's failover utilisation): the HA
    /// admission limits of restarts.
    public var failoverCapacity: BladeCapacity
    /// Blade of each VM (indices into `virtualMachines`).
    public var bladeOf: [Int32]
    /// Storage array of each VM.
    public var arrayOf: [Int32]
    public var blades: Int
    /// Whether `blades` was fixed by the scenario (`pools[].blades`) rather than sized.
    public var bladesFixed: Bool
    /// Blades that would hold the VMs with no HA reserve (best packing found).
    public var bladesWithoutReserve: Int
    /// Blades when its measured tenants' VMs are sized on what they are allocated instead of
    /// on use (nil: no measured tenant, or that sizing cannot meet the policy).
    public var bladesAllocatedBasis: Int? = nil
    /// Dedicated hosts of the `iaas` form (`dedicated_host`) its VMs need; nil otherwise.
    public var cloudHosts: Int? = nil
    /// With `blade: cheapest`: every candidate model sized, with its blades and yearly cost.
    public var bladeAlternatives: [BladeAlternative] = []
    /// Proven lower bound on blades without reserve.
    public var bladeLowerBound: Int
    public var chassis: Int
    public var storageArrays: Int
    public var racks: Int
    /// Cores left for VMs on all its blades (physical).
    public var usableCores: Double
    /// The same in reference cores (× the blade's core score).
    public var usableReferenceCores: Double
    /// Coincident design CPU demand (reference cores) at the pool's busiest hour.
    public var designCPUCores: Double
    public var allocatedVCPU: Double
    public var allocatedMemoryGiB: Double
    public var bladeMemoryGiB: Double
    public var cpuUtilisation: Double { usableReferenceCores == 0 ? 0 : designCPUCores / usableReferenceCores }
    public var memoryUtilisation: Double { bladeMemoryGiB == 0 ? 0 : allocatedMemoryGiB / bladeMemoryGiB }
    /// Highest design CPU demand of any single blade over the year, as a share of its usable (reference) cores.
    public var busiestBladeCPU: Double
    public var storage: StorageSizing
    public var designITPower: Watts
    public var averageITPower: Watts
    public var facilityPUE: Double
    public var ha: HAReport
    public var purchase: Yen
    public var yearlyCost: YearlyCost
    /// Representative hours used as CPU dimensions (hour of the reference year).
    public var demandHours: [Int]
    /// Placement method that produced the no-reserve packing.
    public var placementMethod: String
    /// How VMs are laid out on the blades.
    public var layout: BladeLayout
    /// What was bought: counts and unit prices of blades, chassis, arrays, racks.
    public var bill: PoolBillOfMaterials
    /// Yearly amount of each of the scenario's cost lines for this pool's members (in
    /// `economics.cost_lines` order; one-offs spread over their years of use).
    public var lineAmounts: [Yen]
    /// One-off amount of each cost line (paid at the start; `lineAmounts` holds it spread).
    public var lineOneOffs: [Yen]
}

/// The HA verdict of one pool.
public struct HAReport: Sendable {
    /// The admission rule, in words.
    public var admission: String
    public var bladeFailures: FailureCheck
    public var chassisFailure: FailureCheck
    /// For percentage admission: reserved share of CPU and memory actually left free.
    public var reservedFraction: Double?
    public var requiredReservedFraction: Double?
    /// The loss of each storage array (reported apart; required with `survive_array_loss`).
    public var arrayLoss: ArrayLossCheck
    public var ok: Bool { unmetRequirements.isEmpty }

    /// Each requirement of the policy that the layout fails, in words (empty when `ok`).
    public var unmetRequirements: [String] {
        var reasons: [String] = []
        for c in [bladeFailures, chassisFailure] where c.required && !c.ok { reasons.append(c.summary) }
        if arrayLoss.required && !arrayLoss.ok { reasons.append(arrayLoss.summary) }
        if let required = requiredReservedFraction, (reservedFraction ?? 0) + 1e-9 < required {
            let kept = ((reservedFraction ?? 0) * 1_000).rounded() / 10
            reasons.append("\(Int((required * 100).rounded()))% must stay free, \(kept)% does")
        }
        return reasons
    }
}

/// Storage arrays of a pool.
public struct StorageSizing: Sendable {
    /// VM disk plus snapshot reserve, GiB.
    public var requiredGiB: Double
    /// Usable capacity of all arrays, GiB.
    public var usableGiB: Double
    /// Coincident design IOPS at the busiest hour.
    public var designIOPS: Double
    /// Front-end IOPS of all arrays at the policy's read fraction.
    public var frontendIOPS: Double
    /// Which limit set the count.
    public var limitedBy: StorageLimit
}

/// How a pool's VMs are laid out on its blades; the raw values are the names in reports.
public enum BladeLayout: String, Sendable, CaseIterable {
    /// Spread evenly over all blades, as a cluster balancer keeps them.
    case balanced
    /// Packed on blades − k, the reserve kept as k whole free blades.
    case spare
    /// For a fixed blade count that allows neither: the no-reserve packing, the other blades empty.
    case packed
}

/// What set a pool's storage array count; the raw values are the names in reports.
public enum StorageLimit: String, Sendable, CaseIterable {
    /// Usable capacity (VM disk plus snapshot reserve).
    case capacity
    /// Front-end IOPS at the busiest representative hour.
    case iops
    /// The policy's `minimum_arrays`.
    case minimum
}

/// One candidate blade model of a `blade: cheapest` pool, sized.
public struct BladeAlternative: Sendable, Hashable {
    public var model: String
    public var blades: Int
    /// Yearly cost of the pool on that model, licences and every other line included.
    public var yearlyCost: Yen
    /// Its cost lines of category licence, a year (what the model's cores cost in licences).
    public var licence: Yen = .zero
}
