/// Constructive packing: the heuristics of `PackingHeuristic` over any number of dimensions,
/// honouring redundancy groups, pins and item limits.
public enum Packer {
    /// Packs every item, opening bins as needed.
    /// - Throws: `PackingError` if an item is larger than a bin or a constraint cannot be met.
    /// - Complexity: first fit O(n log n · d) (more with backtracking in several dimensions);
    ///   best/worst fit O(n · bins · d); bin-centric O(n² · d).
    public static func pack(_ problem: PackingProblem, heuristic: PackingHeuristic,
                            sortKey: SortKey = .sum) throws(PackingError) -> Packing {
        try checkPackable(problem)
        switch heuristic {
        case .firstFit:
            return try firstFit(problem, order: (0..<problem.itemCount).map { Int32($0) })
        case .firstFitDecreasing:
            return try firstFit(problem, order: sortKey.decreasingOrder(problem))
        case .bestFitDecreasing:
            return try scanFit(problem, order: sortKey.decreasingOrder(problem), best: true)
        case .worstFitDecreasing:
            return try scanFit(problem, order: sortKey.decreasingOrder(problem), best: false)
        case .dotProduct, .l2Norm:
            // Without a deadline it always finishes.
            return try binCentric(problem, dotProduct: heuristic == .dotProduct, deadline: nil)!
        }
    }

    /// `pack`, or nil when a quadratic heuristic (dot product, L2 norm) is still running at the
    /// deadline (checked before every eighth bin it fills).
    static func pack(_ problem: PackingProblem, heuristic: PackingHeuristic, sortKey: SortKey,
                     deadline: UInt64?) throws(PackingError) -> Packing? {
        switch heuristic {
        case .dotProduct, .l2Norm:
            try checkPackable(problem)
            return try binCentric(problem, dotProduct: heuristic == .dotProduct, deadline: deadline)
        default:
            return try pack(problem, heuristic: heuristic, sortKey: sortKey)
        }
    }

    /// Refuses problems no packing can satisfy: oversized items, groups larger than the number
    /// of failure domains.
    static func checkPackable(_ problem: PackingProblem) throws(PackingError) {
        if let i = problem.oversizedItems.first { throw PackingError.itemTooLarge(item: i) }
        let c = problem.constraints
        if c.domainCount > 0, !c.groups.isEmpty {
            var sizes: [Int32: Int] = [:]
            for g in c.groups where g >= 0 { sizes[g, default: 0] += 1 }
            if let (g, m) = sizes.filter({ $0.value > c.domainCount }).min(by: { $0.key < $1.key }) {
                throw PackingError.groupTooLarge(group: g, members: m, domains: c.domainCount)
            }
        }
        if c.maxItemsPerBin < 1 && problem.itemCount > 0 { throw PackingError.noItemAllowed(items: problem.itemCount) }
    }

    // MARK: First fit

    /// Tree nodes one first-fit query may visit in several dimensions (see `ResidualTree`):
    /// unlimited (exact first fit: a query then visits O(open bins) nodes at worst) while at most
    /// 8,192 bins are open, 96 beyond, which keeps 4-D FFD on a million items near n log n. (The
    /// limit used to be on the bins that *might* open, n + 1: any instance of more than 8,192
    /// items got the budget, and 190,000 VMs' storage took 156,127 arrays where ~1,000 do.)
    static func searchBudget(openBins: Int) -> Int { openBins <= 8_192 ? .max : 96 }

