import Dispatch

/// Looks for a packing in which every bin is filled exactly, in every dimension, by two or
/// three items. When the items' total is a whole number of bins in each dimension, such a
/// packing meets the volume bound and is optimal; generated instances built from split bins
/// (the multi-dimensional "triplets") have one, which constructive heuristics almost never find.
///
/// Candidate sets are found by complement lookup: for every item (pair), the size vector that
/// would fill the bin is looked up in a hash of the items' size vectors. Then an exact cover of
/// the items by disjoint candidate sets is searched depth first, always branching on the item
/// with the fewest candidate sets left.
///
/// - Complexity: O(n² · d) to find triples; the cover search is bounded by `nodeLimit`.
enum ExactFillCover {
    /// Whether the problem's totals are whole bins in every dimension (the precondition for a
    /// perfect packing), and how many bins that is.
    static func wholeBins(_ p: PackingProblem) -> Int? {
        let d = p.dimensions
        var sums = [Double](repeating: 0, count: d)
        for i in 0..<p.itemCount { for k in 0..<d { sums[k] += p.sizes[i * d + k] } }
        let bins = (sums[0] / p.capacity[0]).rounded()
        for k in 0..<d where abs(sums[k] - bins * p.capacity[k]) > 1e-9 * Swift.max(1, sums[k]) { return nil }
        return bins > 0 ? Int(bins) : nil
    }

    /// What the cover search found: a packing with every bin exactly full, or (from the local
    /// search) the best partial cover's bins with the items it left packed by first fit
    /// decreasing into bins of their own, a start for the improvement stage.
    enum Outcome {
        case exact(Packing)
        case partial(Packing)
    }

    /// A packing with every bin exactly full, or nil if none was found within the node limit.
    static func search(_ p: PackingProblem, nodeLimit: Int = 2_000_000, deadline: UInt64? = nil,
                       localDeadline: UInt64? = nil, seed: UInt64 = 1) -> Packing? {
        let outcome = cover(p, nodeLimit: nodeLimit, deadline: deadline, localDeadline: localDeadline, seed: seed)
        if case .exact(let packing)? = outcome { return packing }
        return nil
    }

    /// The cover search. With `localDeadline`, when the depth-first search fails,
    /// `CoverLocalSearch` (seeded by `seed`) gets the time to `localDeadline` if there are at
    /// most `localSetLimit` candidate sets; the depth-first search then gets only
    /// `nodeLimitBeforeLocal` nodes. Nil when the totals are not whole bins of two or three
    /// items, or some item has no candidate set.
    static func cover(_ p: PackingProblem, nodeLimit: Int = 2_000_000, deadline: UInt64? = nil,
                      localDeadline: UInt64? = nil, seed: UInt64 = 1) -> Outcome? {
        guard p.constraints.isEmpty, let target = wholeBins(p) else { return nil }
        let n = p.itemCount
        guard n <= 3 * target, n >= 2 * target, let sets = candidateSets(p, deadline: deadline) else { return nil }
        var cover = CoverSearch(sets: sets, items: n, deadline: deadline)
        guard !cover.containing.contains(where: \.isEmpty) else { return nil }
        let local = localDeadline != nil && sets.count <= localSetLimit
        if cover.run(nodeLimit: local ? Swift.min(nodeLimit, nodeLimitBeforeLocal) : nodeLimit) {
            return .exact(Packing(binContents: cover.chosen.map { sets[Int($0)] }, itemCount: n))
        }
        guard local, let localDeadline, Clock.nanoseconds() < localDeadline else { return nil }
        var search = CoverLocalSearch(sets: sets, items: n, seed: seed)
        if let chosen = search.run(deadline: localDeadline, moveLimit: .max) {
            return .exact(Packing(binContents: chosen.map { sets[Int($0)] }, itemCount: n))
        }
        return partialPacking(p, bins: search.bestPartialCover.map { sets[Int($0)] }).map(Outcome.partial)
    }

