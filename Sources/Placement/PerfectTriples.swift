/// Perfect packings with three items in every bin, filling it exactly in every dimension, where
/// the sizes total k bins in each dimension and there are 3k items (Falkenauer's triplets and
/// their vector versions are such instances): on small one-dimensional instances a depth-first
/// search over the distinct sizes with a node budget (`SizeSearch`), then a walk of the bins'
/// defects (`TripleWalk`) from a greedy start.
///
/// - Complexity: O(n²) for the start, then O(d · (1 + the candidates looked up)) per move;
///   bounded by the deadline and `moveLimit`.
enum PerfectTriples {
    /// Whether the instance can have such a packing: its sizes total k bins in every dimension
    /// and there are 3k items. (Any packing found then meets the volume bound, so it is optimal.)
    static func applies(weights: [Int], capacity: [Int]) -> Bool {
        let d = capacity.count
        guard d >= 1, weights.count % d == 0 else { return false }
        let n = weights.count / d
        guard n >= 3, n % 3 == 0 else { return false }
        for k in 0..<d {
            var total = 0
            for i in 0..<n { total += weights[i * d + k] }
            guard total == capacity[k] * (n / 3) else { return false }
        }
        return true
    }

    static func applies(weights: [Int], capacity: Int) -> Bool { applies(weights: weights, capacity: [capacity]) }

    /// What the search ends with: a perfect packing, or (past the deadline or the move limit) the
    /// walk's full bins completed by first fit decreasing over the items of the others.
    enum Outcome {
        case perfect(Packing)
        case partial(Packing)
    }

    /// A one-dimensional packing with every bin exactly full by three items, or nil past the
    /// deadline or `moveLimit` moves of the walk.
    static func search(weights: [Int], capacity: Int, deadline: UInt64?, moveLimit: Int = 2_000_000, seed: UInt64 = 1) -> Packing? {
        if case .perfect(let packing)? = run(weights: weights, capacity: [capacity], deadline: deadline,
                                             moveLimit: moveLimit, seed: seed) {
            return packing
        }
        return nil
    }

    /// The search; nil when the instance cannot have a perfect triple packing or the deadline
    /// passes before the walk starts.
    static func run(weights: [Int], capacity: [Int], deadline: UInt64?, moveLimit: Int = 2_000_000, seed: UInt64 = 1) -> Outcome? {
        guard applies(weights: weights, capacity: capacity) else { return nil }
        let d = capacity.count
        // Small one-dimensional instances (up to 50 bins): a complete search over sizes settles
        // them at once; on larger ones its nodes cost too much (O(m²) each) and the walk does better.
        if d == 1 && weights.count <= 150 {
            var exact = SizeSearch(weights: weights, capacity: capacity[0])
            if let packing = exact.run(nodeLimit: 100_000, deadline: deadline) { return .perfect(packing) }
        }
        // The start pairs items by one number: in several dimensions, each item's sizes as
        // millionths of the capacities, summed.
        let scalar = d == 1 ? weights : (0..<(weights.count / d)).map { i in
            (0..<d).reduce(0) { $0 + weights[i * d + $1] * 1_000_000 / capacity[$1] }
        }
        guard let start = closestPairs(weights: scalar, capacity: d == 1 ? capacity[0] : d * 1_000_000,
                                       deadline: deadline) else { return nil }
        var walk = TripleWalk(weights: weights, capacity: capacity, start: start, seed: seed)
        for move in 0..<moveLimit {
            if walk.imperfect.isEmpty { break }
            if move & 63 == 0, let deadline, Clock.nanoseconds() >= deadline { break }
            walk.step()
        }
        if walk.imperfect.isEmpty { return .perfect(Packing(binContents: walk.bins, itemCount: weights.count / d)) }
        return .partial(completed(walk))
    }

    /// The walk's full bins, then the items of its imperfect bins by first fit decreasing (the
    /// package's own, on a tree of residuals).
    /// - Complexity: O(n · d + r log r · d) for r items left.
    static func completed(_ walk: TripleWalk) -> Packing {
        let d = walk.d
        let bins = walk.bins
        var contents = (0..<bins.count).filter { walk.isFull($0) }.map { bins[$0] }
        let rest = walk.imperfect.flatMap { bins[Int($0)] }
        var sizes: [Double] = []
        sizes.reserveCapacity(rest.count * d)
        for item in rest { for k in 0..<d { sizes.append(Double(walk.weights[Int(item) * d + k])) } }
        let problem = PackingProblem(capacity: walk.capacity.map(Double.init), sizes: sizes)
        // Every item fits a bin alone (the instance was checked packable), so FFD cannot fail.
        if let packing = try? Packer.pack(problem, heuristic: .firstFitDecreasing, sortKey: .sum) {
            for bin in packing.binContents() where !bin.isEmpty { contents.append(bin.map { rest[$0] }) }
        } else {
            contents += rest.map { [$0] }
        }
        return Packing(binContents: contents, itemCount: walk.weights.count / d)
    }

    /// Items above which the start is `snake` (O(n log n)) rather than the O(n²) greedy.
    static let largeStart = 30_000

    /// Triples from the sizes in decreasing order (m = n / 3 bins): bin j takes the j-th largest,
    /// the j-th smallest of the middle third counted from its end, and the j-th of the last third,
    /// so that each bin has one item of each third and the totals are near each other.
    /// - Complexity: O(n log n).
    static func snake(weights: [Int]) -> [[Int32]] {
        let order = (0..<weights.count).sorted { (weights[$0], $1) > (weights[$1], $0) }
        let m = weights.count / 3
        return (0..<m).map { j in [Int32(order[j]), Int32(order[2 * m - 1 - j]), Int32(order[2 * m + j])] }
    }

    /// Triples by a greedy: the largest item left with the pair of items left that comes closest
    /// to filling its bin (two pointers over the sorted rest). Nil past the deadline.
    /// - Complexity: O(n²).
    static func closestPairs(weights: [Int], capacity: Int, deadline: UInt64?) -> [[Int32]]? {
        if weights.count > largeStart { return snake(weights: weights) }
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
