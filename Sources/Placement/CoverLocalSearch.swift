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
    let sets: [[Int32]]
    /// Sets holding each item.
    let containing: [[Int32]]
    var owner: [Int32]
    var uncovered: [Int32]
    var slot: [Int32]
    /// Move before which a set taken out may not come back.
    var tabuUntil: [Int]
    var move = 0
    var rng: SplitMix64
    /// Probability of taking a move that uncovers more than it covers (when a random uncovered
    /// item offers nothing better). Measured on the 13 three-dimensional triplet instances of 501
    /// items: 0.0003, 0.001 and 0.003 solved 7, 8 and 8 within 2 s (Hoos's adaptive noise,
    /// tried too, rose to 0.2-0.4 and solved none).
    static let noise = 0.001

    init(sets: [[Int32]], containing: [[Int32]], seed: UInt64) {
        self.sets = sets
        self.containing = containing
        let n = containing.count
        owner = [Int32](repeating: -1, count: n)
        uncovered = (0..<n).map(Int32.init)
        slot = (0..<n).map(Int32.init)
        tabuUntil = [Int](repeating: 0, count: sets.count)
        rng = SplitMix64(seed: seed)
    }

    /// Moves until every item is covered (returns the chosen sets) or the deadline passes or
    /// `moveLimit` moves were made (returns nil). The clock is read every 256 moves.
    /// - Complexity: O(s · k²) per move, with s sets holding an item and k items per set.
    mutating func run(deadline: UInt64?, moveLimit: Int) -> [Int32]? {
        // Restarts from the empty cover after 100,000 moves, then 200,000, … (the time to a
        // cover has a heavy tail).
        var restartAt = 100_000, budget = 100_000
        while !uncovered.isEmpty {
            if move >= moveLimit { return nil }
            if move == restartAt {
                restart()
                budget *= 2
                restartAt = move + budget
            }
            if move & 255 == 0, let deadline, Clock.nanoseconds() >= deadline { return nil }
            step()
        }
        var chosen: [Int32] = []
        // Each chosen set once, at its first member.
        for i in 0..<owner.count where sets[Int(owner[i])][0] == Int32(i) {
            chosen.append(owner[i])
        }
        return chosen
    }

    /// Back to the empty cover (tabu marks kept: they expire).
    mutating func restart() {
        for i in 0..<owner.count { owner[i] = -1; slot[i] = Int32(i) }
        uncovered = (0..<owner.count).map(Int32.init)
    }

    /// Items a set would uncover: those of the chosen sets it overlaps, less its own.
    func loss(_ t: Int32) -> Int {
        var lost = 0
        let members = sets[Int(t)]
        for (x, i) in members.enumerated() {
            let u = owner[Int(i)]
            // Count each overlapped set once: at its first member in t.
            guard u >= 0, !members[..<x].contains(where: { owner[Int($0)] == u }) else { continue }
            lost += sets[Int(u)].count - sets[Int(u)].filter { members.contains($0) }.count
        }
        return lost
    }

    mutating func step() {
        move += 1
        let item = uncovered[Int(rng.next() % UInt64(uncovered.count))]
        let options = containing[Int(item)]
        var best: Int32 = -1, bestScore = Int.max, ties = 0
        for t in options {
            // Net change in uncovered items: what it uncovers less what it covers.
            let covers = sets[Int(t)].reduce(0) { $0 + (owner[Int($1)] < 0 ? 1 : 0) }
            var score = loss(t) - covers
            if tabuUntil[Int(t)] > move { score += 1_000 }
            if score < bestScore {
                (best, bestScore, ties) = (t, score, 1)
            } else if score == bestScore {
                ties += 1
                if rng.next() % UInt64(ties) == 0 { best = t }
            }
        }
        guard best >= 0 else { return }
        // A move that uncovers more than it covers: only now and then (noise).
        if bestScore > 0 && Double(rng.next() >> 11) * 0x1p-53 >= Self.noise { return }
        put(best)
    }

    /// Puts set t in, taking out the chosen sets it overlaps (tabu for a few moves).
    mutating func put(_ t: Int32) {
        for i in sets[Int(t)] {
            let u = owner[Int(i)]
            guard u >= 0 else { continue }
            for j in sets[Int(u)] { uncover(j) }
            tabuUntil[Int(u)] = move + 2 + Int(rng.next() % 8)
        }
        for i in sets[Int(t)] {
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
