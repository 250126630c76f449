import Economics
import Foundation
import Testing
import TestSupport

/// Issue 34: whether a cost game's core is empty, against Bondareva–Shapley's balanced
/// collections worked out by hand.
@Suite struct CoreExistenceTests {
    /// Three players: each alone 1, any pair 1, all three 1.9. The pairs' constraints add up to
    /// 2·Σx ≤ 3, so at most 1.5 can be paid stably: the core is empty, 0.4 short, though the
    /// grand coalition is the cheapest grouping (1.9 < 2 for a pair and a single).
    @Test func theClassicPairGameHasAnEmptyCore() {
        let game = CostGame(players: 3) { mask in mask.nonzeroBitCount == 3 ? 1.9 : 1 }
        let c = CoreExistence.check(game, tolerance: 1e-9)
        #expect(!c.nonEmpty && abs(c.mostStableTotal - 1.5) < 1e-9 && abs(c.shortfall - 0.4) < 1e-9)
    }

    /// An additive game (each pays its own cost) and a game with a large fixed cost shared
    /// (concave, so its core holds the Shapley value) have non-empty cores.
    @Test func additiveAndFixedCostGamesHaveCores() {
        let additive = CostGame(players: 5) { mask -> Double in
            var c = 0.0
            for i in 0..<5 where mask & (UInt32(1) << i) != 0 { c += Double(i + 1) }
            return c
        }
        #expect(CoreExistence.check(additive).nonEmpty && abs(CoreExistence.check(additive).mostStableTotal - 15) < 1e-6)
        let fixed = CostGame(players: 6) { mask in mask == 0 ? 0 : 100 + 3 * Double(mask.nonzeroBitCount) }
        #expect(CoreExistence.check(fixed).nonEmpty)
    }

    /// Seeded random three-player games: the most that can be paid stably is the least of the
    /// minimal balanced collections' costs: the singletons, a pair with the third, and the three
    /// pairs at weight ½ (worked out by hand, not by the LP).
    @Test(arguments: 0..<40)
    func threePlayersMatchTheBalancedCollections(seed: Int) {
        var g = SeededGenerator(seed: UInt64(7_000 + seed))
        var cost = [UInt32: Double]()
        for mask in UInt32(1)...7 { cost[mask] = Double.random(in: 1...10, using: &g) * Double(mask.nonzeroBitCount) }
        let game = CostGame(players: 3) { cost[$0]! }
        let c = CoreExistence.check(game, tolerance: 1e-9)
        let byHand = [cost[1]! + cost[2]! + cost[4]!, cost[3]! + cost[4]!, cost[5]! + cost[2]!, cost[6]! + cost[1]!,
                      (cost[3]! + cost[5]! + cost[6]!) / 2].min()!
        #expect(abs(c.mostStableTotal - byHand) < 1e-7, "\(c.mostStableTotal) vs \(byHand)")
        #expect(c.nonEmpty == (cost[7]! <= byHand + 1e-9))
    }

    /// Seeded random games of 4 to 7 players: a fixed cost shared plus additive costs (concave)
    /// has a non-empty core holding the Shapley value; the same game with the grand coalition
    /// dearer than every player alone has an empty one.
    @Test(arguments: 0..<10)
    func randomGamesAreConsistent(seed: Int) {
        var g = SeededGenerator(seed: UInt64(9_000 + seed))
        let n = 4 + seed % 4
        let w = (0..<n).map { _ in Double.random(in: 1...5, using: &g) }
        let fixed = Double.random(in: 5...50, using: &g)
        // Concave (fixed cost plus additive): the core is non-empty and holds the Shapley value.
        let concave = CostGame(players: n) { mask in
            mask == 0 ? 0 : fixed + (0..<n).filter { mask & (1 << $0) != 0 }.reduce(0.0) { $0 + w[$1] }
        }
        #expect(CoreExistence.check(concave).nonEmpty)
        #expect(CoreVerdict.check(ShapleyValue.exact(concave).shares, game: concave, exhaustive: true).ok)
        // The grand coalition dearer than all alone: no division can be stable.
        let total = w.reduce(0, +) + fixed * Double(n)
        let dear = CostGame(players: n) { mask in
            mask == (UInt32(1) << n) - 1 ? total + 1 : concave.cost(mask)
        }
        let c = CoreExistence.check(dear, tolerance: 1e-9)
        #expect(!c.nonEmpty && c.mostStableTotal <= total + 1e-6)
    }
}
