/// Packing into a number of bins fixed in advance, spreading load evenly — how a hypervisor
/// cluster's load balancer lays VMs out on the blades it has.
public enum FixedBinPacking {
    /// Places every item into exactly `bins` bins: items by decreasing key, each into a bin
    /// whose highest normalised load after placement is low (see `place`). If that fails, retries
    /// with first fit decreasing confined to `bins` bins (tighter) before giving up.
    /// - Returns: nil if the items do not fit in `bins` bins by either rule.
    /// - Complexity: O(n · scanned · (d + log bins)) for the balanced pass (scanned: the bins looked
    ///   at, lookahead + 1 feasible ones and the infeasible ones among them), O(n log bins · d) for the
    ///   first-fit pass.
    public static func balanced(_ problem: PackingProblem, bins: Int, sortKey: SortKey = .sum) -> Packing? {
        let order = sortKey.decreasingOrder(problem)
        if let p = place(problem, bins: bins, order: order, capacityScale: 1, balanced: true) { return p }
        guard var p = try? Packer.firstFit(problem, order: order, maxBins: bins) else { return nil }
        p.binCount = bins
        return p
    }

    /// Bins examined past the first one that fits, when balancing.
    static let lookahead = 8

    static func place(_ problem: PackingProblem, bins: Int, order: [Int32], capacityScale: Double,
                      balanced: Bool) -> Packing? {
        var state = BinState(problem, capacityScale: capacityScale)
        state.ensureBins(bins)
        guard state.placePinned(), state.binCount == bins else { return nil }
        let pinned = problem.constraints.pinned
        let d = problem.dimensions
        let inverse = problem.capacity.map { 1 / $0 }
        if balanced {
            // Bins kept sorted by their current peak (highest normalised load). Adding an item
            // can only raise a bin's peak, so the scan stops at the first bin whose current peak
            // is already no better than the best score found, or `lookahead` bins after the first
            // feasible one: the item goes to one of the least loaded bins that take it.
            // The bins in (peak, index) order come off a heap: a scan pops what it looks at and
            // pushes it back (the chosen bin with its new peak), O(scanned · log bins) an item,
            // where keeping a sorted array moved the chosen bin past all its equals.
            var heap = PeakHeap(peaks: (0..<bins).map { state.peakFraction($0, adding: -1) })
            var scanned: [PeakHeap.Entry] = []
            for i32 in order {
                let i = Int(i32)
                if !pinned.isEmpty && pinned[i] >= 0 { continue }
                var chosen = -1
                var chosenScore = Double.infinity
                var examined = 0
                scanned.removeAll(keepingCapacity: true)
                while let top = heap.first {
                    if top.peak >= chosenScore || examined > Self.lookahead { break }
                    scanned.append(heap.popFirst())
                    let b = top.bin
                    guard state.canPlace(i, b) else { continue }
                    examined += 1
                    var score = top.peak
                    for k in 0..<d { score = Swift.max(score, (state.loads[b * d + k] + problem.sizes[i * d + k]) * inverse[k]) }
                    if score < chosenScore || (score == chosenScore && b < chosen) {
                        chosen = b
                        chosenScore = score
                    }
                }
                for e in scanned { heap.push(PeakHeap.Entry(peak: e.bin == chosen ? chosenScore : e.peak, bin: e.bin)) }
                guard chosen >= 0 else { return nil }
                state.place(i, chosen)
            }
            return state.packing
        }
        for i32 in order {
            let i = Int(i32)
            if !pinned.isEmpty && pinned[i] >= 0 { continue }
            var chosen = -1
            var chosenScore = 0.0
            for b in 0..<bins where state.canPlace(i, b) {
                var room = 0.0
                for k in 0..<d { room += state.freeFraction(b, k) - problem.sizes[i * d + k] * inverse[k] }
                if chosen < 0 || room < chosenScore {
                    chosen = b
                    chosenScore = room
                }
            }
            guard chosen >= 0 else { return nil }
            state.place(i, chosen)
        }
        return state.packing
    }
}

/// Re-placing the items of failed bins onto the survivors, as HA restarts VMs after a failure.
///
/// Built once per layout: loads of every bin, the bins sorted by their room, and a residual tree
/// over the bins in that order. In a failure case the bins that fail or receive an item are
/// masked in a copy of the tree, so the best untouched bin that fits is a leftmost-fit query; the
/// touched bins (at most one per displaced item) are scanned. A case costs O(bins · w) for the
/// copy plus O(displaced · (touched + log bins) · d), not O(displaced · bins · d).
public struct FailoverPlacement {
    /// The outcome of one failure case.
    public struct Outcome: Sendable, Equatable {
        /// Items that found no surviving bin with room, in restart order.
        public var stranded: [Int]
        /// Displaced items that restarted, and the bin each went to.
        public var restarted: [Int]
        public var newBins: [Int]
    }

