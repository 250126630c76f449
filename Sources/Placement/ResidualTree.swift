/// A tournament tree over bins that finds, in O(log n) for one dimension, the leftmost bin
/// whose residual capacity covers an item: the engine of first fit.
///
/// Leaves hold each bin's residual capacity per dimension (bins not yet opened hold the full
/// capacity, so the leftmost fitting bin is either an open bin or the next bin to open);
/// internal nodes hold the per-dimension maximum of their children. In one dimension a query
/// descends one path. In several, a node's maxima are only a necessary condition, so the
/// search backtracks when a subtree holds no bin that fits in every dimension at once.
///
/// In several dimensions each node also keeps the largest residual *sum* below it, a second
/// necessary condition (a bin holds an item only if its residual sum covers the item's sum) that
/// prunes subtrees whose per-dimension maxima come from different bins.
///
/// Storage is one buffer of 2 × leaves × w doubles (w = d, or d + 1 with the sum), allocated once.
final class ResidualTree {
    /// Values per node: the dimensions, plus their sum when there are several.
    let dimensions: Int
    /// Number of leaves, a power of two.
    let leaves: Int
    let nodes: UnsafeMutablePointer<Double>

    /// - Parameters:
    ///   - binLimit: most bins that may be opened.
    ///   - capacity: the capacity of an empty bin.
    /// - Parameter capacity: the empty bin's capacity; with several dimensions the tree appends
    ///   their sum, and queries must append the item's sum likewise (see `queryWidth`).
    init(binLimit: Int, capacity dims: [Double]) {
        let capacity = dims.count > 1 ? dims + [dims.reduce(0, +)] : dims
        dimensions = capacity.count
        var l = 1
        while l < Swift.max(binLimit, 1) { l <<= 1 }
        leaves = l
        let count = 2 * l * dimensions
        nodes = .allocate(capacity: count)
        // Every node starts at full capacity: the maximum over empty bins.
        capacity.withUnsafeBufferPointer { cap in
            if dimensions == 1 {
                nodes.initialize(repeating: cap[0], count: count)
            } else {
                for n in 0..<(2 * l) {
                    (nodes + n * dimensions).initialize(from: cap.baseAddress!, count: dimensions)
                }
            }
        }
    }

    /// A copy of `other`'s leaves and maxima.
    /// - Complexity: O(leaves · w), one copy of the buffer.
    init(copying other: ResidualTree) {
        dimensions = other.dimensions
        leaves = other.leaves
        let count = 2 * leaves * dimensions
        nodes = .allocate(capacity: count)
        nodes.initialize(from: other.nodes, count: count)
    }

    deinit { nodes.deallocate() }

    /// The residual of bin `bin` in dimension `k`.
    @inline(__always) func residual(_ bin: Int, _ k: Int) -> Double { nodes[(leaves + bin) * dimensions + k] }

    /// Values a query or residual passes: d, or d + 1 (with the sum last) in several dimensions.
    static func queryWidth(_ d: Int) -> Int { d > 1 ? d + 1 : d }

    /// Sets bin `bin`'s residuals (`queryWidth` values, the sum last in several dimensions) and
    /// updates the maxima on its path to the root.
    /// - Complexity: O(d log n).
    @inline(__always) func setResidual(_ bin: Int, _ values: UnsafePointer<Double>) {
        let d = dimensions
        var node = leaves + bin
        (nodes + node * d).update(from: values, count: d)
        if d == 1 {
            var v = values[0]
            while node > 1 {
                let sibling = nodes[node ^ 1]
                let m = v > sibling ? v : sibling
                node >>= 1
                if nodes[node] == m { break }
                nodes[node] = m
                v = m
            }
            return
        }
        while node > 1 {
            let parent = node >> 1
            let left = nodes + (2 * parent) * d, right = left + d, p = nodes + parent * d
            var changed = false
            for k in 0..<d {
                let m = left[k] > right[k] ? left[k] : right[k]
                if p[k] != m { p[k] = m; changed = true }
            }
            if !changed { break }
            node = parent
        }
    }

