import Testing
import TestSupport
@testable import Placement

@Suite struct ImprovementTests {
    /// The improvement stage only ever returns feasible packings with fewer bins, and with an
    /// iteration limit and a seed it is deterministic.
    @Test func improvementIsFeasibleAndDeterministic() throws {
        var improvedSome = false
        for seed in 0..<40 {
            let p = Oracle.instance(n: 60, d: 1 + seed % 3, maxSize: 50, seed: UInt64(seed) + 9_000)
            let ffd = try Packer.pack(p, heuristic: .firstFitDecreasing)
            let bound = LowerBounds.best(p)
            var a = BinReduction(p, packing: ffd, seed: 7)
            var b = BinReduction(p, packing: ffd, seed: 7)
            let x = a.reduce(toward: bound, deadline: nil, iterationLimit: 3_000)
            let y = b.reduce(toward: bound, deadline: nil, iterationLimit: 3_000)
            #expect(x?.assignment == y?.assignment)
            if let x {
                #expect(x.violations(of: p).isEmpty)
                #expect(x.binCount < ffd.binCount && x.binCount >= bound)
                improvedSome = true
            }
        }
        #expect(improvedSome)
    }

    /// With redundancy groups (every bin its own domain) and pins, improved packings keep them.
    @Test func improvementKeepsGroupsAndPins() throws {
        for seed in 0..<20 {
            var p = Oracle.instance(n: 50, d: 2, maxSize: 45, seed: UInt64(seed) + 500)
            var groups = [Int32](repeating: -1, count: p.itemCount)
            for i in stride(from: 0, to: 40, by: 4) { groups[i] = Int32(i); groups[i + 1] = Int32(i) }
            var pinned = [Int32](repeating: -1, count: p.itemCount)
            pinned[49] = 0
            p.constraints = PackingConstraints(groups: groups, pinned: pinned)
            let solution = try PlacementEngine.solve(p, method: .best, timeLimit: 0, iterationLimit: 2_000, seed: 3)
            #expect(solution.packing.violations(of: p).isEmpty, "seed \(seed)")
        }
    }

    /// Instances built by splitting bins into three items in every dimension: the exact-fill
    /// cover finds a packing with one bin per split bin (the optimum), however shuffled.
    @Test func exactFillCoverFindsSplitBins() {
        var rng = SeededGenerator(seed: 44)
        for trial in 0..<30 {
            let d = 3 + trial % 8, bins = 10 + trial * 3
            var items: [[Double]] = []
            for _ in 0..<bins {
                var a: [Double] = [], b: [Double] = [], c: [Double] = []
                for _ in 0..<d {
                    let x = Double(Int.random(in: 1...60, using: &rng))
                    let y = Double(Int.random(in: 1...Int(99 - x), using: &rng))
                    a.append(x); b.append(y); c.append(100 - x - y)
                }
                items += [a, b, c]
            }
            items.shuffle(using: &rng)
            let p = PackingProblem(capacity: [Double](repeating: 100, count: d), items: items)
            guard let packing = ExactFillCover.search(p) else { Issue.record("trial \(trial): no cover"); continue }
            #expect(packing.binCount == bins)
            let loads = packing.loads(p)
            #expect(loads.allSatisfy { $0 == 100 })
            #expect(packing.violations(of: p).isEmpty)
            #expect(LowerBounds.volume(p) == bins)
        }
        // Totals that are not whole bins: no search at all.
        #expect(ExactFillCover.search(PackingProblem(capacity: [10], items: [[3], [3], [3]])) == nil)
    }

    /// Unit propagation against exhaustive enumeration: on small random set systems (some with a
    /// planted exact cover), every set used by some exact cover survives; and a hand-made chain
    /// of forced sets is followed to its end.
    @Test func unitPropagationKeepsEveryExactCover() {
        var rng = SeededGenerator(seed: 77)
        var coverable = 0
        for trial in 0..<300 {
            let n = 6 + 3 * Int(rng.next() % 3)
            var sets: [[Int32]] = []
            if trial % 2 == 0 {
                let order = (0..<n).map(Int32.init).shuffled(using: &rng)
                for b in stride(from: 0, to: n, by: 3) { sets.append(Array(order[b..<b + 3])) }
            }
            for _ in 0..<(4 + Int(rng.next() % 10)) {
                let size = 2 + Int(rng.next() % 2)
                sets.append(Array((0..<n).map(Int32.init).shuffled(using: &rng).prefix(size)))
            }
            let alive = CoverLocalSearch.unitPropagated(sets, items: n)
            let used = Self.setsInSomeExactCover(sets, items: n)
            if used.contains(true) { coverable += 1 }
            for t in sets.indices where used[t] {
                #expect(alive[t], "trial \(trial): set \(sets[t]) is in an exact cover but was removed")
            }
        }
        #expect(coverable >= 150)
        // Item 0 is only in {0,1,2}: {1,3} goes, so {3,4,5} is forced and {5,6} goes.
        let chain: [[Int32]] = [[0, 1, 2], [1, 3], [3, 4, 5], [5, 6], [6, 7, 8], [4, 7]]
        #expect(CoverLocalSearch.unitPropagated(chain, items: 9) == [true, false, true, false, true, false])
    }

