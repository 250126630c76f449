import Dispatch

/// The linear-programming bound of one-dimensional bin packing (Gilmore and Gomory's
/// relaxation: patterns x_p ≥ 0 covering each size's demand, minimise Σ x_p), computed by
/// column generation: a revised simplex on the patterns found so far (dense basis inverse, one
/// row per distinct size), priced by a bounded knapsack over the duals.
///
/// The bound returned is always valid, whether or not the column generation converged: for any
/// duals y ≥ 0, if no pattern is worth more than K = max_p Σ y_i a_ip, then y / K is feasible for
/// the dual and Σ d_i y_i / K bounds the LP from below (Farley's bound), hence every packing.
/// At convergence K = 1 and the bound is the LP optimum. On most classical instances its round-up
/// is the optimum (the integer round-up property), where the volume and L2 bounds fall short.
///
/// - Complexity: per column, O(m²) for the pivot and O(C · Σ log d_i) for the knapsack, with m
///   distinct sizes and capacity C.
public enum LPBound {
    /// What the column generation ended with.
    public struct Solution: Sendable {
        /// ⌈the best valid bound⌉.
        public var bins: Int
        /// The distinct sizes, largest first, and the basic patterns (copies of each size) with
        /// their values in the last basic solution (none when the bound came from a coarser
        /// instance).
        public var sizes: [Int]
        public var patterns: [(counts: [Int], value: Double)]
        /// Columns generated (pivots made).
        public var columns: Int
    }

    /// The bound found before `deadline` or `columnLimit` columns; nil when the instance is not
    /// one-dimensional with whole-number sizes.
    ///
    /// When the knapsack table (C · Σ log₂ d_i cells) would pass `knapsackCellLimit`, the bound
    /// is taken on a coarser instance: weights ⌊w / g⌋ in bins of ⌊C / g⌋, with g a power of two.
    /// Any packing of the instance packs the coarser one too (Σ⌊w_i / g⌋ ≤ ⌊Σ w_i / g⌋ ≤ ⌊C / g⌋),
    /// so its bound holds; its patterns say nothing of the instance's, and are left out.
    public static func solve(_ problem: PackingProblem, deadline: UInt64?, columnLimit: Int = 5_000,
                             knapsackCellLimit: Int = 1_000_000) -> Solution? {
        guard let (weights, capacity) = OneDimensionalSearch.integerWeights(problem) else { return nil }
        return solve(weights: weights, capacity: capacity, deadline: deadline, columnLimit: columnLimit,
                     knapsackCellLimit: knapsackCellLimit)
    }

    /// The same on whole-number weights already read from a problem.
    static func solve(weights: [Int], capacity: Int, deadline: UInt64?, columnLimit: Int = 5_000,
                      knapsackCellLimit: Int = 1_000_000) -> Solution? {
        guard !weights.isEmpty else { return nil }
        if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { return nil }
        var scale = 1
        var master: PatternMaster
        var sizes: [Int]
        while true {
            var demand: [Int: Int] = [:]
            for w in weights where w / scale > 0 { demand[w / scale, default: 0] += 1 }
            if demand.isEmpty { return Solution(bins: 0, sizes: [], patterns: [], columns: 0) }
            sizes = demand.keys.sorted(by: >)
            master = PatternMaster(sizes: sizes, demand: sizes.map { demand[$0]! }, capacity: capacity / scale)
            if master.knapsackCells <= knapsackCellLimit || capacity / scale < 64 { break }
            scale *= 2
        }
        var best = 0.0
        var columns = 0
        for column in 0..<columnLimit {
            columns = column
            // A column costs O(m²) for m sizes (the duals), far more than reading the clock.
            if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { break }
            let duals = master.duals().map { Swift.max($0, 0) }
            let (value, pattern) = master.price(duals)
            guard value > 0 else { break }
            let bound = zip(master.demand, duals).reduce(0.0) { $0 + Double($1.0) * $1.1 } / Swift.max(value, 1)
            best = Swift.max(best, bound)
            if value <= 1 + 1e-9 { break }
            guard master.enter(pattern) else { break }
        }
        return Solution(bins: Int((best - 1e-7).rounded(.up)), sizes: scale == 1 ? sizes : [],
                        patterns: scale == 1 ? zip(master.basis, master.x).map { ($0, $1) } : [], columns: columns)
    }

