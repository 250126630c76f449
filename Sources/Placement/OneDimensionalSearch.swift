/// The improvement stage for one-dimensional instances with whole-number weights: removes bins
/// from a packing by a local search over partial packings, after the consistent neighbourhood
/// search of Buljubašić and Vasquez (Computers & Operations Research 76, 2016), written anew.
///
/// To reach m bins, m − 2 bins are kept and the items of the others form the set S of unplaced
/// items; m bins are reached as soon as S fits in two bins (a subset-sum check). The search keeps
/// the m − 2 bins feasible and lowers the total weight of S with two kinds of move on one bin at a
/// time:
/// - refill: the bin's items and S are re-split so that the bin holds the largest load any subset
///   of them reaches (a subset-sum over the bin's items and S, O(k · C / 64));
/// - swap: up to two of the bin's items go to S and one or two items of S take their place; the
///   best move over all bins is taken even if it raises S's weight (a tabu search), ties going to
///   moves that leave more, smaller items in S; an item that left a bin may not go back to it for
///   a few moves.
/// Refills run until no bin gains, then swaps for a while, and so on, until S fits, the deadline,
/// or the move limit.
struct OneDimensionalSearch {
    let weights: [Int]
    let capacity: Int
    var bins: [[Int32]]
    var loads: [Int]
    var unplaced: [Int32] = []
    var unplacedWeight = 0
    /// The iteration until which an item may not go back into `tabuBin[i]`.
    var tabuUntil: [Int]
    var tabuBin: [Int32]
    var iteration = 0
    var rng: SplitMix64
    var subsets = SubsetSum()
    /// The swap moves' buffer of what may enter a bin (kept to avoid allocating per move).
    var entering: [Entering] = []
    /// The weights of S for the two-bin check (kept to avoid allocating per move).
    var unplacedWeights: [Int] = []

    /// Whole-number weights and capacity, if the problem has them (one dimension, no constraints,
    /// capacity ≤ 2^26 so that the subset-sum bitsets stay small).
    static func integerWeights(_ problem: PackingProblem) -> (weights: [Int], capacity: Int)? {
        integerWeights(problem.wholeSizes)
    }

    /// The same from sizes already read by `PackingProblem.wholeSizes`.
    static func integerWeights(_ whole: (weights: [Int], capacity: [Int])?) -> (weights: [Int], capacity: Int)? {
        guard let (weights, capacity) = whole, capacity.count == 1, capacity[0] <= 1 << 26,
              weights.allSatisfy({ $0 <= capacity[0] }) else { return nil }
        return (weights, capacity[0])
    }

    init(weights: [Int], capacity: Int, packing: Packing, seed: UInt64) {
        self.weights = weights
        self.capacity = capacity
        bins = packing.binContents().filter { !$0.isEmpty }.map { $0.map(Int32.init) }
        loads = bins.map { $0.reduce(0) { $0 + weights[Int($1)] } }
        tabuUntil = [Int](repeating: 0, count: weights.count)
        tabuBin = [Int32](repeating: -1, count: weights.count)
        rng = SplitMix64(seed: seed &* 0x9e3779b97f4a7c15 | 1)
    }

    /// The packing of the bins and, if S is empty, nothing else.
    var packing: Packing { Packing(binContents: bins, itemCount: weights.count) }

    /// Removes bins one at a time towards `lowerBound`; the best complete packing found, or nil
    /// if none has fewer bins than the start.
    mutating func reduce(toward lowerBound: Int, deadline: UInt64?, moveLimit: Int?) -> Packing? {
        var best: Packing?
        let limit = moveLimit.map { iteration + $0 }
        while bins.count > Swift.max(lowerBound, 1) {
            if let deadline, Clock.nanoseconds() >= deadline { break }
            guard reach(bins.count - 1, deadline: deadline, moveLimit: limit) else { break }
            best = packing
        }
        return best
    }

