import Dispatch
import Foundation

/// The improvement stage: removes bins from a feasible packing by a tabu search over partial
/// packings, in the spirit of the consistent neighbourhood search of Buljubašić and Vasquez
/// ("Consistent neighborhood search for one-dimensional bin packing and two-dimensional vector
/// packing", Computers & Operations Research 76, 2016).
///
/// To go from m + 1 bins to m, the lightest bin is emptied into a set S of unplaced items, and the
/// search keeps the m bins feasible at all times while trying to empty S. A move takes an item i
/// out of S and puts it into a bin b, ejecting zero, one or two items J of b into S, provided b
/// then fits. Moves minimise Σ_{j∈S} √w_j, where w_j is the item's size summed over dimensions
/// relative to the capacity: large items go into bins, small ones wait in S, where they are
/// easier to place. (The square root was chosen by measurement on the Panigrahy instances,
/// against w, w², w³ and w^¼: see docs/packing-quality.md.) An item just placed may not be ejected for a few moves (tabu), which stops
/// the search from undoing itself. When S is empty, the packing has m bins and the search
/// continues towards m − 1, until it meets the lower bound or runs out of time or moves.
///
/// Respects redundancy groups (with every bin its own failure domain), pins (pinned items never
/// move) and item limits.
let debugSearch = getenv("CLOUDPLAN_DEBUG_SEARCH") != nil

struct BinReduction {
    let problem: PackingProblem
    let d: Int
    let limit: [Double]
    /// Cost of leaving each item unplaced: √(Σ_k size_k / capacity_k).
    let cost: [Double]
    var loads: [Double]
    var binItems: [[Int32]]
    var binOf: [Int32]
    var unplaced: [Int32] = []
    var tabuUntil: [Int]
    /// `bestMove`'s per-dimension buffer.
    var missingRoom: [Double]
    /// The refill's candidates and its subproblem (buffers kept between refills).
    var refillItems: [Int32] = []
    var split = TwoBinSplit()
    var iteration = 0
    var rng: SplitMix64
    let pinned: [Int32]
    let groups: [Int32]
    let groupStart: [Int32]
    let groupMembers: [Int32]
    let maxItems: Int

    init(_ problem: PackingProblem, packing: Packing, seed: UInt64) {
        self.problem = problem
        d = problem.dimensions
        limit = problem.fitLimits()
        cost = (0..<problem.itemCount).map { i in
            let w = (0..<problem.dimensions).reduce(0.0) { $0 + problem.size(i, $1) / problem.capacity[$1] }
            return w.squareRoot()
        }
        binOf = packing.assignment
        binItems = packing.binContents().map { $0.map(Int32.init) }
        loads = packing.loads(problem)
        tabuUntil = [Int](repeating: 0, count: problem.itemCount)
        missingRoom = [Double](repeating: 0, count: problem.dimensions)
        rng = SplitMix64(seed: seed &* 0x9e3779b97f4a7c15 | 1)
        pinned = problem.constraints.pinned
        groups = problem.constraints.groups
        maxItems = problem.constraints.maxItemsPerBin
        let state = BinState(problem)
        groupStart = state.groupStart
        groupMembers = state.groupMembers
    }

    var usable: Bool { problem.constraints.domainCount == 0 }

    mutating func random() -> UInt64 { rng.next() }

    func isPinned(_ i: Int) -> Bool { !pinned.isEmpty && pinned[i] >= 0 }

    /// Whether item i may join bin b once the items in `leaving` have left it (group rule).
    func groupAllows(_ i: Int, _ b: Int, leaving: (Int32, Int32)) -> Bool {
        guard !groups.isEmpty, groups[i] >= 0 else { return true }
        let g = groups[i]
        // Whichever is shorter: the bin's items or the group's members. (Plain loops: a closure
        // over `self` here copied the whole search state at every call.)
        let start = Int(groupStart[Int(g)]), end = Int(groupStart[Int(g) + 1])
        if binItems[b].count < end - start {
            for other in binItems[b] where sameGroup(other, i, g, b, leaving) { return false }
            return true
        }
        for m in start..<end where sameGroup(groupMembers[m], i, g, b, leaving) { return false }
        return true
    }

