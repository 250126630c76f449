/// A vector bin packing instance: items with sizes in `dimensions` dimensions, to be packed into
/// identical bins of the given capacity, under optional placement constraints.
///
/// Sizes are stored flat, row-major (`sizes[i * dimensions + k]` is item i's size in dimension
/// k), so that the packers walk memory in order. Units are whatever the caller packs (vCPU, GiB,
/// cores at an hour); only ratios to `capacity` matter.
public struct PackingProblem: Sendable {
    public let dimensions: Int
    /// Bin capacity in each dimension (all positive).
    public var capacity: [Double]
    /// Item sizes, n × d, row-major; all non-negative.
    public var sizes: [Double]
    public var constraints: PackingConstraints
    /// A name for reports.
    public var name: String

    public init(name: String = "", capacity: [Double], sizes: [Double], constraints: PackingConstraints = .none) {
        precondition(!capacity.isEmpty && sizes.count % capacity.count == 0, "sizes must be n × dimensions")
        self.name = name
        self.dimensions = capacity.count
        self.capacity = capacity
        self.sizes = sizes
        self.constraints = constraints
    }

    /// Convenience: items as rows.
    public init(name: String = "", capacity: [Double], items: [[Double]], constraints: PackingConstraints = .none) {
        self.init(name: name, capacity: capacity, sizes: items.flatMap { $0 }, constraints: constraints)
    }

    public var itemCount: Int { sizes.count / dimensions }

    @inlinable public func size(_ item: Int, _ dimension: Int) -> Double { sizes[item * dimensions + dimension] }

    /// Item i's sizes as a row.
    public func item(_ i: Int) -> ArraySlice<Double> { sizes[(i * dimensions)..<((i + 1) * dimensions)] }

    /// Indices of items larger than a bin in some dimension (these make the instance infeasible).
    public var oversizedItems: [Int] {
        (0..<itemCount).filter { i in (0..<dimensions).contains { size(i, $0) > capacity[$0] * (1 + Self.tolerance) } }
    }

    /// Relative slack allowed when comparing loads with capacities (guards against rounding
    /// in sums of fractional sizes; integer instances are exact).
    public static let tolerance = 1e-9

    /// The most a bin may hold in each dimension: capacity × `scale`, plus the tolerance (relative,
    /// and 1e-12 absolute). Every fit test compares a load against these.
    func fitLimits(scale: Double = 1) -> [Double] {
        capacity.map { $0 * scale * (1 + Self.tolerance) + 1e-12 }
    }
}

/// Rules that a packing must obey besides capacity.
public struct PackingConstraints: Sendable, Hashable {
    /// Redundancy group of each item, or -1. Members of one group must lie in distinct failure
    /// domains. Empty when there are no groups.
    public var groups: [Int32]
    /// Bins belong to failure domains round-robin: domain(bin) = bin % domainCount (as blades
    /// are spread over chassis). 0 means every bin is its own domain.
    public var domainCount: Int
    /// A fixed bin for each item, or -1. Empty when nothing is pinned.
    public var pinned: [Int32]
    /// At most this many items per bin (Int.max: no limit).
    public var maxItemsPerBin: Int

    public init(groups: [Int32] = [], domainCount: Int = 0, pinned: [Int32] = [], maxItemsPerBin: Int = .max) {
        self.groups = groups
        self.domainCount = domainCount
        self.pinned = pinned
        self.maxItemsPerBin = maxItemsPerBin
    }

    public static let none = PackingConstraints()

    public var isEmpty: Bool { groups.isEmpty && pinned.isEmpty && maxItemsPerBin == .max }

    @inlinable public func domain(ofBin bin: Int) -> Int { domainCount > 0 ? bin % domainCount : bin }
}

/// The result of packing: the bin of each item.
public struct Packing: Sendable, Hashable {
    /// Bin index of each item, 0 ..< binCount.
    public var assignment: [Int32]
    /// Bins used (some may be empty when bins were fixed in advance).
    public var binCount: Int

    public init(assignment: [Int32], binCount: Int) {
        self.assignment = assignment
        self.binCount = binCount
    }

    /// The packing whose bin b holds `contents[b]` (items not listed stay unassigned, -1).
    public init(binContents contents: [[Int32]], itemCount: Int) {
        var assignment = [Int32](repeating: -1, count: itemCount)
        for (b, items) in contents.enumerated() { for i in items { assignment[Int(i)] = Int32(b) } }
        self.init(assignment: assignment, binCount: contents.count)
    }

    /// Bins with at least one item.
    public var nonEmptyBinCount: Int {
        var used = [Bool](repeating: false, count: binCount)
        for b in assignment where b >= 0 { used[Int(b)] = true }
        return used.lazy.filter { $0 }.count
    }

    /// Load of each bin, binCount × d, row-major.
    public func loads(_ problem: PackingProblem) -> [Double] {
        let d = problem.dimensions
        var loads = [Double](repeating: 0, count: binCount * d)
        for (i, b) in assignment.enumerated() where b >= 0 {
            for k in 0..<d { loads[Int(b) * d + k] += problem.sizes[i * d + k] }
        }
        return loads
    }

    /// The items of each bin.
    public func binContents() -> [[Int]] {
        var contents = [[Int]](repeating: [], count: binCount)
        for (i, b) in assignment.enumerated() where b >= 0 { contents[Int(b)].append(i) }
        return contents
    }
}

extension PackingProblem {
    /// The whole-number sizes of a problem without constraints, flat (item i's size in dimension
    /// k at i · d + k), and its capacities; nil when there are constraints or some size or
    /// capacity is not a whole number (or passes 2^40). O(n · d).
    var wholeSizes: (weights: [Int], capacity: [Int])? {
        guard constraints.isEmpty,
              capacity.allSatisfy({ $0 == $0.rounded() && $0 >= 1 && $0 <= Double(1 << 40) }) else { return nil }
        var weights: [Int] = []
        weights.reserveCapacity(sizes.count)
        for s in sizes {
            guard s == s.rounded(), s >= 0, s <= Double(1 << 40) else { return nil }
            weights.append(Int(s))
        }
        return (weights, capacity.map { Int($0) })
    }
}