    /// One dimension from the left: the leftmost bin whose residual is at least `need`, or nil.
    /// One descent, O(log leaves); inlined into first fit's loop.
    @inline(__always) func leftmostFit1D(_ need: Double) -> Int? {
        if nodes[1] < need { return nil }
        var node = 1
        while node < leaves {
            node &<<= 1
            node &+= nodes[node] < need ? 1 : 0
        }
        return node &- leaves
    }

    /// One dimension: sets bin `bin`'s residual and the maxima above it. O(log leaves).
    @inline(__always) func setResidual1D(_ bin: Int, _ value: Double) {
        var node = leaves &+ bin
        nodes[node] = value
        var v = value
        while node > 1 {
            let sibling = nodes[node ^ 1]
            let m = v > sibling ? v : sibling
            node &>>= 1
            if nodes[node] == m { break }
            nodes[node] = m
            v = m
        }
    }

    /// The leftmost bin ≥ `start` whose residual covers `size` in every dimension, or nil.
    /// `size` points at d values, already reduced by the tolerance.
    ///
    /// In several dimensions the search visits at most `budget` nodes; when it gives up, it
    /// returns nil as if nothing fitted (the caller then opens a new bin). Exact first fit would
    /// need a search that can grow with the number of bins when every dimension's maximum comes
    /// from a different bin; the budget keeps a query O(budget · d) on huge instances (the
    /// packer lifts it below 8,192 bins, so small instances get exact first fit).
    func leftmostFit(_ size: UnsafePointer<Double>, from start: Int = 0, budget: Int = .max) -> Int? {
        if dimensions == 1 && start == 0 {
            let s = size[0]
            if nodes[1] < s { return nil }
            var node = 1
            while node < leaves {
                node <<= 1
                if nodes[node] < s { node += 1 }
            }
            return node - leaves
        }
        if start == 0 { return searchFromLeft(size, budget: budget) }
        var visits = budget
        return search(node: 1, lo: 0, hi: leaves, size: size, start: start, visits: &visits)
    }

    /// `search` from the root with no start, without recursion: the same nodes in the same
    /// depth-first order, each covering node counted against `budget`.
    private func searchFromLeft(_ size: UnsafePointer<Double>, budget: Int) -> Int? {
        var visits = budget
        var node = 1
        while true {
            if visits <= 0 { return nil }
            if covers(node, size) {
                visits -= 1
                if node >= leaves { return node - leaves }
                node <<= 1
                continue
            }
            // The next subtree in depth-first order: climb while on a right child, then step right.
            while node & 1 == 1 { node >>= 1 }
            if node == 0 { return nil }
            node += 1
        }
    }

    /// Whether node `node` covers `size` in every value. The common widths (2-D and 4-D with
    /// their sums) compare without a branch per value.
    @inline(__always) private func covers(_ node: Int, _ size: UnsafePointer<Double>) -> Bool {
        let p = nodes + node &* dimensions
        switch dimensions {
        case 5:
            let a = UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
            let b = UnsafeRawPointer(size).loadUnaligned(as: SIMD4<Double>.self)
            return !any(a .< b) && p[4] >= size[4]
        case 3:
            let a = UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self)
            let b = UnsafeRawPointer(size).loadUnaligned(as: SIMD2<Double>.self)
            return !any(a .< b) && p[2] >= size[2]
        default:
            for k in 0..<dimensions where p[k] < size[k] { return false }
            return true
        }
    }

    private func search(node: Int, lo: Int, hi: Int, size: UnsafePointer<Double>, start: Int, visits: inout Int) -> Int? {
        if visits <= 0 || hi <= start || !covers(node, size) { return nil }
        visits -= 1
        if node >= leaves { return node - leaves }
        let mid = (lo + hi) / 2
        if let found = search(node: 2 * node, lo: lo, hi: mid, size: size, start: start, visits: &visits) { return found }
        return search(node: 2 * node + 1, lo: mid, hi: hi, size: size, start: start, visits: &visits)
    }
}
