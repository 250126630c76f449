import Testing
import TestSupport
@testable import Placement

/// The two-bin split of the bin-removing search's refill against brute force, and the refill's bookkeeping.
@Suite struct RefillTests {
    /// The largest cost of two disjoint subsets of `items` that each fit a bin, by trying every
    /// assignment of each item to bin 0, bin 1 or neither.
    func bruteForceSplit(_ search: BinReduction, _ items: [Int32]) -> Double {
        let p = search.problem, d = p.dimensions
        var best = 0.0
        var code = 1
        for _ in 0..<items.count { code *= 3 }
        for assignment in 0..<code {
            var loads = [Double](repeating: 0, count: 2 * d)
            var value = 0.0, rest = assignment
            for i in items {
                let side = rest % 3
                rest /= 3
                guard side < 2 else { continue }
                for k in 0..<d { loads[side * d + k] += p.size(Int(i), k) }
                value += search.cost[Int(i)]
            }
            if (0..<(2 * d)).allSatisfy({ loads[$0] <= search.limit[$0 % d] }) { best = Swift.max(best, value) }
        }
        return best
    }

    @Test func bestSplitIsTheBestOfEveryAssignment() throws {
        for seed in 0..<60 {
            let p = Oracle.instance(n: 8, d: 1 + seed % 3, maxSize: 70, seed: UInt64(seed) + 31_000)
            let search = BinReduction(p, packing: try Packer.pack(p, heuristic: .firstFitDecreasing), seed: 1)
            let cost = search.cost
            let items: [Int32] = (0..<Int32(p.itemCount)).sorted { (a: Int32, b: Int32) -> Bool in
                let (x, y) = (cost[Int(a)], cost[Int(b)])
                return x > y || (x == y && a < b)
            }
            let expected = bruteForceSplit(search, items)
            var split = TwoBinSplit()
            let solve = { (split: inout TwoBinSplit, floor: Double) in
                split.solve(items, cost: cost, sizes: p.sizes, limit: search.limit, maxItems: .max, above: floor)
            }
            #expect(solve(&split, -1))
            let side = split.side
            var loads = [Double](repeating: 0, count: 2 * p.dimensions)
            var value = 0.0
            for (x, i) in items.enumerated() where side[x] >= 0 {
                for k in 0..<p.dimensions { loads[side[x] * p.dimensions + k] += p.size(Int(i), k) }
                value += search.cost[Int(i)]
            }
            #expect(abs(value - expected) < 1e-9, "seed \(seed): \(value) vs \(expected)")
            #expect((0..<(2 * p.dimensions)).allSatisfy { loads[$0] <= search.limit[$0 % p.dimensions] })
            // Nothing above the optimum: the floor is respected.
            #expect(!solve(&split, expected + 1e-6))
        }
    }

    /// After a bin is taken away, refill sweeps only ever lower the unplaced cost, and the
    /// partial packing stays feasible, with loads and item lists that agree.
    @Test func sweepsKeepThePartialPackingConsistent() throws {
        var lowered = false
        for seed in 0..<30 {
            let p = Oracle.instance(n: 40, d: 2, maxSize: 60, seed: UInt64(seed) + 32_000)
            let ffd = try Packer.pack(p, heuristic: .firstFitDecreasing)
            var search = BinReduction(p, packing: ffd, seed: UInt64(seed))
            guard ffd.binCount > 2, search.shrink(to: ffd.binCount - 1) else { continue }
            var before = search.unplaced.reduce(0.0) { $0 + search.cost[Int($1)] }
            for _ in 0..<3 {
                let improved = search.refillSweep()
                let after = search.unplaced.reduce(0.0) { $0 + search.cost[Int($1)] }
                #expect(improved ? after < before - 1e-9 : abs(after - before) < 1e-9, "seed \(seed)")
                if improved { lowered = true }
                before = after
            }
            var seen = Set(search.unplaced)
            for (b, items) in search.binItems.enumerated() {
                for k in 0..<p.dimensions {
                    let load = items.reduce(0.0) { $0 + p.size(Int($1), k) }
                    #expect(abs(load - search.loads[b * p.dimensions + k]) < 1e-9)
                    #expect(load <= search.limit[k])
                }
                for i in items {
                    #expect(search.binOf[Int(i)] == Int32(b))
                    #expect(seen.insert(i).inserted, "item \(i) twice")
                }
            }
            #expect(seen.count == p.itemCount)
        }
        #expect(lowered)
    }
}
