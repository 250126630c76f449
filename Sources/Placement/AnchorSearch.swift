import Dispatch

/// The rows of positive dual in one round, by position (decreasing dual), with the greatest dual
/// per unit of size from each position on (`density`), per dimension and for the mean of the
/// dimensions: rows filling at most a room r_k of dimension k are worth at most r_k · density.
struct PricingCandidates {
    let d: Int
    /// Duals by position (decreasing).
    let value: [Double]
    /// Sizes by position, count × d row-major.
    let sizes: [Double]
    /// density[k * (count + 1) + c] = max over positions ≥ c of value / size in dimension k
    /// (k = d: of the size's mean share of the limits); 0 past the last position.
    let density: [Double]

    /// O(m · d).
    init(order: [Int32], y: [Double], sizes rowSizes: [Double], d: Int, limit: [Double]) {
        self.d = d
        let count = order.count
        value = order.map { y[Int($0)] }
        var sizes = [Double](repeating: 0, count: count * d)
        for (p, r) in order.enumerated() { for k in 0..<d { sizes[p * d + k] = rowSizes[Int(r) * d + k] } }
        self.sizes = sizes
        var density = [Double](repeating: 0, count: (d + 1) * (count + 1))
        let tiny = 1e-12
        for c in stride(from: count - 1, through: 0, by: -1) {
            var share = 0.0
            for k in 0...d {
                let size: Double
                if k < d {
                    size = sizes[c * d + k]
                    share += size / limit[k]
                } else {
                    size = share / Double(d)
                }
                let here = value[c] / Swift.max(size, tiny)
                density[k * (count + 1) + c] = Swift.max(here, density[k * (count + 1) + c + 1])
            }
        }
        self.density = density
    }

    /// An upper bound on the value of rows from position `c` on that fit in what
    /// `load[offset ..< offset + d]` leaves of `limit`. O(d).
    @inline(__always)
    func densityBound(from c: Int, load: [Double], offset: Int, limit: [Double]) -> Double {
        let stride = value.count + 1
        var best = Double.infinity, share = 0.0
        for k in 0..<d {
            let room = Swift.max(0, limit[k] - load[offset + k])
            share += room / limit[k]
            best = Swift.min(best, room * density[k * stride + c])
        }
        return Swift.min(best, share / Double(d) * density[d * stride + c])
    }
}

/// The depth-first search of one anchor, without recursion. Level L holds L chosen positions,
/// their load, their total dual, how many more could still fit (`slots`), and the list of later
/// positions that fit beside them (`lists[start[L] ..< start[L + 1]]`, decreasing dual, with
/// running sums of their duals): a child's list is filtered from its parent's, so choosing needs
/// no fit test, and the best `slots` duals still possible are a sum over the list. A candidate
/// that cannot beat the best ends its level (the bounds fall along the list).
struct AnchorSearch {
    let d: Int
    let maxItems: Int
    var load: [Double]
    var total: [Double]
    var slots: [Int]
    /// Index in the level's list of its next candidate.
    var next: [Int]
    var chosen: [Int32]
    /// Where each level's list starts in `lists` (level L + 1's start is L's end).
    var start: [Int]
    /// The levels' lists of positions, one after the other.
    var lists: [Int32]
    /// sums[j] = the duals of the positions of its level's list up to and including lists[j].
    var sums: [Double]
    /// Scratch of `filter`: the room left by dimension.
    var roomLeft: [Double]

    init(d: Int, maxItems: Int, count: Int) {
        self.d = d
        self.maxItems = maxItems
        load = [Double](repeating: 0, count: (maxItems + 2) * d)
        total = [Double](repeating: 0, count: maxItems + 2)
        slots = [Int](repeating: 0, count: maxItems + 2)
        next = [Int](repeating: 0, count: maxItems + 2)
        chosen = [Int32](repeating: 0, count: maxItems + 1)
        start = [Int](repeating: 0, count: maxItems + 3)
        // Grown by `filter` when a deep search needs more.
        lists = [Int32](repeating: 0, count: 4 * count)
        sums = [Double](repeating: 0, count: 4 * count)
        roomLeft = [Double](repeating: 0, count: d)
    }

