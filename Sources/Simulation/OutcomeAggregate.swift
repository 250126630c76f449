import Stochastics

/// Where a result's estimates come from (`SimulationResult`, `ContinuityResult`): each asks for
/// the estimate of a quantity of one replication's outcome, or the total of a count, in an order
/// that depends only on the model. `OutcomeAggregate` runs the same asking code three ways: to
/// count the quantities (`Registration`), once per replication to feed that outcome's values
/// into their running statistics (`Feeder`), and at the end to hand out the estimates
/// (`Readout`). The closures are not kept (nothing is allocated for them).
protocol OutcomeStatistics {
    /// The estimate of `value` across the replications (NaN values skipped, as `Estimate` does).
    mutating func estimate(range: ClosedRange<Double>, _ value: (ReplicationOutcome) -> Double) -> Estimate
    /// The sum of `value` over the replications.
    mutating func total(_ value: (ReplicationOutcome) -> Int) -> Int
}

extension OutcomeStatistics {
    mutating func estimate(_ value: (ReplicationOutcome) -> Double) -> Estimate {
        estimate(range: 0...Double.infinity, value)
    }
}

/// Replication outcomes aggregated as they finish, in replication order, then dropped: memory is
/// O(quantities reported) + 9 figures per replication (for paired comparisons and precision
/// targets), not O(replications × outcome size). The values reach each quantity's running
/// statistics in replication order, exactly as an `Estimate` over every outcome would take them,
/// so the estimates are the same to the last bit.
final class OutcomeAggregate {
    fileprivate var ranges: [ClosedRange<Double>] = []
    fileprivate var statistics: [RunningStatistics] = []
    fileprivate var totals: [Int] = []
    private let feed: (inout Feeder) -> Void
    /// Replications added so far.
    private(set) var replications = 0
    /// Each `ReplicationFigure`'s value per replication, in replication order.
    private(set) var figures: [[Double]] = ReplicationFigure.allCases.map { _ in [] }
    private(set) var events: UInt64 = 0
    private(set) var eventLoopSeconds = 0.0
    /// The fewest days any replication's daily series has.
    private(set) var days = Int.max
    let model: SimulationModel
    let horizon: Double

    /// An aggregate of the quantities `register` asks for; `feed` asks for the same ones in the
    /// same order (the same code, run with another `OutcomeStatistics`).
    init(model: SimulationModel, horizon: Double, register: (inout Registration) -> Void, feed: @escaping (inout Feeder) -> Void) {
        self.model = model
        self.horizon = horizon
        self.feed = feed
        var registration = Registration()
        register(&registration)
        ranges = registration.ranges
        statistics = [RunningStatistics](repeating: RunningStatistics(), count: ranges.count)
        totals = [Int](repeating: 0, count: registration.counts)
    }

    /// Takes the next replication's outcome (replication order). O(quantities).
    func add(_ outcome: ReplicationOutcome) {
        replications += 1
        var feeder = Feeder(aggregate: self, outcome: outcome)
        feed(&feeder)
        precondition(feeder.nextValue == statistics.count && feeder.nextCount == totals.count, "fed in another order than registered")
        for (k, f) in ReplicationFigure.allCases.enumerated() { figures[k].append(f.value(outcome, model: model, horizon: horizon)) }
        events += outcome.events
        eventLoopSeconds += outcome.eventLoopSeconds
        days = Swift.min(days, outcome.dailyUtilisationP50.map(\.count).min() ?? 0)
    }

    /// Counts the quantities and their ranges.
    struct Registration: OutcomeStatistics {
        fileprivate var ranges: [ClosedRange<Double>] = []
        fileprivate var counts = 0
        mutating func estimate(range: ClosedRange<Double>, _ value: (ReplicationOutcome) -> Double) -> Estimate {
            ranges.append(range)
            return .ofNothing
        }
        mutating func total(_ value: (ReplicationOutcome) -> Int) -> Int {
            counts += 1
            return 0
        }
    }

    /// One outcome's values, into the running statistics in registration order.
    struct Feeder: OutcomeStatistics {
        fileprivate let aggregate: OutcomeAggregate
        fileprivate let outcome: ReplicationOutcome
        fileprivate var nextValue = 0, nextCount = 0
        mutating func estimate(range: ClosedRange<Double>, _ value: (ReplicationOutcome) -> Double) -> Estimate {
            let v = value(outcome)
            if !v.isNaN { aggregate.statistics[nextValue].add(v) }
            nextValue += 1
            return .ofNothing
        }
        mutating func total(_ value: (ReplicationOutcome) -> Int) -> Int {
            aggregate.totals[nextCount] += value(outcome)
            nextCount += 1
            return 0
        }
    }

    /// The estimates, in the order the quantities were registered.
    struct Readout: OutcomeStatistics {
        let aggregate: OutcomeAggregate
        var nextValue = 0, nextCount = 0
        init(_ aggregate: OutcomeAggregate) { self.aggregate = aggregate }
        mutating func estimate(range: ClosedRange<Double>, _ value: (ReplicationOutcome) -> Double) -> Estimate {
            defer { nextValue += 1 }
            precondition(aggregate.ranges[nextValue] == range, "read out in another order than registered")
            return Estimate(aggregate.statistics[nextValue], range: range)
        }
        mutating func total(_ value: (ReplicationOutcome) -> Int) -> Int {
            defer { nextCount += 1 }
            return aggregate.totals[nextCount]
        }
    }
}
