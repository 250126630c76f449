/// A local search for perfect triple packings (every bin exactly full with three items) that
/// walks each bin's defect — its load minus the capacity — from bin to bin until it meets
/// another defect, looking the moves up by weight instead of scanning the bins.
///
/// A move starts from a random imperfect bin b with defect d and looks for the swaps that make b
/// exactly full: one of its items x for an item of weight w(x) − d elsewhere (an index of the
/// items by weight, fixed), or a pair of its items for a pair of another bin's whose weights total
/// the capacity less b's third item (an index of every bin's three pairs by their sum, kept up to
/// date). The swap hands d to the other bin: a swap into a bin with defect −d fixes both, into
/// another imperfect bin merges the two defects, into a full bin only moves d (taken half the time,
/// so that the defect explores). Without such a swap, b's and a random imperfect bin's six items
/// are re-split into two triples, a full bin first if the six allow it: the defects take new
/// values and with them new swaps.
///
/// - Complexity: O(1 + the items of the looked-up weights and sums) per move; the start is the
///   greedy of `PerfectTriples.closestPairs`, O(n²).
/// - Invariant: `slots` holds every item once, three a bin; `deviation[b]` is bin b's load minus
///   the capacity; `imperfect` lists exactly the bins whose deviation is not 0.
struct TripleWalk {
    let weights: [Int]
    let capacity: Int
    /// Slot 3b + p holds bin b's p-th item.
    private(set) var slots: [Int32]
    /// Each item's slot.
    private var slotOf: [Int32]
    /// Load − capacity of each bin.
    private(set) var deviation: [Int]
    /// The bins whose deviation is not 0, and each bin's place in that list (−1: full).
    private(set) var imperfect: [Int32] = []
    private var place: [Int32]
    /// The items of each weight (never changes: swaps move items, not weights).
    private let itemsOfWeight: [Int: [Int32]]
    /// Every bin's three pairs by their total weight, as linked lists: pair 3b + k is bin b's two
    /// items other than its k-th.
    private var pairHead: [Int: Int32] = [:]
    private var pairNext: [Int32]
    private var pairPrevious: [Int32]
    private var pairSum: [Int]
    private var rng: SplitMix64

    var binCount: Int { deviation.count }

    /// Starts from `start`, a list of triples of item indices.
    init(weights: [Int], capacity: Int, start: [[Int32]], seed: UInt64) {
        self.weights = weights
        self.capacity = capacity
        rng = SplitMix64(seed: seed)
        slots = start.flatMap { $0 }
        slotOf = [Int32](repeating: 0, count: weights.count)
        for (s, item) in slots.enumerated() { slotOf[Int(item)] = Int32(s) }
        var byWeight: [Int: [Int32]] = [:]
        for (i, w) in weights.enumerated() { byWeight[w, default: []].append(Int32(i)) }
        itemsOfWeight = byWeight
        deviation = [Int](repeating: 0, count: start.count)
        place = [Int32](repeating: -1, count: start.count)
        pairNext = [Int32](repeating: -1, count: slots.count)
        pairPrevious = [Int32](repeating: -1, count: slots.count)
        pairSum = [Int](repeating: 0, count: slots.count)
        for b in 0..<start.count { settle(b) }
    }

    /// The bins as lists of item indices.
    var bins: [[Int32]] { (0..<binCount).map { Array(slots[3 * $0..<3 * $0 + 3]) } }

    private func weight(atSlot s: Int) -> Int { weights[Int(slots[s])] }

    /// Recomputes bin b's deviation, its pairs in the index and its place in `imperfect`.
    private mutating func settle(_ b: Int) {
        let load = weight(atSlot: 3 * b) + weight(atSlot: 3 * b + 1) + weight(atSlot: 3 * b + 2)
        deviation[b] = load - capacity
        for k in 0..<3 {
            let code = 3 * b + k
            let sum = load - weight(atSlot: code)
            pairSum[code] = sum
            pairNext[code] = pairHead[sum] ?? -1
            pairPrevious[code] = -1
            if pairNext[code] >= 0 { pairPrevious[Int(pairNext[code])] = Int32(code) }
            pairHead[sum] = Int32(code)
        }
        let wrong = deviation[b] != 0
        if wrong && place[b] < 0 {
            place[b] = Int32(imperfect.count)
            imperfect.append(Int32(b))
        } else if !wrong && place[b] >= 0 {
            let last = imperfect.removeLast()
            if Int(last) != b { imperfect[Int(place[b])] = last; place[Int(last)] = place[b] }
            place[b] = -1
        }
    }

    /// Takes bin b's three pairs out of the index (before its items change).
    private mutating func unlinkPairs(_ b: Int) {
        for code in (3 * b)..<(3 * b + 3) {
            let next = pairNext[code], previous = pairPrevious[code]
            if next >= 0 { pairPrevious[Int(next)] = previous }
            if previous >= 0 {
                pairNext[Int(previous)] = next
            } else if next >= 0 {
                pairHead[pairSum[code]] = next
            } else {
                pairHead[pairSum[code]] = nil
            }
        }
    }

    /// Exchanges the items in two slots of different bins.
    private mutating func swapSlots(_ s: Int, _ t: Int) {
        let (a, b) = (s / 3, t / 3)
        unlinkPairs(a)
        unlinkPairs(b)
        slots.swapAt(s, t)
        slotOf[Int(slots[s])] = Int32(s)
        slotOf[Int(slots[t])] = Int32(t)
        settle(a)
        settle(b)
    }

