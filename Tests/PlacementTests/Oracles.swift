@testable import Placement
import TestSupport

/// Deterministic inputs and brute-force answers for the placement tests.

enum Oracle {
    /// A random instance: n items, d dimensions, integer sizes in 1...maxSize, capacity 100.
    static func instance(n: Int, d: Int, maxSize: Int = 60, seed: UInt64) -> PackingProblem {
        var rng = SeededGenerator(seed: seed)
        var sizes: [Double] = []
        for _ in 0..<(n * d) { sizes.append(Double(Int.random(in: 1...maxSize, using: &rng))) }
        return PackingProblem(capacity: [Double](repeating: 100, count: d), sizes: sizes)
    }

    /// Falkenauer-style split bins in `dimensions` dimensions: each of `bins` bins of capacity
    /// 100 split into three items of 26-49 in every dimension (so no fourth fits), shuffled. The
    /// optimum is `bins`, every bin exactly full; other triples fit too (spurious ones).
    static func splitBinTriplets(bins: Int, dimensions: Int, using rng: inout SeededGenerator) -> [[Double]] {
        var items: [[Double]] = []
        for _ in 0..<bins {
            var a: [Double] = [], b: [Double] = [], c: [Double] = []
            for _ in 0..<dimensions {
                let x = Int.random(in: 26...49, using: &rng)
                let y = Int.random(in: Swift.max(26, 51 - x)...Swift.min(49, 75 - x), using: &rng)
                a.append(Double(x)); b.append(Double(y)); c.append(Double(100 - x - y))
            }
            items += [a, b, c]
        }
        items.shuffle(using: &rng)
        return items
    }

    /// The optimal number of bins by exhaustive search (items in order, each into an open bin
    /// or a new one; symmetric branches pruned). Small instances only.
    static func optimum(_ p: PackingProblem) -> Int {
        let n = p.itemCount, d = p.dimensions
        var best = n
        var loads: [[Double]] = []
        let groups = p.constraints.groups
        var binOf = [Int](repeating: -1, count: n)
        func search(_ i: Int) {
            if loads.count >= best { return }
            if i == n { best = loads.count; return }
            for b in 0..<loads.count {
                var fits = true
                for k in 0..<d where loads[b][k] + p.size(i, k) > p.capacity[k] { fits = false; break }
                if fits, !groups.isEmpty, groups[i] >= 0 {
                    for j in 0..<i where groups[j] == groups[i] && binOf[j] == b { fits = false }
                }
                if !fits { continue }
                for k in 0..<d { loads[b][k] += p.size(i, k) }
                binOf[i] = b
                search(i + 1)
                for k in 0..<d { loads[b][k] -= p.size(i, k) }
            }
            loads.append((0..<d).map { p.size(i, $0) })
            binOf[i] = loads.count - 1
            search(i + 1)
            loads.removeLast()
            binOf[i] = -1
        }
        search(0)
        return best
    }

    /// First fit by scanning every open bin: the textbook definition, O(n · bins · d).
    static func naiveFirstFit(_ p: PackingProblem, order: [Int]) -> [Int32] {
        let d = p.dimensions
        var loads: [[Double]] = []
        var out = [Int32](repeating: -1, count: p.itemCount)
        for i in order {
            var placed = false
            for b in 0..<loads.count {
                if (0..<d).allSatisfy({ loads[b][$0] + p.size(i, $0) <= p.capacity[$0] * (1 + 1e-9) + 1e-12 }) {
                    for k in 0..<d { loads[b][k] += p.size(i, k) }
                    out[i] = Int32(b)
                    placed = true
                    break
                }
            }
            if !placed {
                loads.append((0..<d).map { p.size(i, $0) })
                out[i] = Int32(loads.count - 1)
            }
        }
        return out
    }

    /// First fit by scanning, with redundancy groups (no two members of a group in one bin):
    /// the textbook rule the tree and the group skips must reproduce.
    static func naiveGroupFirstFit(_ p: PackingProblem, order: [Int]) -> [Int32] {
        let d = p.dimensions, groups = p.constraints.groups
        var loads: [[Double]] = []
        var members: [Set<Int32>] = []
        var out = [Int32](repeating: -1, count: p.itemCount)
        for i in order {
            let g = groups[i]
            let fits = { (b: Int) in
                (0..<d).allSatisfy({ loads[b][$0] + p.size(i, $0) <= p.capacity[$0] * (1 + 1e-9) + 1e-12 })
                    && (g < 0 || !members[b].contains(g))
            }
            let b = (0..<loads.count).first(where: fits) ?? loads.count
            if b == loads.count { loads.append([Double](repeating: 0, count: d)); members.append([]) }
            for k in 0..<d { loads[b][k] += p.size(i, k) }
            if g >= 0 { members[b].insert(g) }
            out[i] = Int32(b)
        }
        return out
    }

    /// The failover rule by scanning every surviving bin for each displaced item (restart
    /// order): the bin with the most room Σ_k (capacity_k − load_k) / capacity_k that fits it,
    /// holds no other member of its group and is under the item limit; ties to the lowest index.
    static func naiveFailover(_ p: PackingProblem, _ packing: Packing, failed: Set<Int>)
        -> (stranded: [Int], restarted: [Int], bins: [Int]) {
        let d = p.dimensions, c = p.constraints
        var binOf = packing.assignment.map(Int.init)
        let displaced = (0..<p.itemCount).filter { failed.contains(binOf[$0]) }
        for i in displaced { binOf[i] = -1 }
        var result: (stranded: [Int], restarted: [Int], bins: [Int]) = ([], [], [])
        for i in displaced {
            var best = -1, bestRoom = 0.0
            for b in 0..<packing.binCount where !failed.contains(b) {
                let inBin = (0..<p.itemCount).filter { binOf[$0] == b }
                if inBin.count >= c.maxItemsPerBin { continue }
                if !c.groups.isEmpty, c.groups[i] >= 0, inBin.contains(where: { c.groups[$0] == c.groups[i] }) { continue }
                let load = (0..<d).map { k in inBin.reduce(0.0) { $0 + p.size($1, k) } }
                if (0..<d).contains(where: { load[$0] + p.size(i, $0) > p.capacity[$0] * (1 + 1e-9) + 1e-12 }) { continue }
                // Integer sizes keep every load exact, so rooms tie exactly when they should.
                let room = (0..<d).reduce(0.0) { $0 + (p.capacity[$1] - load[$1]) * (1 / p.capacity[$1]) }
                if best < 0 || room > bestRoom { (best, bestRoom) = (b, room) }
            }
            if best < 0 { result.stranded.append(i) } else { binOf[i] = best; result.restarted.append(i); result.bins.append(best) }
        }
        return result
    }
}