    /// Whether `other` is another member of group g in bin b, not among the items leaving.
    @inline(__always) private func sameGroup(_ other: Int32, _ i: Int, _ g: Int32, _ b: Int, _ leaving: (Int32, Int32)) -> Bool {
        Int(other) != i && other != leaving.0 && other != leaving.1 && groups[Int(other)] == g && binOf[Int(other)] == Int32(b)
    }

    /// Whether bin b holds item i after items `out` (up to two, −1 for none) leave it.
    func fits(_ i: Int, _ b: Int, without out: (Int32, Int32)) -> Bool {
        let count = binItems[b].count - (out.0 >= 0 ? 1 : 0) - (out.1 >= 0 ? 1 : 0)
        if count + 1 > maxItems { return false }
        let base = b * d, item = i * d
        for k in 0..<d {
            var load = loads[base + k] + problem.sizes[item + k]
            if out.0 >= 0 { load -= problem.sizes[Int(out.0) * d + k] }
            if out.1 >= 0 { load -= problem.sizes[Int(out.1) * d + k] }
            if load > limit[k] { return false }
        }
        return groupAllows(i, b, leaving: out)
    }

    mutating func place(_ i: Int, _ b: Int) {
        binOf[i] = Int32(b)
        binItems[b].append(Int32(i))
        for k in 0..<d { loads[b * d + k] += problem.sizes[i * d + k] }
    }

    mutating func unplace(_ i: Int) {
        let b = Int(binOf[i])
        binOf[i] = -1
        if let p = binItems[b].firstIndex(of: Int32(i)) { binItems[b].remove(at: p) }
        for k in 0..<d { loads[b * d + k] -= problem.sizes[i * d + k] }
        unplaced.append(Int32(i))
    }

    /// Empties the lightest bins into the unplaced set until `target` bins are left, and
    /// renumbers the kept bins 0..<target. Bins holding pinned items are never emptied; returns
    /// false if that makes the target impossible.
    /// - Complexity: O(bins · d) per emptied bin.
    mutating func shrink(to target: Int) -> Bool {
        let pinnedBins = Set(pinned.filter { $0 >= 0 }.map(Int.init))
        if pinnedBins.contains(where: { $0 >= target }) { return false }
        var dropped = [Bool](repeating: false, count: binItems.count)
        var droppedCount = 0
        while binItems.count - droppedCount > target {
            var lightest = -1, lightestWeight = Double.infinity
            for b in 0..<binItems.count where !dropped[b] && (pinnedBins.isEmpty || !pinnedBins.contains(b)) {
                var w = 0.0
                for k in 0..<d { w += loads[b * d + k] / problem.capacity[k] }
                if w < lightestWeight { lightest = b; lightestWeight = w }
            }
            guard lightest >= 0 else { return false }
            dropped[lightest] = true
            droppedCount += 1
            for i in binItems[lightest] { unplace(Int(i)) }
        }
        // Renumber the kept bins 0..<target, in their order, in place (moves, no copies): only
        // the bins after the first dropped one change number.
        compact(dropping: dropped)
        return true
    }

    /// Places what fits directly, largest cost first, into the bin left fullest (the lowest index
    /// among equals).
    mutating func insertDirectly() {
        unplaced.sort { cost[Int($0)] > cost[Int($1)] || (cost[Int($0)] == cost[Int($1)] && $0 < $1) }
        var still: [Int32] = []
        for i32 in unplaced {
            let i = Int(i32)
            // The least room Σ_k (capacity − load) / capacity (the slack left, plus the item's
            // own share, the same for every bin), computed as `FitTree` computes it, so that
            // `dropDirectly` breaks ties alike.
            var best = -1, bestRoom = Double.infinity
            for b in 0..<binItems.count where fits(i, b, without: (-1, -1)) {
                var room = 0.0
                for k in 0..<d { room += (problem.capacity[k] - loads[b * d + k]) * (1 / problem.capacity[k]) }
                if room < bestRoom { best = b; bestRoom = room }
            }
            if best >= 0 {
                binOf[i] = Int32(best)
                binItems[best].append(i32)
                for k in 0..<d { loads[best * d + k] += problem.sizes[i * d + k] }
            } else {
                still.append(i32)
            }
        }
        unplaced = still
    }

