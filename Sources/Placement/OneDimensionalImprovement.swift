/// The best method's last stage on one-dimensional instances with whole-number sizes: minimum
/// bin slack, a short search, then the LP bound (which often proves the packing optimal) and its
/// residual rounding (which often is optimal), the dive over that relaxation (`PatternDive`,
/// where its knapsack is small enough), then the search again until the bound or the deadline.
enum OneDimensionalImprovement {
    /// The pattern dive runs until this share of the time left when the stage begins.
    static let diveShare = 0.9
    /// Dives with no time limit (deterministic).
    static let diveLimit = 8

    struct Outcome {
        var packing: Packing
        var bound: Int
        /// What improved the packing, in order: "minimum-bin-slack", "search", "lp-rounding",
        /// "pattern-dive".
        var improvements: [String]
    }

    /// - Parameters:
    ///   - startTime: when the solve began (ns). Of the time left when this stage begins, the
    ///     first search gets 5% (15% where the dive does not apply), the LP bound 30% of what is
    ///     left then, the dive up to `diveShare` of it, the last search the rest.
    ///   - moveLimit: moves per search phase (nil: none); with no time limit, the result is
    ///     deterministic.
    static func run(weights: [Int], capacity: Int, problem: PackingProblem, packing start: Packing, bound: Int,
                    startTime: UInt64, timeLimit: Double, moveLimit: Int?, seed: UInt64) -> Outcome {
        var outcome = Outcome(packing: start, bound: bound, improvements: [])
        let end = timeLimit > 0 ? startTime + UInt64(timeLimit * 1e9) : nil
        if let slack = MinimumBinSlack.pack(weights: weights, capacity: capacity, deadline: end), slack.binCount < start.binCount {
            outcome.packing = slack
            outcome.improvements.append("minimum-bin-slack")
        }
        // Phases share what is left of the time limit when this stage begins.
        let now = Clock.nanoseconds()
        let left = timeLimit > 0 ? Double(Swift.max(0, Int64(startTime + UInt64(timeLimit * 1e9)) - Int64(now))) : 0
        func at(_ share: Double) -> UInt64? { timeLimit > 0 ? now + UInt64(left * share) : nil }
        // Where the dive applies, the first search gets less time: the relaxation and the dive
        // close what it leaves (Hard28: 17 of 28 at 15%, 20 at 5%).
        let diving = PatternDive.applies(weights: weights, capacity: capacity)
        var search = OneDimensionalSearch(weights: weights, capacity: capacity, packing: outcome.packing, seed: seed)
        func runSearch(until deadline: UInt64?) {
            guard outcome.packing.binCount > outcome.bound else { return }
            if let p = search.reduce(toward: outcome.bound, deadline: deadline, moveLimit: moveLimit),
               p.binCount < outcome.packing.binCount {
                outcome.packing = p
                if outcome.improvements.last != "search" { outcome.improvements.append("search") }
            }
        }
        runSearch(until: at(diving ? 0.05 : 0.15))
        guard outcome.packing.binCount > outcome.bound else { return outcome }
        let lpDeadline = timeLimit > 0 ? Clock.nanoseconds() + UInt64(left * 0.3) : nil
        if let lp = LPBound.solve(weights: weights, capacity: capacity, deadline: lpDeadline,
                                    start: outcome.packing) {
            outcome.bound = Swift.max(outcome.bound, Swift.min(lp.bins, outcome.packing.binCount))
            let rounded = LPBound.roundedPacking(lp, weights: weights, capacity: capacity)
            if rounded.binCount < outcome.packing.binCount {
                outcome.packing = rounded
                outcome.improvements.append("lp-rounding")
                search = OneDimensionalSearch(weights: weights, capacity: capacity, packing: rounded, seed: seed &+ 1)
            }
            if diving, outcome.packing.binCount > outcome.bound {
                var dive = PatternDive(weights: weights, capacity: capacity, relaxation: lp.master, seed: seed)
                if let bins = dive.run(target: outcome.packing.binCount, lowerBound: outcome.bound, deadline: at(diveShare),
                                       diveLimit: timeLimit > 0 ? .max : diveLimit) {
                    outcome.packing = dive.packing(of: bins, weights: weights)
                    outcome.improvements.append("pattern-dive")
                    search = OneDimensionalSearch(weights: weights, capacity: capacity, packing: outcome.packing, seed: seed &+ 2)
                }
            }
        }
        runSearch(until: at(1))
        return outcome
    }
}