    /// Residual rounding: ⌊x_p⌋ bins of each basic pattern (as far as items of its sizes are
    /// left), the remaining items by first fit decreasing. A packing of every item.
    /// - Complexity: O(n log n + bins · m).
    public static func roundedPacking(_ solution: Solution, weights: [Int], capacity: Int) -> Packing {
        var bySize: [Int: [Int32]] = [:]
        for (i, w) in weights.enumerated() { bySize[w, default: []].append(Int32(i)) }
        var assignment = [Int32](repeating: -1, count: weights.count)
        var bins = 0
        for (counts, value) in solution.patterns.sorted(by: { $0.value > $1.value }) {
            for _ in 0..<Int((value + 1e-9).rounded(.down)) {
                guard counts.enumerated().allSatisfy({ bySize[solution.sizes[$0.offset]]?.count ?? 0 >= $0.element }) else { break }
                for (k, c) in counts.enumerated() where c > 0 {
                    for _ in 0..<c { assignment[Int(bySize[solution.sizes[k]]!.removeLast())] = Int32(bins) }
                }
                bins += 1
            }
        }
        // The rest, largest first, into the first bin with room (the pattern bins included).
        var loads = [Int](repeating: 0, count: bins)
        for (i, b) in assignment.enumerated() where b >= 0 { loads[Int(b)] += weights[i] }
        let rest = (0..<weights.count).filter { assignment[$0] < 0 }.sorted { (weights[$0], $1) > (weights[$1], $0) }
        for i in rest {
            let b = loads.firstIndex { $0 + weights[i] <= capacity } ?? loads.count
            if b == loads.count { loads.append(0) }
            loads[b] += weights[i]
            assignment[i] = Int32(b)
        }
        return Packing(assignment: assignment, binCount: loads.count)
    }
}

/// The restricted master problem: Σ_p a_ip x_p = d_i, x ≥ 0, minimise Σ x_p, kept at a basic
/// feasible solution by a revised simplex (`DenseBasis`).
struct PatternMaster {
    let sizes: [Int]
    let demand: [Int]
    let capacity: Int
    let m: Int
    /// The simplex basis: B⁻¹ and the basic values.
    var simplex: DenseBasis
    /// Values of the basic columns.
    var x: [Double] { simplex.x }
    /// The basic columns: copies of each size.
    var basis: [[Int]]
    /// The knapsack's items: (size index, copies) after binary splitting of each size's bound.
    let pieces: [(Int, Int)]

    init(sizes: [Int], demand: [Int], capacity: Int) {
        self.sizes = sizes
        self.demand = demand
        self.capacity = capacity
        m = sizes.count
        basis = []
        var pieces: [(Int, Int)] = []
        var copiesOf: [Double] = []
        for i in 0..<m {
            // Start from the patterns of one size, as many copies as fit (and are needed).
            let copies = Swift.min(capacity / sizes[i], demand[i])
            copiesOf.append(Double(copies))
            var column = [Int](repeating: 0, count: sizes.count)
            column[i] = copies
            basis.append(column)
            var left = copies, k = 1
            while left > 0 {
                let take = Swift.min(k, left)
                pieces.append((i, take))
                left -= take
                k *= 2
            }
        }
        simplex = DenseBasis(diagonal: copiesOf, values: zip(demand, copiesOf).map { Double($0) / $1 })
        self.pieces = pieces
    }

    var knapsackCells: Int { (capacity + 1) * pieces.count }

    /// y = 1ᵀ B⁻¹ (every pattern costs one bin).
    func duals() -> [Double] { simplex.duals() }

    /// The knapsack's table: best value at each capacity, and which piece improved which cell.
    private var value: [Double] = []
    private var took: [Bool] = []

    /// The pattern of greatest dual value (a bounded knapsack by dynamic programming over the
    /// capacity, 0/1 over the binary pieces) and that value. Reuses its tables between calls.
    mutating func price(_ y: [Double]) -> (Double, [Int]) {
        let cells = capacity + 1
        if value.count != cells { value = [Double](repeating: 0, count: cells) }
        if took.count != pieces.count * cells { took = [Bool](repeating: false, count: pieces.count * cells) }
        for c in 0..<cells { value[c] = 0 }
        let sizes = self.sizes, pieces = self.pieces, capacity = self.capacity
        value.withUnsafeMutableBufferPointer { value in
            took.withUnsafeMutableBufferPointer { took in
                for (p, piece) in pieces.enumerated() {
                    let row = p * cells
                    let w = sizes[piece.0] * piece.1
                    let v = y[piece.0] * Double(piece.1)
                    if y[piece.0] <= 0 || w > capacity {
                        for c in 0..<cells { took[row + c] = false }
                        continue
                    }
                    for c in 0..<w { took[row + c] = false }
                    var c = capacity
                    while c >= w {
                        let candidate = value[c - w] + v
                        let better = candidate > value[c]
                        if better { value[c] = candidate }
                        took[row + c] = better
                        c -= 1
                    }
                }
            }
        }
        var pattern = [Int](repeating: 0, count: m)
        var c = capacity
        for p in stride(from: pieces.count - 1, through: 0, by: -1) where took[p * cells + c] {
            pattern[pieces[p].0] += pieces[p].1
            c -= sizes[pieces[p].0] * pieces[p].1
        }
        return (value[capacity], pattern)
    }

    /// Brings the pattern into the basis (ratio test, pivot); false if no basic column can leave.
    mutating func enter(_ pattern: [Int]) -> Bool {
        let column = pattern.enumerated().filter { $0.element > 0 }.map { (row: $0.offset, value: Double($0.element)) }
        guard let leave = simplex.enter(column) else { return false }
        basis[leave] = pattern
        return true
    }
}
