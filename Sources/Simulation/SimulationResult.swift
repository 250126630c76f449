import Foundation
import CapacityModel
import SimKernel
import Stochastics

/// A statistic across replications: mean and its 95% Student-t interval, clipped to the range
/// the quantity can take (an availability stays in [0, 1], a downtime or a count at ≥ 0), so
/// that 99.65% ±4.46% reads as 95.19-100%, never as a bound past 100%.
public struct Estimate: Sendable, Equatable {
    public var mean: Double
    /// Half-width of the unclipped interval; NaN with fewer than two replications.
    public var halfWidth: Double
    /// The interval, mean ∓ halfWidth clipped to the quantity's range (NaN without an interval).
    public var low: Double
    public var high: Double
    /// Replications that had a value (restart latencies exist only where something restarted).
    public var count: Int

    /// - Parameter range: the values the quantity can take: non-negative unless said otherwise.
    public init(_ values: some Sequence<Double>, range: ClosedRange<Double> = 0...Double.infinity) {
        var acc = RunningStatistics()
        for v in values where !v.isNaN { acc.add(v) }
        let ci = acc.confidenceInterval(level: 0.95)
        mean = acc.count == 0 ? .nan : ci.mean
        halfWidth = ci.halfWidth
        low = halfWidth.isNaN ? .nan : Swift.max(range.lowerBound, mean - halfWidth)
        high = halfWidth.isNaN ? .nan : Swift.min(range.upperBound, mean + halfWidth)
        count = acc.count
    }

    /// Whether the range cut the interval (it is then not mean ± halfWidth).
    public var isClipped: Bool { !halfWidth.isNaN && (low > mean - halfWidth || high < mean + halfWidth) }
}

/// An event rate pooled over all replications, with its exact Poisson interval at 95%
/// (`ExactInterval.poissonRate`): trustworthy with few or no events, where a mean ± t·s is not.
public struct RateEstimate: Sendable, Equatable {
    public var events: Int
    /// Replication-years of exposure.
    public var exposureYears: Double

    init(events: Int, exposureYears: Double) {
        self.events = events
        self.exposureYears = exposureYears
    }

    /// Events per year and the interval (for no event: 0 to the one-sided 95% upper bound),
    /// computed when asked (the quantiles cost more than the rest of a tenant-system's figures).
    public var interval: (rate: Double, low: Double, high: Double) {
        exposureYears > 0 ? ExactInterval.poissonRate(events: events, exposure: exposureYears) : (.nan, .nan, .nan)
    }
    public var rate: Double { exposureYears > 0 ? Double(events) / exposureYears : .nan }
    public var low: Double { interval.low }
    public var high: Double { interval.high }
}

/// The merged results of all replications.
public struct SimulationResult: Sendable {
    public struct TenantSystem: Sendable {
        public var tenantCode: String
        public var tenantName: String
        public var system: String
        /// Years after the start when the tenant joins the pool (0 for founding members).
        public var joinsAfterYears: Double
        /// Hours of the horizon after the tenant joined (the whole horizon for founding members).
        public var inServiceHours: Double
        /// Fraction of the in-service time during which the system served (NaN if it never joined).
        public var availability: Estimate
        public var downtimeMinutes: Estimate
        public var outages: Estimate
        public var restartLatencyP50Minutes: Estimate
        public var restartLatencyP95Minutes: Estimate
        public var restartLatencyMaxMinutes: Estimate
        public var strandedVMHours: Estimate
        /// The part of `strandedVMHours` spent waiting while a bought blade was overdue.
        public var deliveryStrandedVMHours: Estimate = Estimate([])
        /// The part of `strandedVMHours` spent waiting while blades were in standby.
        public var standbyStrandedVMHours: Estimate = Estimate([])
        public var contentionMinutes: Estimate
        public var unservedCoreHours: Estimate
        /// Mean restart latency by phase, minutes, indexed by `RestartPhase.rawValue` (the phases
        /// add up to the mean latency).
        public var restartLatencyPartsMinutes: [Estimate] = []
        /// Downtime minutes by what started each outage, indexed by `DowntimeCause.rawValue`.
        public var downtimeMinutesByCause: [Estimate] = []
        /// Outages per in-service year, pooled over the replications, exact interval.
        public var outagesPerYear: RateEstimate = RateEstimate(events: 0, exposureYears: 0)

