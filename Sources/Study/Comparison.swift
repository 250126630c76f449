import CapacityModel
import Planning
import Simulation

/// Variants of a study planned and simulated under common random numbers (every component
/// draws from its own stream, keyed by pool and index, with the same seed and replications), and
/// each figure set side by side with its paired difference to the first variant.
public struct Comparison: Sendable {
    /// A figure of every variant, and each variant's paired difference to the first.
    public struct Figure: Sendable {
        public var name: String
        public var unit: String
        /// Whether a larger value is better.
        public var higherIsBetter: Bool
        /// One per variant.
        public var values: [Estimate]
        /// One per variant: variant − first, replication by replication (the first's is all 0).
        public var differences: [Estimate]

        /// Whether the 95% interval of variant `i`'s difference leaves out 0 (for a plan figure,
        /// the same in every replication, whether the difference is not 0; with one replication,
        /// never).
        public func isSignificant(_ i: Int) -> Bool {
            let d = differences[i]
            guard !d.halfWidth.isNaN else { return false }  // one replication: no interval
            return d.low > 0 || d.high < 0
        }
    }

    public var variants: [String]
    public var run: SimulationRun
    public var figures: [Figure]
    /// Yearly cost plus priced downtime, and which variant it prefers.
    public var verdict: CostVerdict?
}

extension Study {
    /// Plans and simulates every variant with the same seed, horizon and replications, and
    /// compares them. O(variants × study).
    public static func compare(_ variants: [(name: String, scenario: Scenario)], options: StudyOptions,
                               progress: (@Sendable (_ variant: Int, _ done: Int) -> Void)? = nil) throws(StudyError) -> Comparison {
        var options = options
        options.simulate = true
        // One seed, horizon and replication count for all: the first variant's, unless given.
        let first = simulationRun(variants[0].scenario, options: options)
        options.seed = first.seed
        options.horizonSeconds = first.horizonSeconds
        options.replications = first.replications
        var results: [StudyResult] = []
        for (i, v) in variants.enumerated() {
            var perRun: (@Sendable (Int) -> Void)?
            if let progress { perRun = { @Sendable done in progress(i, done) } }
            results.append(try run(v.scenario, options: options, progress: perRun))
        }
        var comparison = Comparison(variants: variants.map(\.name), run: first, figures: planFigures(results) + simulationFigures(results))
        comparison.verdict = costVerdict(variants.map(\.name), results)
        return comparison
    }

    /// The plan's figures: the same in every replication, so their differences are exact.
    static func planFigures(_ results: [StudyResult]) -> [Comparison.Figure] {
        PlanFigure.allCases.map { figure in
            let values = results.map { figure.value($0.plan) }
            return Comparison.Figure(name: figure.rawValue, unit: figure.unit, higherIsBetter: figure.higherIsBetter,
                                     values: values.map { Estimate([$0, $0], range: -Double.infinity...Double.infinity) },
                                     differences: values.map { Estimate([$0 - values[0], $0 - values[0]], range: -Double.infinity...Double.infinity) })
        }
    }

    /// The simulation's whole-scenario figures, paired replication by replication.
    static func simulationFigures(_ results: [StudyResult]) -> [Comparison.Figure] {
        let sims = results.compactMap(\.simulation)
        guard sims.count == results.count, let base = sims.first else { return [] }
        return base.perReplication.indices.map { f in
            let figure = base.perReplication[f].figure
            let first = base.perReplication[f].values
            return Comparison.Figure(
                name: figure.rawValue, unit: figure.unit, higherIsBetter: figure.higherIsBetter,
                values: sims.map { Estimate($0.perReplication[f].values, range: figure.range) },
                differences: sims.map { sim in
                    Estimate(zip(sim.perReplication[f].values, first).map { $0 - $1 }, range: -Double.infinity...Double.infinity)
                })
        }
    }
}
