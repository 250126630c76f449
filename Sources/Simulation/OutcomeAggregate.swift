import Stochastics

/// Where a result's estimates come from (`SimulationResult`, `ContinuityResult`): each asks for
/// the estimate of a quantity of one replication's outcome, or the total of a count, in an order
/// that depends only on the model. `OutcomeAggregate` answers in two passes over that same
/// order: first it records the quantities (`Registration`), then, once every outcome has gone
/// through them, it hands out their estimates (`Readout`).
protocol OutcomeStatistics {
    /// The estimate of `value` across the replications (NaN values skipped, as `Estimate` does).
    mutating func estimate(range: ClosedRange<Double>, _ value: @escaping (ReplicationOutcome) -> Double) -> Estimate
    /// The sum of `value` over the replications.
    mutating func total(_ value: @escaping (ReplicationOutcome) -> Int) -> Int
}

extension OutcomeStatistics {
    mutating func estimate(_ value: @escaping (ReplicationOutcome) -> Double) -> Estimate {
        estimate(range: 0...Double.infinity, value)
    }
}

/// Replication outcomes aggregated as they finish, in replication order, then dropped: memory is
/// O(quantities reported) + 9 figures per replication (for paired comparisons and precision
/// targets), not O(replications × outcome size). Each quantity is a closure over one outcome; the
/// values reach its running statistics in replication order, exactly as an `Estimate` over every
/// outcome would take them, so the estimates are the same to the last bit.
final class OutcomeAggregate {
    private var values: [(ReplicationOutcome) -> Double] = []
    private var ranges: [ClosedRange<Double>] = []
    private var statistics: [RunningStatistics] = []
    private var counts: [(ReplicationOutcome) -> Int] = []
    private var totals: [Int] = []
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

    /// Registers every quantity `build` asks for (its result is thrown away).
    init(model: SimulationModel, horizon: Double, build: (inout Registration) -> Void) {
        self.model = model
        self.horizon = horizon
        var registration = Registration(aggregate: self)
        build(&registration)
        statistics = [RunningStatistics](repeating: RunningStatistics(), count: values.count)
        totals = [Int](repeating: 0, count: counts.count)
    }

    /// Takes the next replication's outcome (replication order). O(quantities).
    func add(_ outcome: ReplicationOutcome) {
        replications += 1
        for k in values.indices {
            let v = values[k](outcome)
            if !v.isNaN { statistics[k].add(v) }
        }
        for k in counts.indices { totals[k] += counts[k](outcome) }
        for (k, f) in ReplicationFigure.allCases.enumerated() { figures[k].append(f.value(outcome, model: model, horizon: horizon)) }
        events += outcome.events
        eventLoopSeconds += outcome.eventLoopSeconds
        days = Swift.min(days, outcome.dailyUtilisationP50.map(\.count).min() ?? 0)
    }

    /// First pass: records each quantity, answers with placeholders.
    struct Registration: OutcomeStatistics {
        let aggregate: OutcomeAggregate
        mutating func estimate(range: ClosedRange<Double>, _ value: @escaping (ReplicationOutcome) -> Double) -> Estimate {
            aggregate.values.append(value)
            aggregate.ranges.append(range)
            return Estimate([])
        }
        mutating func total(_ value: @escaping (ReplicationOutcome) -> Int) -> Int {
            aggregate.counts.append(value)
            return 0
        }
    }

    /// Second pass: the estimates, in the order the quantities were registered.
    struct Readout: OutcomeStatistics {
        let aggregate: OutcomeAggregate
        var nextValue = 0, nextCount = 0
        init(_ aggregate: OutcomeAggregate) { self.aggregate = aggregate }
        mutating func estimate(range: ClosedRange<Double>, _ value: @escaping (ReplicationOutcome) -> Double) -> Estimate {
            defer { nextValue += 1 }
            precondition(aggregate.ranges[nextValue] == range, "the readout asked in another order than the registration")
            return Estimate(aggregate.statistics[nextValue], range: range)
        }
        mutating func total(_ value: @escaping (ReplicationOutcome) -> Int) -> Int {
            defer { nextCount += 1 }
            return aggregate.totals[nextCount]
        }
    }
}