        /// Nines of the mean availability, −log10(1 − A) (∞ without downtime; NaN if it never joined).
        public var availabilityNines: Double {
            availability.mean.isNaN ? .nan : -Foundation.log10(Swift.max(0, 1 - availability.mean))
        }
        /// Mean downtime per in-service year, minutes (365-day years).
        public var downtimeMinutesPerYear: Double {
            inServiceHours > 0 ? downtimeMinutes.mean / (inServiceHours / 8_760) : .nan
        }
    }

    public struct PoolSeries: Sendable {
        public var pool: String
        public var blades: Int
        /// Per day: mean across replications of the day's median, 95th percentile and maximum
        /// utilisation (demand / capacity of available blades), with 95% half-widths.
        public var utilisationP50: [Estimate]
        public var utilisationP95: [Estimate]
        public var utilisationMax: [Estimate]
        /// Per day: most blades unavailable at once.
        public var bladesDownMax: [Estimate]
        /// Fraction of the blades' time in the pool (delivered) that they were not down (failed,
        /// chassis or site down); standby is not downtime.
        public var bladeAvailability: Estimate
        /// Blade-hours per replication by what they were (`BladeTime`, indexed by its raw value);
        /// they add up to blades × horizon.
        public var bladeHours: [Estimate]
        /// Energy the blades drew over the horizon, MWh (chassis, storage and cooling not included).
        public var energyMWh: Estimate
        /// Blade-hours in standby, and the energy they saved against the same blades idle, MWh
        /// (idle − standby draw: exact for one blade model when no blade runs above full load).
        public var standbyBladeHours: Estimate
        public var energySavedMWh: Estimate
        /// Power management's actions per replication: blades put in standby, woken, VMs moved.
        public var powerOffs: Estimate
        public var powerOns: Estimate
        public var liveMigrations: Estimate
        /// VMs whose restart (or start) waited for a blade while blades were in standby.
        public var restartsDelayedByStandby: Estimate
    }

    public var horizonSeconds: Double
    public var seed: UInt64
    public var replications: Int
    public var tenantSystems: [TenantSystem]
    public var pools: [PoolSeries]
    public var bladeFailures: Estimate
    public var chassisFailures: Estimate
    public var arrayFailures: Estimate
    public var siteFailures: Estimate
    /// Whether power management was on (the report then shows what it did).
    public var powerManagement: Bool
    /// Whole-scenario figures, one value per replication in replication order: what `compare`
    /// pairs across variants (`ReplicationFigure`).
    public var perReplication: [(figure: ReplicationFigure, values: [Double])]
    /// Backup and disaster recovery (nil without `continuity:`).
    public var continuity: ContinuityResult?
    /// What `simulate --precision` reached (nil for a fixed number of replications).
    public var precision: PrecisionOutcome?
    /// Events handled, summed over replications.
    public var events: UInt64
    /// Seconds spent in the event loops, summed over replications (CPU time of the loop, not wall time).
    public var eventLoopSeconds: Double

    /// The estimate of `value` across the replications, without building an array of the values.
    static func estimate(_ outcomes: [ReplicationOutcome], range: ClosedRange<Double> = 0...Double.infinity,
                         _ value: (ReplicationOutcome) -> Double) -> Estimate {
        Estimate(outcomes.lazy.map(value), range: range)
    }

    /// One estimate per index 0..<count of `value(outcome, index)`, in one array allocation.
    static func perIndex(_ count: Int, _ outcomes: [ReplicationOutcome], _ value: (ReplicationOutcome, Int) -> Double) -> [Estimate] {
        [Estimate](unsafeUninitializedCapacity: count) { buffer, initialised in
            for k in 0..<count { (buffer.baseAddress! + k).initialize(to: estimate(outcomes) { value($0, k) }) }
            initialised = count
        }
    }

