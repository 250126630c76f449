import Dispatch

/// The pricing problem of `ItemSetMaster`: sets of rows that fit one bin in every dimension with
/// duals summing to more than one (negative reduced cost).
///
/// Each set is enumerated once, under its member of greatest dual (its anchor): the rows of
/// positive dual are sorted by dual, largest first, and a depth-first search from each anchor
/// adds later rows only, cutting a branch when even filling every slot left with the next row's
/// dual could not beat the anchor's best. One column per anchor (its best set) is returned, so a
/// round brings in many columns for one sort. Rows of dual ≤ 0 never help a set and are left out.
///
/// The largest value over all anchors is the greatest dual value of any set (when no node limit
/// cut the search short), which makes Σ y / max(value, 1) a valid lower bound (Farley).
/// - Complexity: O(m log m) for the sort and, per node, O(d) for the fit test; nodes are bounded
///   by `nodeLimit` per round.
struct ItemSetPricer {
    let d: Int
    /// Sizes of the rows, m × d row-major.
    let sizes: [Double]
    /// Capacity with the problem's tolerance, per dimension.
    let limit: [Double]
    /// Most rows in one set: the constraint's limit and what the smallest sizes allow.
    let maxItems: Int
    /// Nodes one round may visit before it gives up exactness. On the 244 Panigrahy and new-class
    /// instances missed at 1 s: 300,000 reached 8 of them, 1 million 28, 3 million 40.
    let nodeLimit: Int

    /// How many rows could fit in what a set leaves, by dimension and bucket of what is left:
    /// `fitting[k * buckets + b]` is the most of the smallest sizes of dimension k whose sum is
    /// within (b + 1) / buckets of its limit (an upper bound for anything less).
    let fitting: [Int32]
    static let buckets = 1024

    init(_ problem: PackingProblem, rows items: [Int], nodeLimit: Int = 3_000_000) {
        d = problem.dimensions
        var sizes = [Double](repeating: 0, count: items.count * problem.dimensions)
        for (r, i) in items.enumerated() {
            for k in 0..<d { sizes[r * d + k] = problem.size(i, k) }
        }
        self.sizes = sizes
        limit = problem.fitLimits()
        self.nodeLimit = nodeLimit
        let fitting = Self.fittingTable(sizes: sizes, d: problem.dimensions, limit: limit)
        self.fitting = fitting
        // The table's last bucket is the whole capacity: how many of the smallest sizes fit.
        let last = Self.buckets - 1
        let fit = (0..<problem.dimensions).map { Int(fitting[$0 * Self.buckets + last]) }.min() ?? 1
        maxItems = Swift.max(1, Swift.min(problem.constraints.maxItemsPerBin, fit))
    }

    /// The table of `fitting`. O(d · (m log m + buckets)).
    static func fittingTable(sizes: [Double], d: Int, limit: [Double]) -> [Int32] {
        let m = sizes.count / d
        var table = [Int32](repeating: 0, count: d * buckets)
        for k in 0..<d {
            let sorted = (0..<m).map { sizes[$0 * d + k] }.sorted()
            var count = 0, sum = 0.0
            for b in 0..<buckets {
                let left = limit[k] * Double(b + 1) / Double(buckets)
                while count < m && sum + sorted[count] <= left { sum += sorted[count]; count += 1 }
                table[k * buckets + b] = Int32(count)
            }
        }
        return table
    }

    /// What a round found: the best set of each anchor worth more than one (rows ascending),
    /// best first; the greatest value of any set (at least the best column's); and whether the
    /// search was complete (so that `greatestValue` is exact).
    struct Round {
        var columns: [[Int32]]
        var greatestValue: Double
        var exact: Bool
        /// Whether the search passed `nodeLimit` (rather than a per-anchor, column or time limit).
        var nodeLimited: Bool
    }

