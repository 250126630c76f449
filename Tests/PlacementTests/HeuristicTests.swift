import Testing
import TestSupport
@testable import Placement

@Suite struct HeuristicTests {
    /// The tree-based first fit makes exactly the choices of the textbook scan, in 1 to 4
    /// dimensions, over 400 seeded instances.
    @Test func treeFirstFitEqualsNaiveFirstFit() {
        for seed in 0..<400 {
            let d = 1 + seed % 4
            let p = Oracle.instance(n: 5 + seed % 120, d: d, seed: UInt64(seed))
            let order = SortKey.sum.decreasingOrder(p)
            let fast = try! Packer.firstFit(p, order: order)
            let naive = Oracle.naiveFirstFit(p, order: order.map(Int.init))
            #expect(fast.assignment == naive, "seed \(seed)")
        }
    }

    /// Every heuristic gives a feasible packing, never fewer bins than the lower bound, on
    /// random instances with redundancy groups, pins and item limits.
    @Test(arguments: PackingHeuristic.allCases)
    func heuristicsAreFeasible(_ h: PackingHeuristic) throws {
        for seed in 0..<60 {
            var rng = SeededGenerator(seed: UInt64(seed) &* 7919)
            let d = 1 + seed % 4
            var p = Oracle.instance(n: 10 + seed, d: d, maxSize: 45, seed: UInt64(seed) + 1_000)
            let n = p.itemCount
            var groups = [Int32](repeating: -1, count: n)
            for i in stride(from: 0, to: n - 1, by: 5) { groups[i] = Int32(i); groups[i + 1] = Int32(i) }
            var pinned = [Int32](repeating: -1, count: n)
            if seed % 3 == 0 { pinned[n - 1] = 2 }
            p.constraints = PackingConstraints(groups: groups, domainCount: seed % 2 == 0 ? 0 : 3, pinned: pinned,
                                               maxItemsPerBin: seed % 5 == 0 ? 3 : .max)
            _ = rng.next()
            let packing = try Packer.pack(p, heuristic: h, sortKey: SortKey.allCases[seed % 3])
            #expect(packing.violations(of: p).isEmpty, "\(h) seed \(seed): \(packing.violations(of: p).prefix(3))")
            #expect(packing.binCount >= LowerBounds.best(p))
        }
    }

    /// On small instances: lower bounds ≤ optimum ≤ every heuristic, and FFD in one dimension
    /// stays within its classic guarantee FFD ≤ 11/9 · OPT + 6/9.
    @Test func boundsAndHeuristicsBracketTheOptimum() throws {
        for seed in 0..<150 {
            let d = 1 + seed % 3
            let p = Oracle.instance(n: 4 + seed % 6, d: d, maxSize: 70, seed: UInt64(seed) + 77)
            let opt = Oracle.optimum(p)
            #expect(LowerBounds.volume(p) <= opt)
            #expect(LowerBounds.martelloToth(p) <= opt)
            #expect(LowerBounds.conflictClique(p) <= opt)
            for h in PackingHeuristic.allCases {
                #expect(try Packer.pack(p, heuristic: h).binCount >= opt)
            }
            if d == 1 {
                let ffd = try Packer.pack(p, heuristic: .firstFitDecreasing).binCount
                #expect(Double(ffd) <= 11.0 / 9.0 * Double(opt) + 6.0 / 9.0)
            }
        }
    }

    /// Issue 35: the L2 bound sorts each dimension by the sizes' bit patterns (radix); the
    /// order is the comparison sort's, −0, subnormals and repeats included.
    @Test func radixSortedSizesAreTheComparisonSort() {
        var rng = SeededGenerator(seed: 351)
        for trial in 0..<40 {
            let n = 1 + Int(rng.next() % 3_000), d = 1 + trial % 3
            let special: [Double] = [-0.0, 0, 5e-324, 1e-310, 1, 1, 0.5]
            let sizes = (0..<(n * d)).map { _ in rng.next() % 5 == 0 ? special[Int(rng.next() % 7)] : Double(rng.next() % 1_000_000) / 997 }
            let p = PackingProblem(name: "sort-\(trial)", capacity: [Double](repeating: 2_000, count: d), sizes: sizes)
            for k in 0..<d {
                let expected = (0..<n).map { p.size($0, k) }.sorted()
                #expect(LowerBounds.sortedSizes(p, dimension: k) == expected, "trial \(trial), dimension \(k)")
            }
        }
    }

    @Test func martelloTothBeatsVolumeOnItsTextbookCase() {
        // Six items of 60 in bins of 100: volume says 4, but no two fit together: 6.
        let p = PackingProblem(capacity: [100], items: [[60], [60], [60], [60], [60], [60]])
        #expect(LowerBounds.volume(p) == 4)
        #expect(LowerBounds.martelloToth(p) == 6)
        #expect(LowerBounds.conflictClique(p) == 6)
    }

