import CapacityModel
import Economics

/// The cost game of one pool and what it says about fairness: the Shapley value, and for every
/// share rule whether some coalition of members would pay less on its own (the core).
public struct PoolEconomics: Sendable {
    public var pool: String
    /// The members, as indices into `Scenario.tenants`, in pool order (bit i of a coalition = member i).
    public var members: [Int]
    /// Nil when the pool has more members than `shapley_exact_up_to` and no permutations are asked for.
    public var shapley: ShapleyValue?
    /// The core verdict of each rule, in `ShareRule` order.
    public var core: [(rule: ShareRule, verdict: CoreVerdict)]
    /// Yen a year of every coalition planned (bit mask over `members`), in mask order.
    public var coalitionCosts: [(coalition: UInt32, cost: Double)]
    /// Whether every coalition was planned (the core verdicts are then proofs, not samples).
    public var exhaustive: Bool
    /// The plan of each coalition that was cheaper planned than alone, kept when the scenario
    /// has uncertain inputs so that `Planner.reprice` can price the game again without packing.
    var coalitionPlans: [UInt32: PoolPlan] = [:]
    /// Permutations of the sampled Shapley value (0: exact; nil: none).
    var permutations: Int?
}

/// Builds each pool's cost game with the real planner: a coalition's cost is the cheaper of
/// planning its members as a pool of their own (same site, hardware, policy and cost lines) and
/// each of them staying on its dedicated servers; the whole pool's cost is its plan's.
struct CostGamePlanner {
    let scenario: Scenario
    let calendar: DemandCalendar
    let improvementMoves: Int

    /// Fills each tenant's Shapley share and returns each pool's game. O(2^n) pool plans for a
    /// pool of n ≤ `shapley_exact_up_to` members, else one per coalition the permutations reach
    /// (or the n single members when no permutations are asked for); planned in parallel.
    func run(pools: [PoolPlan], tenants: inout [TenantPlan]) -> [PoolEconomics] {
        var rowOf: [Int: Int] = [:]
        for (row, t) in tenants.enumerated() { rowOf[t.tenant] = row }
        let f = scenario.economics.finance
        guard f.shapleyExactUpTo > 0 || f.shapleyPermutations > 0 else { return [] }
        return pools.map { pool in
            let members = pool.pool.tenantIndices
            let standalone = members.map { rowOf[$0].map { tenants[$0].standaloneCost.total.value } ?? .infinity }
            let plan = coalitions(members.count)
            let (costs, plans) = self.costs(plan.masks, pool: pool, standalone: standalone)
            var economics = settle(pool: pool, costs: costs, permutations: plan.permutations, exhaustive: plan.exhaustive,
                                   rowOf: rowOf, tenants: &tenants)
            if scenario.assumptions.contains(where: \.isUncertain) { economics.coalitionPlans = plans }
            return economics
        }
    }

    /// The Shapley value of a pool's game with these coalition costs, written into its tenants'
    /// shares (and `costShare` under the Shapley rule), and the core verdict of every rule.
    func settle(pool: PoolPlan, costs: [UInt32: Double], permutations: Int?, exhaustive: Bool,
                rowOf: [Int: Int], tenants: inout [TenantPlan]) -> PoolEconomics {
            let members = pool.pool.tenantIndices
            let game = CostGame(players: members.count) { _ in .nan }
            game.preload(costs)
            let shapley = permutations.map { m in
                m == 0 ? ShapleyValue.exact(game) : ShapleyValue.sampled(game, permutations: m, seed: seed)
            }
            var core: [(ShareRule, CoreVerdict)] = []
            let total = pool.yearlyCost.total
            if let shapley {
                let yen = Apportion.wholeYen(shapley.shares, total: total)
                for (j, t) in members.enumerated() {
                    guard let r = rowOf[t] else { continue }
                    tenants[r].shares.append((.shapley, yen[j]))
                    if scenario.economics.shareRule == .shapley {
                        tenants[r].costShare = yen[j]
                        tenants[r].shareFraction = total.value == 0 ? 0 : yen[j].value / total.value
                    }
                }
            }
            for rule in ShareRule.allCases {
                let shares = members.map { t in rowOf[t].flatMap { r in tenants[r].shares.first { $0.rule == rule }?.yen.value } }
                guard shares.allSatisfy({ $0 != nil }) else { continue }
                core.append((rule, CoreVerdict.check(shares.map { $0! }, game: game, exhaustive: exhaustive)))
            }
            var economics = PoolEconomics(pool: pool.name, members: members, shapley: shapley, core: core,
                                          coalitionCosts: game.evaluated, exhaustive: exhaustive)
            economics.permutations = permutations
            return economics
    }

