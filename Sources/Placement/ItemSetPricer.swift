import Dispatch

/// The pricing problem of `ItemSetMaster`: sets of rows that fit one bin in every dimension with
/// duals summing to more than one (negative reduced cost).
///
/// Each set is enumerated once, under its member of greatest dual (its anchor): the rows of
/// positive dual are sorted by dual, largest first, and a depth-first search from each anchor
/// (`AnchorSearch`) adds later rows only, cutting a branch when the rows that still fit could not
/// beat the anchor's best: neither the greatest duals among them, as many as could still fit,
/// nor the room left times the greatest dual per unit of size (`PricingCandidates`). One column
/// per anchor (its best set) is returned, so a round brings in many columns for one sort. Rows
/// of dual ≤ 0 never help a set and are left out.
///
/// The largest value over all anchors is the greatest dual value of any set (when no node limit
/// cut the search short), which makes Σ y / max(value, 1) a valid lower bound (Farley).
/// - Complexity: O(m log m + m · d) per round for the sort and the bounds, then O(d) per fit
///   test (a node); nodes are bounded by `nodeLimit` per round.
struct ItemSetPricer {
    let d: Int
    /// Sizes of the rows, m × d row-major.
    let sizes: [Double]
    /// Capacity with the problem's tolerance, per dimension.
    let limit: [Double]
    /// Most rows in one set: the constraint's limit and what the smallest sizes allow.
    let maxItems: Int
    /// Fit tests one round may make before it gives up exactness (3 million take about 30 ms
    /// here). Chosen with an earlier search that counted candidates tried, on the 244 Panigrahy
    /// and new-class instances missed at 1 s: 300,000 reached 8 of them, 1 million 28, 3 million 40.
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
        let candidates = PricingCandidates(order: order, y: y, sizes: sizes, d: d, limit: limit)
        var found: [(Double, [Int32])] = []
        var greatest = 0.0, nodes = 0, cut = false
        let threshold = 1 + 1e-9
        var search = AnchorSearch(d: d, maxItems: maxItems, count: order.count)
        for a in order.indices {
            if candidates.value[a] * Double(maxItems) <= threshold || nodes > nodeLimit { break }
            if found.count >= columnLimit { cut = true; break }
            if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { cut = true; break }
            let stop = anchorNodeLimit == .max ? nodeLimit : nodes + anchorNodeLimit
            let best = search.run(anchor: a, candidates, limit: limit, fitting: fitting,
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
