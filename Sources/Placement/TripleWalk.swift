/// A local search for perfect triple packings (every bin exactly full in every dimension with
/// three items) that walks each bin's defect — its load minus the capacity, a vector — from bin
/// to bin until it meets another defect, looking the moves up instead of scanning the bins.
///
/// A move starts from a random imperfect bin b with defect δ and looks for the swaps that make b
/// exactly full: one of its items x for an item of size x − δ elsewhere (an index of the items by
/// size, fixed), or a pair of its items for another bin's pair whose sizes total the capacity
/// less b's third item (an index of every bin's three pairs by their total, kept up to date).
/// The swap hands δ to the other bin: a swap into a bin with defect −δ fixes both, into another
/// imperfect bin merges the two defects, into a full bin only moves δ (taken half the time, so
/// that the defect explores). Without such a swap, b's and a random imperfect bin's six items are
/// re-split into two triples, a full bin first if the six allow it: the defects take new values
/// and with them new swaps.
///
/// Sizes are looked up by a 64-bit mix of the vector and every candidate is compared in full, so
/// a collision costs a comparison, never a wrong move.
///
/// - Complexity: O(d · (1 + the candidates of the looked-up keys)) per move for d dimensions.
/// - Invariant: `slots` holds every item once, three a bin; `deviation[b·d + k]` is bin b's load
///   minus the capacity in dimension k; `imperfect` lists exactly the bins with a nonzero one.
struct TripleWalk {
    /// Item i's size in dimension k is `weights[i · d + k]`.
    let weights: [Int]
    let capacity: [Int]
    let d: Int
    /// Slot 3b + p holds bin b's p-th item.
    private(set) var slots: [Int32]
    /// Each item's slot.
    private var slotOf: [Int32]
    /// Load − capacity of each bin in each dimension.
    private(set) var deviation: [Int]
    /// The bins with a nonzero deviation, and each bin's place in that list (−1: full).
    private(set) var imperfect: [Int32] = []
    private var place: [Int32]
    /// The items of each size, by the size's key (never changes: swaps move items, not sizes).
    private let itemsOfSize: [UInt64: [Int32]]
    /// Every bin's three pairs by their total's key, as linked lists: pair 3b + k is bin b's two
    /// items other than its k-th.
    private var pairHead: [UInt64: Int32] = [:]
    private var pairNext: [Int32]
    private var pairPrevious: [Int32]
    private var pairKey: [UInt64]
    private var rng: SplitMix64
    /// Scratch vectors (length d).
    private var target: [Int]

    var binCount: Int { place.count }

    /// Starts from `start`, a list of triples of item indices.
    init(weights: [Int], capacity: [Int], start: [[Int32]], seed: UInt64) {
        let d = capacity.count
        self.weights = weights
        self.capacity = capacity
        self.d = d
        rng = SplitMix64(seed: seed)
        slots = start.flatMap { $0 }
        slotOf = [Int32](repeating: 0, count: weights.count / d)
        for (s, item) in slots.enumerated() { slotOf[Int(item)] = Int32(s) }
        var bySize: [UInt64: [Int32]] = [:]
        for i in 0..<(weights.count / d) { bySize[Self.key(weights[(i * d)..<(i * d + d)]), default: []].append(Int32(i)) }
        itemsOfSize = bySize
        deviation = [Int](repeating: 0, count: start.count * d)
        place = [Int32](repeating: -1, count: start.count)
        pairNext = [Int32](repeating: -1, count: slots.count)
        pairPrevious = [Int32](repeating: -1, count: slots.count)
        pairKey = [UInt64](repeating: 0, count: slots.count)
        target = [Int](repeating: 0, count: d)
        for b in 0..<start.count { settle(b) }
    }

    /// The bins as lists of item indices.
    var bins: [[Int32]] { (0..<binCount).map { Array(slots[3 * $0..<3 * $0 + 3]) } }

    /// Whether bin b is exactly full.
    func isFull(_ b: Int) -> Bool { place[b] < 0 }

    /// A 64-bit mix of a vector (a size or a total).
    static func key<C: Collection>(_ v: C) -> UInt64 where C.Element == Int {
        var h: UInt64 = 0x243f_6a88_85a3_08d3
        for x in v {
            h = (h ^ UInt64(bitPattern: Int64(x))) &* 0x9e37_79b9_7f4a_7c15
            h ^= h >> 29
        }
        return h
    }

    private func size(_ item: Int32, _ k: Int) -> Int { weights[Int(item) * d + k] }