    /// First fit in the given order, with a residual tree (see `ResidualTree`).
    /// - Parameter maxBins: fail rather than open more bins than this.
    static func firstFit(_ problem: PackingProblem, order: [Int32], maxBins: Int? = nil) throws(PackingError) -> Packing {
        let n = problem.itemCount, d = problem.dimensions
        let pinnedMax = problem.constraints.pinned.max().map { Int($0) + 1 } ?? 0
        let binLimit = maxBins ?? (Swift.max(n, pinnedMax) + 1)
        if problem.constraints.isEmpty && maxBins == nil {
            return d == 1 ? firstFit1D(problem, order: order, binLimit: binLimit)
                          : firstFitVector(problem, order: order, binLimit: binLimit)
        }
        var state = BinState(problem)
        guard state.placePinned() else { throw PackingError.pinnedConflict(item: firstBadPin(problem)) }
        let tree = ResidualTree(binLimit: binLimit, capacity: problem.capacity)
        let width = ResidualTree.queryWidth(d)
        var residual = [Double](repeating: 0, count: width)
        var need = [Double](repeating: 0, count: width)
        let maxItems = problem.constraints.maxItemsPerBin
        func refresh(_ b: Int) {
            var sum = 0.0
            for k in 0..<d {
                residual[k] = Int(state.counts[b]) >= maxItems ? -1 : problem.capacity[k] - state.loads[b * d + k]
                sum += residual[k]
            }
            if width > d { residual[d] = Int(state.counts[b]) >= maxItems ? -1 : sum }
            residual.withUnsafeBufferPointer { tree.setResidual(b, $0.baseAddress!) }
        }
        for b in 0..<state.binCount { refresh(b) }
        let pinned = problem.constraints.pinned
        let groups = problem.constraints.groups
        // With every bin its own domain, a member's search skips its group's bins a run at a
        // time: one group of n members costs O(n α(n)) skips, not O(n²) tree searches.
        var groupBins = problem.constraints.domainCount == 0 && !groups.isEmpty ? GroupBins() : nil
        if groupBins != nil {
            for (i, p) in pinned.enumerated() where p >= 0 && groups[i] >= 0 { groupBins?.occupy(group: Int(groups[i]), bin: Int(p)) }
        }
        for i32 in order {
            let i = Int(i32)
            if !pinned.isEmpty && pinned[i] >= 0 { continue }
            let group = groups.isEmpty ? -1 : Int(groups[i])
            var start = group >= 0 ? groupBins?.firstFree(group: group, from: 0) ?? 0 : 0
            var needSum = 0.0
            for k in 0..<d {
                need[k] = problem.sizes[i * d + k] - problem.capacity[k] * PackingProblem.tolerance - 1e-12
                needSum += need[k]
            }
            if width > d { need[d] = needSum - 1e-9 }
            var chosen = -1
            while start < binLimit {
                // Past the budget, the next unopened bin (which always fits) is taken.
                let budget = Self.searchBudget(openBins: state.binCount)
                let found = need.withUnsafeBufferPointer { tree.leftmostFit($0.baseAddress!, from: start, budget: budget) }
                let b = found ?? Swift.max(start, state.binCount)
                guard b < binLimit else { break }
                state.ensureBins(b + 1)
                if !state.fits(i, b) { start = b + 1; continue }
                if state.allowed(i, b) { chosen = b; break }
                start = Swift.max(b + 1, group >= 0 ? groupBins?.firstFree(group: group, from: b) ?? 0 : 0)
            }
            guard chosen >= 0 else { throw PackingError.doesNotFit(item: i, bins: binLimit) }
            state.place(i, chosen)
            if group >= 0 { groupBins?.occupy(group: group, bin: chosen) }
            refresh(chosen)
        }
        return state.packing
    }

    /// The unconstrained one-dimensional case, kept free of any per-item overhead: residuals in
    /// the tree only, no load array. Items of one size (consecutive in the order) go in runs:
    /// the leftmost bin that holds one takes as many as it holds before the tree is asked again,
    /// which is what first fit does item by item (bins to its left held none), so the packing is
    /// the same to the bit. The tree spans at most 2⌈Σ/C⌉ + 2 bins (first fit leaves no two bins
    /// together at most full), all of `binLimit` if that bound proves too small.
    /// - Complexity: O(n + runs · log bins) after the sort.
    static func firstFit1D(_ problem: PackingProblem, order: [Int32], binLimit: Int) -> Packing {
        let cap = problem.capacity[0]
        let total = problem.sizes.reduce(0, +)
        let bound = total.isFinite ? Int(Swift.min(Double(binLimit), 2 * (total / cap).rounded(.up) + 2)) : binLimit
        return firstFit1DRuns(problem, order: order, treeBins: bound)
            ?? firstFit1DRuns(problem, order: order, treeBins: binLimit)!
    }

    /// `firstFit1D` on a tree of `treeBins` bins; nil when an item finds no bin in it.
    static func firstFit1DRuns(_ problem: PackingProblem, order: [Int32], treeBins: Int) -> Packing? {
        let n = problem.itemCount
        let slack = problem.capacity[0] * PackingProblem.tolerance + 1e-12
        let tree = ResidualTree(binLimit: treeBins, capacity: problem.capacity)
        var assignment = [Int32](repeating: -1, count: n)
        var bins = 0
        let ok = problem.sizes.withUnsafeBufferPointer { sizes in
            assignment.withUnsafeMutableBufferPointer { out in
                order.withUnsafeBufferPointer { order in
                    var j = 0
                    while j < n {
                        let s = sizes[Int(order[j])]
                        let need = s - slack
                        guard let b = tree.leftmostFit1D(need) else { return false }
                        var value = tree.residual(b, 0)
                        // This bin takes items of this size while it holds them.
                        repeat {
                            value -= s
                            out[Int(order[j])] = Int32(truncatingIfNeeded: b)
                            j += 1
                        } while j < n && value >= need && sizes[Int(order[j])] == s
                        tree.setResidual1D(b, value)
                        if b >= bins { bins = b + 1 }
                    }
                    return true
                }
            }
        }
        return ok ? Packing(assignment: assignment, binCount: bins) : nil
    }

