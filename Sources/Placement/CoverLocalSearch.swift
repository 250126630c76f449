/// A local search for an exact cover of the items by disjoint candidate sets, for when the
/// depth-first `CoverSearch` runs out of nodes: with many spurious candidate sets (the
/// Falkenauer-style multi-dimensional triplets have about 27 per item) chronological
/// backtracking rarely recovers from an early wrong choice, while a search over partial covers
/// does.
///
/// The sets are first reduced by unit propagation: an item in one set only forces that set, and
/// every other set overlapping it goes. The state is a set of disjoint chosen sets. A move picks
/// an uncovered item (often the one in the fewest sets, otherwise one at random) and puts in one
/// of the sets holding it, taking out the chosen sets it overlaps (their other items become
/// uncovered): the one leaving the fewest items uncovered, ties at random, a set taken out in the
/// last few moves only if it is the only one. Like WalkSAT, every move repairs a defect, so the
/// search stays where the cover is incomplete.
///
/// Invariants: `owner[i]` is the chosen set holding item i or −1; chosen sets are disjoint;
/// `uncovered` lists the items with no owner, `slot[i]` their places in it.
struct CoverLocalSearch {
    /// Members of each set, `width` slots per set (−1 past a smaller set's last member).
    let members: [Int32]
    let width: Int
    /// Items in each set (two or three).
    let setSize: [UInt8]
    /// The sets holding each item i, as triples (set, other member, other member or −1):
    /// `holding[3 · holdingStart[i] ..< 3 · holdingStart[i + 1]]`. A move reads only these and
    /// the owners of the other members, in one pass over contiguous memory.
    let holdingStart: [Int32]
    let holding: [Int32]
    var owner: [Int32]
    var uncovered: [Int32]
    var slot: [Int32]
    /// Move before which a set taken out may not come back.
    var tabuUntil: [Int]
    var move = 0
    var rng: SplitMix64
    /// The fewest items left uncovered so far and the owners then.
    var fewestUncovered: Int
    var bestOwner: [Int32]
    /// Probability of taking a move that uncovers more than it covers (when a random uncovered
    /// item offers nothing better). Measured on the 13 three-dimensional triplet instances of 501
    /// items before restarts: 0.0003, 0.001 and 0.003 solved 7, 8 and 8 within 2 s (Hoos's
    /// adaptive noise, tried too, rose to 0.2-0.4 and solved none); with restarts 0.001-0.003
    /// were alike. Ties broken by age instead of at random did worse (4 of 10 against 6).
    /// Later, with the hole choice below (six of the 3-D triplets of 501 items, ten bundled and
    /// ten generated, 20 seeds each, mean moves to a cover summed): 0.0005, 0.001, 0.002, 0.004,
    /// 0.008 and 0.016 took 11.4, 6.2, 5.1, 4.3, 5.2 and 9.5 million.
    static let noise = 0.004
    /// Probability that a move starts from the uncovered item held by the fewest sets rather than
    /// from a random one: such items are the ones a uniform choice leaves uncovered for most of
    /// the search. On the six instances above (noise 0.001): 0, 0.15, 0.3, 0.5, 0.7 and 1 took
    /// 15.6, 11.1, 7.4, 6.4, 6.2 and over 40 million moves.
    static let fewestSetsShare = 0.6
    /// Moves before the first restart (the budget doubles at each restart). With the noise
    /// above, 30,000, 100,000 and 300,000 solved 6.5, 5 and 7.3 of the ten Falkenauer-style
    /// 3-D triplets of 501 items on average over 3-6 seeds at 1 s (5 without restarts), with a
    /// spread of 3-4 between seeds either way.
    static let restartBase = 30_000