    /// Prices the duals `y` (one per row). With `anchorNodeLimit`, each anchor's search stops
    /// after that many nodes, and with `columnLimit` the round stops after that many columns
    /// (a quick round, then not exact). Past `deadline` (checked between anchors and every 65,536
    /// nodes) the round ends, not exact.
    func price(_ y: [Double], anchorNodeLimit: Int = .max, columnLimit: Int = .max, deadline: UInt64? = nil) -> Round {
        var order = (0..<Int32(y.count)).filter { y[Int($0)] > 1e-9 }
        order.sort { (y[Int($0)], $1) > (y[Int($1)], $0) }
        let value = order.map { y[Int($0)] }
        var ordered = [Double](repeating: 0, count: order.count * d)
        for (p, r) in order.enumerated() { for k in 0..<d { ordered[p * d + k] = sizes[Int(r) * d + k] } }
        var found: [(Double, [Int32])] = []
        var greatest = 0.0, nodes = 0, cut = false
        let threshold = 1 + 1e-9
        var search = AnchorSearch(d: d, maxItems: maxItems)
        for a in order.indices {
            if value[a] * Double(maxItems) <= threshold || nodes > nodeLimit { break }
            if found.count >= columnLimit { cut = true; break }
            if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { cut = true; break }
            let stop = anchorNodeLimit == .max ? nodeLimit : nodes + anchorNodeLimit
            let best = search.run(anchor: a, value: value, sizes: ordered, limit: limit, fitting: fitting,
                                  threshold: threshold, nodes: &nodes, stop: stop, deadline: deadline)
            if nodes >= stop { cut = true }
            if let best {
                found.append((best.value, best.positions.map { order[Int($0)] }.sorted()))
                greatest = Swift.max(greatest, best.value)
            }
        }
        found.sort { $0.0 > $1.0 }
        return Round(columns: found.map(\.1), greatestValue: greatest, exact: !cut && nodes < nodeLimit,
                     nodeLimited: nodes >= nodeLimit)
    }
}

/// The depth-first search of one anchor, without recursion: level L holds L chosen positions,
/// their load, their total dual, how many more could still fit (`slots`) and the next candidate.
/// Positions are in order of decreasing dual, so a candidate that cannot beat the best with every
/// slot filled at its dual ends the level.
struct AnchorSearch {
    let d: Int
    let maxItems: Int
    var load: [Double]
    var total: [Double]
    var slots: [Int]
    var next: [Int]
    var chosen: [Int32]

    init(d: Int, maxItems: Int) {
        self.d = d
        self.maxItems = maxItems
        load = [Double](repeating: 0, count: (maxItems + 1) * d)
        total = [Double](repeating: 0, count: maxItems + 2)
        slots = [Int](repeating: 0, count: maxItems + 2)
        next = [Int](repeating: 0, count: maxItems + 2)
        chosen = [Int32](repeating: 0, count: maxItems + 1)
    }

    /// The best set (positions) holding position `anchor` and later ones only, if worth more
    /// than `threshold`. `sizes` are by position; `nodes` counts candidates tried, up to `stop`
    /// (set to `stop` when `deadline` passes).
    mutating func run(anchor: Int, value: [Double], sizes: [Double], limit: [Double], fitting: [Int32],
                      threshold: Double, nodes: inout Int, stop: Int, deadline: UInt64?) -> (value: Double, positions: [Int32])? {
        let d = self.d, count = value.count
        var best = threshold
        var bestSet: [Int32] = []
        for k in 0..<d { load[d + k] = sizes[anchor * d + k] }
        chosen[0] = Int32(anchor)
        total[1] = value[anchor]
        if total[1] > best { best = total[1]; bestSet = [Int32(anchor)] }
        slots[1] = Swift.min(maxItems - 1, room(level: 1, limit: limit, fitting: fitting))
        next[1] = anchor + 1
        var level = 1
        while level >= 1 {
            let c = next[level]
            if c >= count || slots[level] == 0 || total[level] + value[c] * Double(slots[level]) <= best || nodes >= stop {
                level -= 1
                continue
            }
            next[level] = c + 1
            nodes += 1
            // Past the deadline (checked every 65,536 nodes) the search ends as if at `stop`.
            if nodes & 0xFFFF == 0, let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { nodes = stop; continue }
            let base = level * d, row = c * d
            var fits = true
            for k in 0..<d where load[base + k] + sizes[row + k] > limit[k] { fits = false; break }
            guard fits else { continue }
            for k in 0..<d { load[base + d + k] = load[base + k] + sizes[row + k] }
            chosen[level] = Int32(c)
            total[level + 1] = total[level] + value[c]
            if total[level + 1] > best { best = total[level + 1]; bestSet = Array(chosen[0...level]) }
            slots[level + 1] = Swift.min(slots[level] - 1, room(level: level + 1, limit: limit, fitting: fitting))
            next[level + 1] = c + 1
            level += 1
        }
        return bestSet.isEmpty ? nil : (best, bestSet)
    }

    /// How many more rows could fit beside the load at `level`: the least over dimensions of
    /// the table's count for what is left (rounded up to a bucket). O(d).
    func room(level: Int, limit: [Double], fitting: [Int32]) -> Int {
        let buckets = ItemSetPricer.buckets
        var most = Int32.max
        for k in 0..<d {
            let left = (limit[k] - load[level * d + k]) / limit[k]
            let b = Swift.min(buckets - 1, Swift.max(0, Int((left * Double(buckets)).rounded(.up)) - 1))
            most = Swift.min(most, fitting[k * buckets + b])
        }
        return Int(most)
    }
}
