/// A local search for an exact cover of the items by disjoint candidate sets, for when the
/// depth-first `CoverSearch` runs out of nodes: with many spurious candidate sets (the
/// Falkenauer-style multi-dimensional triplets have about 27 per item) chronological
/// backtracking rarely recovers from an early wrong choice, while a search over partial covers
/// does.
///
/// The state is a set of disjoint chosen sets. A move picks a random uncovered item and puts in
/// one of the sets holding it, taking out the chosen sets it overlaps (their other items become
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
    static let noise = 0.001
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
        var count = [Int32](repeating: 0, count: n + 1)
        for (t, set) in sets.enumerated() {
            for (x, i) in set.enumerated() { members[t * width + x] = i; count[Int(i) + 1] += 1 }
        }
        for i in 0..<n { count[i + 1] += count[i] }
        var holding = [Int32](repeating: -1, count: 3 * Int(count[n]))
        var next = count
        for (t, set) in sets.enumerated() {
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

    /// One move: a random uncovered item, the set holding it whose entry leaves the fewest
    /// items uncovered (the net change is the sizes of the chosen sets owning its other members,
    /// each counted once, less its own size: the item itself is uncovered), ties at random, a set
    /// still tabu only if nothing else is left.
    mutating func step() {
        move += 1
        let item = Int(uncovered[rng.below(uncovered.count)])
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
                            } else if score == bestScore {
                                ties += 1
                                if rng.below(ties) == 0 { best = t }
                            }
                        }
                    }
                }
            }
        }
        guard best >= 0 else { return }
        // A move that uncovers more than it covers: only now and then (noise).
        if bestScore > 0 && Double(rng.next() >> 11) * 0x1p-53 >= Self.noise { return }
        put(best)
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
