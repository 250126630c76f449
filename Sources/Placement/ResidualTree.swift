/// A tournament tree over bins that finds, in O(log n) for one dimension, the leftmost bin
/// whose residual capacity covers an item: the engine of first fit.
///
/// Leaves hold each bin's residual capacity per dimension (bins not yet opened hold the full
/// capacity, so the leftmost fitting bin is either an open bin or the next bin to open);
/// internal nodes hold the per-dimension maximum of their children. In one dimension a query
/// descends one path. In several, a node's maxima are only a necessary condition, so the
/// search backtracks when a subtree holds no bin that fits in every dimension at once.
///
/// Storage is one buffer of 2 × leaves × d doubles, allocated once.
final class ResidualTree {
    let dimensions: Int
    /// Number of leaves, a power of two.
    let leaves: Int
    let nodes: UnsafeMutablePointer<Double>

    /// - Parameters:
    ///   - binLimit: most bins that may be opened.
    ///   - capacity: the capacity of an empty bin.
    init(binLimit: Int, capacity: [Double]) {
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

    deinit { nodes.deallocate() }

    /// The residual of bin `bin` in dimension `k`.
    @inline(__always) func residual(_ bin: Int, _ k: Int) -> Double { nodes[(leaves + bin) * dimensions + k] }

    /// Sets bin `bin`'s residuals and updates the maxima on its path to the root.
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

    /// The leftmost bin ≥ `start` whose residual covers `size` in every dimension, or nil.
    /// `size` points at d values, already reduced by the tolerance.
    func leftmostFit(_ size: UnsafePointer<Double>, from start: Int = 0) -> Int? {
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
        return search(node: 1, lo: 0, hi: leaves, size: size, start: start)
    }

    private func covers(_ node: Int, _ size: UnsafePointer<Double>) -> Bool {
        let p = nodes + node * dimensions
        for k in 0..<dimensions where p[k] < size[k] { return false }
        return true
    }

    private func search(node: Int, lo: Int, hi: Int, size: UnsafePointer<Double>, start: Int) -> Int? {
        if hi <= start || !covers(node, size) { return nil }
        if node >= leaves { return node - leaves }
        let mid = (lo + hi) / 2
        if let found = search(node: 2 * node, lo: lo, hi: mid, size: size, start: start) { return found }
        return search(node: 2 * node + 1, lo: mid, hi: hi, size: size, start: start)
    }
}