    init(model: SimulationModel, horizon: Double, seed: UInt64, outcomes: [ReplicationOutcome]) {
        horizonSeconds = horizon
        self.seed = seed
        replications = outcomes.count
        let scenario = model.scenario
        let phases = RestartPhase.allCases.count, causes = DowntimeCause.allCases.count
        tenantSystems = model.tenantSystems.enumerated().map { i, pair in
            let tenant = scenario.tenants[pair.tenant]
            let inService = Swift.max(horizon - model.tsJoinSeconds[i], 0)
            return TenantSystem(
                tenantCode: tenant.code, tenantName: tenant.name, system: scenario.catalog.systems[pair.system].id,
                joinsAfterYears: tenant.joinsAfterYears, inServiceHours: inService / 3_600,
                availability: Self.estimate(outcomes, range: 0...1) { inService > 0 ? 1 - $0.downtimeSeconds[i] / inService : .nan },
                downtimeMinutes: Self.estimate(outcomes, range: 0...Swift.max(0, inService / 60)) { $0.downtimeSeconds[i] / 60 },
                outages: Self.estimate(outcomes) { Double($0.outages[i]) },
                restartLatencyP50Minutes: Self.estimate(outcomes) { $0.latencyP50[i] / 60 },
                restartLatencyP95Minutes: Self.estimate(outcomes) { $0.latencyP95[i] / 60 },
                restartLatencyMaxMinutes: Self.estimate(outcomes) { $0.latencyMax[i] / 60 },
                strandedVMHours: Self.estimate(outcomes) { $0.strandedSeconds[i] / 3_600 },
                deliveryStrandedVMHours: Self.estimate(outcomes) { $0.deliveryStrandedSeconds[i] / 3_600 },
                standbyStrandedVMHours: Self.estimate(outcomes) { $0.standbyStrandedSeconds[i] / 3_600 },
                contentionMinutes: Self.estimate(outcomes) { $0.contentionMinutes[i] },
                unservedCoreHours: Self.estimate(outcomes) { $0.unservedCoreHours[i] },
                restartLatencyPartsMinutes: Self.perIndex(phases, outcomes) { $0.latencyPartMeans[$1][i] / 60 },
                downtimeMinutesByCause: Self.perIndex(causes, outcomes) { $0.downtimeByCause[$1][i] / 60 },
                outagesPerYear: RateEstimate(events: outcomes.reduce(0) { $0 + Int($1.outages[i]) },
                                             exposureYears: Double(outcomes.count) * inService / SimDuration.year))
        }
        pools = model.poolNames.enumerated().map { p, name in
            let days = outcomes.map { $0.dailyUtilisationP50[p].count }.min() ?? 0
            func series(_ path: KeyPath<ReplicationOutcome, [[Float]]>) -> [Estimate] {
                // Each replication's column taken once: O(days × replications).
                let columns = outcomes.map { $0[keyPath: path][p] }
                return (0..<days).map { d in Estimate(columns.lazy.map { Double($0[d]) }, range: 0...Double.infinity) }
            }
            let blades = model.poolBlades[p].count
            let first = model.poolBlades[p].lowerBound
            let savedWatts = blades > 0 ? model.bladeIdleWatts[first] - model.settings.powerManagement.standbyWatts : 0
            func count(_ path: KeyPath<ReplicationOutcome, [Int32]>) -> Estimate { Self.estimate(outcomes) { Double($0[keyPath: path][p]) } }
            return PoolSeries(pool: name, blades: blades,
                              utilisationP50: series(\.dailyUtilisationP50), utilisationP95: series(\.dailyUtilisationP95),
                              utilisationMax: series(\.dailyUtilisationMax), bladesDownMax: series(\.dailyBladesDownMax),
                              bladeAvailability: Self.estimate(outcomes, range: 0...1) { $0.bladeAvailability(pool: p) },
                              bladeHours: BladeTime.allCases.map { t in Self.estimate(outcomes) { $0.bladeSeconds(pool: p, t) / 3_600 } },
                              energyMWh: Self.estimate(outcomes) { $0.bladeEnergyKWh[p] / 1_000 },
                              standbyBladeHours: Self.estimate(outcomes) { $0.standbyBladeSeconds[p] / 3_600 },
                              energySavedMWh: Self.estimate(outcomes) { $0.standbyBladeSeconds[p] / 3_600 * savedWatts / 1e6 },
                              powerOffs: count(\.powerOffs), powerOns: count(\.powerOns), liveMigrations: count(\.liveMigrations),
                              restartsDelayedByStandby: count(\.restartsDelayedByStandby))
        }
        bladeFailures = Self.estimate(outcomes) { Double($0.bladeFailures) }
        chassisFailures = Self.estimate(outcomes) { Double($0.chassisFailures) }
        arrayFailures = Self.estimate(outcomes) { Double($0.arrayFailures) }
        siteFailures = Self.estimate(outcomes) { Double($0.siteFailures) }
        powerManagement = model.settings.powerManagement.mode != .off
        perReplication = ReplicationFigure.allCases.map { f in (f, outcomes.map { f.value($0, model: model, horizon: horizon) }) }
        continuity = ContinuityResult(model: model, horizon: horizon, outcomes: outcomes)
        events = outcomes.reduce(0) { $0 + $1.events }
        eventLoopSeconds = outcomes.reduce(0) { $0 + $1.eventLoopSeconds }
    }
}

