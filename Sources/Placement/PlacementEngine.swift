import Foundation

/// What the engine should do to pack a problem.
public enum PackingMethod: Sendable, Hashable {
    /// One constructive heuristic.
    case heuristic(PackingHeuristic, SortKey)
    /// Every constructive heuristic, keeping the fewest bins, then the improvement stage until
    /// the lower bound is met or the time limit passes.
    case best
}

/// A packing with what is known about its quality.
public struct PackingSolution: Sendable {
    public var packing: Packing
    /// Bins used.
    public var bins: Int { packing.binCount }
    /// A proven lower bound on the bins any packing needs.
    public var lowerBound: Int
    /// Whether `bins == lowerBound`, which proves the packing optimal.
    public var optimal: Bool { bins == lowerBound }
    /// Which method produced the packing ("first-fit-decreasing/sum", "improved", ...).
    public var method: String
    /// Seconds spent packing (not reading or writing).
    public var seconds: Double
}

/// Packs problems with the heuristics of `Packer` and reports bounds.
public enum PlacementEngine {
    /// The heuristic × sort-key combinations tried by `.best`, first fit decreasing first.
    public static let portfolio: [(PackingHeuristic, SortKey)] = [
        (.firstFitDecreasing, .sum), (.firstFitDecreasing, .max), (.firstFitDecreasing, .product),
        (.bestFitDecreasing, .sum), (.bestFitDecreasing, .max),
        (.dotProduct, .sum), (.l2Norm, .sum),
    ]

