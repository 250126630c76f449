import Dispatch
import Testing
import TestSupport
@testable import Placement

/// The time limit is a promise (issue 16, item 3): the best method returns within its limit +
/// 5% + 50 ms whatever phase it is in, on instances built to keep every phase busy.
@Suite(.serialized) struct TimeLimitTests {
    /// Falkenauer-style triplets (three items of 250-500 filling a bin of 1,000 exactly), then one
    /// item made 1 larger and another of a different bin 1 smaller: the totals are still whole
    /// bins, so the exact-fill search runs, thousands of triples fill a bin, but the bins
    /// holding the two changed items cannot be filled exactly as built.
    /// - Parameter step: sizes are multiples of it (a large step: few distinct sizes, and so
    ///   millions of candidate triples).
    static func nearTriplets(bins m: Int, step: Int = 1, seed: UInt64) -> PackingProblem {
        var rng = SeededGenerator(seed: seed)
        var sizes: [Double] = []
        for _ in 0..<m {
            let a = 250 + step * (1 + rng.below(249 / step)), b = 250 + step * (1 + rng.below(Swift.max(1, (1_000 - a - 500 - 1) / step)))
            let c = 1_000 - a - b
            sizes += [Double(a), Double(b), Double(c)]
        }
        sizes[0] += 1
        sizes[sizes.count - 1] -= 1
        sizes.shuffle(using: &rng)
        return PackingProblem(name: "near-triplets-\(m)", capacity: [1_000], sizes: sizes)
    }

    /// Each instance is solved once, and once more if the first run is over the bound: the tests
    /// run beside other suites and the command-line tests' processes on two cores, and a run
    /// descheduled past its deadline is the machine's delay, not the engine's (a phase that
    /// overruns does so every time, the solve being deterministic).
    @Test(arguments: [(40, 1, 0.2), (67, 1, 0.3), (200, 1, 0.5), (1_000, 1, 0.3), (67, 50, 0.3), (200, 25, 0.3), (400, 10, 0.3)])
    func theBestMethodKeepsItsTimeLimit(_ bins: Int, _ step: Int, _ limit: Double) throws {
        for seed in UInt64(1)...3 {
            let p = Self.nearTriplets(bins: bins, step: step, seed: seed &* 7_919 &+ UInt64(bins))
            #expect(ExactFillCover.wholeBins(p) == bins)
            try Self.expectKept(limit, on: p, atLeast: bins, "seed \(seed)")
        }
    }

    /// Triplets over a wide capacity (100,000: nearly every size distinct, so the triple walk
    /// rarely finishes) keep the limit too: the quadratic bin-centric heuristics and the LP
    /// bound's columns (O(m²) each for m sizes) once ran a second past it.
    /// Also 60,000 items of 250-500 in 1,000: the exact cover's candidate sets (O(n) lookups an
    /// item) read the clock only every 16 items and overran by two seconds at 100,000.
    @Test(arguments: [(334, 100_000, 0.3), (1_001, 100_000, 0.5), (20_000, 1_000, 0.5)])
    func wideTripletsKeepTheTimeLimit(_ bins: Int, _ capacity: Int, _ limit: Double) throws {
        var rng = SeededGenerator(seed: UInt64(bins))
        var sizes: [Double] = []
        for _ in 0..<bins { sizes += TripleWalkTests.triple(capacity, &rng).map(Double.init) }
        sizes.shuffle(using: &rng)
        let p = PackingProblem(name: "triplets-\(bins)-of-\(capacity)", capacity: [Double(capacity)], sizes: sizes)
        try Self.expectKept(limit, on: p, atLeast: bins, "")
    }

    /// Solves p with the limit (twice if the first run is over it) and expects the run within
    /// limit + 5% + 50 ms, a valid packing of at least `bins` bins and no more than FFD's.
    static func expectKept(_ limit: Double, on p: PackingProblem, atLeast bins: Int, _ note: String) throws {
        let bound = limit * 1.05 + 0.05
        var (s, seconds) = try timedSolve(p, limit: limit)
        if seconds > bound { (s, seconds) = try timedSolve(p, limit: limit) }
        #expect(seconds <= bound, "\(p.name) \(note): \(seconds) s for a limit of \(limit) s (twice)")
        let ffd = try Packer.pack(p, heuristic: .firstFitDecreasing).binCount
        #expect(s.packing.violations(of: p).isEmpty && s.bins >= bins && s.bins <= ffd)
    }

    /// The best method's solution and its wall time in seconds.
    static func timedSolve(_ p: PackingProblem, limit: Double) throws -> (PackingSolution, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let s = try PlacementEngine.solve(p, method: .best, timeLimit: limit)
        return (s, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