    /// The given full bins, and the items in none of them packed by first fit decreasing into
    /// further bins.
    static func partialPacking(_ p: PackingProblem, bins: [[Int32]]) -> Packing? {
        let n = p.itemCount, d = p.dimensions
        var placed = [Bool](repeating: false, count: n)
        for bin in bins { for i in bin { placed[Int(i)] = true } }
        let left = (0..<n).filter { !placed[$0] }
        var sizes: [Double] = []
        sizes.reserveCapacity(left.count * d)
        for i in left { sizes.append(contentsOf: p.item(i)) }
        guard let rest = try? Packer.pack(PackingProblem(capacity: p.capacity, sizes: sizes), heuristic: .firstFitDecreasing)
        else { return nil }
        var contents = bins
        contents.append(contentsOf: rest.binContents().map { $0.map { Int32(left[$0]) } })
        return Packing(binContents: contents, itemCount: n)
    }

    /// The most candidate sets the local search takes on: building its tables is not checked
    /// against the deadline (81,000 triples: 15 ms, 244,000: 39 ms). Falkenauer's
    /// one-dimensional triplets of 501 items have 75,000-81,000; the 3-D ones 4,000-4,700.
    static let localSetLimit = 120_000

    /// Nodes of the depth-first search when the local search follows: where propagation alone
    /// settles the cover (the Caprara-Toth-style triplets) it takes a few hundred; where it does
    /// not, more nodes rarely help.
    static let nodeLimitBeforeLocal = 2_000

    /// Every pair and triple of items that fills a bin exactly, found by looking up the
    /// complement of each item and each pair among the items' size vectors; nil beyond
    /// 2,000,000 sets or past `deadline` (checked every 16 items, on large instances every item
    /// and every 4,096 partners). O(n² · d), no allocation per pair.
    static func candidateSets(_ p: PackingProblem, deadline: UInt64? = nil) -> [[Int32]]? {
        let n = p.itemCount, d = p.dimensions
        var byVector: [[Double]: [Int32]] = [:]
        for i in 0..<n { byVector[Array(p.sizes[(i * d)..<((i + 1) * d)]), default: []].append(Int32(i)) }
        var c = [Double](repeating: 0, count: d)
        /// The room left by `i` (and `j` if ≥ 0) in `c`, rounded to 0 near 0; false when they overflow.
        func complement(_ i: Int, _ j: Int) -> Bool {
            for k in 0..<d {
                var r = p.capacity[k] - p.sizes[i * d + k] - (j >= 0 ? p.sizes[j * d + k] : 0)
                if r < -1e-9 { return false }
                if abs(r) < 1e-9 { r = 0 }
                c[k] = r
            }
            return true
        }
        var sets: [[Int32]] = []
        for i in 0..<n {
            // Every item costs O(n) lookups: on large instances read the clock for each, and
            // within it every 4,096 partners.
            if i & (n > 4_096 ? 0 : 15) == 0, let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { return nil }
            if complement(i, -1), let partners = byVector[c] {
                for j in partners where Int(j) > i { sets.append([Int32(i), j]) }
            }
            for j in (i + 1)..<n {
                if j & 4_095 == 0, let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { return nil }
                guard complement(i, j), let partners = byVector[c] else { continue }
                for k in partners where Int(k) > j { sets.append([Int32(i), Int32(j), k]) }
            }
            if sets.count > 2_000_000 { return nil }
        }
        return sets
    }
}

/// An exact cover of the items by disjoint candidate sets, with incremental bookkeeping (as in
/// Knuth's Algorithm X): a set is alive while all its items are uncovered; `count[i]` is the
/// number of alive sets holding item i. Depth first, branching on the item with the fewest
/// alive sets; randomised restarts with growing node budgets tame the heavy tail of
/// chronological backtracking (ties between equally constrained items, and the order of their
/// sets, are drawn at random on each restart).
struct CoverSearch {
    let sets: [[Int32]]
    let items: Int
    let deadline: UInt64?
    /// Sets containing each item.
    let containing: [[Int32]]
    var alive: [Bool]
    var count: [Int]
    var covered: [Bool]
    /// Undo stack of the sets killed by choices.
    var removed: [Int32] = []
    var chosen: [Int32] = []
    var nodes = 0
    var budget = 0
    var outOfTime = false
    var rng: UInt64 = 0x2545f4914f6cdd1d

