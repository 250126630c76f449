/// The linear relaxation of vector packing as set partitioning over some of a problem's items
/// (the rows): Σ_{sets S ∋ i} x_S = 1 for each item i, x ≥ 0, minimise Σ x_S, over the sets found
/// so far, kept at a basic feasible solution by `DenseBasis`. Columns come from `ItemSetPricer`.
///
/// Invariants: `duals` is 1ᵀB⁻¹ of the current basis (updated in O(m) per pivot, recomputed from
/// B⁻¹ every `refreshEvery` pivots against drift); `basis[r]` lists the rows of basic column r,
/// ascending.
struct ItemSetMaster {
    /// The problem's item of each row.
    let items: [Int]
    var simplex: DenseBasis
    /// The rows of each basic column.
    var basis: [[Int32]]
    /// y = 1ᵀB⁻¹.
    var duals: [Double]
    var pivots = 0
    static let refreshEvery = 64
    /// The largest perturbation of a demand.
    static let perturbation = 1e-4

    /// Starts from the sets of one item each (the identity basis, every value 1).
    init(items: [Int]) {
        self.items = items
        let m = items.count
        // Each item's demand is 1 + a tiny distinct amount, so that no two bases give the same
        // values: the set-partitioning master is otherwise so degenerate that most pivots move
        // nothing.
        let values = (0..<m).map { 1 + Self.perturbation * Double(($0 &* 7919) % 997 + 1) / 997 }
        simplex = DenseBasis(diagonal: [Double](repeating: 1, count: m), values: values)
        basis = (0..<m).map { [Int32($0)] }
        duals = [Double](repeating: 1, count: m)
    }

    var m: Int { items.count }

    /// The reduced cost of a set of rows: 1 − Σ y.
    func reducedCost(_ rows: [Int32]) -> Double {
        var value = 0.0
        for r in rows { value += duals[Int(r)] }
        return 1 - value
    }

    /// Recomputes the duals from B⁻¹ (O(m²)), clearing the incremental updates' drift.
    mutating func refreshDuals() { duals = simplex.duals() }

    /// Brings a set of rows (ascending) into the basis; false when no column can leave.
    mutating func enter(_ rows: [Int32]) -> Bool {
        let cost = reducedCost(rows)
        guard let leave = simplex.enter(rows.map { (row: Int($0), value: 1.0) }) else { return false }
        basis[leave] = rows
        pivots += 1
        if pivots % Self.refreshEvery == 0 {
            duals = simplex.duals()
        } else {
            // y' = y + d_q · (row `leave` of the new B⁻¹).
            simplex.addRow(leave, times: cost, to: &duals)
        }
        return true
    }
}