    /// The unconstrained case in several dimensions: the general first fit's steps (tree query,
    /// exact fit test on the loads, residuals recomputed from the loads, so the same packing to
    /// the bit) without its per-item bookkeeping: loads in one buffer sized once, no counts,
    /// groups or pins.
    static func firstFitVector(_ problem: PackingProblem, order: [Int32], binLimit: Int) -> Packing {
        let n = problem.itemCount, d = problem.dimensions, width = d + 1
        let tree = ResidualTree(binLimit: binLimit, capacity: problem.capacity)
        var assignment = [Int32](repeating: -1, count: n)
        var loads = [Double](repeating: 0, count: binLimit * d)
        let limit = problem.fitLimits()
        let slack = problem.capacity.map { $0 * PackingProblem.tolerance + 1e-12 }
        var scratch = [Double](repeating: 0, count: 2 * width)
        var bins = 0
        problem.sizes.withUnsafeBufferPointer { sizes in
        problem.capacity.withUnsafeBufferPointer { capacity in
        loads.withUnsafeMutableBufferPointer { loads in
        scratch.withUnsafeMutableBufferPointer { scratch in
            let need = scratch.baseAddress!, residual = need + width
            for i32 in order {
                let i = Int(i32), item = sizes.baseAddress! + i * d
                var needSum = 0.0
                for k in 0..<d {
                    need[k] = item[k] - slack[k]
                    needSum += need[k]
                }
                need[d] = needSum - 1e-9
                var start = 0, b = 0
                while true {
                    let found = tree.leftmostFit(need, from: start, budget: Self.searchBudget(openBins: bins))
                    b = found ?? Swift.max(start, bins)
                    let load = loads.baseAddress! + b * d
                    var fits = true
                    for k in 0..<d where load[k] + item[k] > limit[k] { fits = false }
                    if fits { break }
                    start = b + 1
                }
                let load = loads.baseAddress! + b * d
                var sum = 0.0
                for k in 0..<d {
                    load[k] += item[k]
                    residual[k] = capacity[k] - load[k]
                    sum += residual[k]
                }
                residual[d] = sum
                tree.setResidual(b, residual)
                assignment[i] = Int32(truncatingIfNeeded: b)
                if b >= bins { bins = b + 1 }
            }
        }}}}
        return Packing(assignment: assignment, binCount: bins)
    }

    /// For each redundancy group, the first bin at or after a given one that holds none of its
    /// members, when bins only gain items and every bin is its own domain: a union-find over
    /// (group, bin) pairs, each occupied bin linked to the next, with path halving.
    struct GroupBins {
        private var next: [Int: Int] = [:]

        private static func key(_ group: Int, _ bin: Int) -> Int { group << 32 | bin }

        mutating func occupy(group: Int, bin: Int) { next[Self.key(group, bin)] = bin + 1 }

        /// - Complexity: amortised O(α(n)) dictionary lookups.
        mutating func firstFree(group: Int, from bin: Int) -> Int {
            var x = bin
            while let n = next[Self.key(group, x)] {
                if let skip = next[Self.key(group, n)] { next[Self.key(group, x)] = skip }
                x = n
            }
            return x
        }
    }

    static func firstBadPin(_ problem: PackingProblem) -> Int {
        problem.constraints.pinned.firstIndex { $0 >= 0 } ?? 0
    }

    // MARK: Best and worst fit