    /// A non-tabu swap move: (position in unplaced, bin, ejected items, change in cost). Bins are
    /// scanned from a random start and the first move that lowers the cost is taken at once;
    /// otherwise the least bad move of the whole neighbourhood (ties broken at random).
    ///
    /// For each (bin, item) pair the room still missing in each dimension is computed once; an
    /// ejection qualifies when the ejected items' sizes cover it.
    mutating func bestMove() -> (Int, Int, (Int32, Int32), Double)? {
        var best: (Int, Int, (Int32, Int32), Double)?
        var ties = 0
        let bins = binItems.count
        let offset = Int(random() % UInt64(bins))
        // The room each move misses, per dimension: a buffer kept between calls (no allocation
        // per move, however many moves the time limit allows).
        var need: [Double] = []
        swap(&need, &missingRoom)
        defer { swap(&need, &missingRoom) }
        for step in 0..<bins {
            let b = (offset + step) % bins
            let items = binItems[b]
            if items.isEmpty { continue }
            for (p, i32) in unplaced.enumerated() {
                let i = Int(i32)
                // Room missing for i in bin b, per dimension (≤ 0: enough room).
                var missing = false
                for k in 0..<d {
                    need[k] = loads[b * d + k] + problem.sizes[i * d + k] - limit[k]
                    if need[k] > 0 { missing = true }
                }
                _ = missing
                for x in 0..<items.count {
                    let j = Int(items[x])
                    if tabuUntil[j] > iteration || isPinned(j) { continue }
                    // A move whose change is above the best's (which is never improving) is one
                    // `consider` would drop without drawing: skip its room check.
                    let worst = best.map { $0.3 + 1e-12 } ?? .infinity
                    // Eject one item: it must cover the missing room in every dimension.
                    var covers = cost[j] - cost[i] <= worst
                    if covers { for k in 0..<d where problem.sizes[j * d + k] < need[k] { covers = false; break } }
                    if covers && groupAllows(i, b, leaving: (Int32(j), -1)) && items.count <= maxItems {
                        let delta = cost[j] - cost[i]
                        if delta < -1e-12 { return (p, b, (Int32(j), -1), delta) }
                        consider(p, b, (Int32(j), -1), delta, &best, &ties)
                    }
                    // Eject two.
                    for y in (x + 1)..<items.count {
                        let l = Int(items[y])
                        if tabuUntil[l] > iteration || isPinned(l) { continue }
                        if let cur = best, cost[j] + cost[l] - cost[i] > cur.3 + 1e-12 { continue }
                        var coversTwo = true
                        for k in 0..<d where problem.sizes[j * d + k] + problem.sizes[l * d + k] < need[k] {
                            coversTwo = false
                            break
                        }
                        if coversTwo && groupAllows(i, b, leaving: (Int32(j), Int32(l))) {
                            let delta = cost[j] + cost[l] - cost[i]
                            if delta < -1e-12 { return (p, b, (Int32(j), Int32(l)), delta) }
                            consider(p, b, (Int32(j), Int32(l)), delta, &best, &ties)
                        }
                    }
                }
            }
        }
        return best
    }

    /// Keeps the lowest delta; equal deltas are chosen among uniformly (reservoir sampling).
    mutating func consider(_ p: Int, _ b: Int, _ out: (Int32, Int32), _ delta: Double,
                           _ best: inout (Int, Int, (Int32, Int32), Double)?, _ ties: inout Int) {
        if let current = best, delta > current.3 + 1e-12 { return }
        if let current = best, abs(delta - current.3) <= 1e-12 {
            ties += 1
            if random() % UInt64(ties + 1) != 0 { return }
        } else {
            ties = 0
        }
        best = (p, b, out, delta)
    }