    /// Tries to pack everything into `target` bins, starting from the current complete packing;
    /// `moveLimit` is the iteration count at which to give up.
    mutating func reach(_ target: Int, deadline: UInt64?, moveLimit: Int?) -> Bool {
        let saved = (bins, loads)
        let kept = Swift.max(target - 2, 0)
        // The lightest bins are emptied into S.
        let order = (0..<bins.count).sorted { (loads[$0], $0) > (loads[$1], $1) }
        let dropped = order[kept...]
        unplaced = dropped.flatMap { bins[$0] }
        unplacedWeight = dropped.reduce(0) { $0 + loads[$1] }
        bins = order[..<kept].map { bins[$0] }
        loads = order[..<kept].map { loads[$0] }
        for i in 0..<tabuUntil.count { tabuUntil[i] = 0 }
        var sinceBest = 0
        var bestWeight = unplacedWeight
        while true {
            if finishIfFits(kept: kept, target: target) { return true }
            iteration += 1
            if let moveLimit, iteration > moveLimit { break }
            if iteration & 15 == 0, let deadline, Clock.nanoseconds() >= deadline { break }
            if sinceBest == 0 || iteration % 64 == 0 { refillAll() }
            if finishIfFits(kept: kept, target: target) { return true }
            swapMove()
            if unplacedWeight < bestWeight { bestWeight = unplacedWeight; sinceBest = 0 } else { sinceBest += 1 }
            if sinceBest > 2_000 { perturb(); sinceBest = 0; bestWeight = unplacedWeight }
        }
        if debugSearch { print("target \(target) failed: iterations \(iteration), best W(S) \(bestWeight), |S| \(unplaced.count), C \(capacity)") }
        (bins, loads) = saved
        unplaced = []
        unplacedWeight = 0
        return false
    }

    /// If S fits in two bins, appends them (the subset-sum's split) and returns true.
    mutating func finishIfFits(kept: Int, target: Int) -> Bool {
        guard unplacedWeight <= capacity * (target - kept) else { return false }
        var first: [Int32] = []
        if unplacedWeight > capacity {
            unplacedWeights.removeAll(keepingCapacity: true)
            for i in unplaced { unplacedWeights.append(weights[Int(i)]) }
            subsets.run(unplacedWeights, capacity: capacity)
            let s = subsets.largest(atMost: capacity)
            guard s >= unplacedWeight - capacity else { return false }
            first = subsets.subset(summingTo: s).map { unplaced[$0] }
        } else {
            first = unplaced
        }
        let inFirst = Set(first)
        let second = unplaced.filter { !inFirst.contains($0) }
        for group in [first, second] where !group.isEmpty {
            bins.append(group)
            loads.append(group.reduce(0) { $0 + weights[Int($1)] })
        }
        unplaced = []
        unplacedWeight = 0
        return true
    }

    /// Refills every bin from its items and S while some bin gains.
    mutating func refillAll() {
        var improved = true
        while improved {
            improved = false
            for b in 0..<bins.count where refill(b) { improved = true }
        }
    }

    /// Re-splits bin b's items and S so that the bin holds the largest reachable load; true if
    /// its load rose.
    mutating func refill(_ b: Int) -> Bool {
        if unplaced.isEmpty { return false }
        let room = capacity - loads[b]
        if room == 0 { return false }
        let pool = bins[b] + unplaced
        let ws = pool.map { weights[Int($0)] }
        subsets.run(ws, capacity: capacity)
        let best = subsets.largest(atMost: capacity)
        guard best > loads[b] else { return false }
        let chosen = subsets.subset(summingTo: best)
        var inBin = [Bool](repeating: false, count: pool.count)
        for k in chosen { inBin[k] = true }
        bins[b] = chosen.map { pool[$0] }
        loads[b] = best
        unplaced = (0..<pool.count).filter { !inBin[$0] }.map { pool[$0] }
        unplacedWeight -= best - (capacity - room)
        for k in 0..<pool.count where !inBin[k] {
            let i = Int(pool[k])
            tabuBin[i] = Int32(b)
            tabuUntil[i] = iteration + 1
        }
        return true
    }

    /// One or two items of S that may go into a bin together.
    struct Entering {
        var first: Int32
        var second: Int32
        var weight: Int
    }

