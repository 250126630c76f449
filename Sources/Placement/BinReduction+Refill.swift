/// The refill step of the bin-removing search, for packings without constraints: two bins are
/// refilled from their own items and the unplaced ones, choosing the split that fits and leaves
/// the least cost unplaced (the "descent" of Buljubašić and Vasquez's consistent neighbourhood
/// search). Moves of the tabu search change at most three items of one bin; a refill may
/// exchange all of two bins' items, which instances of two or three items per bin need once
/// the search stalls.
extension BinReduction {
    /// Candidates one refill considers (the two bins' items and the costliest unplaced ones).
    static let refillCandidates = 16

    /// Refills each bin once with a random partner, stopping at `deadline`; returns whether
    /// the unplaced cost fell.
    /// - Complexity: O(bins · refillNodes · d).
    mutating func refillSweep(deadline: UInt64? = nil) -> Bool {
        guard problem.constraints.isEmpty, binItems.count >= 2, !unplaced.isEmpty else { return false }
        var improved = false
        let bins = binItems.count
        for b in 0..<bins where !unplaced.isEmpty {
            if b & 15 == 15, let deadline, Clock.nanoseconds() >= deadline { break }
            var c = Int(random() % UInt64(bins - 1))
            if c >= b { c += 1 }
            if refill(b, c) { improved = true }
        }
        return improved
    }

    /// Refills bins a and b: the split of their items and the unplaced ones into two fitting
    /// sets with the largest total cost; applied when that is more than they hold now.
    mutating func refill(_ a: Int, _ b: Int) -> Bool {
        let held = binItems[a].count + binItems[b].count
        guard held < Self.refillCandidates else { return false }
        // Candidates: the two bins' items and the costliest unplaced ones, by decreasing cost.
        var candidates: [Int32] = []
        swap(&candidates, &refillItems)
        defer { swap(&candidates, &refillItems) }
        candidates.removeAll(keepingCapacity: true)
        candidates.append(contentsOf: unplaced)
        let cost = cost
        candidates.sort { cost[Int($0)] > cost[Int($1)] || (cost[Int($0)] == cost[Int($1)] && $0 < $1) }
        candidates.removeLast(Swift.max(0, candidates.count - (Self.refillCandidates - held)))
        candidates.append(contentsOf: binItems[a])
        candidates.append(contentsOf: binItems[b])
        candidates.sort { cost[Int($0)] > cost[Int($1)] || (cost[Int($0)] == cost[Int($1)] && $0 < $1) }
        let heldCost = binItems[a].reduce(0.0) { $0 + cost[Int($1)] } + binItems[b].reduce(0.0) { $0 + cost[Int($1)] }
        guard split.solve(candidates, cost: cost, sizes: problem.sizes, limit: limit, maxItems: maxItems,
                          above: heldCost + 1e-9) else { return false }
        while let i = binItems[a].first { unplace(Int(i)) }
        while let i = binItems[b].first { unplace(Int(i)) }
        for (x, i) in candidates.enumerated() where split.side[x] >= 0 {
            unplaced.removeAll { $0 == i }
            place(Int(i), split.side[x] == 0 ? a : b)
            tabuUntil[Int(i)] = iteration + 3 + Int(random() % 8)
        }
        return true
    }
}
