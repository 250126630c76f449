import Testing
import TestSupport
@testable import Placement

/// The residual tree's first-fit query against brute force and against its recursive
/// definition, and the unconstrained vector first fit against the general one.
@Suite struct ResidualTreeTests {
    /// A tree over `bins` bins of capacity 1 in `d` dimensions with random residuals (some bins
    /// left full), and the residual values per bin as the tree holds them (the sum last when d > 1).
    func randomTree(bins: Int, d: Int, rng: inout SeededGenerator) -> (ResidualTree, [[Double]]) {
        let tree = ResidualTree(binLimit: bins, capacity: [Double](repeating: 1, count: d))
        let width = ResidualTree.queryWidth(d)
        var residuals: [[Double]] = []
        for b in 0..<bins {
            if rng.next() % 5 == 0 { residuals.append([Double](repeating: 1, count: d) + (d > 1 ? [Double(d)] : [])); continue }
            var r = (0..<d).map { _ in Double(rng.next() % 1_000) / 1_000 }
            if d > 1 { r.append(r.reduce(0, +)) }
            precondition(r.count == width)
            r.withUnsafeBufferPointer { tree.setResidual(b, $0.baseAddress!) }
            residuals.append(r)
        }
        return (tree, residuals)
    }

    /// A random query of `width` values (the item's sum last when d > 1).
    func randomQuery(d: Int, rng: inout SeededGenerator) -> [Double] {
        var q = (0..<d).map { _ in Double(rng.next() % 1_000) / 1_000 }
        if d > 1 { q.append(q.reduce(0, +)) }
        return q
    }

    /// The search's definition, recursively over the tree's own nodes: depth first, left before
    /// right, a node that covers the query costs one visit, nothing is visited once the budget is spent.
    func definition(_ tree: ResidualTree, _ q: [Double], node: Int, visits: inout Int) -> Int? {
        let w = tree.dimensions
        if visits <= 0 || (0..<w).contains(where: { tree.nodes[node * w + $0] < q[$0] }) { return nil }
        visits -= 1
        if node >= tree.leaves { return node - tree.leaves }
        return definition(tree, q, node: 2 * node, visits: &visits) ?? definition(tree, q, node: 2 * node + 1, visits: &visits)
    }

    @Test func unlimitedQueryFindsTheLeftmostCoveringBin() {
        var rng = SeededGenerator(seed: 16)
        for trial in 0..<300 {
            let d = 1 + trial % 5, bins = 1 + Int(rng.next() % 200)
            let (tree, residuals) = randomTree(bins: bins, d: d, rng: &rng)
            for _ in 0..<20 {
                let q = randomQuery(d: d, rng: &rng)
                let start = rng.next() % 3 == 0 ? Int(rng.next() % UInt64(bins)) : 0
                let expected = (start..<bins).first { b in zip(residuals[b], q).allSatisfy { $0 >= $1 } }
                let found = q.withUnsafeBufferPointer { tree.leftmostFit($0.baseAddress!, from: start) }
                // Leaves past the last bin hold the full capacity, so a query nothing fits may
                // still land there: only a bin inside the range must match brute force.
                #expect(found.flatMap { $0 < bins ? $0 : nil } == expected, "trial \(trial), d \(d), start \(start)")
            }
        }
    }

    @Test func budgetedQueryFollowsItsDefinition() {
        var rng = SeededGenerator(seed: 17)
        for trial in 0..<300 {
            let d = 2 + trial % 4, bins = 1 + Int(rng.next() % 300)
            let (tree, _) = randomTree(bins: bins, d: d, rng: &rng)
            for _ in 0..<20 {
                let q = randomQuery(d: d, rng: &rng)
                let budget = 1 + Int(rng.next() % 40)
                var visits = budget
                let expected = definition(tree, q, node: 1, visits: &visits)
                let found = q.withUnsafeBufferPointer { tree.leftmostFit($0.baseAddress!, from: 0, budget: budget) }
                #expect(found == expected, "trial \(trial), d \(d), budget \(budget)")
            }
        }
    }

