/// Packing onto several bin types with prices: choose the mix of bins that costs least.
///
/// Candidates: every type alone (packed by `PlacementEngine`), and a greedy mix that opens, one
/// at a time, the bin type whose first-fit-decreasing fill of the remaining items packs the most
/// normalised volume per yen, then downgrades each bin to the cheapest type that still holds it.
/// The cheapest candidate wins (ties: fewer bins, then the earlier candidate).
public enum HeterogeneousPacking {
    public struct BinType: Sendable, Hashable {
        public var name: String
        public var capacity: [Double]
        public var price: Double
        public init(name: String, capacity: [Double], price: Double) {
            self.name = name
            self.capacity = capacity
            self.price = price
        }
    }

    public struct Solution: Sendable {
        /// Bin of each item.
        public var assignment: [Int32]
        /// Type of each bin (index into the types).
        public var binTypes: [Int]
        public var cost: Double
        /// How it was found: "only <type>" or "mix".
        public var method: String

        public init(assignment: [Int32], binTypes: [Int], cost: Double, method: String) {
            self.assignment = assignment
            self.binTypes = binTypes
            self.cost = cost
            self.method = method
        }
    }

    /// - Parameter sizes: n × d item sizes; `types` share the dimensions.
    public static func pack(sizes: [Double], dimensions d: Int, types: [BinType], constraints: PackingConstraints = .none,
                            timeLimit: Double) -> Solution? {
        let n = sizes.count / d
        var candidates: [Solution] = []
        for (t, type) in types.enumerated() {
            let problem = PackingProblem(capacity: type.capacity, sizes: sizes, constraints: constraints)
            guard problem.oversizedItems.isEmpty,
                  let s = try? PlacementEngine.solve(problem, method: .best, timeLimit: timeLimit / Double(types.count + 1)) else { continue }
            candidates.append(Solution(assignment: s.packing.assignment, binTypes: [Int](repeating: t, count: s.bins),
                                       cost: Double(s.bins) * type.price, method: "only \(type.name)"))
        }
        if constraints.isEmpty, let mix = greedyMix(sizes: sizes, d: d, n: n, types: types) { candidates.append(mix) }
        return candidates.enumerated().min { a, b in
            (a.element.cost, a.element.binTypes.count, a.offset) < (b.element.cost, b.element.binTypes.count, b.offset)
        }?.element
    }

    static func greedyMix(sizes: [Double], d: Int, n: Int, types: [BinType]) -> Solution? {
        // Normalise volume by the largest capacity of each dimension.
        let scale = (0..<d).map { k in types.map { $0.capacity[k] }.filter { $0 < 1e17 }.max() ?? 1 }
        let volume = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + sizes[i * d + $1] / scale[$1] } }
        var remaining = (0..<n).sorted { volume[$0] > volume[$1] || (volume[$0] == volume[$1] && $0 < $1) }
        var assignment = [Int32](repeating: -1, count: n)
        var binTypes: [Int] = []
        var binItems: [[Int]] = []
        while !remaining.isEmpty {
            var best: (type: Int, items: [Int], score: Double)?
            for (t, type) in types.enumerated() {
                var load = [Double](repeating: 0, count: d)
                var taken: [Int] = []
                var value = 0.0
                for i in remaining where (0..<d).allSatisfy({ load[$0] + sizes[i * d + $0] <= type.capacity[$0] * (1 + 1e-9) }) {
                    for k in 0..<d { load[k] += sizes[i * d + k] }
                    taken.append(i)
                    value += volume[i]
                }
                guard !taken.isEmpty else { continue }
                let score = value / type.price
                if best == nil || score > best!.score { best = (t, taken, score) }
            }
            guard let chosen = best else { return nil }
            let taken = Set(chosen.items)
            for i in chosen.items { assignment[i] = Int32(binTypes.count) }
            binTypes.append(chosen.type)
            binItems.append(chosen.items)
            remaining.removeAll { taken.contains($0) }
        }
        // Downgrade each bin to the cheapest type that holds its items.
        for (b, items) in binItems.enumerated() {
            var load = [Double](repeating: 0, count: d)
            for i in items { for k in 0..<d { load[k] += sizes[i * d + k] } }
            let fitting = types.indices.filter { t in (0..<d).allSatisfy { load[$0] <= types[t].capacity[$0] * (1 + 1e-9) } }
            if let cheapest = fitting.min(by: { types[$0].price < types[$1].price || (types[$0].price == types[$1].price && $0 < $1) }) {
                binTypes[b] = cheapest
            }
        }
        return Solution(assignment: assignment, binTypes: binTypes,
                        cost: binTypes.reduce(0.0) { $0 + types[$1].price }, method: "mix")
    }

    /// Every way the solution breaks capacity or completeness (empty when feasible).
    public static func violations(_ s: Solution, sizes: [Double], dimensions d: Int, types: [BinType]) -> [String] {
        var problems: [String] = []
        var loads = [Double](repeating: 0, count: s.binTypes.count * d)
        for (i, b) in s.assignment.enumerated() {
            guard b >= 0, Int(b) < s.binTypes.count else { problems.append("item \(i) unassigned"); continue }
            for k in 0..<d { loads[Int(b) * d + k] += sizes[i * d + k] }
        }
        for (b, t) in s.binTypes.enumerated() {
            for k in 0..<d where loads[b * d + k] > types[t].capacity[k] * (1 + 1e-9) + 1e-12 {
                problems.append("bin \(b) (\(types[t].name)) over capacity in dimension \(k)")
            }
        }
        return problems
    }
}