    @Test func impossibleProblemsAreRefused() {
        let big = PackingProblem(capacity: [10, 10], items: [[5, 5], [11, 1]])
        #expect(throws: PackingError.itemTooLarge(item: 1)) { try Packer.pack(big, heuristic: .firstFitDecreasing) }
        var grouped = PackingProblem(capacity: [10], items: [[1], [1], [1]])
        grouped.constraints = PackingConstraints(groups: [0, 0, 0], domainCount: 2)
        #expect(throws: PackingError.groupTooLarge(group: 0, members: 3, domains: 2)) {
            try Packer.pack(grouped, heuristic: .bestFitDecreasing)
        }
    }

    @Test func fixedBinsSpreadLoadAndRespectCapacity() {
        for seed in 0..<50 {
            let p = Oracle.instance(n: 40, d: 2, maxSize: 30, seed: UInt64(seed) + 500)
            let minimal = try! Packer.pack(p, heuristic: .firstFitDecreasing).binCount
            guard let spread = FixedBinPacking.balanced(p, bins: minimal + 3) else {
                Issue.record("no layout in \(minimal + 3) bins"); continue
            }
            #expect(spread.binCount == minimal + 3)
            #expect(spread.violations(of: p).isEmpty)
            #expect(spread.nonEmptyBinCount == minimal + 3, "balanced layouts use every bin")
        }
        let tight = PackingProblem(capacity: [10], items: [[6], [6], [6]])
        #expect(FixedBinPacking.balanced(tight, bins: 2) == nil)
    }

    @Test func failoverStrandsExactlyWhatCannotFit() {
        // Bins of 10: [6, 3], [5], [7]. Losing bin 0: the 6 fits nowhere (free: 5 and 3),
        // the 3 goes to the bin with the most room (bin 1).
        let p = PackingProblem(capacity: [10], items: [[6], [3], [5], [7]])
        let packing = Packing(assignment: [0, 0, 1, 2], binCount: 3)
        let f = FailoverPlacement(p, packing: packing)
        let outcome = f.replace(failedBins: [0], order: { $0 < $1 })
        #expect(outcome.stranded == [0])
        #expect(outcome.restarted == [1] && outcome.newBins == [1])
        // Losing bin 2: the 7 fits nowhere either (free: 1 and 5).
        #expect(f.replace(failedBins: [2], order: { $0 < $1 }).stranded == [3])
        // Losing bin 1: the 5 fits nowhere (free: 1 and 3); losing bins 1 and 2 strands both.
        #expect(f.replace(failedBins: [1], order: { $0 < $1 }).stranded == [2])
        #expect(f.replace(failedBins: [1, 2], order: { $0 < $1 }).stranded == [2, 3])
    }

    /// More than 8,192 items but few open bins: first fit stays exact (the search budget once
    /// applied to every instance of more than 8,192 items, and FFD of 20,000 VMs took 14,528
    /// hosts where 3,185 do).
    @Test func firstFitIsExactWhileFewBinsAreOpen() throws {
        let p = Oracle.instance(n: 8_500, d: 2, maxSize: 20, seed: 8_500)
        let order = SortKey.sum.decreasingOrder(p)
        let fast = try Packer.firstFit(p, order: order)
        let naive = Oracle.naiveFirstFit(p, order: order.map(Int.init))
        #expect(zip(fast.assignment, naive).filter { $0 != $1 }.count == 0, "items placed elsewhere than by the scan")
    }

    /// First fit with redundancy groups (the tree plus the per-group skips) makes the choices
    /// of the textbook scan, over 300 seeded instances with groups of 1 to 40 members.
    @Test func groupFirstFitEqualsNaiveScan() throws {
        for seed in 0..<300 {
            var p = Oracle.instance(n: 20 + seed % 150, d: 1 + seed % 3, maxSize: 30, seed: UInt64(seed))
            var rng = SeededGenerator(seed: UInt64(seed) + 7_000)
            let groupCount = 1 + seed % 8
            p.constraints = PackingConstraints(groups: (0..<p.itemCount).map { _ in
                Int.random(in: 0..<3, using: &rng) == 0 ? -1 : Int32.random(in: 0..<Int32(groupCount), using: &rng)
            })
            let order = SortKey.sum.decreasingOrder(p)
            let fast = try Packer.firstFit(p, order: order)
            #expect(fast.assignment == Oracle.naiveGroupFirstFit(p, order: order.map(Int.init)), "seed \(seed)")
        }
    }

    /// Failover re-placement (tree over the bins by room, scan of the bins the case touched)
    /// makes the choices of the plain scan over every surviving bin: 300 seeded layouts with
    /// groups, item limits and spare bins, one to three bins failing; also on one scratch
    /// reused for every case, which ends as it began (loads bit for bit).
    @Test func failoverEqualsNaiveScan() throws {
        for seed in 0..<300 {
            var p = Oracle.instance(n: 10 + seed % 60, d: 1 + seed % 3, maxSize: 40, seed: UInt64(seed) + 100)
            var rng = SeededGenerator(seed: UInt64(seed) + 9_000)
            p.constraints = PackingConstraints(groups: (0..<p.itemCount).map { _ in
                Int.random(in: 0..<2, using: &rng) == 0 ? -1 : Int32.random(in: 0..<6, using: &rng)
            }, maxItemsPerBin: seed % 3 == 0 ? 4 : .max)
            var packing = try Packer.pack(p, heuristic: .firstFitDecreasing)
            packing.binCount += seed % 4
            let f = FailoverPlacement(p, packing: packing)
            // One scratch for every case, as a coverage run uses it: each case must leave it as
            // it found it.
            var scratch = f.scratch()
            for _ in 0..<5 {
                let failed = Set((0..<(1 + seed % 3)).map { _ in Int.random(in: 0..<packing.binCount, using: &rng) })
                let fast = f.replace(failedBins: failed.sorted(), order: { $0 < $1 })
                let reused = f.replace(failedBins: failed.sorted(), order: { $0 < $1 }, scratch: &scratch)
                let naive = Oracle.naiveFailover(p, packing, failed: failed)
                #expect(fast.stranded == naive.stranded && fast.restarted == naive.restarted && fast.newBins == naive.bins,
                        "seed \(seed), failed \(failed.sorted())")
                #expect(reused == fast, "seed \(seed), failed \(failed.sorted()), scratch reused")
            }
            #expect(scratch.state.loads == f.base.loads && scratch.state.assignment == f.base.assignment
                    && scratch.state.counts == f.base.counts, "seed \(seed): the scratch was not put back")
        }
    }

    /// One anti-affinity group of 5,000 VMs among 10,000 paired ones: the group needs 5,000
    /// hosts (the bound says so), and the pairs fit beside it (first fit used to try every host
    /// the group held, for every member: cubic).
    @Test func largeGroupPacksOnItsBound() throws {
        var sizes: [Double] = [], groups: [Int32] = []
        for _ in 0..<5_000 { sizes += [2, 4]; groups.append(0) }
        for i in 0..<10_000 { sizes += [3, 6]; groups.append(Int32(1 + i / 2)) }
        var p = PackingProblem(capacity: [24, 192], sizes: sizes)
        p.constraints = PackingConstraints(groups: groups)
        #expect(LowerBounds.largestGroup(p) == 5_000)
        let solution = try PlacementEngine.solve(p, method: .best, timeLimit: 30)
        #expect(solution.lowerBound == 5_000)
        #expect(solution.bins == 5_000)
        #expect(solution.packing.violations(of: p).isEmpty)
    }

    /// Failure cases are counted exactly past `Int`: C(3153, 16) and C(67, 33) against their
    /// values (Python's math.comb), C(66, 33) still an `Int`, and Pascal's rule below that.
    @Test func caseCountsAreExact() {
        #expect(CaseCount.binomial(3153, 16).description == "4389428474025550831223039260593270208363005")
        #expect(CaseCount.binomial(3153, 16).intValue == nil)
        #expect(CaseCount.binomial(67, 33).description == "14226520737620288370")
        #expect(CaseCount.binomial(66, 33).intValue == 7_219_428_434_016_265_740)
        #expect(CaseCount.binomial(100, 16).intValue == 1_345_860_629_046_814_650)
        #expect(CaseCount.binomial(5, 7) == CaseCount(0) && CaseCount(0).description == "0")
        var row = [1]
        for n in 1...60 {
            row = (0...n).map { k in (k > 0 ? row[k - 1] : 0) + (k < n ? row[k] : 0) }
            for k in 0...n { #expect(CaseCount.binomial(n, k).intValue == row[k], "C(\(n), \(k))") }
        }
        #expect(CaseCount(3_000) < CaseCount.binomial(3153, 16) && !(CaseCount(21) < CaseCount(21)))
    }

    @Test func violationsAreFound() {
        var p = PackingProblem(capacity: [10], items: [[6], [6], [1]])
        p.constraints = PackingConstraints(groups: [-1, 0, 0], pinned: [1, -1, -1], maxItemsPerBin: 1)
        let bad = Packing(assignment: [0, 0, 0], binCount: 1)
        let v = bad.violations(of: p)
        #expect(v.contains(.overCapacity(bin: 0, dimension: 0, load: 13, capacity: 10)))
        #expect(v.contains(.sharedDomain(group: 0, domain: 0, items: [1, 2])))
        #expect(v.contains(.notOnPinnedBin(item: 0, bin: 0, pinned: 1)))
        #expect(v.contains(.tooManyItems(bin: 0, count: 3, limit: 1)))
    }
}
