/// Packing into a number of bins fixed in advance, spreading load evenly — how a hypervisor
/// cluster's load balancer lays VMs out on the blades it has.
public enum FixedBinPacking {
    /// Places every item into exactly `bins` bins: items by decreasing key, each into the bin
    /// whose highest normalised load after placement is lowest. If that fails, retries with
    /// best fit (tighter) before giving up.
    /// - Parameter capacityScale: bins may be loaded to capacity × this factor.
    /// - Returns: nil if the items do not fit in `bins` bins by either rule.
    /// - Complexity: O(n · bins · d).
    public static func balanced(_ problem: PackingProblem, bins: Int, capacityScale: Double = 1,
                                sortKey: SortKey = .sum) -> Packing? {
        let order = sortKey.decreasingOrder(problem)
        if let p = place(problem, bins: bins, order: order, capacityScale: capacityScale, balanced: true) { return p }
        return place(problem, bins: bins, order: order, capacityScale: capacityScale, balanced: false)
    }

    static func place(_ problem: PackingProblem, bins: Int, order: [Int32], capacityScale: Double,
                      balanced: Bool) -> Packing? {
        var state = BinState(problem, capacityScale: capacityScale)
        state.ensureBins(bins)
        guard state.placePinned(), state.binCount == bins else { return nil }
        let pinned = problem.constraints.pinned
        let d = problem.dimensions
        for i32 in order {
            let i = Int(i32)
            if !pinned.isEmpty && pinned[i] >= 0 { continue }
            var chosen = -1
            var chosenScore = 0.0
            for b in 0..<bins where state.canPlace(i, b) {
                let score: Double
                if balanced {
                    score = state.peakFraction(b, adding: i)
                } else {
                    var room = 0.0
                    for k in 0..<d { room += state.freeFraction(b, k) - problem.sizes[i * d + k] / problem.capacity[k] }
                    score = room
                }
                if chosen < 0 || score < chosenScore {
                    chosen = b
                    chosenScore = score
                }
            }
            guard chosen >= 0 else { return nil }
            state.place(i, chosen)
        }
        return state.packing
    }
}

/// Re-placing the items of failed bins onto the survivors, as HA restarts VMs after a failure.
public enum FailoverPlacement {
    /// The outcome of one failure case.
    public struct Outcome: Sendable, Hashable {
        /// Items that found no surviving bin with room, in restart order.
        public var stranded: [Int]
        /// New bin of each displaced item that was restarted.
        public var moves: [(item: Int, bin: Int)]

        public static func == (a: Outcome, b: Outcome) -> Bool {
            a.stranded == b.stranded && a.moves.map(\.item) == b.moves.map(\.item) && a.moves.map(\.bin) == b.moves.map(\.bin)
        }
        public func hash(into h: inout Hasher) { h.combine(stranded); h.combine(moves.map(\.item)) }
    }

    /// Re-places the items of `failedBins` onto the other bins, loaded to at most
    /// capacity × `capacityScale`, in `order` (restart priority), each by best fit. Redundancy
    /// groups keep their members on distinct bins (the failover rule of HA anti-affinity).
    /// - Complexity: O(displaced · bins · d).
    public static func replace(_ problem: PackingProblem, packing: Packing, failedBins: Set<Int>,
                               capacityScale: Double, order: (Int, Int) -> Bool) -> Outcome {
        var relaxed = problem
        relaxed.constraints.domainCount = 0          // distinct bins suffice after a failure
        relaxed.constraints.pinned = []
        var state = BinState(relaxed, capacityScale: capacityScale)
        state.ensureBins(packing.binCount)
        var displaced: [Int] = []
        for (i, b) in packing.assignment.enumerated() {
            if failedBins.contains(Int(b)) { displaced.append(i) } else { state.place(i, Int(b)) }
        }
        displaced.sort(by: order)
        let d = problem.dimensions
        var outcome = Outcome(stranded: [], moves: [])
        for i in displaced {
            var chosen = -1
            var chosenRoom = 0.0
            for b in 0..<packing.binCount where !failedBins.contains(b) && state.canPlace(i, b) {
                var room = 0.0
                for k in 0..<d { room += state.freeFraction(b, k) }
                if chosen < 0 || room > chosenRoom {   // most room first: spreads the restart load
                    chosen = b
                    chosenRoom = room
                }
            }
            if chosen < 0 {
                outcome.stranded.append(i)
            } else {
                state.place(i, chosen)
                outcome.moves.append((i, chosen))
            }
        }
        return outcome
    }
}
