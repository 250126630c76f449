import Testing
import TestSupport
@testable import Placement

/// The one-dimensional stage of the best method: subset sums, the LP bound, minimum bin slack,
/// the partial-packing search and the triplet search, each against an oracle.
@Suite struct OneDimensionalTests {
    /// Every sum the bitset says is reachable is, every other is not (brute force over all
    /// subsets), and the subset read back sums to it with distinct items.
    @Test func subsetSumMatchesBruteForce() {
        var rng = SeededGenerator(seed: 31)
        var sums = SubsetSum()
        for trial in 0..<60 {
            let n = Int.random(in: 1...10, using: &rng)
            let weights = (0..<n).map { _ in Int.random(in: 0...(trial % 2 == 0 ? 40 : 300), using: &rng) }
            let capacity = Int.random(in: 1...(trial % 2 == 0 ? 100 : 700), using: &rng)
            var reachable = Set<Int>()
            for mask in 0..<(1 << n) {
                let s = (0..<n).reduce(0) { mask >> $1 & 1 == 1 ? $0 + weights[$1] : $0 }
                if s <= capacity { reachable.insert(s) }
            }
            sums.run(weights, capacity: capacity)
            for s in 0...capacity {
                #expect(sums.reachable(s) == reachable.contains(s), "trial \(trial), sum \(s)")
                if reachable.contains(s) {
                    let subset = sums.subset(summingTo: s)
                    #expect(Set(subset).count == subset.count)
                    #expect(subset.reduce(0) { $0 + weights[$1] } == s)
                }
            }
            #expect(sums.largest(atMost: capacity) == reachable.max())
        }
    }

    /// The LP bound never exceeds the optimum (exhaustive search on small instances), never
    /// falls below the volume bound, and is deterministic without a deadline.
    @Test func lpBoundIsValid() throws {
        for seed in 0..<40 {
            let p = Oracle.instance(n: 9, d: 1, maxSize: 70, seed: UInt64(seed) + 77)
            let lp = try #require(LPBound.solve(p, deadline: nil))
            #expect(lp.bins <= Oracle.optimum(p), "seed \(seed)")
            #expect(lp.bins >= LowerBounds.volume(p), "seed \(seed)")
            #expect(LPBound.solve(p, deadline: nil)?.bins == lp.bins)
        }
    }

    /// On a coarser instance (weights and capacity divided, rounded down) the bound still never
    /// exceeds the optimum, and stays close: within one bin of the exact LP bound here.
    @Test func coarseLPBoundIsValid() throws {
        var rng = SeededGenerator(seed: 8)
        for trial in 0..<30 {
            let weights = (0..<9).map { _ in Double(Int.random(in: 150_000...600_000, using: &rng)) }
            let p = PackingProblem(capacity: [1_000_000], sizes: weights)
            let coarse = try #require(LPBound.solve(p, deadline: nil, knapsackCellLimit: 20_000))
            let fine = try #require(LPBound.solve(p, deadline: nil, knapsackCellLimit: 100_000_000))
            #expect(coarse.patterns.isEmpty && !fine.patterns.isEmpty)
            #expect(coarse.bins <= Oracle.optimum(p) && fine.bins <= Oracle.optimum(p), "trial \(trial)")
            #expect(coarse.bins >= fine.bins - 1, "trial \(trial)")
        }
    }

    /// Three items of 5 in bins of 10: the LP is 1.5 bins (two per pattern), the bound 2; five
    /// items of 6 and five of 4 fill five bins exactly, and the LP proves 5.
    @Test func lpBoundByHand() throws {
        let halves = PackingProblem(capacity: [10], items: [[5], [5], [5]])
        #expect(try #require(LPBound.solve(halves, deadline: nil)).bins == 2)
        let pairs = PackingProblem(capacity: [10], items: [[6], [6], [6], [6], [6], [4], [4], [4], [4], [4]])
        #expect(try #require(LPBound.solve(pairs, deadline: nil)).bins == 5)
        // Four items of 60 and six of 45 in bins of 100: no two of them fit beside a 60, two 45s
        // share a bin: 4 + 3 = 7 bins, where the volume bound says 6.
        let mixed = PackingProblem(capacity: [100], items: [[60], [60], [60], [60], [45], [45], [45], [45], [45], [45]])
        let lp = try #require(LPBound.solve(mixed, deadline: nil))
        #expect(lp.bins == 7 && Oracle.optimum(mixed) == 7 && LowerBounds.volume(mixed) == 6)
        #expect(LPBound.solve(PackingProblem(capacity: [10.5], items: [[1]]), deadline: nil) == nil)
    }

    /// The residual rounding of the LP packs every item once, within capacity.
    @Test func lpRoundingIsAPacking() throws {
        for seed in 0..<20 {
            let p = Oracle.instance(n: 80, d: 1, maxSize: 60, seed: UInt64(seed) + 300)
            let lp = try #require(LPBound.solve(p, deadline: nil))
            let weights = p.sizes.map { Int($0) }
            let packing = LPBound.roundedPacking(lp, weights: weights, capacity: 100)
            #expect(packing.violations(of: p).isEmpty, "seed \(seed)")
            #expect(packing.assignment.allSatisfy { $0 >= 0 })
            #expect(packing.binCount >= lp.bins)
        }
    }