    /// Recomputes bin b's deviation, its pairs in the index and its place in `imperfect`.
    private mutating func settle(_ b: Int) {
        var wrong = false
        for k in 0..<d {
            deviation[b * d + k] = size(slots[3 * b], k) + size(slots[3 * b + 1], k) + size(slots[3 * b + 2], k) - capacity[k]
            wrong = wrong || deviation[b * d + k] != 0
        }
        for p in 0..<3 {
            let code = 3 * b + p
            for k in 0..<d { target[k] = deviation[b * d + k] + capacity[k] - size(slots[code], k) }
            let key = Self.key(target)
            pairKey[code] = key
            pairNext[code] = pairHead[key] ?? -1
            pairPrevious[code] = -1
            if pairNext[code] >= 0 { pairPrevious[Int(pairNext[code])] = Int32(code) }
            pairHead[key] = Int32(code)
        }
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
                pairHead[pairKey[code]] = next
            } else {
                pairHead[pairKey[code]] = nil
            }
        }
    }

    /// Puts items into bins b's and o's slots (six items, b's three first) and settles both.
    private mutating func refill(_ b: Int, _ o: Int, with six: [Int32]) {
        unlinkPairs(b)
        unlinkPairs(o)
        for k in 0..<3 { slots[3 * b + k] = six[k]; slots[3 * o + k] = six[3 + k] }
        for s in [3 * b, 3 * b + 1, 3 * b + 2, 3 * o, 3 * o + 1, 3 * o + 2] { slotOf[Int(slots[s])] = Int32(s) }
        settle(b)
        settle(o)
    }

    /// How much a swap that makes b full by handing its deviation to bin o gains: 2 when o had
    /// the opposite one (both full), 1 when o was imperfect (two defects merge), 0 when o was full.
    private func gain(into o: Int, from b: Int) -> Int {
        if isFull(o) { return 0 }
        for k in 0..<d where deviation[o * d + k] != -deviation[b * d + k] { return 1 }
        return 2
    }

    /// A swap that makes bin b full: b keeps the item in slot `kept` and takes either the item in
    /// slot `theirs` (single) or the pair of `theirs`'s bin without it (pair); and its gain.
    private struct Swap { var gain: Int; var single: Bool; var mine: Int; var theirs: Int }

    /// Whether item j's size equals `target`.
    private func sizeIs(_ j: Int32) -> Bool {
        for k in 0..<d where size(j, k) != target[k] { return false }
        return true
    }

    /// Whether pair `code` (its bin without the item in that slot) totals `target`.
    private func pairIs(_ code: Int) -> Bool {
        let o = code / 3
        for k in 0..<d where deviation[o * d + k] + capacity[k] - size(slots[code], k) != target[k] { return false }
        return true
    }

    /// The swaps that make bin b full with the highest gain, one at random among equals.
    private mutating func bestSwap(for b: Int) -> Swap? {
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
            // One item for one: the other bin's item is this one less b's deviation.
            for k in 0..<d { target[k] = size(slots[slot], k) - deviation[b * d + k] }
            for item in itemsOfSize[Self.key(target)] ?? [] where sizeIs(item) {
                let theirs = Int(slotOf[Int(item)])
                if theirs / 3 != b { consider(Swap(gain: gain(into: theirs / 3, from: b), single: true, mine: slot, theirs: theirs)) }
            }
            // Bin b keeps its p-th item and takes a pair totalling the rest of the capacity.
            for k in 0..<d { target[k] = capacity[k] - size(slots[slot], k) }
            var code = pairHead[Self.key(target)] ?? -1
            while code >= 0 {
                let o = Int(code) / 3
                if o != b && pairIs(Int(code)) {
                    consider(Swap(gain: gain(into: o, from: b), single: false, mine: slot, theirs: Int(code)))
                }
                code = pairNext[Int(code)]
            }
        }
        return best
    }

    /// Carries out a swap.
    private mutating func apply(_ swap: Swap) {
        let (b, o) = (swap.mine / 3, swap.theirs / 3)
        var mine = Array(slots[3 * b..<3 * b + 3]), theirs = Array(slots[3 * o..<3 * o + 3])
        let (p, q) = (swap.mine % 3, swap.theirs % 3)
        if swap.single {
            Swift.swap(&mine[p], &theirs[q])
            refill(b, o, with: mine + theirs)
        } else {
            // b: its kept item and o's pair; o: its kept item and b's pair.
            let minePair = (0..<3).filter { $0 != p }.map { mine[$0] }
            let theirPair = (0..<3).filter { $0 != q }.map { theirs[$0] }
            refill(b, o, with: [mine[p]] + theirPair + [theirs[q]] + minePair)
        }
    }

    /// The nine ways of splitting six items into two triples other than the current one, as the
    /// first triple's positions (position 0 always in it).
    private static let splits: [[Int]] = [
        [0, 1, 3], [0, 1, 4], [0, 1, 5], [0, 2, 3], [0, 2, 4], [0, 2, 5], [0, 3, 4], [0, 3, 5], [0, 4, 5],
    ]

    /// Re-splits the six items of bins b and o: a split with the most full bins, at random among equals.
    private mutating func resplit(_ b: Int, _ o: Int) {
        let six = Array(slots[3 * b..<3 * b + 3]) + Array(slots[3 * o..<3 * o + 3])
        var chosen = 0, bestFull = -1, ties = 0
        for (s, split) in Self.splits.enumerated() {
            var firstFull = true, secondFull = true
            for k in 0..<d {
                var first = 0, total = 0
                for (position, item) in six.enumerated() {
                    total += size(item, k)
                    if split.contains(position) { first += size(item, k) }
                }
                firstFull = firstFull && first == capacity[k]
                secondFull = secondFull && total - first == capacity[k]
            }
            let full = (firstFull ? 1 : 0) + (secondFull ? 1 : 0)
            if full > bestFull { (chosen, bestFull, ties) = (s, full, 0); continue }
            if full == bestFull { ties += 1; if rng.below(ties + 1) == 0 { chosen = s } }
        }
        let split = Self.splits[chosen]
        refill(b, o, with: split.map { six[$0] } + (0..<6).filter { !split.contains($0) }.map { six[$0] })
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
