/// The bin-removing search's easy steps, done without its snapshots and scans: while the
/// lightest bin's items all go straight into the other bins, drop it. This is exactly what
/// `reach` does for a target the search needs no move for (`shrink` empties the lightest bin,
/// `insertDirectly` places its items, costliest first, each in the fitting bin left fullest); on
/// a plan of 25,000 blades most of the thousands of bins removed are such steps, and each cost
/// O(bins) scans plus a copy of the whole packing.
///
/// Here the lightest bin comes from a tree of bin weights and each item's bin from a `FitTree`
/// (least room among the bins with the room, the lowest index among equals), so a step costs
/// O(items moved · log bins) while the tree's bounds prune; dropped bins stay in place, empty, and
/// are compacted once at the end (which keeps the bins' order, and so every tie, as `shrink`'s
/// renumbering does). The first step whose items do not all fit is undone exactly (saved loads,
/// items taken back off the ends of their bins), and the search proper starts from there.
extension BinReduction {
    /// Drops bins as described, down to `lowerBound`, while the deadline allows; returns how
    /// many it dropped. Only for packings without pinned items.
    /// - Complexity: O(bins · d) to start and to compact, O(k · log bins · d) a step of k items
    ///   (more when the fit tree's bounds do not prune).
    mutating func dropDirectly(toward lowerBound: Int, deadline: UInt64?) -> Int {
        guard pinned.isEmpty, binItems.count > Swift.max(lowerBound, 1) else { return 0 }
        let bins = binItems.count
        var live = bins
        var dead = [Bool](repeating: false, count: bins)
        var lightness = WeightTree(bins: bins)
        var fit = FitTree(dimensions: d, bins: bins)
        let inverse = problem.capacity.map { 1 / $0 }
        var residual = [Double](repeating: 0, count: d), need = [Double](repeating: 0, count: d)
        func refresh(_ b: Int) {
            var w = 0.0, room = 0.0
            for k in 0..<d {
                w += loads[b * d + k] / problem.capacity[k]
                residual[k] = problem.capacity[k] - loads[b * d + k]
                room += residual[k] * inverse[k]
            }
            lightness.set(b, dead[b] ? .infinity : w)
            let usable = !dead[b] && binItems[b].count < maxItems
            residual.withUnsafeBufferPointer { fit.set(b, residuals: usable ? $0.baseAddress! : nil, room: room) }
        }
        for b in 0..<bins { refresh(b) }
        var dropped = 0
        while live > Swift.max(lowerBound, 1) {
            if let deadline, Clock.nanoseconds() >= deadline { break }
            guard let lightest = lightness.minimum else { break }
            dead[lightest] = true
            refresh(lightest)
            let items = binItems[lightest].sorted { cost[Int($0)] > cost[Int($1)] || (cost[Int($0)] == cost[Int($1)] && $0 < $1) }
            var moved: [(item: Int32, to: Int)] = []
            var savedLoads: [(Int, [Double])] = []
            var allPlaced = true
            for i32 in items {
                let i = Int(i32)
                // Looser than `fits` by 10^-9 of the capacity: the tree prunes, `fits` decides.
                for k in 0..<d { need[k] = problem.sizes[i * d + k] - problem.capacity[k] * (PackingProblem.tolerance + 1e-9) - 1e-12 }
                guard let b = bestBin(for: i, in: fit, need: need) else { allPlaced = false; continue }
                if !savedLoads.contains(where: { $0.0 == b }) { savedLoads.append((b, Array(loads[(b * d)..<(b * d + d)]))) }
                // The dropped bin keeps its list until the step succeeds (nothing asks about it:
                // it is out of both trees, and its items' bin numbers say where they are).
                binOf[i] = Int32(b)
                binItems[b].append(i32)
                for k in 0..<d { loads[b * d + k] += problem.sizes[i * d + k] }
                moved.append((i32, b))
                refresh(b)
            }
            if allPlaced {
                binItems[lightest] = []
                for k in 0..<d { loads[lightest * d + k] = 0 }
                live -= 1
                dropped += 1
                continue
            }
            // Undo the step: the items back in their bin (whose list never changed), the loads as
            // they were.
            for (i32, b) in moved.reversed() {
                binItems[b].removeLast()
                binOf[Int(i32)] = Int32(lightest)
            }
            for (b, saved) in savedLoads { for k in 0..<d { loads[b * d + k] = saved[k] } }
            dead[lightest] = false
            refresh(lightest)
            for (b, _) in savedLoads { refresh(b) }
            break
        }
        if dropped > 0 { compact(dropping: dead) }
        return dropped
    }

    /// The bin `insertDirectly` chooses for item i: the least room among the bins it fits, the
    /// lowest index among equals (`FitTree.search`, which computes the room as it does).
    /// (The tree calls back through a pointer to the search: a closure capturing `self` copied
    /// the whole search state at every bin it asked about.)
    private mutating func bestBin(for i: Int, in fit: FitTree, need: [Double]) -> Int? {
        withUnsafeMutablePointer(to: &self) { me in
            need.withUnsafeBufferPointer { n in
                fit.search(need: n.baseAddress!, best: true, accept: { me.pointee.fits(i, $0, without: (-1, -1)) })
            }
        }
    }

    /// Removes the dead bins (empty), keeping the others' order, and renumbers the items.
    /// - Complexity: O(bins · d + items).
    mutating func compact(dropping dead: [Bool]) {
        var kept = 0
        for b in 0..<binItems.count where !dead[b] {
            if kept != b {
                binItems.swapAt(kept, b)
                for k in 0..<d { loads[kept * d + k] = loads[b * d + k] }
                for i in binItems[kept] { binOf[Int(i)] = Int32(kept) }
            }
            kept += 1
        }
        binItems.removeLast(binItems.count - kept)
        loads.removeLast(loads.count - kept * d)
    }
}

/// Bin weights (Σ load / capacity) in a tree for the lightest bin: the least weight, the lowest
/// index among equals; +∞ for bins out of the running.
struct WeightTree {
    private var leaves = 1
    private var weight: [Double]
    private var index: [Int32]

    init(bins: Int) {
        while leaves < Swift.max(bins, 1) { leaves <<= 1 }
        weight = [Double](repeating: .infinity, count: 2 * leaves)
        index = [Int32](repeating: -1, count: 2 * leaves)
    }

    /// Sets bin b's weight. O(log bins).
    mutating func set(_ b: Int, _ w: Double) {
        var node = leaves + b
        weight[node] = w
        index[node] = Int32(b)
        while node > 1 {
            node >>= 1
            let l = 2 * node, r = l + 1
            // Left on a tie: the lower index.
            let left = weight[l] <= weight[r]
            weight[node] = left ? weight[l] : weight[r]
            index[node] = left ? index[l] : index[r]
        }
    }

    /// The lightest bin with a finite weight, or nil.
    var minimum: Int? { weight[1].isFinite ? Int(index[1]) : nil }
}