    /// Issue 35: minimum bin slack hands the subset-sum only ⌊room / w⌋ items of each weight w;
    /// the packing is the one every remaining item gives (the textbook pass, written here), and
    /// a passed deadline gives none.
    @Test func minimumBinSlackWithFewerCandidatesPacksAlike() throws {
        func textbook(_ weights: [Int], _ capacity: Int) -> [Int32] {
            var left = (0..<weights.count).sorted { (weights[$0], $1) > (weights[$1], $0) }
            var out = [Int32](repeating: -1, count: weights.count)
            var subsets = SubsetSum()
            var bin: Int32 = 0
            while let largest = left.first {
                out[largest] = bin
                let others = Array(left.dropFirst()), room = capacity - weights[largest]
                var chosen = Set<Int>()
                if room > 0, !others.isEmpty {
                    subsets.run(others.map { weights[$0] }, capacity: room)
                    chosen = Set(subsets.subset(summingTo: subsets.largest(atMost: room)))
                }
                for k in chosen { out[others[k]] = bin }
                left = others.enumerated().filter { !chosen.contains($0.offset) }.map(\.element)
                bin += 1
            }
            return out
        }
        var rng = SeededGenerator(seed: 352)
        for trial in 0..<40 {
            let n = 1 + Int(rng.next() % 400), low = [0, 1, 100, 250][trial % 4]
            let weights = (0..<n).map { _ in low + Int(rng.next() % UInt64(1_000 - low + 1)) / (trial % 3 == 0 ? 50 : 1) * (trial % 3 == 0 ? 50 : 1) }
            let fast = try #require(MinimumBinSlack.pack(weights: weights, capacity: 1_000))
            #expect(fast.assignment == textbook(weights, 1_000), "trial \(trial)")
        }
        #expect(MinimumBinSlack.pack(weights: [300, 300, 400], capacity: 1_000, deadline: 1) == nil)
    }

    /// Minimum bin slack packs every item within capacity; on items of about a third of a bin
    /// (Scholl's W1 class) it needs far fewer bins than first fit decreasing.
    @Test func minimumBinSlack() throws {
        var rng = SeededGenerator(seed: 5)
        let weights = (0..<300).map { _ in Int.random(in: 267...400, using: &rng) }
        let p = PackingProblem(capacity: [1000], sizes: weights.map(Double.init))
        let slack = try #require(MinimumBinSlack.pack(weights: weights, capacity: 1000))
        #expect(slack.violations(of: p).isEmpty)
        let ffd = try Packer.pack(p, heuristic: .firstFitDecreasing)
        #expect(slack.binCount < ffd.binCount)
        #expect(slack.binCount >= LowerBounds.best(p))
    }

    /// The search returns only feasible packings with fewer bins than it started from, never
    /// below the bound, and the same packing for the same seed and move limit.
    @Test func searchIsFeasibleAndDeterministic() throws {
        var improvedSome = false
        for seed in 0..<30 {
            let p = Oracle.instance(n: 120, d: 1, maxSize: 70, seed: UInt64(seed) + 1_000)
            let ffd = try Packer.pack(p, heuristic: .firstFitDecreasing)
            let weights = p.sizes.map { Int($0) }
            let bound = LowerBounds.best(p)
            var a = OneDimensionalSearch(weights: weights, capacity: 100, packing: ffd, seed: 9)
            var b = OneDimensionalSearch(weights: weights, capacity: 100, packing: ffd, seed: 9)
            let x = a.reduce(toward: bound, deadline: nil, moveLimit: 2_000)
            let y = b.reduce(toward: bound, deadline: nil, moveLimit: 2_000)
            #expect(x?.assignment == y?.assignment)
            if let x {
                #expect(x.violations(of: p).isEmpty)
                #expect(x.assignment.allSatisfy { $0 >= 0 })
                #expect(x.binCount < ffd.binCount && x.binCount >= bound)
                improvedSome = true
            }
        }
        #expect(improvedSome)
    }

    /// The best method on small whole-number instances: the optimum of exhaustive search, and a
    /// bound that never exceeds it.
    @Test func bestMethodReachesSmallOptima() throws {
        for seed in 0..<40 {
            let p = Oracle.instance(n: 10, d: 1, maxSize: 65, seed: UInt64(seed) + 4_000)
            let s = try PlacementEngine.solve(p, method: .best, timeLimit: 0, iterationLimit: 5_000, seed: 1)
            let optimum = Oracle.optimum(p)
            #expect(s.packing.violations(of: p).isEmpty)
            #expect(s.lowerBound <= optimum, "seed \(seed)")
            #expect(s.bins == optimum, "seed \(seed)")
        }
    }

    /// Bins of 1,000 split into three items each, shuffled: the triplet search packs them into
    /// exactly as many bins, each full with three items.
    @Test func perfectTriplesFindsSplitBins() throws {
        var rng = SeededGenerator(seed: 12)
        for trial in 0..<12 {
            let bins = 20 + 10 * trial
            var weights: [Int] = []
            for _ in 0..<bins {
                let a = Int.random(in: 380...490, using: &rng)
                let b = Int.random(in: 251...((1000 - a) / 2), using: &rng)
                weights += [a, b, 1000 - a - b]
            }
            weights.shuffle(using: &rng)
            let packing = try #require(PerfectTriples.search(weights: weights, capacity: 1000, deadline: nil, seed: 3),
                                       "trial \(trial)")
            #expect(packing.binCount == bins)
            var loads = [Int](repeating: 0, count: bins), counts = [Int](repeating: 0, count: bins)
            for (i, b) in packing.assignment.enumerated() { loads[Int(b)] += weights[i]; counts[Int(b)] += 1 }
            #expect(loads.allSatisfy { $0 == 1000 } && counts.allSatisfy { $0 == 3 })
        }
        #expect(!PerfectTriples.applies(weights: [500, 500, 1000], capacity: 1000))
    }
}