    /// - Precondition: every set has two or three items, each below `n`.
    init(sets: [[Int32]], items n: Int, seed: UInt64) {
        precondition(sets.allSatisfy { (2...3).contains($0.count) }, "cover sets are pairs or triples")
        width = sets.map(\.count).max() ?? 2
        setSize = sets.map { UInt8($0.count) }
        var members = [Int32](repeating: -1, count: sets.count * width)
        for (t, set) in sets.enumerated() {
            for (x, i) in set.enumerated() { members[t * width + x] = i }
        }
        let alive = Self.unitPropagated(sets, items: n)
        var count = [Int32](repeating: 0, count: n + 1)
        for (t, set) in sets.enumerated() where alive[t] {
            for i in set { count[Int(i) + 1] += 1 }
        }
        for i in 0..<n { count[i + 1] += count[i] }
        var holding = [Int32](repeating: -1, count: 3 * Int(count[n]))
        var next = count
        for (t, set) in sets.enumerated() where alive[t] {
            for i in set {
                let at = 3 * Int(next[Int(i)])
                holding[at] = Int32(t)
                for (y, j) in set.lazy.filter({ $0 != i }).enumerated() { holding[at + 1 + y] = j }
                next[Int(i)] += 1
            }
        }
        self.members = members
        self.holding = holding
        holdingStart = count
        owner = [Int32](repeating: -1, count: n)
        uncovered = (0..<n).map(Int32.init)
        slot = (0..<n).map(Int32.init)
        tabuUntil = [Int](repeating: 0, count: sets.count)
        rng = SplitMix64(seed: seed)
        fewestUncovered = n
        bestOwner = owner
    }

    /// Moves until every item is covered (returns the chosen sets) or the deadline passes or
    /// `moveLimit` moves were made (returns nil; `bestOwner` then holds the best partial cover).
    /// The clock is read every 256 moves.
    /// - Complexity: O(s) per move to choose, with s sets holding the item, and O(k²) to put a
    ///   set of k items in; no allocation.
    mutating func run(deadline: UInt64?, moveLimit: Int) -> [Int32]? {
        // Restarts from the empty cover after `restartBase` moves, then twice that, … (the
        // time to a cover has a heavy tail).
        var restartAt = Self.restartBase, budget = Self.restartBase
        while !uncovered.isEmpty {
            if move >= moveLimit { return nil }
            if move == restartAt {
                restart()
                budget *= 2
                restartAt = move + budget
            }
            if move & 255 == 0, let deadline, Clock.nanoseconds() >= deadline { return nil }
            step()
            if uncovered.count < fewestUncovered {
                fewestUncovered = uncovered.count
                bestOwner = owner
            }
        }
        return sets(ownedBy: owner)
    }

    /// The sets of the best partial cover found (the whole cover once `run` has found one).
    var bestPartialCover: [Int32] { sets(ownedBy: bestOwner) }

    /// The sets of a cover (or partial cover) given as each item's owner, each once: at its
    /// first member.
    func sets(ownedBy owner: [Int32]) -> [Int32] {
        var chosen: [Int32] = []
        for (i, t) in owner.enumerated() where t >= 0 && members[Int(t) * width] == Int32(i) { chosen.append(t) }
        return chosen
    }

    /// Back to the empty cover (tabu marks kept: they expire).
    mutating func restart() {
        uncovered.removeAll(keepingCapacity: true)
        for i in 0..<owner.count { owner[i] = -1; slot[i] = Int32(i); uncovered.append(Int32(i)) }
    }

    /// One move: a random uncovered item, the set holding it that leaves the fewest items
    /// uncovered, ties at random, a set still tabu only if nothing else is left. A move that
    /// uncovers more than it covers is taken only now and then (`noise`); the ties among those
    /// are drawn only then (the common case, a rejected move, costs one pass and no draws).
    mutating func step() {
        move += 1
        let item = rng.unit() < Self.fewestSetsShare
            ? uncoveredInFewestSets() : Int(uncovered[rng.below(uncovered.count)])
        var (best, bestScore) = bestSet(holding: item, randomTiesUpTo: 0)
        guard best >= 0 else { return }
        if bestScore > 0 {
            if rng.unit() >= Self.noise { return }
            (best, bestScore) = bestSet(holding: item, randomTiesUpTo: .max)
        }
        put(best)
    }