    /// The best swap over all bins: up to two items out, one or two of S in; lowest resulting
    /// weight of S first, then the most items left in S, then at random.
    /// - Complexity: O(bins · k² · |S|²) for k items a bin at worst; the scan of what enters
    ///   stops at the first change worse than the best found, so usually far less.
    mutating func swapMove() {
        entering.removeAll(keepingCapacity: true)
        for (p, i) in unplaced.enumerated() {
            entering.append(Entering(first: i, second: -1, weight: weights[Int(i)]))
            for k in unplaced[(p + 1)...] {
                entering.append(Entering(first: i, second: k, weight: weights[Int(i)] + weights[Int(k)]))
            }
        }
        // Heaviest first: for a given room, the first that fits gives the best change, and the
        // scan stops once the change is worse than the best move's.
        entering.sort { $0.weight > $1.weight }
        let entering = self.entering
        var best: (b: Int, out: (Int32, Int32), into: Entering, delta: Int, count: Int)?
        var ties = 0
        for b in 0..<bins.count {
            let items = bins[b]
            let free = capacity - loads[b]
            for x in -1..<items.count {
                for y in (x < 0 ? -1 : x)..<items.count {
                    // (−1, −1): nothing leaves; (x, x): one item; (x, y > x): two.
                    if x < 0 && y >= 0 { break }
                    let jo: Int32 = x >= 0 ? items[x] : -1
                    let lo: Int32 = y > x ? items[y] : -1
                    let outWeight = (jo >= 0 ? weights[Int(jo)] : 0) + (lo >= 0 ? weights[Int(lo)] : 0)
                    let outCount = (jo >= 0 ? 1 : 0) + (lo >= 0 ? 1 : 0)
                    let room = free + outWeight
                    var first = 0, last = entering.count
                    while first < last {
                        let mid = (first + last) / 2
                        if entering[mid].weight > room { first = mid + 1 } else { last = mid }
                    }
                    for e in entering[first...] {
                        let delta = outWeight - e.weight
                        if let cur = best, delta > cur.delta { break }
                        if isTabu(e.first, b) || (e.second >= 0 && isTabu(e.second, b)) { continue }
                        let count = outCount - (e.second >= 0 ? 2 : 1)
                        if let cur = best {
                            if delta > cur.delta || (delta == cur.delta && count < cur.count) { continue }
                            if delta == cur.delta && count == cur.count {
                                ties += 1
                                if rng.next() % UInt64(ties + 1) != 0 { continue }
                            } else {
                                ties = 0
                            }
                        }
                        best = (b, (jo, lo), e, delta, count)
                    }
                }
            }
        }
        guard let move = best else { perturb(); return }
        apply(move.b, out: move.out, into: (move.into.first, move.into.second))
    }

    func isTabu(_ i: Int32, _ b: Int) -> Bool { tabuUntil[Int(i)] > iteration && tabuBin[Int(i)] == Int32(b) }

    /// Moves `out` of bin b into S and `into` from S into bin b.
    mutating func apply(_ b: Int, out: (Int32, Int32), into: (Int32, Int32)) {
        for i in [into.0, into.1] where i >= 0 {
            unplaced.remove(at: unplaced.firstIndex(of: i)!)
            bins[b].append(i)
            loads[b] += weights[Int(i)]
            unplacedWeight -= weights[Int(i)]
        }
        for j in [out.0, out.1] where j >= 0 {
            bins[b].remove(at: bins[b].firstIndex(of: j)!)
            loads[b] -= weights[Int(j)]
            unplaced.append(j)
            unplacedWeight += weights[Int(j)]
            tabuBin[Int(j)] = Int32(b)
            tabuUntil[Int(j)] = iteration + 5 + Int(rng.next() % 10)
        }
    }

    /// Moves a random item of a random bin into S.
    mutating func perturb() {
        guard !bins.isEmpty else { return }
        for _ in 0..<8 {
            let b = Int(rng.next() % UInt64(bins.count))
            guard !bins[b].isEmpty else { continue }
            let p = Int(rng.next() % UInt64(bins[b].count))
            let j = bins[b].remove(at: p)
            loads[b] -= weights[Int(j)]
            unplaced.append(j)
            unplacedWeight += weights[Int(j)]
            tabuBin[Int(j)] = Int32(b)
            tabuUntil[Int(j)] = iteration + 10
            return
        }
    }
}