    /// The best set (positions) holding position `anchor` and later ones only, if worth more
    /// than `threshold`; `nodes` counts the fit tests, up to `stop` (set to `stop` when
    /// `deadline` passes).
    mutating func run(anchor: Int, _ candidates: PricingCandidates, limit: [Double], fitting: [Int32],
                      threshold: Double, nodes: inout Int, stop: Int, deadline: UInt64?) -> (value: Double, positions: [Int32])? {
        let d = self.d, value = candidates.value
        var best = threshold
        var bestSet: [Int32] = []
        for k in 0..<d { load[d + k] = candidates.sizes[anchor * d + k] }
        chosen[0] = Int32(anchor)
        total[1] = value[anchor]
        if total[1] > best { best = total[1]; bestSet = [Int32(anchor)] }
        slots[1] = Swift.min(maxItems - 1, room(level: 1, limit: limit, fitting: fitting))
        start[1] = 0
        if slots[1] > 0 { filter(level: 1, from: anchor + 1 ..< value.count, positions: true, candidates, limit: limit, nodes: &nodes) }
        else { start[2] = 0 }
        next[1] = 0
        var level = 1, check = nodes + Self.deadlineNodes
        while level >= 1 {
            let first = start[level], i = next[level], length = start[level + 1] - first
            if i >= length || slots[level] == 0 || nodes >= stop
                || total[level] + bestDuals(first, i, Swift.min(i + slots[level], length)) <= best
                || total[level] + candidates.densityBound(from: Int(lists[first + i]), load: load, offset: level * d, limit: limit) <= best {
                level -= 1
                continue
            }
            // Past the deadline (checked every `deadlineNodes` fit tests) the search ends as if at `stop`.
            if nodes >= check {
                check = nodes + Self.deadlineNodes
                if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { nodes = stop; continue }
            }
            next[level] = i + 1
            let c = Int(lists[first + i])
            for k in 0..<d { load[(level + 1) * d + k] = load[level * d + k] + candidates.sizes[c * d + k] }
            chosen[level] = Int32(c)
            total[level + 1] = total[level] + value[c]
            if total[level + 1] > best { best = total[level + 1]; bestSet = Array(chosen[0...level]) }
            slots[level + 1] = Swift.min(slots[level] - 1, room(level: level + 1, limit: limit, fitting: fitting))
            guard slots[level + 1] > 0, i + 1 < length else { continue }
            filter(level: level + 1, from: first + i + 1 ..< first + length, positions: false, candidates, limit: limit, nodes: &nodes)
            next[level + 1] = 0
            level += 1
        }
        return bestSet.isEmpty ? nil : (best, bestSet)
    }

    /// How often (in fit tests) the deadline is read.
    static let deadlineNodes = 65_536

    /// The sum of the duals of list entries `from ..< to` of the level starting at `first`. O(1).
    @inline(__always)
    func bestDuals(_ first: Int, _ from: Int, _ to: Int) -> Double {
        guard to > from else { return 0 }
        return sums[first + to - 1] - (from > 0 ? sums[first + from - 1] : 0)
    }

    /// Builds level `level`'s list: the positions of `range` (`range` holds positions when
    /// `positions`, else indices into `lists`) that fit beside the level's load. O(|range| · d).
    mutating func filter(level: Int, from range: Range<Int>, positions: Bool, _ candidates: PricingCandidates,
                         limit: [Double], nodes: inout Int) {
        let d = self.d, base = level * d
        var end = start[level], sum = 0.0
        if end + range.count > lists.count {
            let more = Swift.max(lists.count, range.count)
            lists.append(contentsOf: repeatElement(0, count: more))
            sums.append(contentsOf: repeatElement(0, count: more))
        }
        for k in 0..<d { roomLeft[k] = limit[k] - load[base + k] }
        let room = roomLeft
        candidates.sizes.withUnsafeBufferPointer { sizes in
            room.withUnsafeBufferPointer { room in
                for j in range {
                    let c = positions ? j : Int(lists[j]), row = c * d
                    var fits = true
                    for k in 0..<d where sizes[row + k] > room[k] { fits = false; break }
                    guard fits else { continue }
                    sum += candidates.value[c]
                    lists[end] = Int32(c)
                    sums[end] = sum
                    end += 1
                }
            }
        }
        nodes += range.count
        start[level + 1] = end
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
