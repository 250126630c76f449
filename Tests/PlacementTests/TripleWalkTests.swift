import Testing
import TestSupport
@testable import Placement

/// The triple walk (`TripleWalk`, through `PerfectTriples`) on triplet sets drawn here, not the
/// bundled ones.
struct TripleWalkTests {
    /// Three sizes in (C/4, C/2) summing to C: two drawn, the third the rest, redrawn until in range.
    static func triple(_ capacity: Int, _ rng: inout SeededGenerator) -> [Int] {
        var a = 0, b = 0, c = 0
        repeat {
            a = capacity / 4 + 1 + rng.below(capacity / 4 - 2)
            b = capacity / 4 + 1 + rng.below(capacity / 4 - 2)
            c = capacity - a - b
        } while !(capacity / 4 < c && c < capacity / 2)
        return [a, b, c]
    }

    /// Unseen triplet sets of 1,002-3,003 items over capacities with many (1,000) and few
    /// (10,000) items of each size: the triple walk packs every one perfectly (seeded, no
    /// deadline), and a walk stopped at once still gives a packing of every item (its full bins
    /// and the rest by first fit decreasing).
    @Test func tripleWalkPacksUnseenTriplets() throws {
        var rng = SeededGenerator(seed: 2_026)
        for (trial, (bins, capacity)) in [(334, 1_000), (1_001, 1_000), (334, 10_000), (1_001, 10_000)].enumerated() {
            var weights: [Int] = []
            for _ in 0..<bins { weights += Self.triple(capacity, &rng) }
            weights.shuffle(using: &rng)
            let packing = try #require(PerfectTriples.search(weights: weights, capacity: capacity, deadline: nil,
                                                             seed: UInt64(trial)), "trial \(trial)")
            var loads = [Int](repeating: 0, count: packing.binCount), counts = loads
            for (i, b) in packing.assignment.enumerated() { loads[Int(b)] += weights[i]; counts[Int(b)] += 1 }
            #expect(packing.binCount == bins && loads.allSatisfy { $0 == capacity } && counts.allSatisfy { $0 == 3 })
            guard case .partial(let partial)? = PerfectTriples.run(weights: weights, capacity: [capacity], deadline: nil,
                                                                   moveLimit: 0, seed: 1) else {
                Issue.record("trial \(trial): a walk of no moves found a perfect packing"); continue
            }
            var partialLoads = [Int](repeating: 0, count: partial.binCount)
            for (i, b) in partial.assignment.enumerated() where b >= 0 { partialLoads[Int(b)] += weights[i] }
            #expect(partial.assignment.allSatisfy { $0 >= 0 } && partialLoads.allSatisfy { $0 <= capacity })
            #expect(partial.binCount > bins)
        }
    }

    /// Vector triplets (each dimension its own triple): 2 dimensions of 100 with 300 and 3,000
    /// items, 3 of 40 with 999 — every bin exactly full in every dimension; the engine reports
    /// them optimal by the method's name. (With nearly every size distinct, as in 3 dimensions of
    /// 100, the walk can end a bin or two short: docs/performance.md.)
    @Test func tripleWalkPacksUnseenVectorTriplets() throws {
        var rng = SeededGenerator(seed: 35)
        for (bins, d, c) in [(100, 2, 100), (1_000, 2, 100), (333, 3, 40)] {
            var rows: [[Int]] = []
            for _ in 0..<bins {
                let columns = (0..<d).map { _ in Self.triple(c, &rng) }
                for j in 0..<3 { rows.append((0..<d).map { columns[$0][j] }) }
            }
            rows.shuffle(using: &rng)
            let weights = rows.flatMap { $0 }
            let capacity = [Int](repeating: c, count: d)
            guard case .perfect(let packing)? = PerfectTriples.run(weights: weights, capacity: capacity, deadline: nil, seed: 7) else {
                Issue.record("\(bins) bins, \(d) dimensions: no perfect packing"); continue
            }
            var loads = [Int](repeating: 0, count: packing.binCount * d)
            for (i, b) in packing.assignment.enumerated() {
                for k in 0..<d { loads[Int(b) * d + k] += weights[i * d + k] }
            }
            #expect(packing.binCount == bins && loads.allSatisfy { $0 == c })
            let problem = PackingProblem(capacity: capacity.map(Double.init), sizes: weights.map(Double.init))
            let solved = try PlacementEngine.solve(problem, method: .best, timeLimit: 0, iterationLimit: 1)
            #expect(solved.bins == bins && solved.method == "perfect-triples" && solved.packing.violations(of: problem).isEmpty)
        }
    }
}