    /// `base`'s game priced with this planner's scenario: each coalition kept in
    /// `coalitionPlans` repriced (`PoolPlanner.reprice`), the others at their members' costs
    /// alone, the whole pool at `pool`'s (repriced) cost; then settled as `run` does.
    func reprice(_ base: PoolEconomics, pool: PoolPlan, rowOf: [Int: Int], tenants: inout [TenantPlan]) -> PoolEconomics {
        let members = pool.pool.tenantIndices
        let standalone = members.map { rowOf[$0].map { tenants[$0].standaloneCost.total.value } ?? .infinity }
        let all = members.isEmpty ? 0 : UInt32.max >> (32 - members.count)
        var costs: [UInt32: Double] = [:]
        for (mask, _) in base.coalitionCosts {
            if mask == all { costs[mask] = pool.yearlyCost.total.value; continue }
            let chosen = members.indices.filter { mask & (1 << $0) != 0 }
            let alone = chosen.reduce(0.0) { $0 + standalone[$1] }
            let planned = base.coalitionPlans[mask].map { plan in
                PoolPlanner.reprice(plan, pool: Self.coalitionPool(pool.pool, chosen), scenario: scenario).yearlyCost.total.value
            }
            costs[mask] = Swift.min(alone, planned ?? .infinity)
        }
        var economics = settle(pool: pool, costs: costs, permutations: base.permutations, exhaustive: base.exhaustive,
                               rowOf: rowOf, tenants: &tenants)
        economics.coalitionPlans = base.coalitionPlans
        return economics
    }

    var seed: UInt64 { UInt64(truncatingIfNeeded: scenario.simulation.seed) &+ 0x5348_4150 }

    /// The coalitions to plan for `n` members: all (exact Shapley: permutations 0), those the
    /// sampled orders reach, or the single members only (no Shapley: nil).
    func coalitions(_ n: Int) -> (masks: [UInt32], permutations: Int?, exhaustive: Bool) {
        let f = scenario.economics.finance
        guard n > 0 else { return ([], nil, true) }
        if n <= Swift.min(f.shapleyExactUpTo, 16) {
            return (Array(1..<(UInt32(1) << n)), 0, true)
        }
        let singles = (0..<n).map { UInt32(1) << $0 }
        guard f.shapleyPermutations > 0 else { return (singles, nil, false) }
        // The orders do not depend on the costs: record the coalitions they reach, then plan them.
        var reached = Set(singles)
        let recorder = CostGame(players: n) { reached.insert($0); return 0 }
        _ = ShapleyValue.sampled(recorder, permutations: f.shapleyPermutations, seed: seed)
        return (reached.sorted(), f.shapleyPermutations, false)
    }

    /// Yen a year of each coalition (bit mask over the pool's members), and the plans of those
    /// cheaper planned than alone.
    func costs(_ masks: [UInt32], pool: PoolPlan, standalone: [Double]) -> ([UInt32: Double], [UInt32: PoolPlan]) {
        let members = pool.pool.tenantIndices
        let all = members.isEmpty ? 0 : UInt32.max >> (32 - members.count)
        let scenario = self.scenario, calendar = self.calendar, moves = self.improvementMoves
        let values = parallelMap(masks) { (mask: UInt32) -> (Double, PoolPlan?) in
            if mask == all { return (pool.yearlyCost.total.value, nil) }
            let chosen = members.indices.filter { mask & (1 << $0) != 0 }
            let alone = chosen.reduce(0.0) { $0 + standalone[$1] }
            let planned = try? PoolPlanner(scenario: scenario, pool: Self.coalitionPool(pool.pool, chosen), calendar: calendar,
                                           improvementMoves: moves).plan()
            let cost = planned?.yearlyCost.total.value ?? .infinity
            return cost < alone ? (cost, planned) : (alone, nil)
        }
        var plans: [UInt32: PoolPlan] = [:]
        for (mask, value) in zip(masks, values) { if let p = value.1 { plans[mask] = p } }
        return (Dictionary(uniqueKeysWithValues: zip(masks, values.map(\.0))), plans)
    }

    /// The pool of a coalition: `pool` with only the members at `chosen` (positions in its
    /// member list), sized freely.
    static func coalitionPool(_ pool: Pool, _ chosen: [Int]) -> Pool {
        var sub = pool
        sub.tenantIndices = chosen.map { pool.tenantIndices[$0] }
        sub.tenantCodes = chosen.map { pool.tenantCodes[$0] }
        sub.fixedBlades = nil
        return sub
    }
}
