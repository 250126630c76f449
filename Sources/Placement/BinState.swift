/// The mutable state of a packing in progress: which items sit where, each bin's load and item
/// count, and the failure domains each redundancy group already occupies.
///
/// Loads are kept per bin and dimension in one flat array, grown as bins open.
struct BinState {
    let problem: PackingProblem
    let d: Int
    /// Capacity reduced by nothing; fits are tested with a relative tolerance.
    let limit: [Double]
    var loads: [Double] = []
    var counts: [Int32] = []
    var assignment: [Int32]
    var binCount = 0
    /// Members of each group, CSR: members[groupStart[g] ..< groupStart[g+1]].
    let groupStart: [Int32]
    let groupMembers: [Int32]
    /// How many members of each group sit in each failure domain, keyed by `groupDomainKey`;
    /// empty when there are no groups. Makes a group check O(1) instead of O(group size).
    var groupDomainCount: [Int: Int32] = [:]

    /// - Parameter capacityScale: bins hold capacity × this factor (for failover limits).
    init(_ problem: PackingProblem, capacityScale: Double = 1) {
        self.problem = problem
        d = problem.dimensions
        limit = problem.fitLimits(scale: capacityScale)
        assignment = [Int32](repeating: -1, count: problem.itemCount)
        let groups = problem.constraints.groups
        if groups.isEmpty {
            groupStart = []
            groupMembers = []
        } else {
            let g = Int(groups.max() ?? -1) + 1
            var start = [Int32](repeating: 0, count: g + 1)
            for x in groups where x >= 0 { start[Int(x) + 1] += 1 }
            for i in 0..<g { start[i + 1] += start[i] }
            var fill = start
            var members = [Int32](repeating: 0, count: Int(start[g]))
            for (i, x) in groups.enumerated() where x >= 0 {
                members[Int(fill[Int(x)])] = Int32(i)
                fill[Int(x)] += 1
            }
            groupStart = start
            groupMembers = members
        }
    }

    @discardableResult
    mutating func openBin() -> Int {
        loads.append(contentsOf: repeatElement(0, count: d))
        counts.append(0)
        binCount += 1
        return binCount - 1
    }

    mutating func ensureBins(_ n: Int) { while binCount < n { openBin() } }

    /// Whether item i fits bin b's remaining capacity and item limit.
    @inline(__always) func fits(_ i: Int, _ b: Int) -> Bool {
        if Int(counts[b]) >= problem.constraints.maxItemsPerBin { return false }
        let base = b * d, item = i * d
        for k in 0..<d where loads[base + k] + problem.sizes[item + k] > limit[k] { return false }
        return true
    }

    /// Whether placing item i in bin b respects its group and pin.
    @inline(__always) func allowed(_ i: Int, _ b: Int) -> Bool {
        let c = problem.constraints
        if !c.pinned.isEmpty, c.pinned[i] >= 0, Int(c.pinned[i]) != b { return false }
        if groupStart.isEmpty { return true }
        let g = Int(c.groups[i])
        if g < 0 { return true }
        let domain = c.domain(ofBin: b)
        var members = groupDomainCount[Self.groupDomainKey(g, domain)] ?? 0
        if assignment[i] >= 0, c.domain(ofBin: Int(assignment[i])) == domain { members -= 1 }
        return members == 0
    }

    /// Key of (group, failure domain) in `groupDomainCount`; domains are below 2^32 (bins are).
    @inline(__always) static func groupDomainKey(_ group: Int, _ domain: Int) -> Int { group << 32 | domain }

    /// Counts item i in (or, with −1, out of) its group's domain of bin b.
    @inline(__always) mutating func countGroupMember(_ i: Int, _ b: Int, _ change: Int32) {
        let groups = problem.constraints.groups
        guard !groups.isEmpty, groups[i] >= 0 else { return }
        groupDomainCount[Self.groupDomainKey(Int(groups[i]), problem.constraints.domain(ofBin: b)), default: 0] += change
    }

    @inline(__always) func canPlace(_ i: Int, _ b: Int) -> Bool { fits(i, b) && allowed(i, b) }

    mutating func place(_ i: Int, _ b: Int) {
        assignment[i] = Int32(b)
        counts[b] += 1
        countGroupMember(i, b, 1)
        let base = b * d, item = i * d
        for k in 0..<d { loads[base + k] += problem.sizes[item + k] }
    }

    mutating func remove(_ i: Int) {
        let b = Int(assignment[i])
        guard b >= 0 else { return }
        assignment[i] = -1
        counts[b] -= 1
        countGroupMember(i, b, -1)
        let base = b * d, item = i * d
        for k in 0..<d { loads[base + k] -= problem.sizes[item + k] }
    }

    /// Residual of bin b in dimension k, as a fraction of the capacity.
    @inline(__always) func freeFraction(_ b: Int, _ k: Int) -> Double {
        (problem.capacity[k] - loads[b * d + k]) / problem.capacity[k]
    }

    /// Highest normalised load of bin b if item i (or nothing, for i < 0) were added.
    func peakFraction(_ b: Int, adding i: Int) -> Double {
        var worst = 0.0
        for k in 0..<d {
            let extra = i >= 0 ? problem.sizes[i * d + k] : 0
            worst = Swift.max(worst, (loads[b * d + k] + extra) / problem.capacity[k])
        }
        return worst
    }

    var packing: Packing { Packing(assignment: assignment, binCount: binCount) }

    /// Places pinned items first, opening bins up to their pins.
    mutating func placePinned() -> Bool {
        let pinned = problem.constraints.pinned
        guard !pinned.isEmpty else { return true }
        for (i, p) in pinned.enumerated() where p >= 0 {
            ensureBins(Int(p) + 1)
            guard canPlace(i, Int(p)) else { return false }
            place(i, Int(p))
        }
        return true
    }
}
