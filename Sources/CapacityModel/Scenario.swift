/// A whole scenario: who runs what, on which hardware, where, under which policies.
/// Built by `ScenarioLoader`, which guarantees every reference in it resolves.
public struct Scenario: Sendable {
    /// Format version (`cloudplan: 1`).
    public var formatVersion: Int
    public var name: String
    public var description: String
    /// The scenario file as named on the command line.
    public var file: String
    /// The files it includes, directly or not, in the order they were read (each once).
    public var includedFiles: [String] = []
    /// Calendar year whose weekdays and holidays the demand calendar uses.
    public var referenceYear: Int
    public var tenants: [Tenant]
    public var catalog: Catalog
    public var hardware: HardwareCatalog
    public var sites: [Site]
    public var policies: [Policy]
    public var pools: [Pool]
    public var baseline: Baseline
    public var economics: EconomicsSettings
    public var simulation: SimulationSettings
    /// How late joiners move their data in before going live (`plan --timeline`).
    public var onboarding: OnboardingSettings
    /// WAN links, backup and disaster recovery (`continuity:`); nil when the scenario has none.
    public var continuity: ContinuitySettings?
    /// The procurement forms to price for every pool (`procurement_forms:`); nil when none.
    public var procurementForms: ProcurementFormSettings?
    /// The main file's inputs written with a range or a source (`{value, low, high, source}`),
    /// in file order; the scenario holds their values.
    public var assumptions: [Assumption] = []

    public init(formatVersion: Int = 1, name: String, description: String = "", file: String,
                referenceYear: Int = 2011, tenants: [Tenant], catalog: Catalog, hardware: HardwareCatalog,
                sites: [Site], policies: [Policy], pools: [Pool], baseline: Baseline,
                economics: EconomicsSettings, simulation: SimulationSettings = SimulationSettings(),
                onboarding: OnboardingSettings = OnboardingSettings(), continuity: ContinuitySettings? = nil) {
        self.onboarding = onboarding
        self.continuity = continuity
        self.formatVersion = formatVersion
        self.name = name
        self.description = description
        self.file = file
        self.referenceYear = referenceYear
        self.tenants = tenants
        self.catalog = catalog
        self.hardware = hardware
        self.sites = sites
        self.policies = policies
        self.pools = pools
        self.baseline = baseline
        self.economics = economics
        self.simulation = simulation
    }

}

/// Settings of `cloudplan simulate` that a scenario can fix (the command line overrides them).
public struct SimulationSettings: Sendable {
    /// Simulated years (default: the lease period).
    public var horizonYears: Double?
    public var seed: UInt64
    public var replications: Int
    /// Whether failures of each component kind are simulated.
    public var bladeFailures: Bool
    public var chassisFailures: Bool
    public var storageFailures: Bool
    /// Whole-site failure, if the scenario asks for one.
    public var siteFailures: FailureModel?
    /// Coefficient of variation of the hourly demand noise (lognormal, mean 1).
    public var demandNoiseCV: Double
    /// Seconds between demand samples.
    public var demandStepMinutes: Double
    /// How each sample draws the blades' demand noise.
    public var demandSampling: DemandSamplingMethod
    /// Whether VMs move back to their original blade after it is repaired.
    public var failback: Bool
    /// Concurrent VM restarts per surviving blade (vSphere: 32).
    public var restartsPerBlade: Int
    /// Replay traces instead of the synthetic profiles, mapped onto systems.
    public var traces: [TraceMapping]
    /// Replay each measured VM's own CPU history as its demand (`replay_usage`).
    public var replayUsage = false
    /// Delay of each order past its planned month, hours (`simulate --timeline`); nil for none.
    public var deliveryDelay: DistributionSpec?
    /// Blades put in standby off-peak and woken on demand (`power_management:`); off by default.
    public var powerManagement: PowerManagementSettings

    public init(horizonYears: Double? = nil, seed: UInt64 = 1, replications: Int = 10, bladeFailures: Bool = true,
                chassisFailures: Bool = true, storageFailures: Bool = true, siteFailures: FailureModel? = nil,
                demandNoiseCV: Double = 0.1, demandStepMinutes: Double = 60, failback: Bool = false,
                restartsPerBlade: Int = 32, traces: [TraceMapping] = [], deliveryDelay: DistributionSpec? = nil,
                powerManagement: PowerManagementSettings = PowerManagementSettings(),
                demandSampling: DemandSamplingMethod = .aggregate) {
        self.demandSampling = demandSampling
        self.deliveryDelay = deliveryDelay
        self.powerManagement = powerManagement
        self.horizonYears = horizonYears
        self.seed = seed
        self.replications = replications
        self.bladeFailures = bladeFailures
        self.chassisFailures = chassisFailures
        self.storageFailures = storageFailures
        self.siteFailures = siteFailures
        self.demandNoiseCV = demandNoiseCV
        self.demandStepMinutes = demandStepMinutes
        self.failback = failback
        self.restartsPerBlade = restartsPerBlade
        self.traces = traces
    }
}

/// How a demand sample treats the blades' noise (`simulation.demand_sampling`).
public enum DemandSamplingMethod: String, Sendable, CaseIterable {
    /// Every blade draws its own noise at every sample: O(blades × profiles) per sample.
    case perBlade = "per_blade"
    /// Only the blades that could be overloaded at the sample (their demand bound times the
    /// largest noise factor above their capacity) draw their own noise; the pool's sums over the
    /// others take their exact mean and variance from per-profile moments and one normal draw.
    /// O(profiles² + blades at risk) per sample; the same overloads in distribution.
    case aggregate
}

/// A trace file replayed as the CPU demand of one catalog system's VMs.
public struct TraceMapping: Sendable {
    public enum Format: String, Sendable, CaseIterable { case planetlab, bitbrains }
    /// Index into `Catalog.systems`.
    public var system: Int
    public var file: String
    public var format: Format
    public var location: SourceLocation

    public init(system: Int, file: String, format: Format, location: SourceLocation) {
        self.system = system
        self.file = file
        self.format = format
        self.location = location
    }
}
