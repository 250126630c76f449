/// The basis of a linear program in which every column costs one (minimise Σ x_j subject to
/// A x = b, x ≥ 0), kept by a revised simplex with the basis inverse stored densely: the
/// restricted master problems of the column generations (`PatternMaster` for one-dimensional
/// patterns, `ItemSetMaster` for sets of items in several dimensions).
///
/// Invariants: `inverse` is B⁻¹ (m × m) of the current basis, stored by columns (entry (r, j) at
/// `j * m + r`), and `x = B⁻¹ b ≥ 0` the values of the basic columns, position r holding row r's.
/// Stored by columns, both B⁻¹a (a sum of a few columns) and the pivot (each column of B⁻¹ less
/// a multiple of u) run over contiguous memory.
/// - Complexity: O(m²) memory; O(m · nonzeros) to compute B⁻¹a, O(m²) per pivot at most (the
///   columns where the pivot row is zero are skipped).
struct DenseBasis {
    let m: Int
    /// B⁻¹, column-major.
    private(set) var inverse: [Double]
    /// Values of the basic columns.
    private(set) var x: [Double]
    /// Cost of each basic column (one unless entered with another).
    private(set) var cost: [Double]

    /// A diagonal basis: column r has `diagonal[r]` in row r only, and value `values[r]`.
    init(diagonal: [Double], values: [Double]) {
        m = diagonal.count
        inverse = [Double](repeating: 0, count: m * m)
        for r in 0..<m { inverse[r * m + r] = 1 / diagonal[r] }
        x = values
        cost = [Double](repeating: 1, count: m)
    }

    /// Σ cost · x, the objective of the basic solution. O(m).
    var objective: Double { zip(cost, x).reduce(0) { $0 + $1.0 * $1.1 } }

    /// y = c_Bᵀ B⁻¹, the duals: when every column costs one, y_j is the sum of column j. O(m²).
    func duals() -> [Double] {
        let m = self.m
        return inverse.withUnsafeBufferPointer { inverse in
            cost.withUnsafeBufferPointer { cost in
                (0..<m).map { j in
                    var sum = 0.0
                    for r in 0..<m { sum += cost[r] * inverse[j * m + r] }
                    return sum
                }
            }
        }
    }

    /// Adds `factor` × row r of B⁻¹ to `y`. O(m).
    func addRow(_ r: Int, times factor: Double, to y: inout [Double]) {
        let m = self.m
        inverse.withUnsafeBufferPointer { inverse in
            for j in 0..<m { y[j] += factor * inverse[j * m + r] }
        }
    }

    /// Brings a column (its nonzero entries as (row, value), rows ascending) into the basis: the
    /// ratio test picks the leaving position (the first of the smallest ratios) and the pivot
    /// updates B⁻¹ and x. Returns the leaving position, nil if no basic column can leave (the
    /// column is unbounded, which a column with a positive entry never is here).
    mutating func enter(_ column: [(row: Int, value: Double)], cost columnCost: Double = 1) -> Int? {
        let u = solve(column)
        var leave = -1, ratio = Double.infinity
        for r in 0..<m where u[r] > 1e-9 {
            let t = x[r] / u[r]
            if t < ratio - 1e-12 { ratio = t; leave = r }
        }
        guard leave >= 0 else { return nil }
        pivot(on: leave, u)
        cost[leave] = columnCost
        return leave
    }

    /// B⁻¹a for a column given as its nonzero entries. O(m · nonzeros).
    func solve(_ column: [(row: Int, value: Double)]) -> [Double] {
        var u = [Double](repeating: 0, count: m)
        let m = self.m
        inverse.withUnsafeBufferPointer { inverse in
            u.withUnsafeMutableBufferPointer { u in
                for (j, a) in column {
                    for r in 0..<m { u[r] += inverse[j * m + r] * a }
                }
            }
        }
        return u
    }

    /// Brings a column into the basis at a chosen position (no ratio test: x may go negative),
    /// the one among `allowed` where B⁻¹a is largest in magnitude. Returns that position, nil if
    /// B⁻¹a is below 1e-9 on every allowed one (the column depends on the others). O(m²).
    mutating func enter(_ column: [(row: Int, value: Double)], atOneOf allowed: [Bool]) -> Int? {
        let u = solve(column)
        var best = -1
        for r in 0..<m where allowed[r] && abs(u[r]) > 1e-9 && (best < 0 || abs(u[r]) > abs(u[best])) { best = r }
        guard best >= 0 else { return nil }
        pivot(on: best, u)
        cost[best] = 1
        return best
    }

    /// The right-hand side lowered by `column`: x becomes B⁻¹(b − a), which may have negative
    /// entries (see `negate`). O(m · nonzeros).
    mutating func lowerRightHandSide(by column: [(row: Int, value: Double)]) {
        let u = solve(column)
        for r in 0..<m { x[r] -= u[r] }
    }

    /// Sets basic values within 1e-9 of zero to zero (rounding left by pivots and right-hand
    /// side changes). O(m).
    mutating func zeroTinyValues() {
        for r in 0..<m where abs(x[r]) < 1e-9 { x[r] = 0 }
    }

    /// Replaces basic column r by its negation, at cost one: row r of B⁻¹ and x_r change sign,
    /// so a negative x_r becomes positive and the basis feasible again. O(m).
    mutating func negate(_ r: Int) {
        x[r] = -x[r]
        cost[r] = 1
        let m = self.m
        inverse.withUnsafeMutableBufferPointer { inverse in
            for j in 0..<m { inverse[j * m + r] = -inverse[j * m + r] }
        }
    }

    /// The pivot: row `leave` divided by `u[leave]`, the others cleared in that column: each
    /// column j of B⁻¹ with a nonzero in row `leave` loses (its entry there / pivot) × u.
    private mutating func pivot(on leave: Int, _ u: [Double]) {
        let m = self.m
        let pivot = u[leave]
        x[leave] /= pivot
        for r in 0..<m where r != leave && u[r] != 0 {
            x[r] -= u[r] * x[leave]
            if x[r] < 0 && x[r] > -1e-9 { x[r] = 0 }
        }
        var others = u
        others[leave] = 0
        inverse.withUnsafeMutableBufferPointer { inverse in
            others.withUnsafeBufferPointer { others in
                for j in 0..<m {
                    let entry = inverse[j * m + leave]
                    if entry == 0 { continue }
                    let w = entry / pivot
                    let column = inverse.baseAddress! + j * m
                    for r in 0..<m { column[r] -= others[r] * w }
                    column[leave] = w
                }
            }
        }
    }
}