    /// Packs `problem`.
    /// - Parameters:
    ///   - timeLimit: seconds the whole solve may use (`.best` only; 0 for no time limit). A time
    ///     limit makes the result depend on the machine's speed.
    ///   - iterationLimit: moves the improvement stage may make (0 for no limit). With a time
    ///     limit of 0 and an iteration limit, the result is deterministic.
    ///   - seed: seed of the improvement stage's tie-breaking.
    /// - Throws: `PackingError` if the problem has no packing.
    public static func solve(_ problem: PackingProblem, method: PackingMethod = .best,
                             timeLimit: Double = 1, iterationLimit: Int = 0, seed: UInt64 = 1) throws(PackingError) -> PackingSolution {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        switch method {
        case .heuristic(let h, let key):
            let packing = try Packer.pack(problem, heuristic: h, sortKey: key)
            let seconds = elapsed()
            return PackingSolution(packing: packing, lowerBound: LowerBounds.best(problem),
                                   method: "\(h.rawValue)/\(key.rawValue)", seconds: seconds)
        case .best:
            // An item larger than a bin has no packing (and would make the bounds overflow).
            try Packer.checkPackable(problem)
            var bound = LowerBounds.best(problem)
            // One dimension with whole-number sizes: read once for the stages that need them.
            let wholeSizes = problem.wholeSizes
            let whole = OneDimensionalSearch.integerWeights(wholeSizes)
            // Where the totals allow a packing of full triples (whole sizes, no constraints), up
            // to half the time limit for the walk that looks for one (Falkenauer's triplets and
            // their vector versions; it settles those with many items of each size at once). Then up to a quarter more for a perfect
            // packing by an exact cover, then the local search over covers when the depth-first
            // one fails: up to 95% in several dimensions (on the bundled triplets nothing after it
            // reached an optimum it missed), a quarter more in one.
            func share(_ f: Double) -> UInt64? { timeLimit > 0 ? start + UInt64(timeLimit * f * 1e9) : nil }
            var triples: Packing?
            var used = 0.0
            if let (weights, capacity) = wholeSizes, PerfectTriples.applies(weights: weights, capacity: capacity) {
                used = 0.5
                // At most 20 moves an item (where it succeeds it takes 0.3-10): a walk that circles
                // leaves the rest of the time to the exact cover.
                let moves = 10_000 + 20 * problem.itemCount
                switch PerfectTriples.run(weights: weights, capacity: capacity, deadline: share(used), moveLimit: moves, seed: seed) {
                case .perfect(let perfect)?:
                    return PackingSolution(packing: perfect, lowerBound: Swift.max(bound, perfect.binCount),
                                           method: "perfect-triples", seconds: elapsed())
                case .partial(let partial)?: triples = partial
                case nil: break
                }
            }
            let cover = ExactFillCover.cover(problem, deadline: share(used + 0.25),
                                             localDeadline: share(problem.dimensions > 1 ? 0.95 : Swift.min(used + 0.5, 0.95)),
                                             seed: seed)
            if case .exact(let exact)? = cover, exact.binCount <= bound {
                return PackingSolution(packing: exact, lowerBound: bound, method: "exact-fill-cover", seconds: elapsed())
            }
            // First fit decreasing packs whatever can be packed: its failure is the reason.
            let (first, firstKey) = portfolio[0]
            var packing = try Packer.pack(problem, heuristic: first, sortKey: firstKey)
            var name = "\(first.rawValue)/\(firstKey.rawValue)"
            // The cover search's best partial cover, when it has fewer bins.
            if case .partial(let start)? = cover, start.binCount < packing.binCount {
                (packing, name) = (start, "partial-cover")
            }
            // The triple walk's full bins and the rest by first fit decreasing, when fewer.
            if let triples, triples.binCount < packing.binCount {
                (packing, name) = (triples, "partial-triples")
            }
            // Large redundancy groups open their bins first, the other items fill them.
            if packing.binCount > bound, !problem.constraints.groups.isEmpty,
               let p = try? Packer.firstFit(problem, order: SortKey.sum.groupsFirstOrder(problem)),
               p.binCount < packing.binCount {
                (packing, name) = (p, "\(PackingHeuristic.firstFitDecreasing.rawValue)/groups-first")
            }
            // Bin-centric heuristics are quadratic: skip them on very large problems.
            let quadraticAffordable = problem.itemCount <= 20_000
            let deadline = timeLimit > 0 ? start + UInt64(timeLimit * 1e9) : nil
            for (h, key) in portfolio.dropFirst() where packing.binCount > bound {
                if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { break }
                if (h == .dotProduct || h == .l2Norm || h == .bestFitDecreasing) && !quadraticAffordable { continue }
                // Where first fit succeeded, a heuristic that fails is simply not better.
                guard let p = try? Packer.pack(problem, heuristic: h, sortKey: key, deadline: deadline) else { continue }
                if p.binCount < packing.binCount { (packing, name) = (p, "\(h.rawValue)/\(key.rawValue)") }
            }
            if packing.binCount > bound, timeLimit > 0, whole == nil { dive(problem, &packing, &name, &bound, share) }
            if packing.binCount > bound, timeLimit > 0 || iterationLimit > 0,
               let (weights, capacity) = whole {
                let outcome = OneDimensionalImprovement.run(
                    weights: weights, capacity: capacity, problem: problem, packing: packing, bound: bound,
                    startTime: start, timeLimit: timeLimit, moveLimit: iterationLimit > 0 ? iterationLimit : nil, seed: seed)
                bound = outcome.bound
                if outcome.packing.binCount < packing.binCount {
                    precondition(outcome.packing.violations(of: problem).isEmpty, "the improvement stage broke a constraint")
                    packing = outcome.packing
                    name = "\(outcome.improvements.joined(separator: "+"))(\(name))"
                }
            } else if packing.binCount > bound, timeLimit > 0 || iterationLimit > 0 {
                var search = BinReduction(problem, packing: packing, seed: seed)
                if let improved = search.reduce(toward: bound, deadline: deadline,
                                                iterationLimit: iterationLimit > 0 ? iterationLimit : nil),
                   improved.binCount < packing.binCount {
                    precondition(improved.violations(of: problem).isEmpty, "the improvement stage broke a constraint")
                    packing = improved
                    name = "improved(\(name))"
                }
            }
            return PackingSolution(packing: packing, lowerBound: bound, method: name, seconds: elapsed())
        }
    }

    /// Several dimensions: the set-partitioning relaxation's bound raises `bound`, and its dive
    /// replaces `packing` if it has fewer bins (when `SetPartitionDive` applies).
    static func dive(_ problem: PackingProblem, _ packing: inout Packing, _ name: inout String, _ bound: inout Int,
                     _ share: (Double) -> UInt64?) {
        guard SetPartitionDive.applies(to: problem, lowerBound: bound) else { return }
        let shares = SetPartitionDive.timeShares(items: problem.itemCount)
        let dive = SetPartitionDive.run(problem, start: packing, relaxationDeadline: share(shares.relaxationShare),
                                        deadline: share(shares.diveShare))
        if let diveBound = dive.bound { bound = Swift.max(bound, diveBound) }
        if let p = dive.packing, p.binCount < packing.binCount { (packing, name) = (p, "set-partition-dive") }
    }
}