    let base: BinState
    let packing: Packing
    /// Items of each bin.
    let contents: [[Int]]
    /// Each bin's room in the layout: Σ_k (capacity_k − load_k) / capacity_k.
    let baseRoom: [Double]
    /// Bins by decreasing room, ties by index: the order in which the rule prefers them.
    let byRoom: [Int]
    /// Position of each bin in `byRoom`.
    let rank: [Int]
    /// Residuals of the bins at their positions in `byRoom` (never mutated: cases copy it).
    let tree: ResidualTree

    /// - Parameters:
    ///   - problem: sizes, and capacities at the failover limit; groups keep members on distinct
    ///     bins (pins and chassis spreading are not failover rules).
    ///   - packing: the layout before the failure.
    public init(_ problem: PackingProblem, packing: Packing) {
        var relaxed = problem
        relaxed.constraints.domainCount = 0
        relaxed.constraints.pinned = []
        var state = BinState(relaxed)
        state.ensureBins(packing.binCount)
        for (i, b) in packing.assignment.enumerated() where b >= 0 { state.place(i, Int(b)) }
        base = state
        self.packing = packing
        contents = packing.binContents()
        let room = (0..<packing.binCount).map { Self.room(state, $0) }
        baseRoom = room
        byRoom = (0..<packing.binCount).sorted { room[$0] > room[$1] || (room[$0] == room[$1] && $0 < $1) }
        var rank = [Int](repeating: 0, count: packing.binCount)
        for (position, b) in byRoom.enumerated() { rank[b] = position }
        self.rank = rank
        tree = ResidualTree(binLimit: packing.binCount, capacity: problem.capacity)
        var residual = [Double](repeating: 0, count: ResidualTree.queryWidth(state.d))
        for (position, b) in byRoom.enumerated() {
            var sum = 0.0
            for k in 0..<state.d {
                residual[k] = problem.capacity[k] - state.loads[b * state.d + k]
                sum += residual[k]
            }
            if residual.count > state.d { residual[state.d] = sum }
            residual.withUnsafeBufferPointer { tree.setResidual(position, $0.baseAddress!) }
        }
        // Leaves past the last bin (the tree has a power of two) hold no bin.
        let none = [Double](repeating: -1, count: residual.count)
        for position in packing.binCount..<tree.leaves { none.withUnsafeBufferPointer { tree.setResidual(position, $0.baseAddress!) } }
    }

    /// Σ_k (capacity_k − load_k) / capacity_k of bin b.
    @inline(__always) static func room(_ state: BinState, _ b: Int) -> Double {
        let d = state.d
        var room = 0.0
        for k in 0..<d { room += (state.problem.capacity[k] - state.loads[b * d + k]) * (1 / state.problem.capacity[k]) }
        return room
    }

    /// What a run of failure cases changes and puts back: the layout's state and its tree, copied
    /// once per run instead of once per case, and the buffers a case works in (emptied, not freed,
    /// between cases).
    public struct Scratch {
        var state: BinState
        let tree: ResidualTree
        /// Items of the failed bins, in restart order.
        var displaced: [Int] = []
        /// Bins whose loads this case changes, and their loads before it (`d` values a bin).
        var savedBins: [Int] = []
        var savedLoads: [Double] = []
        /// Bins that have received an item in this case (masked in the tree).
        var touched: [Int] = []
        /// A tree query, and a leaf put back (`ResidualTree.queryWidth(d)` values).
        var need: [Double]
        var leaf: [Double]
        /// A leaf that no query fits.
        let masked: [Double]

        init(state: BinState, tree: ResidualTree) {
            self.state = state
            self.tree = tree
            let width = ResidualTree.queryWidth(state.d)
            need = [Double](repeating: 0, count: width)
            leaf = need
            masked = [Double](repeating: -1, count: width)
        }

        /// Saves bin `b`'s loads and masks its leaf: its room is computed afresh from now on.
        mutating func saveAndMask(_ b: Int, rank: Int) {
            let d = state.d
            savedBins.append(b)
            for k in 0..<d { savedLoads.append(state.loads[b * d + k]) }
            masked.withUnsafeBufferPointer { tree.setResidual(rank, $0.baseAddress!) }
        }
    }

    /// A scratch copy of the layout for `replace(failedBins:order:scratch:)`. O(items + bins · d).
    public func scratch() -> Scratch { Scratch(state: base, tree: ResidualTree(copying: tree)) }

    /// Re-places the items of `failedBins`, in `order` (restart priority), each onto the surviving
    /// bin with the most room (spreading the restart load; ties to the lowest index), or strands it.
    public func replace(failedBins: [Int], order: (Int, Int) -> Bool) -> Outcome {
        var scratch = scratch()
        return replace(failedBins: failedBins, order: order, scratch: &scratch)
    }

