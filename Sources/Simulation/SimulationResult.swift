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
        self.init(acc, range: range)
    }

    /// The estimate of the values `acc` has taken (NaN ones left out before).
    public init(_ acc: RunningStatistics, range: ClosedRange<Double> = 0...Double.infinity) {
        let ci = acc.confidenceInterval(level: 0.95)
        mean = acc.count == 0 ? .nan : ci.mean
        halfWidth = ci.halfWidth
        low = halfWidth.isNaN ? .nan : Swift.max(range.lowerBound, mean - halfWidth)
        high = halfWidth.isNaN ? .nan : Swift.min(range.upperBound, mean + halfWidth)
        count = acc.count
    }

    /// The estimate of no value (what `Estimate([])` gives), made once: the aggregate's counting
    /// and feeding passes return it for every quantity they meet, hundreds of thousands of times
    /// a replication.
    static let ofNothing = Estimate([])

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

    /// The result of `outcomes` (all of them in memory: for tests and small runs; `Simulator`
    /// aggregates as replications finish).
    init(model: SimulationModel, horizon: Double, seed: UInt64, outcomes: [ReplicationOutcome]) {
        let aggregate = Self.aggregate(model: model, horizon: horizon)
        for o in outcomes { aggregate.add(o) }
        self.init(model: model, horizon: horizon, seed: seed, aggregate: aggregate)
    }

    /// An empty aggregate of the quantities this result reports for `model`.
    static func aggregate(model: SimulationModel, horizon: Double) -> OutcomeAggregate {
        OutcomeAggregate(model: model, horizon: horizon,
                         register: { _ = Self.build(model: model, horizon: horizon, statistics: &$0) },
                         feed: { _ = Self.build(model: model, horizon: horizon, statistics: &$0) })
    }

    /// The result of the replications `aggregate` took.
    init(model: SimulationModel, horizon: Double, seed: UInt64, aggregate: OutcomeAggregate) {
        var readout = OutcomeAggregate.Readout(aggregate)
        let parts = Self.build(model: model, horizon: horizon, statistics: &readout)
        horizonSeconds = horizon
        self.seed = seed
        replications = aggregate.replications
        tenantSystems = parts.tenantSystems.enumerated().map { i, t in
            var t = t
            let inService = Swift.max(horizon - model.tsJoinSeconds[i], 0)
            t.outagesPerYear.exposureYears = Double(aggregate.replications) * inService / SimDuration.year
            return t
        }
        let days = aggregate.replications == 0 ? 0 : aggregate.days
        pools = parts.pools.map { p in
            var p = p
            p.utilisationP50 = Array(p.utilisationP50.prefix(days))
            p.utilisationP95 = Array(p.utilisationP95.prefix(days))
            p.utilisationMax = Array(p.utilisationMax.prefix(days))
            p.bladesDownMax = Array(p.bladesDownMax.prefix(days))
            return p
        }
        (bladeFailures, chassisFailures, arrayFailures, siteFailures) = parts.failures
        powerManagement = model.settings.powerManagement.mode != .off
        perReplication = zip(ReplicationFigure.allCases, aggregate.figures).map { ($0, $1) }
        continuity = parts.continuity
        events = aggregate.events
        eventLoopSeconds = aggregate.eventLoopSeconds
    }

    /// What `build` computes from the statistics.
    struct Parts {
        var tenantSystems: [TenantSystem]
        var pools: [PoolSeries]
        var failures: (Estimate, Estimate, Estimate, Estimate)
        var continuity: ContinuityResult?
    }

    /// Every estimate of the result, asked of `statistics` in an order that depends only on the
    /// model and the horizon (`OutcomeAggregate` asks twice: to register, then to read out).
    /// Daily series have one estimate per day the horizon can hold (the result keeps as many
    /// as every replication has). O(tenant-systems + pools × days + continuity).
    static func build<S: OutcomeStatistics>(model: SimulationModel, horizon: Double, statistics s: inout S) -> Parts {
        let scenario = model.scenario
        let tenantSystems = model.tenantSystems.enumerated().map { i, pair in
            let inService = Swift.max(horizon - model.tsJoinSeconds[i], 0)
            // (The tenant's fields read in place: `let tenant = scenario.tenants[…]` copied it,
            // each of its arrays retained and released, for every tenant-system at every add.)
            return TenantSystem(
                tenantCode: scenario.tenants[pair.tenant].code, tenantName: scenario.tenants[pair.tenant].name,
                system: scenario.catalog.systems[pair.system].id,
                joinsAfterYears: scenario.tenants[pair.tenant].joinsAfterYears, inServiceHours: inService / 3_600,
                availability: s.estimate(range: 0...1) { inService > 0 ? 1 - $0.downtimeSeconds[i] / inService : .nan },
                downtimeMinutes: s.estimate(range: 0...Swift.max(0, inService / 60)) { $0.downtimeSeconds[i] / 60 },
                outages: s.estimate { Double($0.outages[i]) },
                restartLatencyP50Minutes: s.estimate { $0.latencyP50[i] / 60 },
                restartLatencyP95Minutes: s.estimate { $0.latencyP95[i] / 60 },
                restartLatencyMaxMinutes: s.estimate { $0.latencyMax[i] / 60 },
                strandedVMHours: s.estimate { $0.strandedSeconds[i] / 3_600 },
                deliveryStrandedVMHours: s.estimate { $0.deliveryStrandedSeconds[i] / 3_600 },
                standbyStrandedVMHours: s.estimate { $0.standbyStrandedSeconds[i] / 3_600 },
                contentionMinutes: s.estimate { $0.contentionMinutes[i] },
                unservedCoreHours: s.estimate { $0.unservedCoreHours[i] },
                restartLatencyPartsMinutes: RestartPhase.allCases.map { phase in s.estimate { $0.latencyPartMeans[phase.rawValue][i] / 60 } },
                downtimeMinutesByCause: DowntimeCause.allCases.map { cause in s.estimate { $0.downtimeByCause[cause.rawValue][i] / 60 } },
                outagesPerYear: RateEstimate(events: s.total { Int($0.outages[i]) }, exposureYears: 0))
        }
        // One day more than the horizon holds whole: the last, partial day is closed too.
        let dayCount = Int((horizon / 86_400).rounded(.up)) + 1
        let pools = model.poolNames.enumerated().map { p, name in
            // Closures, not key paths: a key path applied to the outcome copied the whole struct
            // (a retain per array) for each of pools × days × series × replications values.
            func series(_ path: (ReplicationOutcome) -> [[Float]]) -> [Estimate] {
                (0..<dayCount).map { d in
                    s.estimate { o in path(o)[p].withUnsafeBufferPointer { d < $0.count ? Double($0[d]) : .nan } }
                }
            }
            let blades = model.poolBlades[p].count
            let savedWatts = model.standbySavedWatts(pool: p)
            func count(_ path: KeyPath<ReplicationOutcome, [Int32]>) -> Estimate { s.estimate { Double($0[keyPath: path][p]) } }
            return PoolSeries(pool: name, blades: blades,
                              utilisationP50: series { $0.dailyUtilisationP50 }, utilisationP95: series { $0.dailyUtilisationP95 },
                              utilisationMax: series { $0.dailyUtilisationMax }, bladesDownMax: series { $0.dailyBladesDownMax },
                              bladeAvailability: s.estimate(range: 0...1) { $0.bladeAvailability(pool: p) },
                              bladeHours: BladeTime.allCases.map { t in s.estimate { $0.bladeSeconds(pool: p, t) / 3_600 } },
                              energyMWh: s.estimate { $0.bladeEnergyKWh[p] / 1_000 },
                              standbyBladeHours: s.estimate { $0.standbyBladeSeconds[p] / 3_600 },
                              energySavedMWh: s.estimate { $0.standbyBladeSeconds[p] / 3_600 * savedWatts / 1e6 },
                              powerOffs: count(\.powerOffs), powerOns: count(\.powerOns), liveMigrations: count(\.liveMigrations),
                              restartsDelayedByStandby: count(\.restartsDelayedByStandby))
        }
        let failures = (s.estimate { Double($0.bladeFailures) }, s.estimate { Double($0.chassisFailures) },
                        s.estimate { Double($0.arrayFailures) }, s.estimate { Double($0.siteFailures) })
        let continuity = ContinuityResult(model: model, horizon: horizon, statistics: &s)
        return Parts(tenantSystems: tenantSystems, pools: pools, failures: failures, continuity: continuity)
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
    /// The downtime priced (each tenant-system's hours down × its yen an hour), yen a year.
    case riskCostYen = "risk_cost_yen_per_year"
    /// The energy power management saved, priced as the plan prices power: standby blade-hours
    /// × (idle − standby draw) × the site's PUE × its price a kWh, yen a year (0 without it).
    case energySavedYen = "energy_saved_yen_per_year"

    public var unit: String {
        switch self {
        case .meanAvailability, .worstAvailability: "fraction"
        case .downtimeMinutes, .contentionMinutes: "minutes"
        case .outages, .bladeFailures: "count"
        case .strandedVMHours: "VM-hours"
        case .unservedCoreHours: "core-hours"
        case .energyMWh: "MWh"
        case .riskCostYen, .energySavedYen: "yen"
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
        case .riskCostYen:
            let years = horizon / SimDuration.year
            return zip(o.downtimeSeconds, model.tsDowntimeYenPerHour).reduce(0.0) { $0 + $1.0 / 3_600 * $1.1 } / years
        case .energySavedYen:
            let years = horizon / SimDuration.year
            return o.standbyBladeSeconds.indices.reduce(0.0) { acc, p in
                acc + o.standbyBladeSeconds[p] / 3_600 * model.standbySavedWatts(pool: p) / 1_000 * model.poolYenPerBladeKWh[p]
            } / years
        }
    }
}
