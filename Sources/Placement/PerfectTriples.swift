/// Perfect packings of one-dimensional instances with three items in every bin, filling it
/// exactly, where the weights total k bins and there are 3k items (Falkenauer's triplets are
/// such instances): on small instances a depth-first search over the distinct sizes with a node
/// budget, then a local search that re-splits pairs of bins. Works on the distinct sizes and their counts, so
/// that equal items are never tried in turn: the largest size left goes into a bin with a pair of
/// sizes that completes it, depth first, with randomised restarts of doubling node budgets.
///
/// - Complexity: O(m) per node for m distinct sizes; bounded by the deadline and `nodeLimit`.
enum PerfectTriples {
    /// Whether the instance can have such a packing: its weights total k bins and there are 3k
    /// items. (Any packing found then meets the volume bound, so it is optimal.)
    static func applies(weights: [Int], capacity: Int) -> Bool {
        let total = weights.reduce(0, +)
        return total % capacity == 0 && weights.count >= 3 && weights.count == 3 * (total / capacity)
    }

    /// A packing with every bin exactly full by three items, or nil past the deadline or
    /// `moveLimit` moves.
    static func search(weights: [Int], capacity: Int, deadline: UInt64?, moveLimit: Int = 200_000, seed: UInt64 = 1) -> Packing? {
        guard applies(weights: weights, capacity: capacity) else { return nil }
        // Small instances (up to 50 bins): a complete search over sizes settles them at once;
        // on larger ones its nodes cost too much (O(m²) each) and the local search does better.
        if weights.count <= 150 {
            var exact = SizeSearch(weights: weights, capacity: capacity)
            if let packing = exact.run(nodeLimit: 100_000, deadline: deadline) { return packing }
        }
        var state = State(weights: weights, capacity: capacity, seed: seed)
        for move in 0..<moveLimit {
            if state.imperfect.isEmpty { return state.packing }
            if move & 63 == 0, let deadline, Clock.nanoseconds() >= deadline { return nil }
            state.improve()
        }
        return state.imperfect.isEmpty ? state.packing : nil
    }

    /// Bins of three items each and how far each is from full; a local search re-splits two
    /// bins' six items to bring the sum of squared deviations down.
    struct State {
        let weights: [Int]
        let capacity: Int
        var bins: [[Int32]]
        /// load − capacity of each bin.
        var deviation: [Int]
        /// Bins whose deviation is not 0, and each bin's place in that list (−1: perfect).
        var imperfect: [Int] = []
        var place: [Int]
        var rng: SplitMix64

        /// Starts from a greedy: the largest item left with the pair of items left that comes
        /// closest to filling its bin (two pointers over the sorted rest).
        init(weights: [Int], capacity: Int, seed: UInt64) {
            self.weights = weights
            self.capacity = capacity
            rng = SplitMix64(seed: seed)
            var left = (0..<weights.count).sorted { (weights[$0], $1) > (weights[$1], $0) }
            var bins: [[Int32]] = []
            while left.count >= 3 {
                let c = left.removeFirst()
                let room = capacity - weights[c]
                var lo = 0, hi = left.count - 1, best = (Int.max, 0, 1)
                while lo < hi {
                    let sum = weights[left[lo]] + weights[left[hi]]
                    if abs(sum - room) < best.0 { best = (abs(sum - room), lo, hi) }
                    if sum > room { lo += 1 } else if sum < room { hi -= 1 } else { break }
                }
                bins.append([Int32(c), Int32(left[best.1]), Int32(left[best.2])])
                left.remove(at: best.2)
                left.remove(at: best.1)
            }
            self.bins = bins
            deviation = bins.map { $0.reduce(0) { $0 + weights[Int($1)] } - capacity }
            place = [Int](repeating: -1, count: bins.count)
            for b in 0..<bins.count where deviation[b] != 0 { mark(b) }
        }

        mutating func mark(_ b: Int) {
            let wrong = deviation[b] != 0
            if wrong && place[b] < 0 {
                place[b] = imperfect.count
                imperfect.append(b)
            } else if !wrong && place[b] >= 0 {
                let last = imperfect.removeLast()
                if last != b { imperfect[place[b]] = last; place[last] = place[b] }
                place[b] = -1
            }
        }

        /// The ten ways of splitting six items into two triples, as the first triple's positions
        /// (position 0 always in the first, so each split is listed once).
        static let splits: [(Int, Int, Int)] = [
            (0, 1, 2), (0, 1, 3), (0, 1, 4), (0, 1, 5), (0, 2, 3), (0, 2, 4), (0, 2, 5), (0, 3, 4), (0, 3, 5), (0, 4, 5),
        ]

        /// One move: a random imperfect bin and the other bin and re-split of their six items
        /// that lowers the squared deviations most (ties at random); when none lowers them, a
        /// random re-split with a random bin one time in four, else the least bad move.
        mutating func improve() {
            let b = imperfect[Int(rng.next() % UInt64(imperfect.count))]
            if let partner = imperfect.first(where: { deviation[$0] == -deviation[b] }), threeWay(b, partner) { return }
            var best: (other: Int, split: Int, delta: Int)?
            var ties = 0
            var six = [Int](repeating: 0, count: 6)
            for k in 0..<3 { six[k] = weights[Int(bins[b][k])] }
            for other in 0..<bins.count where other != b {
                for k in 0..<3 { six[3 + k] = weights[Int(bins[other][k])] }
                let before = deviation[b] * deviation[b] + deviation[other] * deviation[other]
                // The six items' weight, less two bins: what the two deviations add up to.
                let excess = deviation[b] + deviation[other]
                for (s, split) in Self.splits.enumerated() where s != 0 {
                    let first = six[split.0] + six[split.1] + six[split.2] - capacity
                    let second = excess - first
                    let delta = first * first + second * second - before
                    if let cur = best, delta > cur.delta { continue }
                    if let cur = best, delta == cur.delta {
                        ties += 1
                        if rng.next() % UInt64(ties + 1) != 0 { continue }
                    } else {
                        ties = 0
                    }
                    best = (other, s, delta)
                }
            }
            guard let move = best else { return }
            if move.delta > 0 && rng.next() % 4 == 0 {
                let other = Int(rng.next() % UInt64(bins.count))
                if other != b { apply(b, other, split: 1 + Int(rng.next() % 9)) }
                return
            }
            apply(b, move.other, split: move.split)
        }

