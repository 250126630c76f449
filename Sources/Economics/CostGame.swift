import CapacityModel
import Foundation
import Placement

/// A cost game over n players (a pool's tenants): the cost of every coalition, as a bit mask
/// (bit i = player i), found on demand and kept. `cost(0)` is 0. Coalition costs are yen a year.
public final class CostGame {
    public let players: Int
    private let evaluate: (UInt32) -> Double
    private var known: [UInt32: Double] = [0: 0]

    /// - Parameter cost: the cost of a coalition (called once per coalition asked for).
    public init(players: Int, cost: @escaping (UInt32) -> Double) {
        precondition(players >= 0 && players <= 30, "a cost game of \(players) players")
        self.players = players
        self.evaluate = cost
    }

    public var grandCoalition: UInt32 { players == 0 ? 0 : UInt32.max >> (32 - players) }

    public func cost(_ coalition: UInt32) -> Double {
        if let c = known[coalition] { return c }
        let c = evaluate(coalition)
        known[coalition] = c
        return c
    }

    /// Coalitions whose cost has been found so far, with their costs, in mask order.
    public var evaluated: [(coalition: UInt32, cost: Double)] {
        known.filter { $0.key != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Finds the cost of every coalition first (2^n evaluations), e.g. in parallel by the caller.
    public func preload(_ costs: [UInt32: Double]) {
        for (k, v) in costs { known[k] = v }
    }
}

/// The Shapley value of a cost game: each player's average marginal cost over the orders in
/// which the coalition could form. Shares sum to the grand coalition's cost (efficiency).
public struct ShapleyValue: Sendable {
    /// Yen a year per player.
    public var shares: [Double]
    /// Half-width of the 95% interval of each share (0 when exact).
    public var halfWidth: [Double]
    /// Orders sampled; nil when exact (every coalition).
    public var permutations: Int?

    public var isExact: Bool { permutations == nil }

    /// Exact: φ_i = Σ_{S ∌ i} |S|!(n−|S|−1)!/n! · (c(S ∪ i) − c(S)). O(2^n · n) cost lookups.
    public static func exact(_ game: CostGame) -> ShapleyValue {
        let n = game.players
        var weight = [Double](repeating: 0, count: n)   // weight[s] = s!(n−s−1)!/n!
        for s in 0..<n { weight[s] = 1 / (Double(n) * binomial(n - 1, s)) }
        var phi = [Double](repeating: 0, count: n)
        for mask in 0..<(UInt32(1) << n) {
            let c = game.cost(mask), size = mask.nonzeroBitCount
            for i in 0..<n where mask & (1 << i) == 0 {
                phi[i] += weight[size] * (game.cost(mask | (1 << i)) - c)
            }
        }
        return ShapleyValue(shares: phi, halfWidth: [Double](repeating: 0, count: n), permutations: nil)
    }

    /// Monte Carlo over `permutations` random orders (a seeded SplitMix64 and Fisher-Yates):
    /// the mean marginal cost of each player with a normal 95% half-width. Each order's
    /// marginals sum to the grand coalition's cost, so the means do too.
    public static func sampled(_ game: CostGame, permutations m: Int, seed: UInt64) -> ShapleyValue {
        let n = game.players
        var rng = SplitMix64(seed: seed)
        var sum = [Double](repeating: 0, count: n), sumSquares = sum
        var order = Array(0..<n)
        for _ in 0..<m {
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var mask: UInt32 = 0, before = 0.0
            for i in order {
                mask |= 1 << i
                let after = game.cost(mask), marginal = after - before
                sum[i] += marginal
                sumSquares[i] += marginal * marginal
                before = after
            }
        }
        let count = Double(m)
        let mean = sum.map { $0 / count }
        let half = (0..<n).map { i -> Double in
            guard m > 1 else { return .infinity }
            let variance = max(0, (sumSquares[i] - count * mean[i] * mean[i]) / (count - 1))
            return 1.959963984540054 * (variance / count).squareRoot()
        }
        return ShapleyValue(shares: mean, halfWidth: half, permutations: m)
    }

    static func binomial(_ n: Int, _ k: Int) -> Double {
        var r = 1.0
        for j in 0..<k { r = r * Double(n - j) / Double(j + 1) }
        return r
    }
}

/// Whether a division of a cost game's grand-coalition cost is in its core: no coalition pays
/// more under it than it would cost on its own.
public struct CoreVerdict: Sendable, Hashable {
    /// The coalition that gains most by leaving (bit mask), if any gains at all.
    public var blocking: UInt32?
    /// What the blocking coalition pays under the division, and what it would cost alone (yen a year).
    public var blockingPays: Double
    public var blockingAlone: Double
    /// Coalitions compared.
    public var coalitionsChecked: Int
    /// Whether every coalition was compared (else only those whose cost is known).
    public var exhaustive: Bool

    public var ok: Bool { blocking == nil }
    /// Yen a year the blocking coalition would save by leaving.
    public var excess: Double { blockingPays - blockingAlone }

    /// Compares `shares` with every coalition the game has evaluated (all of them when
    /// `exhaustive`); a coalition blocks when it pays more than `tolerance` yen over its cost.
    /// O(coalitions · n).
    public static func check(_ shares: [Double], game: CostGame, exhaustive: Bool, tolerance: Double = 1) -> CoreVerdict {
        var best: (UInt32, Double, Double)?
        var checked = 0
        for (mask, alone) in game.evaluated where mask != game.grandCoalition {
            checked += 1
            var pays = 0.0
            for i in 0..<game.players where mask & (1 << i) != 0 { pays += shares[i] }
            if pays - alone > tolerance, pays - alone > (best.map { $0.1 - $0.2 } ?? -.infinity) {
                best = (mask, pays, alone)
            }
        }
        return CoreVerdict(blocking: best?.0, blockingPays: best?.1 ?? 0, blockingAlone: best?.2 ?? 0,
                           coalitionsChecked: checked, exhaustive: exhaustive)
    }
}