    /// Best (least room left) or worst (most room left) fit over the open bins, room being the
    /// sum of normalised residuals (after placement it differs from the bin's by the item's own
    /// normalised sum, the same for every bin); the lowest bin among equals; opens a bin when
    /// none fits. Bins are searched in a `FitTree`.
    /// - Complexity: O(n log bins · d) when full bins are what stops the search, O(n · bins · d)
    ///   at worst.
    static func scanFit(_ problem: PackingProblem, order: [Int32], best: Bool) throws(PackingError) -> Packing {
        var state = BinState(problem)
        guard state.placePinned() else { throw PackingError.pinnedConflict(item: firstBadPin(problem)) }
        let pinned = problem.constraints.pinned
        let d = problem.dimensions
        let inverse = problem.capacity.map { 1 / $0 }
        let maxItems = problem.constraints.maxItemsPerBin
        var tree = FitTree(dimensions: d, bins: state.binCount + 64)
        var residual = [Double](repeating: 0, count: d), need = [Double](repeating: 0, count: d)
        func refresh(_ b: Int) {
            var room = 0.0
            for k in 0..<d {
                residual[k] = problem.capacity[k] - state.loads[b * d + k]
                room += residual[k] * inverse[k]
            }
            let usable = Int(state.counts[b]) < maxItems
            residual.withUnsafeBufferPointer { tree.set(b, residuals: usable ? $0.baseAddress! : nil, room: room) }
        }
        for b in 0..<state.binCount { refresh(b) }
        for i32 in order {
            let i = Int(i32)
            if !pinned.isEmpty && pinned[i] >= 0 { continue }
            // Looser than `fits` by 10^-9 of the capacity: the tree only prunes, `canPlace` decides.
            for k in 0..<d { need[k] = problem.sizes[i * d + k] - problem.capacity[k] * (PackingProblem.tolerance + 1e-9) - 1e-12 }
            var chosen = need.withUnsafeBufferPointer { n in tree.search(need: n.baseAddress!, best: best) { state.canPlace(i, $0) } } ?? -1
            if chosen < 0 {
                // A new bin; its failure domain may be one the item's group already uses, so try
                // as many new bins as there are domains (the skipped ones stay open for later items).
                let patience = Swift.max(problem.constraints.domainCount, 1)
                for _ in 0..<patience {
                    let b = state.openBin()
                    refresh(b)
                    if state.canPlace(i, b) { chosen = b; break }
                }
                guard chosen >= 0 else { throw PackingError.doesNotFit(item: i, bins: state.binCount) }
            }
            state.place(i, chosen)
            refresh(chosen)
        }
        return state.packing
    }

    // MARK: Bin-centric

    /// Fills one bin at a time with the best-scoring fitting item (dot product or L2 norm of
    /// normalised vectors; the lowest index among equal scores), until no item fits; then opens
    /// the next bin. Items of one size score alike, so each choice scores every size class once
    /// (`ItemClasses`), then takes the class's first item the bin allows.
    /// - Complexity: O(n · classes · d) (n² · d when every item has its own size), plus the
    ///   group checks of skipped class members.
    ///   Nil when the deadline passes first.
    static func binCentric(_ problem: PackingProblem, dotProduct: Bool, deadline: UInt64?) throws(PackingError) -> Packing? {
        var state = BinState(problem)
        guard state.placePinned() else { throw PackingError.pinnedConflict(item: firstBadPin(problem)) }
        let d = problem.dimensions
        let inverse = problem.capacity.map { 1 / $0 }
        var classes = ItemClasses(problem, unplaced: { state.assignment[$0] < 0 })
        var bin = 0
        var emptyRun = 0
        let patience = Swift.max(problem.constraints.domainCount, 1)
        while classes.remaining > 0 {
            if bin & 7 == 0, let deadline, Clock.nanoseconds() >= deadline { return nil }
            if bin >= state.binCount { state.openBin() }
            var placedAny = false
            while true {
                var best: (item: Int, score: Double, cls: Int)?
                for c in classes.nonEmpty {
                    let first = classes.firstItem(c)
                    guard state.fits(first, bin) else { continue }
                    var score = 0.0
                    for k in 0..<d {
                        let s = problem.sizes[first * d + k] * inverse[k]
                        let r = (problem.capacity[k] - state.loads[bin * d + k]) * inverse[k]
                        score += dotProduct ? s * r : (r - s) * (r - s)
                    }
                    if let b = best, dotProduct ? score < b.score : score > b.score { continue }
                    guard let item = classes.firstItem(c, where: { state.allowed($0, bin) }) else { continue }
                    if let b = best, score == b.score && item > b.item { continue }
                    best = (item, score, c)
                }
                guard let best else { break }
                state.place(best.item, bin)
                classes.remove(best.item, from: best.cls)
                placedAny = true
            }
            if !placedAny && state.counts[bin] == 0 {
                // A group may forbid this bin's failure domain but not the next one's.
                emptyRun += 1
                if emptyRun > patience { throw PackingError.doesNotFit(item: classes.firstRemaining, bins: state.binCount) }
            } else {
                emptyRun = 0
            }
            bin += 1
        }
        return state.packing
    }
}