    /// Moves without progress before a refill sweep (see `refillSweep`); 15 did best of 4, 8,
    /// 15, 30 and 60 on 72 of the bundled vector instances.
    static let staleBeforeRefill = 15

    /// Tries to reach `target` bins from the current packing; true on success.
    mutating func reach(_ target: Int, deadline: UInt64?, iterationLimit: Int?) -> Bool {
        guard shrink(to: target) else { return false }
        insertDirectly()
        defer { if debugSearch { print("target \(target): iterations \(iteration), unplaced \(unplaced.count)") } }
        var stale = 0
        var bestCost = unplaced.reduce(0.0) { $0 + cost[Int($1)] }
        while !unplaced.isEmpty {
            iteration += 1
            if let limit = iterationLimit, iteration > limit { return false }
            // Moves cost O(bins): on large packings look at the clock every time.
            if iteration & (binItems.count > 2_000 ? 0 : 63) == 0, let deadline, Clock.nanoseconds() >= deadline { return false }
            guard let (p, b, out, _) = bestMove() else {
                // Nothing qualifies (all candidates tabu or too small): shake the packing.
                perturb()
                stale = 0
                bestCost = unplaced.reduce(0.0) { $0 + cost[Int($1)] }
                continue
            }
            let i = Int(unplaced.remove(at: p))
            if out.0 >= 0 { unplace(Int(out.0)) }
            if out.1 >= 0 { unplace(Int(out.1)) }
            binOf[i] = Int32(b)
            binItems[b].append(Int32(i))
            for k in 0..<d { loads[b * d + k] += problem.sizes[i * d + k] }
            tabuUntil[i] = iteration + 3 + Int(random() % 8)
            insertDirectly()
            let now = unplaced.reduce(0.0) { $0 + cost[Int($1)] }
            if now < bestCost - 1e-12 { bestCost = now; stale = 0 } else { stale += 1 }
            // Stalled: refill pairs of bins from the unplaced items before shaking the packing.
            if stale == Self.staleBeforeRefill, refillSweep(deadline: deadline) {
                insertDirectly()
                bestCost = unplaced.reduce(0.0) { $0 + cost[Int($1)] }
                stale = 0
            }
            if stale > 200 {
                perturb()
                stale = 0
                bestCost = unplaced.reduce(0.0) { $0 + cost[Int($1)] }
            }
        }
        return true
    }

    /// Ejects a random movable item from a random bin into the unplaced set.
    mutating func perturb() {
        for _ in 0..<8 {
            let b = Int(random() % UInt64(binItems.count))
            let movable = binItems[b].filter { !isPinned(Int($0)) }
            if movable.isEmpty { continue }
            unplace(Int(movable[Int(random() % UInt64(movable.count))]))
            return
        }
    }

    /// Removes bins one at a time towards `lowerBound`; returns the best packing found.
    /// - Parameter direct: take the steps that need no move by `dropDirectly` (false only to
    ///   test that it removes the same bins as the search would).
    mutating func reduce(toward lowerBound: Int, deadline: UInt64?, iterationLimit: Int?, direct: Bool = true) -> Packing? {
        guard usable else { return nil }
        var best: Packing?
        // The steps that need no move first, without snapshots (the same bins removed).
        if direct, dropDirectly(toward: lowerBound, deadline: deadline) > 0 {
            best = Packing(assignment: binOf, binCount: binItems.count)
        }
        var target = binItems.count - 1
        while target >= Swift.max(lowerBound, 1) {
            if let deadline, Clock.nanoseconds() >= deadline { break }
            let saved = (loads, binItems, binOf, unplaced)
            if reach(target, deadline: deadline, iterationLimit: iterationLimit) {
                best = Packing(assignment: binOf, binCount: binItems.count)
                target -= 1
            } else {
                (loads, binItems, binOf, unplaced) = saved
                break
            }
        }
        return best
    }
}

extension BinReduction: RandomNumberGenerator {
    mutating func next() -> UInt64 { random() }
}

/// Monotonic time in nanoseconds.
enum Clock {
    static func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