    /// The same on a scratch copy, which it leaves as it found it (the loads restored bit for
    /// bit, the tree's leaves from the layout's own tree): a case costs what it moves, not a copy
    /// of the layout.
    public func replace(failedBins: [Int], order: (Int, Int) -> Bool, scratch: inout Scratch) -> Outcome {
        let d = scratch.state.d
        scratch.displaced.removeAll(keepingCapacity: true)
        scratch.savedBins.removeAll(keepingCapacity: true)
        scratch.savedLoads.removeAll(keepingCapacity: true)
        for b in failedBins {
            scratch.saveAndMask(b, rank: rank[b])
            for i in contents[b] {
                scratch.state.remove(i)
                scratch.displaced.append(i)
            }
        }
        scratch.displaced.sort(by: order)
        let outcome = place(scratch: &scratch)
        // Put everything back: the restarted items off their new bins, the displaced ones on
        // their own, the loads and the tree's masked leaves as they were.
        for (i, b) in zip(outcome.restarted, outcome.newBins) where scratch.state.assignment[i] == Int32(b) { scratch.state.remove(i) }
        for b in failedBins { for i in contents[b] { scratch.state.place(i, b) } }
        for (n, b) in scratch.savedBins.enumerated() {
            for k in 0..<d { scratch.state.loads[b * d + k] = scratch.savedLoads[n * d + k] }
            for k in 0..<scratch.leaf.count { scratch.leaf[k] = tree.residual(rank[b], k) }
            scratch.leaf.withUnsafeBufferPointer { scratch.tree.setResidual(rank[b], $0.baseAddress!) }
        }
        return outcome
    }

    /// Places `scratch.displaced` (the failed bins' items, in restart order) and reports where
    /// they went; bins that receive one are masked in the tree and their loads saved first.
    private func place(scratch: inout Scratch) -> Outcome {
        let d = scratch.state.d
        // Bins that have received an item in this case, masked in the tree: their room is
        // computed afresh. Every other survivor still has its base room, so the first bin in
        // `byRoom` order that fits is the best of them.
        scratch.touched.removeAll(keepingCapacity: true)
        var outcome = Outcome(stranded: [], restarted: [], newBins: [])
        outcome.restarted.reserveCapacity(scratch.displaced.count)
        outcome.newBins.reserveCapacity(scratch.displaced.count)
        for i in scratch.displaced {
            var chosen = -1
            var chosenRoom = 0.0
            var needSum = 0.0
            for k in 0..<d {
                // Looser than `fits` (which decides): the tree must not miss a bin that fits.
                scratch.need[k] = scratch.state.problem.sizes[i * d + k] - scratch.state.problem.capacity[k] * (2 * PackingProblem.tolerance) - 1e-9
                needSum += scratch.need[k]
            }
            if scratch.need.count > d { scratch.need[d] = needSum - 1e-9 }
            var start = 0
            while let position = scratch.need.withUnsafeBufferPointer({ scratch.tree.leftmostFit($0.baseAddress!, from: start) }) {
                let b = byRoom[position]
                if scratch.state.canPlace(i, b) { (chosen, chosenRoom) = (b, baseRoom[b]); break }
                start = position + 1
            }
            for b in scratch.touched where scratch.state.canPlace(i, b) {
                let room = Self.room(scratch.state, b)
                if chosen < 0 || room > chosenRoom || (room == chosenRoom && b < chosen) { (chosen, chosenRoom) = (b, room) }
            }
            if chosen < 0 {
                outcome.stranded.append(i)
                continue
            }
            if !scratch.touched.contains(chosen) {
                scratch.touched.append(chosen)
                scratch.saveAndMask(chosen, rank: rank[chosen])
            }
            scratch.state.place(i, chosen)
            outcome.restarted.append(i)
            outcome.newBins.append(chosen)
        }
        return outcome
    }
}

/// Bins by (peak, index), least first: a binary min-heap over flat arrays. O(log bins) a push or
/// pop; `first` O(1).
struct PeakHeap {
    struct Entry {
        var peak: Double
        var bin: Int
    }

    private var entries: [Entry]

    /// Every bin `b` with peak `peaks[b]`. O(bins).
    init(peaks: [Double]) {
        entries = peaks.enumerated().map { Entry(peak: $0.element, bin: $0.offset) }
        var i = entries.count / 2
        while i > 0 {
            i -= 1
            siftDown(i)
        }
    }

    var first: Entry? { entries.first }

    @inline(__always) static func less(_ a: Entry, _ b: Entry) -> Bool { a.peak < b.peak || (a.peak == b.peak && a.bin < b.bin) }

    /// Removes and returns the least entry (the heap must not be empty).
    mutating func popFirst() -> Entry {
        let top = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(0)
        }
        return top
    }

    mutating func push(_ e: Entry) {
        entries.append(e)
        var i = entries.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.less(entries[i], entries[parent]) else { break }
            entries.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        let n = entries.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n && Self.less(entries[l], entries[m]) { m = l }
            if r < n && Self.less(entries[r], entries[m]) { m = r }
            if m == i { return }
            entries.swapAt(i, m)
            i = m
        }
    }
}