    init(sets: [[Int32]], items n: Int, deadline: UInt64?) {
        self.sets = sets
        self.items = n
        self.deadline = deadline
        var containing = [[Int32]](repeating: [], count: n)
        for (t, members) in sets.enumerated() { for i in members { containing[Int(i)].append(Int32(t)) } }
        self.containing = containing
        alive = [Bool](repeating: true, count: sets.count)
        count = containing.map(\.count)
        covered = [Bool](repeating: false, count: n)
    }

    /// Restarts with budgets 2,000, 4,000, … (at most 200,000 each) until a cover is found,
    /// the deadline passes or `nodeLimit` nodes were spent in all.
    mutating func run(nodeLimit: Int) -> Bool {
        var found = false
        var spent = 0
        var restartBudget = 2_000
        while !found && !outOfTime && spent < nodeLimit {
            nodes = 0
            budget = restartBudget
            found = dfs()
            spent += nodes
            if !found { undoAll() }
            restartBudget = Swift.min(restartBudget * 2, 200_000)
        }
        return found
    }

    mutating func random() -> UInt64 {
        rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
        return rng
    }

    /// Covers set t's items and kills every set that shares one; returns the undo mark.
    mutating func choose(_ t: Int32) -> Int {
        let mark = removed.count
        for i in sets[Int(t)] {
            covered[Int(i)] = true
            for u in containing[Int(i)] where alive[Int(u)] {
                alive[Int(u)] = false
                removed.append(u)
                for j in sets[Int(u)] { count[Int(j)] -= 1 }
            }
        }
        chosen.append(t)
        return mark
    }

    /// Undoes the last choice, back to `mark`.
    mutating func undo(_ mark: Int) {
        let t = chosen.removeLast()
        while removed.count > mark {
            let u = removed.removeLast()
            alive[Int(u)] = true
            for j in sets[Int(u)] { count[Int(j)] += 1 }
        }
        for i in sets[Int(t)] { covered[Int(i)] = false }
    }

    /// Undoes every choice (after a failed restart).
    mutating func undoAll() {
        while !chosen.isEmpty {
            let t = chosen.removeLast()
            for i in sets[Int(t)] { covered[Int(i)] = false }
        }
        while let u = removed.popLast() {
            alive[Int(u)] = true
            for j in sets[Int(u)] { count[Int(j)] += 1 }
        }
    }

    /// The uncovered item with the fewest alive sets (ties drawn at random); -1 when every item
    /// is covered, nil when some item can no longer be covered.
    mutating func mostConstrainedItem() -> Int? {
        var pick = -1, fewest = Int.max, ties = 0
        for i in 0..<items where !covered[i] && count[i] <= fewest {
            if count[i] < fewest { fewest = count[i]; pick = i; ties = 1 } else {
                ties += 1
                if random() % UInt64(ties) == 0 { pick = i }
            }
            if fewest == 0 { return nil }
        }
        return pick
    }

    mutating func dfs() -> Bool {
        nodes += 1
        if nodes > budget { return false }
        if nodes & 63 == 0, let deadline, DispatchTime.now().uptimeNanoseconds >= deadline {
            outOfTime = true
            nodes = budget + 1
            return false
        }
        guard let pick = mostConstrainedItem() else { return false }
        if pick < 0 { return true }
        var options = containing[pick].filter { alive[Int($0)] }
        for k in stride(from: options.count - 1, to: 0, by: -1) { options.swapAt(k, Int(random() % UInt64(k + 1))) }
        for t in options {
            let mark = choose(t)
            if dfs() { return true }
            undo(mark)
            if nodes > budget { return false }
        }
        return false
    }
}