    /// The unconstrained fast path and the general first fit (reached through an item limit no
    /// bin can reach) give the same packing, below and above the 8,192 open bins where the
    /// search budget starts.
    @Test func unconstrainedVectorFirstFitEqualsTheGeneralOne() throws {
        var rng = SeededGenerator(seed: 18)
        for (d, n, low) in [(2, 3_000, 0), (3, 2_000, 0), (4, 4_000, 0), (4, 12_000, 600), (5, 1_500, 0)] {
            let sizes = (0..<(n * d)).map { _ in Double(low + Int(rng.next() % UInt64(1_000 - low))) / 1_000 }
            let free = PackingProblem(name: "free", capacity: [Double](repeating: 1, count: d), sizes: sizes)
            var limited = free
            limited.constraints = PackingConstraints(maxItemsPerBin: n)
            for heuristic in [PackingHeuristic.firstFit, .firstFitDecreasing] {
                let fast = try Packer.pack(free, heuristic: heuristic)
                let general = try Packer.pack(limited, heuristic: heuristic)
                #expect(fast.assignment == general.assignment, "d \(d), n \(n), \(heuristic)")
                #expect(fast.binCount == general.binCount)
            }
            if low > 0 { #expect(try Packer.pack(free, heuristic: .firstFitDecreasing).binCount > 8_192) }
        }
    }
}

/// Issue 35: one-dimensional first fit decreasing places items of one size in runs, on a tree
/// sized by the any-fit bound; the packing must be the item-by-item one to the bit.
@Suite struct RunFirstFitTests {
    /// First fit decreasing item by item, the residuals by subtraction as the packer keeps them:
    /// the leftmost bin whose residual is at least the size less the tolerance. O(n · bins).
    static func itemByItem(_ p: PackingProblem) -> [Int32] {
        let cap = p.capacity[0], slack = cap * PackingProblem.tolerance + 1e-12
        let order = (0..<p.itemCount).sorted { (Float(p.sizes[$0] / cap), -$0) > (Float(p.sizes[$1] / cap), -$1) }
        var residual: [Double] = [], out = [Int32](repeating: -1, count: p.itemCount)
        for i in order {
            let s = p.sizes[i]
            let b = residual.firstIndex { $0 >= s - slack } ?? { residual.append(cap); return residual.count - 1 }()
            residual[b] -= s
            out[i] = Int32(b)
        }
        return out
    }

    @Test func runsPackAsItemByItemFirstFit() throws {
        var rng = SeededGenerator(seed: 35)
        // Whole sizes from narrow and wide ranges (many and few repeats), fractions k/7 of one
        // (inexact in binary), and sizes at exactly half and whole bins.
        for trial in 0..<60 {
            let n = 1 + Int(rng.next() % 2_500)
            let kind = trial % 4
            let sizes: [Double] = (0..<n).map { _ in
                switch kind {
                case 0: Double(20 + Int(rng.next() % 81))
                case 1: Double(1 + Int(rng.next() % 150))
                case 2: Double(1 + Int(rng.next() % 7)) / 7 * 150
                default: [75.0, 150, 50, 37.5][Int(rng.next() % 4)]
                }
            }
            let p = PackingProblem(name: "runs-\(trial)", capacity: [150], sizes: sizes)
            let fast = try Packer.pack(p, heuristic: .firstFitDecreasing)
            let reference = Self.itemByItem(p)
            #expect(fast.assignment == reference, "trial \(trial), kind \(kind), n \(n)")
            #expect(fast.binCount == Int(reference.max() ?? -1) + 1)
            #expect(fast.violations(of: p).isEmpty)
        }
    }
}

/// Issue 35: the balanced pass takes bins off a heap in (peak, index) order, the order its
/// sorted array kept; pushes and pops in any order keep it.
@Suite struct PeakHeapTests {
    @Test func popsInPeakThenIndexOrder() {
        var rng = SeededGenerator(seed: 353)
        for trial in 0..<50 {
            let n = 1 + Int(rng.next() % 300)
            var peaks = (0..<n).map { _ in Double(rng.next() % 20) / 4 }
            var heap = PeakHeap(peaks: peaks)
            // Raise some peaks the way placements do: pop a few, push them back higher.
            for _ in 0..<Int(rng.next() % 50) {
                var popped: [PeakHeap.Entry] = []
                for _ in 0..<min(3, n) { popped.append(heap.popFirst()) }
                for e in popped {
                    let raised = e.peak + Double(rng.next() % 3) / 4
                    peaks[e.bin] = raised
                    heap.push(PeakHeap.Entry(peak: raised, bin: e.bin))
                }
            }
            let expected = (0..<n).sorted { (peaks[$0], $0) < (peaks[$1], $1) }
            var order: [Int] = []
            while heap.first != nil { order.append(heap.popFirst().bin) }
            #expect(order == expected, "trial \(trial)")
        }
    }
}
