/// Partitions of n players (bit i = player i) into groups that minimise the sum of a group cost
/// (issue 34). The cost is any set function, ∞ for a group the constraints forbid; the
/// algorithms only ask it for the groups they need, so a memoising oracle counts what was
/// planned.
public enum PartitionSearch {
    /// A partition: its groups (bit masks, disjoint, covering every player) and their total cost.
    public struct Partition: Sendable, Equatable {
        /// Sorted by lowest member.
        public var groups: [UInt64]
        public var cost: Double

        public init(groups: [UInt64], cost: Double) {
            self.groups = groups.sorted { $0.trailingZeroBitCount < $1.trailingZeroBitCount }
            self.cost = cost
        }
    }

    /// Largest n the exact programme takes (2^n costs and 2^n table entries; 3^n steps).
    public static let exactLimit = 20

    /// The optimal partition by dynamic programming over subsets: best(S) = min over groups G ⊆ S
    /// holding S's lowest player of cost(G) + best(S \ G). Every one of the 2^n − 1 groups is asked
    /// for once. Ties go to the group met first (submasks in decreasing order), so the result is
    /// deterministic. - Complexity: O(3^n) time, O(2^n) memory; n ≤ `exactLimit`.
    public static func exact(players n: Int, cost: (UInt64) -> Double) -> Partition {
        precondition(n >= 0 && n <= exactLimit)
        guard n > 0 else { return Partition(groups: [], cost: 0) }
        let full = (UInt64(1) << n) - 1
        var groupCost = [Double](repeating: .infinity, count: Int(full) + 1)
        for mask in 1...full { groupCost[Int(mask)] = cost(mask) }
        var best = [Double](repeating: .infinity, count: Int(full) + 1)
        var choice = [UInt64](repeating: 0, count: Int(full) + 1)
        best[0] = 0
        for s in 1...full {
            let low = s & (~s &+ 1)
            let rest = s ^ low
            // Groups G = low ∪ sub for every sub ⊆ rest.
            var sub = rest
            while true {
                let g = sub | low
                let value = groupCost[Int(g)] + best[Int(s ^ g)]
                if value < best[Int(s)] {
                    best[Int(s)] = value
                    choice[Int(s)] = g
                }
                if sub == 0 { break }
                sub = (sub &- 1) & rest
            }
        }
        var groups: [UInt64] = []
        var s = full
        while s != 0, choice[Int(s)] != 0 {
            groups.append(choice[Int(s)])
            s ^= choice[Int(s)]
        }
        return Partition(groups: groups, cost: best[Int(full)])
    }

    /// Every partition of n players, each once (restricted growth strings), with `visit` called
    /// on its groups. Bell(n) partitions: 4,140 for 8, 115,975 for 10. For tests and small n.
    public static func forEachPartition(players n: Int, _ visit: ([UInt64]) -> Void) {
        guard n > 0 else { visit([]); return }
        var label = [Int](repeating: 0, count: n)
        func recurse(_ i: Int, _ blocks: Int) {
            if i == n {
                var groups = [UInt64](repeating: 0, count: blocks)
                for p in 0..<n { groups[label[p]] |= UInt64(1) << p }
                visit(groups)
                return
            }
            for b in 0...blocks {
                label[i] = b
                recurse(i + 1, Swift.max(blocks, b + 1))
            }
        }
        label[0] = 0
        recurse(1, 1)
    }

    /// The best partition by trying every one (`forEachPartition`). O(Bell(n) · n).
    public static func bruteForce(players n: Int, cost: (UInt64) -> Double) -> Partition {
        var best = Partition(groups: [], cost: .infinity)
        forEachPartition(players: n) { groups in
            let total = groups.reduce(0.0) { $0 + cost($1) }
            if total < best.cost { best = Partition(groups: groups, cost: total) }
        }
        return best
    }
}
