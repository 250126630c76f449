/// The split of a few items into two empty bins (and the rest left out) with the largest total
/// cost: the subproblem of the bin-removing search's refill (see `BinReduction+Refill`).
///
/// Depth-first over the items in the caller's order (decreasing cost), each into bin 0, bin 1 or
/// neither, bounded by the cost still to come and by `nodeLimit` nodes; an item goes into bin 1
/// only once bin 0 holds one, so a split and its mirror are not both searched. The buffers are
/// kept between calls: a search allocates nothing once they have reached their largest size.
struct TwoBinSplit {
    /// Nodes one search may visit.
    static let nodeLimit = 20_000
    /// The best split found: per item 0 or 1 (its bin) or −1 (left out).
    private(set) var side: [Int] = []
    private var trial: [Int] = []
    private var suffix: [Double] = []
    private var load: [Double] = []
    private var count = (0, 0)
    private var bestValue = 0.0
    private var nodes = 0
    private var items: [Int32] = []
    private var cost: [Double] = []
    private var sizes: [Double] = []
    private var limit: [Double] = []
    private var d = 0
    private var maxItems = 0

    /// Searches the splits of `items` (sorted by decreasing `cost`) into two bins of `limit`
    /// (per dimension, d of them; at most `maxItems` items each); true when one has a total
    /// cost above `floor`, and `side` holds the best.
    mutating func solve(_ items: [Int32], cost: [Double], sizes: [Double], limit: [Double], maxItems: Int, above floor: Double) -> Bool {
        (self.items, self.cost, self.sizes, self.limit) = (items, cost, sizes, limit)
        d = limit.count
        self.maxItems = maxItems
        let n = items.count
        suffix.removeAll(keepingCapacity: true)
        suffix.append(contentsOf: repeatElement(0, count: n + 1))
        for x in stride(from: n - 1, through: 0, by: -1) { suffix[x] = suffix[x + 1] + cost[Int(items[x])] }
        load.removeAll(keepingCapacity: true)
        load.append(contentsOf: repeatElement(0, count: 2 * d))
        trial.removeAll(keepingCapacity: true)
        trial.append(contentsOf: repeatElement(-1, count: n))
        side.removeAll(keepingCapacity: true)
        side.append(contentsOf: repeatElement(-1, count: n))
        count = (0, 0)
        bestValue = floor
        nodes = 0
        let before = bestValue
        search(0, 0)
        // Let go of the caller's candidate list, which it refills in place next time.
        self.items = []
        return bestValue > before
    }

    private mutating func search(_ x: Int, _ value: Double) {
        nodes += 1
        if value > bestValue {
            bestValue = value
            for y in 0..<trial.count { side[y] = trial[y] }
        }
        if x == items.count || nodes >= Self.nodeLimit || value + suffix[x] <= bestValue { return }
        let i = Int(items[x])
        for s in 0..<(count.0 > 0 ? 2 : 1) where (s == 0 ? count.0 : count.1) < maxItems {
            let base = s * d
            var fits = true
            for k in 0..<d where load[base + k] + sizes[i * d + k] > limit[k] { fits = false; break }
            if !fits { continue }
            for k in 0..<d { load[base + k] += sizes[i * d + k] }
            if s == 0 { count.0 += 1 } else { count.1 += 1 }
            trial[x] = s
            search(x + 1, value + cost[i])
            trial[x] = -1
            if s == 0 { count.0 -= 1 } else { count.1 -= 1 }
            for k in 0..<d { load[base + k] -= sizes[i * d + k] }
        }
        search(x + 1, value)
    }
}