    /// How much a swap that makes b full by handing its deviation d to bin o gains: 2 when o had
    /// −d (both full), 1 when o was imperfect (two defects merge), 0 when o was full.
    private func gain(into o: Int, _ d: Int) -> Int { deviation[o] == -d ? 2 : (deviation[o] != 0 ? 1 : 0) }

    /// A swap that makes bin b full: the slots to exchange (one, or two pairs given by the slot
    /// each leaves out) and what it gains.
    private struct Swap { var gain: Int; var single: Bool; var mine: Int; var theirs: Int }

    /// The swaps that make bin b full with the highest gain, one at random among equals.
    private mutating func bestSwap(for b: Int) -> Swap? {
        let d = deviation[b]
        var best: Swap?
        var ties = 0
        var rng = self.rng
        defer { self.rng = rng }
        func consider(_ swap: Swap) {
            if let current = best, swap.gain < current.gain { return }
            if let current = best, swap.gain == current.gain {
                ties += 1
                if rng.below(ties + 1) != 0 { return }
            } else {
                ties = 0
            }
            best = swap
        }
        for p in 0..<3 {
            let slot = 3 * b + p
            for item in itemsOfWeight[weight(atSlot: slot) - d] ?? [] {
                let o = Int(slotOf[Int(item)]) / 3
                if o != b { consider(Swap(gain: gain(into: o, d), single: true, mine: slot, theirs: Int(slotOf[Int(item)]))) }
            }
            // Bin b keeps its p-th item and takes a pair totalling the rest of the capacity.
            var code = pairHead[capacity - weight(atSlot: slot)] ?? -1
            while code >= 0 {
                let o = Int(code) / 3
                if o != b { consider(Swap(gain: gain(into: o, d), single: false, mine: slot, theirs: Int(code))) }
                code = pairNext[Int(code)]
            }
        }
        return best
    }

    /// Carries out a swap: one item for one, or bin b's pair (without slot `mine`) for the other
    /// bin's pair (without slot `theirs`), done as two single exchanges.
    private mutating func apply(_ swap: Swap) {
        if swap.single { swapSlots(swap.mine, swap.theirs); return }
        let (b, o) = (swap.mine / 3, swap.theirs / 3)
        // Exchanging the two kept items, then the bins' whole contents, leaves b with its kept
        // item and o's pair, and o with its kept item and b's pair.
        swapSlots(swap.mine, swap.theirs)
        exchangeBins(b, o)
    }

    /// Swaps the whole contents of two bins (their slots' items).
    private mutating func exchangeBins(_ b: Int, _ o: Int) {
        unlinkPairs(b)
        unlinkPairs(o)
        for k in 0..<3 {
            slots.swapAt(3 * b + k, 3 * o + k)
            slotOf[Int(slots[3 * b + k])] = Int32(3 * b + k)
            slotOf[Int(slots[3 * o + k])] = Int32(3 * o + k)
        }
        settle(b)
        settle(o)
    }

    /// The nine ways of splitting six items into two triples other than the current one, as the
    /// first triple's positions (position 0 always in it).
    private static let splits: [(Int, Int, Int)] = [
        (0, 1, 3), (0, 1, 4), (0, 1, 5), (0, 2, 3), (0, 2, 4), (0, 2, 5), (0, 3, 4), (0, 3, 5), (0, 4, 5),
    ]

    /// Re-splits the six items of bins b and o: a split with the most full bins, at random among equals.
    private mutating func resplit(_ b: Int, _ o: Int) {
        var six = [Int32](repeating: 0, count: 6)
        for k in 0..<3 { six[k] = slots[3 * b + k]; six[3 + k] = slots[3 * o + k] }
        let total = six.reduce(0) { $0 + weights[Int($1)] }
        var chosen = 0, bestFull = -1, ties = 0
        for (s, split) in Self.splits.enumerated() {
            let first = weights[Int(six[split.0])] + weights[Int(six[split.1])] + weights[Int(six[split.2])]
            let full = (first == capacity ? 1 : 0) + (total - first == capacity ? 1 : 0)
            if full > bestFull { (chosen, bestFull, ties) = (s, full, 0); continue }
            if full == bestFull { ties += 1; if rng.below(ties + 1) == 0 { chosen = s } }
        }
        let split = Self.splits[chosen]
        let firstPositions = [split.0, split.1, split.2]
        let order = firstPositions + (0..<6).filter { !firstPositions.contains($0) }
        unlinkPairs(b)
        unlinkPairs(o)
        for k in 0..<3 { slots[3 * b + k] = six[order[k]]; slots[3 * o + k] = six[order[3 + k]] }
        for s in [3 * b, 3 * b + 1, 3 * b + 2, 3 * o, 3 * o + 1, 3 * o + 2] { slotOf[Int(slots[s])] = Int32(s) }
        settle(b)
        settle(o)
    }

    /// One move (see the type's description).
    mutating func step() {
        let b = Int(imperfect[rng.below(imperfect.count)])
        if let swap = bestSwap(for: b), swap.gain > 0 || rng.next() & 1 == 0 {
            apply(swap)
            return
        }
        guard imperfect.count >= 2 else { return }
        let o = Int(imperfect[rng.below(imperfect.count)])
        if o != b { resplit(b, o) }
    }
}
