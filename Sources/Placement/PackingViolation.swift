/// A way a packing breaks its problem's rules.
public enum PackingViolation: Sendable, Hashable, CustomStringConvertible {
    case unassigned(item: Int)
    case binOutOfRange(item: Int, bin: Int)
    case overCapacity(bin: Int, dimension: Int, load: Double, capacity: Double)
    case sharedDomain(group: Int32, domain: Int, items: [Int])
    case notOnPinnedBin(item: Int, bin: Int, pinned: Int)
    case tooManyItems(bin: Int, count: Int, limit: Int)

    public var description: String {
        switch self {
        case .unassigned(let i): return "item \(i) is not assigned"
        case .binOutOfRange(let i, let b): return "item \(i) is in bin \(b), outside the packing"
        case .overCapacity(let b, let k, let l, let c): return "bin \(b) holds \(l) in dimension \(k), over its capacity \(c)"
        case .sharedDomain(let g, let dom, let items): return "items \(items) of group \(g) share failure domain \(dom)"
        case .notOnPinnedBin(let i, let b, let p): return "item \(i) is in bin \(b) but pinned to bin \(p)"
        case .tooManyItems(let b, let n, let l): return "bin \(b) holds \(n) items, over the limit \(l)"
        }
    }
}

extension Packing {
    /// Every rule the packing breaks (empty when feasible).
    /// - Parameter capacityScale: check against capacity × this factor (1 by default).
    /// - Complexity: O(n·d + bins·d).
    public func violations(of problem: PackingProblem, capacityScale: Double = 1) -> [PackingViolation] {
        var found: [PackingViolation] = []
        let n = problem.itemCount, d = problem.dimensions
        guard assignment.count == n else { return (assignment.count..<n).map { .unassigned(item: $0) } }
        for (i, b) in assignment.enumerated() {
            if b < 0 { found.append(.unassigned(item: i)) } else if Int(b) >= binCount {
                found.append(.binOutOfRange(item: i, bin: Int(b)))
            }
        }
        if !found.isEmpty { return found }
        let loads = self.loads(problem)
        for b in 0..<binCount {
            for k in 0..<d {
                let cap = problem.capacity[k] * capacityScale
                if loads[b * d + k] > cap * (1 + PackingProblem.tolerance) + 1e-12 {
                    found.append(.overCapacity(bin: b, dimension: k, load: loads[b * d + k], capacity: cap))
                }
            }
        }
        let c = problem.constraints
        if !c.groups.isEmpty {
            var members: [Int32: [Int]] = [:]
            for (i, g) in c.groups.enumerated() where g >= 0 { members[g, default: []].append(i) }
            for g in members.keys.sorted() {
                var byDomain: [Int: [Int]] = [:]
                for i in members[g]! { byDomain[c.domain(ofBin: Int(assignment[i])), default: []].append(i) }
                for dom in byDomain.keys.sorted() where byDomain[dom]!.count > 1 {
                    found.append(.sharedDomain(group: g, domain: dom, items: byDomain[dom]!))
                }
            }
        }
        if !c.pinned.isEmpty {
            for (i, p) in c.pinned.enumerated() where p >= 0 && assignment[i] != p {
                found.append(.notOnPinnedBin(item: i, bin: Int(assignment[i]), pinned: Int(p)))
            }
        }
        if c.maxItemsPerBin != .max {
            var counts = [Int](repeating: 0, count: binCount)
            for b in assignment { counts[Int(b)] += 1 }
            for (b, count) in counts.enumerated() where count > c.maxItemsPerBin {
                found.append(.tooManyItems(bin: b, count: count, limit: c.maxItemsPerBin))
            }
        }
        return found
    }
}
