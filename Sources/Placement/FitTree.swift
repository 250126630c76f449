/// A tree over bins for best and worst fit in any number of dimensions: each leaf holds a bin's
/// residual per dimension and its *room*, the residuals' sum normalised by the capacity; each
/// node the per-dimension maximum residual below it and the least and greatest room below it.
///
/// `best` finds the fitting bin of least room (worst: greatest), the lowest index among equals,
/// by branch and bound: a subtree is skipped when some dimension's maximum cannot hold the item
/// (a necessary condition), or when its room bound cannot beat, or tie at a lower index, the bin
/// found so far. Full bins therefore cost nothing: 40,000 equal VMs go in O(n log n). A bin whose
/// room bound holds but whose dimensions come from different bins can make a query visit more
/// nodes, O(bins) at worst, as the linear scan it replaces always did.
///
/// Bins not opened, and bins at their item limit, hold residual −1 and no room (never chosen).
/// Storage: one buffer per quantity, 2 × leaves nodes, regrown by doubling when bins outgrow it.
struct FitTree {
    let d: Int
    private(set) var leaves: Int
    /// Per node: d residual maxima; least and greatest room.
    private var residual: [Double]
    private var least: [Double]
    private var greatest: [Double]

    init(dimensions: Int, bins: Int) {
        d = dimensions
        var l = 1
        while l < Swift.max(bins, 1) { l <<= 1 }
        leaves = l
        residual = [Double](repeating: -1, count: 2 * l * dimensions)
        least = [Double](repeating: .infinity, count: 2 * l)
        greatest = [Double](repeating: -.infinity, count: 2 * l)
    }

    /// Sets bin `b`'s residuals (d values) and room, or marks it unusable (`values` nil).
    /// - Complexity: O(d log leaves), amortised O(d) more when the tree doubles.
    mutating func set(_ b: Int, residuals values: UnsafePointer<Double>?, room: Double) {
        if b >= leaves { grow(to: b + 1) }
        var node = leaves + b
        for k in 0..<d { residual[node * d + k] = values?[k] ?? -1 }
        least[node] = values == nil ? .infinity : room
        greatest[node] = values == nil ? -.infinity : room
        while node > 1 {
            node >>= 1
            pull(node)
        }
    }

    private mutating func pull(_ node: Int) {
        let l = 2 * node, r = l + 1
        for k in 0..<d { residual[node * d + k] = Swift.max(residual[l * d + k], residual[r * d + k]) }
        least[node] = Swift.min(least[l], least[r])
        greatest[node] = Swift.max(greatest[l], greatest[r])
    }

    private mutating func grow(to bins: Int) {
        var bigger = FitTree(dimensions: d, bins: bins)
        for b in 0..<leaves {
            let from = (leaves + b), to = (bigger.leaves + b)
            for k in 0..<d { bigger.residual[to * d + k] = residual[from * d + k] }
            bigger.least[to] = least[from]
            bigger.greatest[to] = greatest[from]
        }
        for node in stride(from: bigger.leaves - 1, through: 1, by: -1) { bigger.pull(node) }
        self = bigger
    }

    /// The bin of least (`best`) or greatest room among those whose residuals cover `need` (d
    /// values, already loosened by the caller's tolerance) and that `accept`s, the lowest
    /// index among equal rooms; nil when there is none.
    func search(need: UnsafePointer<Double>, best: Bool, accept: (Int) -> Bool) -> Int? {
        var found = -1, room = 0.0
        visit(1, lo: 0, size: leaves, need: need, best: best, accept: accept, found: &found, room: &room)
        return found >= 0 ? found : nil
    }

    private func visit(_ node: Int, lo: Int, size: Int, need: UnsafePointer<Double>, best: Bool, accept: (Int) -> Bool,
                       found: inout Int, room: inout Double) {
        let bound = best ? least[node] : greatest[node]
        if !bound.isFinite { return }
        if found >= 0 && (best ? bound > room : bound < room) { return }
        if found >= 0 && bound == room && lo > found { return }
        for k in 0..<d where residual[node * d + k] < need[k] { return }
        if size == 1 {
            let b = node - leaves
            if accept(b) && (found < 0 || bound != room || b < found) {
                found = b
                room = bound
            }
            return
        }
        let l = 2 * node, half = size / 2
        // The child with the better bound first (the left one on a tie), so that the second is
        // usually cut by the first's result.
        let leftFirst = best ? least[l] <= least[l + 1] : greatest[l] >= greatest[l + 1]
        let first = leftFirst ? l : l + 1, second = leftFirst ? l + 1 : l
        visit(first, lo: leftFirst ? lo : lo + half, size: half, need: need, best: best, accept: accept, found: &found, room: &room)
        visit(second, lo: leftFirst ? lo + half : lo, size: half, need: need, best: best, accept: accept, found: &found, room: &room)
    }
}