    /// For each set, whether some exact cover of `n` items uses it (exhaustive; small n only).
    static func setsInSomeExactCover(_ sets: [[Int32]], items n: Int) -> [Bool] {
        var used = [Bool](repeating: false, count: sets.count)
        var owner = [Int](repeating: -1, count: n)
        var chosen: [Int] = []
        func extend() {
            guard let i = owner.firstIndex(of: -1) else { for t in chosen { used[t] = true }; return }
            for (t, set) in sets.enumerated() where set.contains(Int32(i)) && set.allSatisfy({ owner[Int($0)] < 0 }) {
                for j in set { owner[Int(j)] = t }
                chosen.append(t)
                extend()
                chosen.removeLast()
                for j in set { owner[Int(j)] = -1 }
            }
        }
        extend()
        return used
    }

    /// Falkenauer's one-dimensional triplets of 501 items (the first of a bin in [380, 490], the
    /// second in [251, (1000 − first)/2], the third the rest; tens of thousands of triples fill a
    /// bin): when the depth-first search gives up, the local search over covers finds a packing
    /// with every bin exactly full (before, one dimension had no local search after it).
    @Test func oneDimensionalTripletsAreCoveredByTheLocalSearch() throws {
        var rng = SeededGenerator(seed: 12)
        for trial in 0..<2 {
            var sizes: [Double] = []
            for _ in 0..<167 {
                let a = 380 + rng.below(111)
                let b = 251 + rng.below((1_000 - a) / 2 - 250)
                sizes += [Double(a), Double(b), Double(1_000 - a - b)]
            }
            sizes.shuffle(using: &rng)
            let p = PackingProblem(capacity: [1_000], sizes: sizes)
            let sets = try #require(ExactFillCover.candidateSets(p))
            #expect(sets.count > 20_000 && sets.count <= ExactFillCover.localSetLimit, "trial \(trial): \(sets.count) sets")
            let far = Clock.nanoseconds() + 60_000_000_000
            #expect(ExactFillCover.search(p, nodeLimit: 1_000, deadline: far) == nil, "trial \(trial): solved depth first")
            let packing = try #require(ExactFillCover.search(p, nodeLimit: 1_000, deadline: far, localDeadline: far, seed: 2))
            #expect(packing.binCount == 167 && packing.loads(p).allSatisfy { $0 == 1_000 })
        }
    }

    /// Falkenauer-style triplets in three dimensions (every item between a quarter and a half
    /// of the bin, so that many triples fill a bin by chance): the local search over partial
    /// covers finds an exact cover by disjoint candidate triples, and through the engine's entry
    /// (depth first with few nodes, then the local search) a packing with every bin exactly full.
    @Test func coverLocalSearchFindsFalkenauerStyleTriplets() throws {
        var rng = SeededGenerator(seed: 45)
        // 60 to 160 bins. (At 180 bins this seed's instance, about 7 candidate sets per item,
        // had no cover in 20 M moves, nor the depth-first search in 20 M nodes: with few
        // spurious sets there are few covers to find; see docs/packing-quality.md.)
        for trial in 0..<6 {
            let bins = 60 + 20 * trial
            let items = Oracle.splitBinTriplets(bins: bins, dimensions: 3, using: &rng)
            let p = PackingProblem(capacity: [100, 100, 100], items: items)
            let sets = try #require(ExactFillCover.candidateSets(p))
            #expect(sets.count > bins + bins / 4, "trial \(trial): spurious triples expected")
            var search = CoverLocalSearch(sets: sets, items: items.count, seed: UInt64(trial) + 1)
            let found = search.run(deadline: nil, moveLimit: 20_000_000)
            let chosen = try #require(found, "trial \(trial): no cover in \(search.move) moves")
            #expect(chosen.count == bins)
            var seen = [Int](repeating: 0, count: items.count)
            for t in chosen { for i in sets[Int(t)] { seen[Int(i)] += 1 } }
            #expect(seen.allSatisfy { $0 == 1 }, "trial \(trial): not an exact cover")

            // The best partial cover of a short run: its sets as full bins, the rest first fit.
            var short = CoverLocalSearch(sets: sets, items: items.count, seed: 9)
            _ = short.run(deadline: nil, moveLimit: 50)
            let partial = short.bestPartialCover
            let start = try #require(ExactFillCover.partialPacking(p, bins: partial.map { sets[Int($0)] }))
            #expect(start.violations(of: p).isEmpty && start.assignment.allSatisfy { $0 >= 0 })
            #expect(start.binCount >= bins)
            for (b, t) in partial.enumerated() {
                #expect(sets[Int(t)].allSatisfy { start.assignment[Int($0)] == Int32(b) })
            }

            let far = Clock.nanoseconds() + 60_000_000_000
            let packing = try #require(ExactFillCover.search(p, deadline: far, localDeadline: far, seed: 3))
            #expect(packing.binCount == bins && packing.violations(of: p).isEmpty)
            #expect(packing.loads(p).allSatisfy { $0 == 100 })
        }
    }