/// A whole-scenario figure of one replication, the unit of a paired comparison.
public enum ReplicationFigure: String, CaseIterable, Sendable {
    case meanAvailability = "mean_availability"
    case worstAvailability = "worst_availability"
    case downtimeMinutes = "downtime_minutes"
    case outages
    case strandedVMHours = "stranded_vm_hours"
    case contentionMinutes = "contention_minutes"
    case unservedCoreHours = "unserved_core_hours"
    case bladeFailures = "blade_failures"
    case energyMWh = "blade_energy_mwh"

    public var unit: String {
        switch self {
        case .meanAvailability, .worstAvailability: "fraction"
        case .downtimeMinutes, .contentionMinutes: "minutes"
        case .outages, .bladeFailures: "count"
        case .strandedVMHours: "VM-hours"
        case .unservedCoreHours: "core-hours"
        case .energyMWh: "MWh"
        }
    }

    /// Whether a larger value is better (availability) or worse (everything else).
    public var higherIsBetter: Bool { self == .meanAvailability || self == .worstAvailability }

    /// The values a figure can take (for its interval).
    public var range: ClosedRange<Double> { higherIsBetter ? 0...1 : 0...Double.infinity }

    /// This figure in one replication: availabilities over the tenant-systems in service (mean
    /// or least), the rest summed over tenant-systems or pools. O(tenant-systems + pools).
    func value(_ o: ReplicationOutcome, model: SimulationModel, horizon: Double) -> Double {
        switch self {
        case .meanAvailability, .worstAvailability:
            let availabilities = model.tsJoinSeconds.enumerated().compactMap { ts, join -> Double? in
                let inService = horizon - join
                return inService > 0 ? 1 - o.downtimeSeconds[ts] / inService : nil
            }
            guard !availabilities.isEmpty else { return .nan }
            return self == .worstAvailability ? availabilities.min()! : availabilities.reduce(0, +) / Double(availabilities.count)
        case .downtimeMinutes: return o.downtimeSeconds.reduce(0, +) / 60
        case .outages: return Double(o.outages.reduce(0) { $0 + Int($1) })
        case .strandedVMHours: return o.strandedSeconds.reduce(0, +) / 3_600
        case .contentionMinutes: return o.contentionMinutes.reduce(0, +)
        case .unservedCoreHours: return o.unservedCoreHours.reduce(0, +)
        case .bladeFailures: return Double(o.bladeFailures)
        case .energyMWh: return o.bladeEnergyKWh.reduce(0, +) / 1_000
        }
    }
}
