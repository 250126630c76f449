import Foundation

/// Whether a cost game's core holds any division at all (Bondareva–Shapley), by linear
/// programming over every coalition's cost.
///
/// The most the players can pay together with no coalition S ≠ N paying more than c(S) is
/// max Σx subject to x(S) ≤ c(S). With y_i = c({i}) − x_i ≥ 0 and g(S) = Σ_{i∈S} c({i}) − c(S)
/// (what S saves by forming) that is Σ c({i}) − min { Σy : y(S) ≥ g(S) }, whose dual
/// max { Σ g(S)·λ_S : Σ_{S∋i} λ_S ≤ 1, λ ≥ 0 } is solved here by the simplex method from the
/// all-slack basis (feasible, as the right-hand sides are 1). The core is non-empty exactly when
/// that most is at least c(N).
public struct CoreExistence: Sendable, Hashable {
    /// The most the players can pay together with no proper coalition paying over its cost (yen a year).
    public var mostStableTotal: Double
    /// The grand coalition's cost (yen a year).
    public var grandCost: Double
    /// Tolerance in yen: a shortfall up to it counts as none.
    public var tolerance: Double

    /// Whether some division of the grand coalition's cost is in the core.
    public var nonEmpty: Bool { mostStableTotal >= grandCost - tolerance }

    /// Yen a year that would have to come from outside for a stable division (0 when the core is non-empty).
    public var shortfall: Double { Swift.max(0, grandCost - mostStableTotal) }

    /// Solves the game's LP. Every coalition's cost is asked for (2^n − 1); coalitions costing ∞
    /// (forbidden) constrain nothing. - Precondition: every single player's cost is finite.
    /// - Complexity: 2^n columns × n rows per simplex step; meant for n ≤ 16.
    public static func check(_ game: CostGame, tolerance: Double = 1) -> CoreExistence {
        let n = game.players
        let grand = game.cost(game.grandCoalition)
        guard n >= 2 else { return CoreExistence(mostStableTotal: grand, grandCost: grand, tolerance: tolerance) }
        let single = (0..<n).map { game.cost(UInt32(1) << $0) }
        precondition(single.allSatisfy(\.isFinite), "a player alone must have a finite cost")
        var columns: [(mask: UInt32, saving: Double)] = []
        for mask in UInt32(1)..<game.grandCoalition where mask & (mask - 1) != 0 {
            let c = game.cost(mask)
            guard c.isFinite else { continue }
            var alone = 0.0
            for i in 0..<n where mask & (1 << i) != 0 { alone += single[i] }
            if alone - c > 0 { columns.append((mask, alone - c)) }
        }
        let covering = PackingSimplex.maximise(rows: n, columns: columns)
        return CoreExistence(mostStableTotal: single.reduce(0, +) - covering, grandCost: grand, tolerance: tolerance)
    }
}

/// max Σ w_j λ_j subject to Σ_{j: row i ∈ column j} λ_j ≤ 1 for every row, λ ≥ 0, with 0/1
/// columns given as bit masks and positive weights: a dense tableau, Bland's rule (no cycling).
enum PackingSimplex {
    /// The optimal value. - Complexity: O(rows · (columns + rows)) a pivot.
    static func maximise(rows m: Int, columns: [(mask: UInt32, saving: Double)]) -> Double {
        let k = columns.count
        guard k > 0 else { return 0 }
        let width = k + m + 1  // structural, slack, right-hand side
        var t = [Double](repeating: 0, count: m * width)
        for (j, column) in columns.enumerated() {
            for i in 0..<m where column.mask & (1 << i) != 0 { t[i * width + j] = 1 }
        }
        for i in 0..<m {
            t[i * width + k + i] = 1
            t[i * width + width - 1] = 1
        }
        // Reduced costs (to maximise: a positive entry may enter) and the objective's value.
        var reduced = columns.map(\.saving) + [Double](repeating: 0, count: m)
        var value = 0.0
        let epsilon = 1e-9
        while let enter = reduced.firstIndex(where: { $0 > epsilon * Swift.max(1, abs(value)) }) {
            var leave: Int?
            var best = Double.infinity
            for i in 0..<m where t[i * width + enter] > epsilon {
                let ratio = t[i * width + width - 1] / t[i * width + enter]
                if ratio < best - 1e-12 { best = ratio; leave = i }
            }
            guard let r = leave else { return .infinity }  // unbounded: cannot happen with ≤ 1 rows
            let pivot = t[r * width + enter]
            for c in 0..<width { t[r * width + c] /= pivot }
            for i in 0..<m where i != r {
                let f = t[i * width + enter]
                if f != 0 { for c in 0..<width { t[i * width + c] -= f * t[r * width + c] } }
            }
            let f = reduced[enter]
            for c in 0..<(width - 1) { reduced[c] -= f * t[r * width + c] }
            value += f * t[r * width + width - 1]
        }
        return value
    }
}
