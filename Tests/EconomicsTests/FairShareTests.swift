import Testing
import TestSupport
import CapacityModel
@testable import Economics

/// Issue 13, item 6: money and fair shares against arithmetic done by hand.
@Suite struct FairShareTests {
    /// The 3-tenant game worked by hand: c(1)=6, c(2)=7, c(3)=8, c(12)=10, c(13)=11, c(23)=12, c(123)=14.
    /// φ1 = 6/3 + (10−7)/6 + (11−8)/6 + (14−12)/3 = 11/3; φ2 = 14/3; φ3 = 17/3.
    static let handGame: [UInt32: Double] = [1: 6, 2: 7, 4: 8, 3: 10, 5: 11, 6: 12, 7: 14]

    func game(_ costs: [UInt32: Double], players: Int) -> CostGame {
        CostGame(players: players) { costs[$0] ?? .nan }
    }

    @Test func shapleyOfTheHandComputedGame() {
        let phi = ShapleyValue.exact(game(Self.handGame, players: 3)).shares
        #expect(abs(phi[0] - 11.0 / 3) < 1e-12 && abs(phi[1] - 14.0 / 3) < 1e-12 && abs(phi[2] - 17.0 / 3) < 1e-12)
    }

    /// Efficiency, symmetry and the dummy property on seeded random subadditive games, and the
    /// sampled value inside its interval of the exact one.
    @Test func shapleyAxiomsOnRandomGames() {
        var random = SeededGenerator(seed: 13)
        for _ in 0..<40 {
            let n = Int(random.next() % 4) + 3            // 3-6 players
            // Players 0 and 1 identical; the last a dummy costing 5 wherever it goes.
            let weight = (0..<n).map { i -> Double in i == 1 ? 0 : Double(random.next() % 1000) + 1 }
            let base = Double(random.next() % 500)
            var costs: [UInt32: Double] = [:]
            for mask in 1..<(UInt32(1) << n) {
                let core = mask & ~(UInt32(1) << (n - 1))
                var w = 0.0
                for i in 0..<(n - 1) where core & (1 << i) != 0 { w += i == 1 ? weight[0] : weight[i] }
                let shared = core == 0 ? 0 : base + w.squareRoot() * 40   // concave: sharing pays
                costs[mask] = shared + (mask & (1 << (n - 1)) != 0 ? 5 : 0)
            }
            let g = game(costs, players: n)
            let exact = ShapleyValue.exact(g)
            let total = costs[g.grandCoalition]!
            #expect(abs(exact.shares.reduce(0, +) - total) < 1e-6 * total)
            #expect(abs(exact.shares[0] - exact.shares[1]) < 1e-9 * total)
            #expect(abs(exact.shares[n - 1] - 5) < 1e-9 * total)
            let sampled = ShapleyValue.sampled(g, permutations: 400, seed: random.next())
            #expect(abs(sampled.shares.reduce(0, +) - total) < 1e-6 * total)
            for i in 0..<n { #expect(abs(sampled.shares[i] - exact.shares[i]) <= 2.5 * sampled.halfWidth[i] + 1e-9) }
        }
    }

    @Test func coreCheckFindsTheBlockingCoalition() {
        // c(1) = 1, c(2) = 10, c(12) = 10: splitting equally asks tenant 1 for 5, more than its 1 alone.
        let g = game([1: 1, 2: 10, 3: 10], players: 2)
        _ = ShapleyValue.exact(g)                          // evaluates every coalition
        let equal = CoreVerdict.check([5, 5], game: g, exhaustive: true)
        #expect(!equal.ok && equal.blocking == 1 && equal.blockingPays == 5 && equal.blockingAlone == 1 && equal.excess == 4)
        let fair = CoreVerdict.check(ShapleyValue.exact(g).shares, game: g, exhaustive: true)   // (0.5, 9.5)
        #expect(fair.ok && fair.coalitionsChecked == 2)
        // The hand game's Shapley value is in its core: every coalition pays at most its cost.
        let h = game(Self.handGame, players: 3)
        #expect(CoreVerdict.check(ShapleyValue.exact(h).shares, game: h, exhaustive: true).ok)
    }

    @Test func annuityAndNetPresentValue() {
        // 1,000,000 at 5% over 5 years: 1e6 × 0.05 / (1 − 1.05^−5) = 230,974.80.
        let p = Finance.annuityPayment(principal: Yen(1_000_000), rate: 0.05, years: 5)
        #expect(abs(p.value - 230_974.798) < 0.01)
        // Its payments discounted at the same rate give back the principal.
        let flows = [Yen.zero] + [Yen](repeating: p, count: 5)
        #expect(abs(Finance.netPresentValue(rate: 0.05, flows: flows).value - 1_000_000) < 1e-6)
        // A residual R is owed at the end: payment = (P − R·1.05^−5)·0.05/(1 − 1.05^−5).
        let withResidual = Finance.annuityPayment(principal: Yen(1_000_000), rate: 0.05, years: 5, residual: Yen(100_000))
        #expect(abs(Finance.netPresentValue(rate: 0.05, flows: [Yen.zero] + [Yen](repeating: withResidual, count: 4)
            + [withResidual + Yen(100_000)]).value - 1_000_000) < 1e-6)
        // No interest: straight line.
        #expect(Finance.annuityPayment(principal: Yen(900), rate: 0, years: 3, residual: Yen(300)) == Yen(200))
        // −100 now, 50 and 60 later, at 10%: −100 + 50/1.1 + 60/1.21.
        #expect(abs(Finance.netPresentValue(rate: 0.1, flows: [Yen(-100), Yen(50), Yen(60)]).value - (-100 + 50 / 1.1 + 60 / 1.21)) < 1e-12)
    }

    @Test func leaseAndPurchaseYearlyHardware() {
        var f = FinanceSettings()
        #expect(Finance.hardwarePerYear(Yen(5_000_000), years: 5, settings: f) == Yen(1_000_000))
        f.financing = .lease
        f.leaseRatePerYear = 0.05
        #expect(abs(Finance.hardwarePerYear(Yen(1_000_000), years: 5, settings: f).value - 230_974.798) < 0.01)
    }

    @Test func wholeYenKeepsTheTotal() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let n = Int(random.next() % 12) + 1
            let raw = (0..<n).map { _ in Double(random.next() % 1_000_000_000) / 997 }
            let total = Yen(raw.reduce(0, +))
            let yen = Apportion.wholeYen(raw, total: total)
            #expect(yen.reduce(0) { $0 + $1.value } == total.value.rounded())
            for (y, r) in zip(yen, raw) { #expect(abs(y.value - r) < 1 + 1e-9) }
        }
    }

    @Test func costRatesMultiplyTheirDrivers() {
        let q = CostQuantities(tenants: 3, residents: 50_000, systems: 10, tenantSystems: 25, residentSystems: 400_000,
                               virtualMachines: 40, servers: 6, sockets: 12, cores: 72)
        let rates = CostRates([.fixed: Yen(1_000), .perTenant: Yen(10), .perResident: Yen(2), .perSystem: Yen(100),
                               .perTenantSystem: Yen(7), .perResidentSystem: Yen(1), .perVM: Yen(3), .perServer: Yen(50),
                               .perSocket: Yen(20), .perCore: Yen(1)])
        #expect(rates.amount(q) == Yen(1_000 + 30 + 100_000 + 1_000 + 175 + 400_000 + 120 + 300 + 240 + 72))
        let line = CostLine(name: "x", source: "[EST]", after: CostRates([.perTenant: Yen(100)]),
                            afterOneOff: CostRates([.fixed: Yen(5_000)]), oneOffYears: 5,
                            location: SourceLocation(file: "t", line: 1, column: 1))
        #expect(line.afterPerYear(q) == Yen(300 + 1_000))
    }
}