    /// The set holding `item` (uncovered) with the lowest net change in uncovered items (the
    /// sizes of the chosen sets owning its other members, each counted once, less its own size),
    /// +1,000 while tabu; among equal scores up to `limit` one at random, above it the first.
    /// - Complexity: O(s) for s sets holding the item; one pass over contiguous entries.
    mutating func bestSet(holding item: Int, randomTiesUpTo limit: Int) -> (set: Int32, score: Int) {
        var best: Int32 = -1, bestScore = Int.max, ties = 0
        holding.withUnsafeBufferPointer { holding in
            owner.withUnsafeBufferPointer { owner in
                setSize.withUnsafeBufferPointer { setSize in
                    tabuUntil.withUnsafeBufferPointer { tabuUntil in
                        var h = 3 * Int(holdingStart[item])
                        let end = 3 * Int(holdingStart[item + 1])
                        while h < end {
                            let t = holding[h], a = holding[h + 1], b = holding[h + 2]
                            h += 3
                            let ua = owner[Int(a)]
                            var score = -Int(setSize[Int(t)])
                            if ua >= 0 { score += Int(setSize[Int(ua)]) }
                            if b >= 0 {
                                let ub = owner[Int(b)]
                                if ub >= 0 && ub != ua { score += Int(setSize[Int(ub)]) }
                            }
                            if tabuUntil[Int(t)] > move { score += 1_000 }
                            if score < bestScore {
                                (best, bestScore, ties) = (t, score, 1)
                            } else if score == bestScore && score <= limit {
                                ties += 1
                                if rng.below(ties) == 0 { best = t }
                            }
                        }
                    }
                }
            }
        }
        return (best, bestScore)
    }

    /// The uncovered item held by the fewest sets (the first in `uncovered` among equals).
    /// - Complexity: O(u) for u uncovered items.
    func uncoveredInFewestSets() -> Int {
        var item = Int(uncovered[0]), fewest = Int32.max
        for i in uncovered {
            let sets = holdingStart[Int(i) + 1] - holdingStart[Int(i)]
            if sets < fewest { (item, fewest) = (Int(i), sets) }
        }
        return item
    }

    /// Puts set t in, taking out the chosen sets it overlaps (tabu for a few moves).
    mutating func put(_ t: Int32) {
        let base = Int(t) * width
        for x in 0..<width {
            let i = members[base + x]
            if i < 0 { break }
            let u = owner[Int(i)]
            guard u >= 0 else { continue }
            for y in 0..<width {
                let j = members[Int(u) * width + y]
                if j < 0 { break }
                uncover(j)
            }
            tabuUntil[Int(u)] = move + 2 + Int(rng.next() % 8)
        }
        for x in 0..<width {
            let i = members[base + x]
            if i < 0 { break }
            owner[Int(i)] = t
            let at = Int(slot[Int(i)]), last = uncovered.removeLast()
            if last != i { uncovered[at] = last; slot[Int(last)] = Int32(at) }
            slot[Int(i)] = -1
        }
    }

    mutating func uncover(_ i: Int32) {
        owner[Int(i)] = -1
        slot[Int(i)] = Int32(uncovered.count)
        uncovered.append(i)
    }
}

extension CoverLocalSearch {
    /// Which sets survive unit propagation: while some uncovered item lies in exactly one
    /// surviving set, that set is forced (its items are covered) and every other set sharing an
    /// item with it goes. Every exact cover uses only surviving sets. An item left in no set
    /// means there is no exact cover; propagation then stops, and the search never covers it.
    /// - Complexity: O(Σ|set| · k) for sets of at most k items.
    static func unitPropagated(_ sets: [[Int32]], items n: Int) -> [Bool] {
        // The sets holding each item i: holding[start[i]..<start[i + 1]], in set order.
        var start = [Int](repeating: 0, count: n + 1)
        for set in sets { for i in set { start[Int(i) + 1] += 1 } }
        for i in 0..<n { start[i + 1] += start[i] }
        var holding = [Int32](repeating: 0, count: start[n])
        var next = start
        for (t, set) in sets.enumerated() { for i in set { holding[next[Int(i)]] = Int32(t); next[Int(i)] += 1 } }
        var alive = [Bool](repeating: true, count: sets.count)
        var left = (0..<n).map { start[$0 + 1] - start[$0] }
        var covered = [Bool](repeating: false, count: n)
        var pending = (0..<n).filter { left[$0] == 1 }
        while let i = pending.popLast() {
            guard !covered[i] else { continue }
            guard let forced = holding[start[i]..<start[i + 1]].first(where: { alive[Int($0)] }) else { break }
            for j in sets[Int(forced)] {
                covered[Int(j)] = true
                for u in holding[start[Int(j)]..<start[Int(j) + 1]] where u != forced && alive[Int(u)] {
                    alive[Int(u)] = false
                    for k in sets[Int(u)] {
                        left[Int(k)] -= 1
                        if left[Int(k)] == 1 && !covered[Int(k)] { pending.append(Int(k)) }
                    }
                }
            }
        }
        return alive
    }
}
