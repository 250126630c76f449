/// Perfect packings of one-dimensional instances with three items in every bin, filling it
/// exactly, where the weights total k bins and there are 3k items (Falkenauer's triplets are
/// such instances): on small instances a depth-first search over the distinct sizes with a node
/// budget (`SizeSearch`), then a walk of the bins' defects (`TripleWalk`) from a greedy start.
///
/// - Complexity: O(n²) for the start, then O(1 + the items of the looked-up weights) per move;
///   bounded by the deadline and `moveLimit`.
enum PerfectTriples {
    /// Whether the instance can have such a packing: its weights total k bins and there are 3k
    /// items. (Any packing found then meets the volume bound, so it is optimal.)
    static func applies(weights: [Int], capacity: Int) -> Bool {
        let total = weights.reduce(0, +)
        return total % capacity == 0 && weights.count >= 3 && weights.count == 3 * (total / capacity)
    }

    /// What the search ends with: a perfect packing, or (past the deadline or the move limit) the
    /// walk's full bins completed by first fit decreasing over the items of the others.
    enum Outcome {
        case perfect(Packing)
        case partial(Packing)
    }

    /// A packing with every bin exactly full by three items, or nil past the deadline or
    /// `moveLimit` moves of the walk.
    static func search(weights: [Int], capacity: Int, deadline: UInt64?, moveLimit: Int = 2_000_000, seed: UInt64 = 1) -> Packing? {
        if case .perfect(let packing)? = run(weights: weights, capacity: capacity, deadline: deadline,
                                             moveLimit: moveLimit, seed: seed) {
            return packing
        }
        return nil
    }

    /// The search; nil when the instance cannot have a perfect triple packing or the deadline
    /// passes before the walk starts.
    static func run(weights: [Int], capacity: Int, deadline: UInt64?, moveLimit: Int = 2_000_000, seed: UInt64 = 1) -> Outcome? {
        guard applies(weights: weights, capacity: capacity) else { return nil }
        // Small instances (up to 50 bins): a complete search over sizes settles them at once;
        // on larger ones its nodes cost too much (O(m²) each) and the walk does better.
        if weights.count <= 150 {
            var exact = SizeSearch(weights: weights, capacity: capacity)
            if let packing = exact.run(nodeLimit: 100_000, deadline: deadline) { return .perfect(packing) }
        }
        guard let start = closestPairs(weights: weights, capacity: capacity, deadline: deadline) else { return nil }
        var walk = TripleWalk(weights: weights, capacity: capacity, start: start, seed: seed)
        for move in 0..<moveLimit {
            if walk.imperfect.isEmpty { break }
            if move & 63 == 0, let deadline, Clock.nanoseconds() >= deadline { break }
            walk.step()
        }
        if walk.imperfect.isEmpty { return .perfect(Packing(binContents: walk.bins, itemCount: weights.count)) }
        return .partial(completed(walk, weights: weights, capacity: capacity))
    }

    /// The walk's full bins, then the items of its imperfect bins by first fit decreasing.
    /// - Complexity: O(n + r²) for r items left.
    static func completed(_ walk: TripleWalk, weights: [Int], capacity: Int) -> Packing {
        let bins = walk.bins
        var contents = (0..<bins.count).filter { walk.deviation[$0] == 0 }.map { bins[$0] }
        let rest = walk.imperfect.flatMap { bins[Int($0)] }.sorted { (weights[Int($0)], $1) > (weights[Int($1)], $0) }
        var loads: [Int] = []
        let first = contents.count
        for item in rest {
            let w = weights[Int(item)]
            if let b = loads.firstIndex(where: { $0 + w <= capacity }) {
                loads[b] += w
                contents[first + b].append(item)
            } else {
                loads.append(w)
                contents.append([item])
            }
        }
        return Packing(binContents: contents, itemCount: weights.count)
    }

    /// Triples by a greedy: the largest item left with the pair of items left that comes closest
    /// to filling its bin (two pointers over the sorted rest). Nil past the deadline.
    /// - Complexity: O(n²).
    static func closestPairs(weights: [Int], capacity: Int, deadline: UInt64?) -> [[Int32]]? {
        var left = (0..<weights.count).sorted { (weights[$0], $1) > (weights[$1], $0) }
        var bins: [[Int32]] = []
        bins.reserveCapacity(weights.count / 3)
        while left.count >= 3 {
            if bins.count & 63 == 0, let deadline, Clock.nanoseconds() >= deadline { return nil }
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
        return bins
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