        /// Two bins whose deviations cancel and any third bin re-split into three full bins, if
        /// their nine items allow it: the defect need not wander from bin to bin to meet its
        /// partner. O(bins · 28 · 10).
        mutating func threeWay(_ b: Int, _ partner: Int) -> Bool {
            for other in 0..<bins.count where other != b && other != partner {
                let nine = bins[b] + bins[partner] + bins[other]
                let w = nine.map { weights[Int($0)] }
                for i in 1..<9 {
                    for j in (i + 1)..<9 where w[0] + w[i] + w[j] == capacity {
                        let six = (1..<9).filter { $0 != i && $0 != j }
                        for split in Self.splits where w[six[split.0]] + w[six[split.1]] + w[six[split.2]] == capacity {
                            let first = [six[split.0], six[split.1], six[split.2]]
                            bins[b] = [nine[0], nine[i], nine[j]]
                            bins[partner] = first.map { nine[$0] }
                            bins[other] = six.filter { !first.contains($0) }.map { nine[$0] }
                            for x in [b, partner, other] {
                                deviation[x] = bins[x].reduce(0) { $0 + weights[Int($1)] } - capacity
                                mark(x)
                            }
                            return true
                        }
                    }
                }
            }
            return false
        }

        mutating func apply(_ b: Int, _ other: Int, split s: Int) {
            let six = bins[b] + bins[other]
            let split = Self.splits[s]
            let first = [split.0, split.1, split.2]
            bins[b] = first.map { six[$0] }
            bins[other] = (0..<6).filter { !first.contains($0) }.map { six[$0] }
            for x in [b, other] {
                deviation[x] = bins[x].reduce(0) { $0 + weights[Int($1)] } - capacity
                mark(x)
            }
        }

        var packing: Packing { Packing(binContents: bins, itemCount: weights.count) }
    }
}

/// Depth first over the distinct sizes and their counts (equal items are never tried in turn):
/// each step fills a bin around the size with the fewest completing pairs left, so a size with
/// none ends the branch at once.
struct SizeSearch {
    let sizes: [Int]
    let index: [Int: Int]
    let capacity: Int
    var counts: [Int]
    var chosen: [(Int, Int, Int)] = []
    var nodesLeft = 0
    var deadline: UInt64?
    let weights: [Int]

    init(weights: [Int], capacity: Int) {
        var count: [Int: Int] = [:]
        for w in weights { count[w, default: 0] += 1 }
        sizes = count.keys.sorted(by: >)
        counts = sizes.map { count[$0]! }
        var index: [Int: Int] = [:]
        for (k, s) in sizes.enumerated() { index[s] = k }
        self.index = index
        self.capacity = capacity
        self.weights = weights
    }

    /// A perfect packing, or nil when there is none or the budget or deadline ran out first.
    mutating func run(nodeLimit: Int, deadline: UInt64?) -> Packing? {
        nodesLeft = nodeLimit
        self.deadline = deadline
        guard extend(remaining: weights.count) else { return nil }
        var bySize: [Int: [Int32]] = [:]
        for (i, w) in weights.enumerated() { bySize[w, default: []].append(Int32(i)) }
        var assignment = [Int32](repeating: -1, count: weights.count)
        for (bin, triple) in chosen.enumerated() {
            for k in [triple.0, triple.1, triple.2] { assignment[Int(bySize[sizes[k]]!.removeLast())] = Int32(bin) }
        }
        return Packing(assignment: assignment, binCount: chosen.count)
    }

    /// The pairs of sizes (indices x ≤ y by size, x the larger) completing a bin around one
    /// item of size k among the items left; at most `limit`.
    mutating func completions(of k: Int, limit: Int) -> [(Int, Int)] {
        counts[k] -= 1
        defer { counts[k] += 1 }
        let room = capacity - sizes[k]
        var out: [(Int, Int)] = []
        for x in 0..<counts.count where counts[x] > 0 && sizes[x] < room {
            let y = room - sizes[x]
            if y > sizes[x] { break }
            guard let yi = index[y], counts[yi] >= (yi == x ? 2 : 1) else { continue }
            out.append((x, yi))
            if out.count >= limit { break }
        }
        return out
    }

    mutating func extend(remaining: Int) -> Bool {
        if remaining == 0 { return true }
        nodesLeft -= 1
        if nodesLeft < 0 { return false }
        if nodesLeft & 255 == 0, let deadline, Clock.nanoseconds() >= deadline { nodesLeft = -1; return false }
        var best = -1
        var options: [(Int, Int)] = []
        for k in 0..<counts.count where counts[k] > 0 {
            let found = completions(of: k, limit: best < 0 ? Int.max : options.count)
            if found.isEmpty { return false }
            if best < 0 || found.count < options.count { (best, options) = (k, found) }
            if options.count == 1 { break }
        }
        for (x, y) in options {
            for k in [best, x, y] { counts[k] -= 1 }
            chosen.append((best, x, y))
            if extend(remaining: remaining - 3) { return true }
            chosen.removeLast()
            for k in [best, x, y] { counts[k] += 1 }
            if nodesLeft < 0 { return false }
        }
        return false
    }
}
