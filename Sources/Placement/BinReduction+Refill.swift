/// The refill step of the bin-removing search, for packings without constraints: two bins are
/// refilled from their own items and the unplaced ones, choosing the split that fits and leaves
/// the least cost unplaced (the "descent" of Buljubašić and Vasquez's consistent neighbourhood
/// search). Moves of the tabu search change at most three items of one bin; a refill may
/// exchange all of two bins' items, which instances of two or three items per bin need once
/// the search stalls.
extension BinReduction {
    /// Candidates one refill considers (the two bins' items and the costliest unplaced ones).
    static let refillCandidates = 16
    /// Nodes of one refill's search.
    static let refillNodes = 20_000

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
        let current = binItems[a] + binItems[b]
        guard current.count < Self.refillCandidates else { return false }
        var candidates = current + unplaced.sorted { cost[Int($0)] > cost[Int($1)] }.prefix(Self.refillCandidates - current.count)
        candidates.sort { cost[Int($0)] > cost[Int($1)] || (cost[Int($0)] == cost[Int($1)] && $0 < $1) }
        let held = current.reduce(0.0) { $0 + cost[Int($1)] }
        guard let side = bestSplit(candidates, above: held + 1e-9) else { return false }
        for i in current { unplace(Int(i)) }
        for (x, i) in candidates.enumerated() where side[x] >= 0 {
            unplaced.removeAll { $0 == i }
            place(Int(i), side[x] == 0 ? a : b)
            tabuUntil[Int(i)] = iteration + 3 + Int(random() % 8)
        }
        return true
    }

    /// For each candidate (sorted by decreasing cost) 0, 1 (which of two empty bins) or −1
    /// (unplaced), such that both bins fit and the placed cost is largest above `floor`; nil if
    /// nothing beats it. Depth first with the suffix sums as bound, at most `refillNodes` nodes;
    /// the first bin is filled first, so the two bins' symmetry is not searched twice.
    func bestSplit(_ candidates: [Int32], above floor: Double) -> [Int]? {
        let n = candidates.count
        var suffix = [Double](repeating: 0, count: n + 1)
        for x in stride(from: n - 1, through: 0, by: -1) { suffix[x] = suffix[x + 1] + cost[Int(candidates[x])] }
        var load = [Double](repeating: 0, count: 2 * d)
        var count = [0, 0]
        var side = [Int](repeating: -1, count: n)
        var best: [Int]?
        var bestValue = floor
        var nodes = 0
        func search(_ x: Int, _ value: Double) {
            nodes += 1
            if value > bestValue { bestValue = value; best = side }
            if x == n || nodes >= Self.refillNodes || value + suffix[x] <= bestValue { return }
            let i = Int(candidates[x])
            // Bin 1 only once bin 0 holds something: the split and its mirror are the same.
            for s in 0..<(count[0] > 0 ? 2 : 1) where count[s] < maxItems {
                let base = s * d
                if !(0..<d).allSatisfy({ load[base + $0] + problem.sizes[i * d + $0] <= limit[$0] }) { continue }
                for k in 0..<d { load[base + k] += problem.sizes[i * d + k] }
                count[s] += 1
                side[x] = s
                search(x + 1, value + cost[i])
                side[x] = -1
                count[s] -= 1
                for k in 0..<d { load[base + k] -= problem.sizes[i * d + k] }
            }
            search(x + 1, value)
        }
        search(0, 0)
        return best
    }
}