    @Test func reserveSurvivesEveryBinLoss() throws {
        for seed in 0..<25 {
            let p = Oracle.instance(n: 12, d: 2, maxSize: 40, seed: UInt64(seed) + 300)
            let base = try Packer.pack(p, heuristic: .firstFitDecreasing)
            guard let (packing, report) = ReservePacking.withReserve(p, packing: base, failures: 1) else {
                Issue.record("seed \(seed): no reserve layout"); continue
            }
            #expect(report.ok && report.exhaustive)
            #expect(packing.violations(of: p).isEmpty)
            // Independent check: for each lost bin, an exhaustive search finds homes for its items.
            let loads = packing.loads(p)
            for lost in 0..<packing.binCount {
                let displaced = (0..<p.itemCount).filter { packing.assignment[$0] == Int32(lost) }
                var free = (0..<packing.binCount).map { b in (0..<2).map { p.capacity[$0] - loads[b * 2 + $0] } }
                func place(_ k: Int) -> Bool {
                    if k == displaced.count { return true }
                    let i = displaced[k]
                    for b in 0..<packing.binCount where b != lost && free[b][0] >= p.size(i, 0) && free[b][1] >= p.size(i, 1) {
                        free[b][0] -= p.size(i, 0); free[b][1] -= p.size(i, 1)
                        if place(k + 1) { return true }
                        free[b][0] += p.size(i, 0); free[b][1] += p.size(i, 1)
                    }
                    return false
                }
                #expect(place(0), "seed \(seed): losing bin \(lost) strands items")
            }
        }
    }

    @Test func cheapestHostMixBeatsEveryHostAlone() {
        // Items 7, 3, 3, 3. Large hosts (10, ¥10) alone: 2 × 10 = 20. Small hosts (3, ¥2) cannot
        // hold the 7. A mix is cheaper.
        let types = [HeterogeneousPacking.BinType(name: "large", capacity: [10], price: 10),
                     HeterogeneousPacking.BinType(name: "small", capacity: [3], price: 2)]
        let sizes: [Double] = [7, 3, 3, 3]
        let s = HeterogeneousPacking.pack(sizes: sizes, dimensions: 1, types: types, timeLimit: 0.1)!
        #expect(HeterogeneousPacking.violations(s, sizes: sizes, dimensions: 1, types: types).isEmpty)
        #expect(s.cost < 20)
        #expect(s.method == "mix")
        // When one type dominates, it wins alone.
        let cheapLarge = [HeterogeneousPacking.BinType(name: "large", capacity: [10], price: 1), types[1]]
        let t = HeterogeneousPacking.pack(sizes: sizes, dimensions: 1, types: cheapLarge, timeLimit: 0.1)!
        #expect(t.cost == 2 && t.binTypes == [0, 0])
    }

    /// The direct drops (`dropDirectly`: the lightest bin emptied straight into the others, by
    /// trees) remove the same bins as the search's own steps: on 120 seeded instances with groups
    /// and item limits, started from a packing with a bin for every few items, the result with
    /// and without them is the same item by item (no time limit, an iteration limit).
    @Test func directDropsRemoveTheSameBinsAsTheSearch() throws {
        for seed in 0..<120 {
            var p = Oracle.instance(n: 40 + seed % 80, d: 1 + seed % 3, maxSize: 40, seed: UInt64(seed) + 31_000)
            var rng = SeededGenerator(seed: UInt64(seed) + 32_000)
            if seed % 2 == 0 {
                p.constraints = PackingConstraints(groups: (0..<p.itemCount).map { _ in
                    rng.below(3) == 0 ? Int32(rng.below(5)) : -1
                }, maxItemsPerBin: seed % 4 == 0 ? 5 : .max)
            }
            // A loose start: first fit with at most three items a bin.
            var loose = p
            loose.constraints.maxItemsPerBin = Swift.min(3, p.constraints.maxItemsPerBin)
            let start = try Packer.pack(loose, heuristic: .firstFit)
            let bound = LowerBounds.best(p)
            var direct = BinReduction(p, packing: start, seed: 5)
            var plain = BinReduction(p, packing: start, seed: 5)
            let x = direct.reduce(toward: bound, deadline: nil, iterationLimit: 2_000)
            let y = plain.reduce(toward: bound, deadline: nil, iterationLimit: 2_000, direct: false)
            #expect(x?.assignment == y?.assignment && x?.binCount == y?.binCount, "seed \(seed)")
            if let x { #expect(x.violations(of: p).isEmpty && x.binCount < start.binCount, "seed \(seed)") }
        }
    }
}
