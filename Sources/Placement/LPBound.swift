import Dispatch

/// The linear-programming bound of one-dimensional bin packing (Gilmore and Gomory's
/// relaxation: patterns x_p ≥ 0 covering each size's demand, minimise Σ x_p), computed by
/// column generation: a revised simplex on the patterns found so far (dense basis inverse, one
/// row per distinct size), priced by a bounded knapsack over the duals.
///
/// The master also holds dual-optimal exchange columns (a slot of one size used by the next
/// smaller; `PatternMaster.exchange`), which keep the duals decreasing with size, and the pricing
/// smooths the duals towards those of the best bound (Wentges); on Schoenfield's Hard28 each cut
/// the columns needed several times over. Given a packing, the master starts from its bins.
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
        /// The master problem as the column generation left it (nil when the bound came from a
        /// coarser instance), for a dive to start from.
        var master: PatternMaster?
        /// Whether the column generation converged (no pattern prices above one).
        public var converged: Bool
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
    ///
    /// `start`, a packing of the items, gives the first basis (`PatternMaster.start(from:)`).
    static func solve(weights: [Int], capacity: Int, deadline: UInt64?, columnLimit: Int = 5_000,
                      knapsackCellLimit: Int = 1_000_000, start: Packing? = nil) -> Solution? {
        guard !weights.isEmpty else { return nil }
        if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { return nil }
        var scale = 1
        var master: PatternMaster
        var sizes: [Int]
        while true {
            let distinct = PatternMaster.distinctSizes(weights, scale: scale)
            if distinct.sizes.isEmpty { return Solution(bins: 0, sizes: [], patterns: [], columns: 0, master: nil, converged: true) }
            sizes = distinct.sizes
            master = PatternMaster(sizes: sizes, demand: distinct.demand, capacity: capacity / scale)
            if master.knapsackCells <= knapsackCellLimit || capacity / scale < 64 { break }
            scale *= 2
        }
        if scale == 1, let start {
            master.start(from: patterns(of: start, weights: weights, sizes: sizes))
        }
        let began = Clock.nanoseconds()
        let run = master.generateColumns(deadline: deadline, columnLimit: columnLimit)
        if debugSearch {
            print("LP bound: \(run.columns) columns, converged \(run.converged), bound \(run.bound ?? 0), \((Clock.nanoseconds() - began) / 1_000_000) ms")
        }
        let best = run.bound ?? 0, columns = run.columns, converged = run.converged
        return Solution(bins: Int((best - 1e-7).rounded(.up)), sizes: scale == 1 ? sizes : [],
                        patterns: scale == 1 ? (0..<master.m).filter(master.isBin).map { (master.basis[$0], master.x[$0]) } : [],
                        columns: columns,
                        master: scale == 1 ? master : nil, converged: converged)
    }

    /// The bins of a packing as patterns over `sizes` (copies of each); items of a size not in
    /// `sizes` (weight zero) are left out. O(n + bins · m).
    static func patterns(of packing: Packing, weights: [Int], sizes: [Int]) -> [[Int]] {
        var index: [Int: Int] = [:]
        for (k, s) in sizes.enumerated() { index[s] = k }
        var bins = [[Int]](repeating: [Int](repeating: 0, count: sizes.count), count: packing.binCount)
        for (i, b) in packing.assignment.enumerated() where b >= 0 {
            if let k = index[weights[i]] { bins[Int(b)][k] += 1 }
        }
        return bins
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
    /// What the basis covers: the items of each size (lowered by `lower(by:)`).
    private(set) var demand: [Int]
    let capacity: Int
    let m: Int
    /// The simplex basis: B⁻¹ and the basic values.
    var simplex: DenseBasis
    /// Values of the basic columns.
    var x: [Double] { simplex.x }
    /// The basic columns: copies of each size.
    var basis: [[Int]]
    /// Basic columns that stand negated (−a for the pattern a), made by `lower(by:)` to keep
    /// the basis feasible; they cost one like every column and leave as the simplex goes on.
    private(set) var negated: [Bool]
    /// The knapsack's items: (size index, copies) after binary splitting of each size's bound.
    private(set) var pieces: [(Int, Int)]

    init(sizes: [Int], demand: [Int], capacity: Int) {
        self.sizes = sizes
        self.demand = demand
        self.capacity = capacity
        m = sizes.count
        basis = []
        var copiesOf: [Double] = []
        for i in 0..<m {
            // Start from the patterns of one size, as many copies as fit (and are needed).
            let copies = Swift.min(capacity / sizes[i], demand[i])
            copiesOf.append(Double(copies))
            var column = [Int](repeating: 0, count: sizes.count)
            column[i] = copies
            basis.append(column)
        }
        simplex = DenseBasis(diagonal: copiesOf, values: zip(demand, copiesOf).map { Double($0) / $1 })
        negated = [Bool](repeating: false, count: m)
        pieces = Self.pieces(sizes: sizes, demand: demand, capacity: capacity)
    }

    /// The knapsack's items for each size's bound min(⌊C / size⌋, demand), split in binary.
    private static func pieces(sizes: [Int], demand: [Int], capacity: Int) -> [(Int, Int)] {
        var pieces: [(Int, Int)] = []
        for i in sizes.indices {
            var left = Swift.min(capacity / sizes[i], demand[i]), k = 1
            while left > 0 {
                let take = Swift.min(k, left)
                pieces.append((i, take))
                left -= take
                k *= 2
            }
        }
        return pieces
    }

    /// Starts from a packing: each distinct bin pattern is brought into the basis in place of
    /// one of the starting single-size columns (where B⁻¹a is largest), so that the basic
    /// solution is the packing's bins, Σ x their count, and the column generation only has the
    /// last few bins to gain. A pattern that depends on those already in is left out; basic
    /// values that end negative are negated (as in `lower(by:)`).
    /// - Complexity: O(m² · distinct patterns).
    mutating func start(from patterns: [[Int]]) {
        var free = [Bool](repeating: true, count: m)
        for pattern in Set(patterns) where pattern.count == m && pattern.contains(where: { $0 > 0 }) {
            let column = pattern.enumerated().filter { $0.element > 0 }.map { (row: $0.offset, value: Double($0.element)) }
            guard let r = simplex.enter(column, atOneOf: free) else { continue }
            free[r] = false
            basis[r] = pattern
        }
        negateNegativeValues()
    }

    /// Negates each basic column whose value is negative (below −1e-9; values nearer zero
    /// become zero), so that x ≥ 0 again. O(m · negated columns).
    private mutating func negateNegativeValues() {
        simplex.zeroTinyValues()
        for r in 0..<m where simplex.x[r] < 0 {
            simplex.negate(r)
            negated[r].toggle()
        }
    }

    /// Takes the items of `bin` (copies of each size, at most the demand) out of the demand,
    /// keeping the basis: x becomes B⁻¹(b − bin), and each basic column whose value went
    /// negative is negated, so that the basis stays feasible for the simplex to go on from.
    /// - Complexity: O(m · nonzeros of bin + m · negated columns).
    mutating func lower(by bin: [Int]) {
        for i in bin.indices { demand[i] -= bin[i] }
        simplex.lowerRightHandSide(by: bin.enumerated().filter { $0.element > 0 }.map { (row: $0.offset, value: Double($0.element)) })
        negateNegativeValues()
        pieces = Self.pieces(sizes: sizes, demand: demand, capacity: capacity)
    }

    var knapsackCells: Int { (capacity + 1) * pieces.count }

    /// The knapsack table's cells for these sizes, without building the master (its basis is
    /// m² doubles). O(m).
    static func knapsackCells(sizes: [Int], demand: [Int], capacity: Int) -> Int {
        (capacity + 1) * pieces(sizes: sizes, demand: demand, capacity: capacity).count
    }

    /// The distinct positive values of ⌊w / scale⌋, largest first, and how many weights give
    /// each: the rows of the master. O(n + m log m).
    static func distinctSizes(_ weights: [Int], scale: Int = 1) -> (sizes: [Int], demand: [Int]) {
        var count: [Int: Int] = [:]
        for w in weights where w / scale > 0 { count[w / scale, default: 0] += 1 }
        let sizes = count.keys.sorted(by: >)
        return (sizes, sizes.map { count[$0]! })
    }

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
                    Self.addPiece(weight: w, value: v, to: value, took: UnsafeMutableBufferPointer(rebasing: took[row..<(row + cells)]))
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

    /// One 0/1 step of the knapsack table: each cell c ≥ w (capacity downward) takes
    /// value[c − w] + v where that is strictly more, and `took[c]` says whether it did. Eight
    /// cells at a time where w ≥ 8 (the cells read lie below the eight written, so still hold
    /// the table before this piece), one at a time for the rest; the same table either way.
    /// O(C).
    @inline(__always)
    static func addPiece(weight w: Int, value v: Double, to value: UnsafeMutableBufferPointer<Double>,
                         took: UnsafeMutableBufferPointer<Bool>) {
        var c = value.count - 1
        if w >= 8 {
            let base = UnsafeMutableRawPointer(value.baseAddress!)
            let lanes = SIMD8<Double>(repeating: v)
            let stride = MemoryLayout<Double>.stride
            while c - 7 >= w {
                let low = c - 7
                let old = base.loadUnaligned(fromByteOffset: low * stride, as: SIMD8<Double>.self)
                let candidate = base.loadUnaligned(fromByteOffset: (low - w) * stride, as: SIMD8<Double>.self) + lanes
                let better = candidate .> old
                base.storeBytes(of: old.replacing(with: candidate, where: better), toByteOffset: low * stride, as: SIMD8<Double>.self)
                for k in 0..<8 { took[low + k] = better[k] }
                c -= 8
            }
        }
        while c >= w {
            let candidate = value[c - w] + v
            let better = candidate > value[c]
            if better { value[c] = candidate }
            took[c] = better
            c -= 1
        }
    }

    /// What a column generation ended with.
    struct ColumnRun {
        /// The best valid bound on the bins the demand needs (nil if no pricing was done).
        var bound: Double?
        /// Whether it stopped because no pattern prices above one, or because the bound's
        /// round-up met the basic solution's (the relaxation's round-up is then known).
        var converged: Bool
        /// Pattern columns entered (exchange columns not counted).
        var columns: Int
    }

    /// Whether basic column r is a pattern the packing may use as a bin: not negated, not an
    /// exchange column.
    func isBin(_ r: Int) -> Bool { !negated[r] && !basis[r].contains(where: { $0 < 0 }) }

    /// The dual-optimal exchange column most violated by `y`, if any (Ben Amor, Desrosiers and
    /// Valério de Carvalho, 2006): a slot of size i used by the next smaller size (−1 in row i,
    /// +1 in row i + 1), or a slot of the smallest left empty (−1 in its row), each at no cost.
    /// They keep the duals decreasing with size and non-negative, which some optimal duals are,
    /// so the relaxation's value is unchanged; without them the duals of a size an item swing
    /// and the column generation takes thousands of columns. O(m).
    func exchange(_ y: [Double]) -> [Int]? {
        var best = -1
        var worst = 1e-9
        for i in 0..<m {
            let gain = i + 1 < m ? y[i + 1] - y[i] : -y[i]
            if gain > worst { worst = gain; best = i }
        }
        guard best >= 0 else { return nil }
        var column = [Int](repeating: 0, count: m)
        column[best] = -1
        if best + 1 < m { column[best + 1] = 1 }
        return column
    }

    /// Pivots between recomputations of the duals from B⁻¹.
    static let dualRefresh = 32
    /// Weight of the stability centre in Wentges smoothing: the knapsack prices the duals
    /// α·centre + (1 − α)·y, the centre being the duals of the best bound so far.
    static let smoothing = 0.5
    /// Pivots one column generation may make, per pattern column allowed (exchange columns
    /// included): a guard against cycling when there is no deadline.
    static let pivotsPerColumn = 64

    /// Column generation from the current basis until no pattern prices above one, the bound's
    /// round-up meets the basic solution's (if `stopAtRoundUp`), `deadline` or `columnLimit`.
    /// `known` may offer a pattern priced above one on the exact duals (a pool of earlier
    /// columns) before the knapsack runs; `generated` hears of each pattern the knapsack makes.
    /// Exchange columns (`exchange(_:)`) enter first, whenever the duals violate one.
    mutating func generateColumns(deadline: UInt64?, columnLimit: Int, stopAtRoundUp: Bool = true,
                                  known: (([Double]) -> [Int]?)? = nil,
                                  generated: ([Int]) -> Void = { _ in }) -> ColumnRun {
        var run = ColumnRun(bound: nil, converged: false, columns: 0)
        var centre = StabilityCentre()
        // The duals, updated in O(m) a pivot and recomputed from B⁻¹ every `dualRefresh` pivots
        // and before any conclusion is drawn from them (a bound, convergence).
        var exact = duals()
        var sinceRefresh = 0
        var pivots = 0
        while run.columns < columnLimit, pivots < columnLimit * Self.pivotsPerColumn {
            // A column costs O(m²) for m sizes (the pivot), far more than reading the clock.
            if let deadline, Clock.nanoseconds() >= deadline { break }
            if sinceRefresh >= Self.dualRefresh { exact = duals(); sinceRefresh = 0 }
            var column = exchange(exact)
            if column == nil, let known { column = known(exact) }
            if column == nil {
                if sinceRefresh > 0 { exact = duals(); sinceRefresh = 0; continue }
                guard let found = priceRound(exact, centre: &centre, bound: &run.bound) else {
                    run.converged = true
                    break
                }
                if stopAtRoundUp, let bound = run.bound,
                   (bound - 1e-7).rounded(.up) >= (simplex.objective - 1e-7).rounded(.up) {
                    run.converged = true
                    break
                }
                generated(found)
                column = found
            }
            guard let column, enter(column, updating: &exact) else { break }
            sinceRefresh += 1
            pivots += 1
            if Self.cost(of: column) > 0 { run.columns += 1 }
        }
        return run
    }

    /// Wentges smoothing's centre: the duals of the best Farley bound so far.
    struct StabilityCentre {
        var duals: [Double]?
        var bound = -Double.infinity
    }

    /// One pricing: the knapsack on the duals smoothed towards the centre and, if its pattern
    /// does not price above one on the exact duals, on the exact ones (clamped at zero; the
    /// knapsack leaves out sizes whose dual is not positive, so the clamp changes nothing of its
    /// pattern's value). Each pricing's Farley bound, valid for any duals ≥ 0, raises `bound`
    /// and may move the centre. The pattern to enter, nil when none prices above one.
    ///
    /// On degenerate instances (Schoenfield's Hard28, a size an item) the plain duals swing
    /// and the column generation takes thousands of columns more.
    private mutating func priceRound(_ exact: [Double], centre: inout StabilityCentre, bound: inout Double?) -> [Int]? {
        let plain = exact.map { Swift.max($0, 0) }
        let smoothed = centre.duals.map { zip($0, plain).map { Self.smoothing * $0 + (1 - Self.smoothing) * $1 } }
        for y in [smoothed, plain].compactMap({ $0 }) {
            let (value, found) = price(y)
            guard value > 0 else { return nil }
            let farley = zip(demand, y).reduce(0.0) { $0 + Double($1.0) * $1.1 } / Swift.max(value, 1)
            bound = Swift.max(bound ?? 0, farley)
            if farley > centre.bound { centre = StabilityCentre(duals: y, bound: farley) }
            if zip(found, exact).reduce(0.0, { $0 + Double($1.0) * $1.1 }) > 1 + 1e-9 { return found }
        }
        return nil
    }

    /// Brings the column into the basis (ratio test, pivot); false if no basic column can leave.
    /// A pattern costs one bin; an exchange column (see `exchange(_:)`) nothing.
    mutating func enter(_ pattern: [Int]) -> Bool { enterColumn(pattern) != nil }

    /// `enter`, returning the position the column took.
    mutating func enterColumn(_ pattern: [Int]) -> Int? {
        let column = pattern.enumerated().filter { $0.element != 0 }.map { (row: $0.offset, value: Double($0.element)) }
        guard let leave = simplex.enter(column, cost: Self.cost(of: pattern)) else { return nil }
        basis[leave] = pattern
        negated[leave] = false
        return leave
    }

    /// A pattern costs one bin, an exchange column nothing.
    static func cost(of column: [Int]) -> Double { column.contains(where: { $0 < 0 }) ? 0 : 1 }

    /// Enters `column` and updates the duals `y` to the new basis's in O(m) (y + d · row of B⁻¹,
    /// d the column's reduced cost). False if no basic column can leave.
    mutating func enter(_ column: [Int], updating y: inout [Double]) -> Bool {
        let reduced = Self.cost(of: column) - zip(column, y).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        guard let leave = enterColumn(column) else { return false }
        simplex.addRow(leave, times: reduced, to: &y)
        return true
    }
}
