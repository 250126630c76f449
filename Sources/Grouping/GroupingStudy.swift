import CapacityModel
import Economics
import Foundation
import Planning

/// Which grouping of a scenario's tenants into shared pools costs least a year, and whether it
/// holds together (issue 34; docs/group-json.md).
public struct GroupingResult: Sendable, Codable, Equatable {
    public struct Group: Sendable, Codable, Equatable {
        /// Tenant indices, in scenario order.
        public var members: [Int]
        public var yenPerYear: Double
        public var population: Int
        /// Whether the group shares one pool (else its members are cheaper on their own servers:
        /// shown as single-member groups).
        public var pooled: Bool
        /// Whether the group's shares under `rule` are in its core; nil when not checked (a
        /// single member, or more than `GroupingSettings.stabilityUpTo` members).
        public var stable: Bool?
        /// The rule checked: the scenario's share rule.
        public var rule: ShareRule
        /// A sub-group that would pay less on its own than its shares (tenant indices).
        public var blockingCoalition: [Int]?
        /// Whether the Shapley value of the group is in its core (nil when not checked).
        public var shapleyStable: Bool?
        /// Whether no division of the group's cost is in its core (nil when not checked); then
        /// no rule is stable and the Shapley value is the division to use.
        public var coreEmpty: Bool?
        /// Yen a year that would have to come from outside for any division to be stable (0 when
        /// the core is non-empty; nil when not checked).
        public var coreShortfallYen: Double?
    }

    public var groups: [Group]
    public var totalYenPerYear: Double
    /// The scenario's own pools: their members and yearly cost.
    public var baselineGroups: [[Int]]
    public var baselineYenPerYear: Double
    /// Whether the search was exact (every partition considered, by dynamic programming).
    public var exact: Bool
    /// A yearly cost no grouping can go below (Σ of each tenant's least possible contribution).
    public var lowerBoundYenPerYear: Double
    public var coalitionsPlanned: Int
    /// Wall-clock seconds of the search; nil when left out (`withoutTiming`).
    public var seconds: Double?
    /// Whether one group of every tenant costs no more than the best partition found (no split
    /// lowers the total); nil when the grand group is forbidden by the constraints.
    public var subadditive: Bool?
    /// The grand group's yearly cost (∞ when forbidden).
    public var grandCoalitionYenPerYear: Double
    /// Whether the grand group is cheaper as one pool than its members alone.
    public var grandCoalitionPooled: Bool
    /// A point of the economies-of-scale curve.
    public struct ScalePoint: Sendable, Codable, Equatable {
        public var population: Int
        public var yenPerYear: Double
        public var members: Int
    }
    /// For each group size, the pooled group planned with the lowest cost a resident (the first
    /// such in member order on a tie), sorted by size.
    public var curve: [ScalePoint]
    public var tenants: Int
    public var method: String

    /// The result without its seconds, for reports that must read the same on every run.
    public var withoutTiming: GroupingResult {
        var r = self
        r.seconds = nil
        return r
    }
}

/// How `cloudplan group` searches.
public struct GroupingSettings: Sendable {
    public var constraints = GroupingConstraints()
    /// Exact (dynamic programming over subsets, 2^n − 1 groups planned) up to this many tenants.
    public var exactUpTo = 12
    /// Starts of the heuristic beyond `exactUpTo`.
    public var starts = 3
    public var seed: UInt64 = 1
    /// Groups of at most this many members get their core checked (2^k sub-groups planned).
    public var stabilityUpTo = 10
    /// In an exact search, forbid groups whose core is empty (no division of their cost is
    /// stable); beyond it, such groups are reported, not avoided.
    public var stableOnly = false

    public init() {}
}

public enum GroupingStudy {
    /// The best grouping of `tenants` (indices into the scenario, default all) found with
    /// `settings`. - Complexity: exact: 2^n − 1 pool plans and 3^n steps; heuristic: O(n²) pool
    /// plans per start; plus 2^k per checked group of k members.
    /// - Throws: `PlanningError` when the scenario's own plan fails.
    public static func run(_ scenario: Scenario, tenants chosen: [Int]? = nil, settings: GroupingSettings) throws(PlanningError) -> GroupingResult {
        let start = ContinuousClock.now
        var planner = Planner(scenario: scenario)
        planner.runways = false
        let base = try planner.plan()
        var standalone = [Double](repeating: .infinity, count: scenario.tenants.count)
        for t in base.tenants { standalone[t.tenant] = t.standaloneCost.total.value }
        let universe = (chosen ?? Array(scenario.tenants.indices)).filter { standalone[$0].isFinite }
        let oracle = CoalitionCosts(planner: planner, calendar: base.calendar, standalone: standalone, constraints: settings.constraints)
        let n = universe.count
        func group(_ positions: [Int]) -> [Int] { positions.map { universe[$0] } }
        var partition: [[Int]]
        var total: Double
        let exact = n <= Swift.min(settings.exactUpTo, PartitionSearch.exactLimit)
        if exact {
            let masks = n == 0 ? [] : (UInt64(1)...((UInt64(1) << n) - 1)).map { $0 }
            oracle.prefetch(masks.map { members(of: $0, universe) })
            let best = PartitionSearch.exact(players: n) { mask in
                let g = members(of: mask, universe)
                return settings.stableOnly && !coreHolds(g, oracle: oracle) ? .infinity : oracle.cost(g)
            }
            partition = best.groups.map { members(of: $0, universe) }
            total = best.cost
        } else {
            let found = PartitionSearch.heuristic(players: n, starts: settings.starts, seed: settings.seed,
                                                  prefetch: { oracle.prefetch($0.map(group)) }) { oracle.cost(group($0)) }
            partition = found.groups.map(group)
            total = found.cost
        }
        guard total.isFinite else {
            throw PlanningError(pool: universe.first.flatMap { oracle.poolOf[$0]?.name } ?? scenario.name,
                                message: "no grouping of its \(n) tenants satisfies the constraints (a together set that breaks a cap or an apart set, a single tenant of a together set…)",
                                location: nil)
        }
        // A group cheaper on dedicated servers than pooled is shown as its members alone.
        partition = partition.flatMap { g in g.count > 1 && !oracle.isPooled(g) ? g.map { [$0] } : [g] }
        let grand = universe.isEmpty ? 0 : oracle.cost(universe)
        let groups = partition.map { describe($0, oracle: oracle, scenario: scenario, settings: settings) }
        let curve = cheapestBySize(oracle.known.filter { $0.pooled }.map { k in
            GroupingResult.ScalePoint(population: k.group.reduce(0) { $0 + scenario.tenants[$1].population }, yenPerYear: k.cost, members: k.group.count)
        })
        let (baseline, baselineCost) = baselinePools(universe, plan: base, oracle: oracle)
        let elapsed = ContinuousClock.now - start
        return GroupingResult(
            groups: groups, totalYenPerYear: total, baselineGroups: baseline, baselineYenPerYear: baselineCost, exact: exact,
            lowerBoundYenPerYear: lowerBound(universe, scenario: scenario, standalone: standalone, plan: base),
            coalitionsPlanned: oracle.coalitionsPlanned,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            subadditive: grand.isFinite ? grand <= total + 1 : nil, grandCoalitionYenPerYear: grand,
            grandCoalitionPooled: !universe.isEmpty && oracle.isPooled(universe),
            curve: curve, tenants: n,
            method: exact ? "exact: dynamic programming over the \(n) tenants' subsets" + (settings.stableOnly ? ", groups with an empty core forbidden" : "")
                : n <= 80 ? "heuristic: single moves from one group of all and from \(settings.starts) greedy mergings (seed \(settings.seed))"
                    : "heuristic: single moves from one group of all (greedy merging only up to 80 tenants)")
    }

    /// The scenario's own pools restricted to `universe`, and their yearly cost: a pool wholly
    /// inside as `plan` prices it, a pool partly inside planned again with its members there.
    static func baselinePools(_ universe: [Int], plan: PlanResult, oracle: CoalitionCosts) -> ([[Int]], Double) {
        let inside = Set(universe)
        var groups: [[Int]] = []
        var cost = 0.0
        for p in plan.pools {
            let members = p.pool.tenantIndices.filter(inside.contains)
            guard !members.isEmpty else { continue }
            groups.append(members)
            cost += members.count == p.pool.tenantIndices.count ? p.yearlyCost.total.value : oracle.poolCost(members)
        }
        return (groups, cost)
    }

    /// For each size, the point with the lowest yen a resident (the first on a tie), by size.
    static func cheapestBySize(_ points: [GroupingResult.ScalePoint]) -> [GroupingResult.ScalePoint] {
        var best: [Int: GroupingResult.ScalePoint] = [:]
        for p in points where p.population > 0 {
            let v = p.yenPerYear / Double(p.population)
            if best[p.members].map({ v < $0.yenPerYear / Double($0.population) }) ?? true { best[p.members] = p }
        }
        return best.keys.sorted().map { best[$0]! }
    }

    /// Whether some division of `g`'s cost is in its core (a group cheaper alone, or of one
    /// member, always). - Complexity: 2^|g| coalition costs and one LP over them.
    static func coreHolds(_ g: [Int], oracle: CoalitionCosts) -> Bool {
        guard g.count > 1, oracle.isPooled(g) else { return true }
        return CoreExistence.check(subgroupGame(g, oracle: oracle)).nonEmpty
    }

    /// The cost game among `g`'s members (player i = g[i]), costs from `oracle`.
    static func subgroupGame(_ g: [Int], oracle: CoalitionCosts) -> CostGame {
        CostGame(players: g.count) { mask in oracle.cost((0..<g.count).filter { mask & (1 << $0) != 0 }.map { g[$0] }) }
    }

    /// The tenant indices of the bits of `mask` over `universe`.
    static func members(of mask: UInt64, _ universe: [Int]) -> [Int] {
        universe.indices.filter { mask & (UInt64(1) << $0) != 0 }.map { universe[$0] }
    }

    /// A found group with its cost and its core check under the scenario's rule.
    static func describe(_ g: [Int], oracle: CoalitionCosts, scenario: Scenario, settings: GroupingSettings) -> GroupingResult.Group {
        let rule = scenario.economics.shareRule
        var group = GroupingResult.Group(members: g, yenPerYear: oracle.cost(g), population: g.reduce(0) { $0 + scenario.tenants[$1].population },
                                         pooled: oracle.isPooled(g), stable: nil, rule: rule)
        guard g.count > 1, g.count <= settings.stabilityUpTo, let plan = oracle.plan(g) else { return group }
        let k = g.count
        let subsets = (UInt32(1)..<(UInt32(1) << k)).map { mask in (0..<k).filter { mask & (1 << $0) != 0 }.map { g[$0] } }
        oracle.prefetch(subsets)
        let game = subgroupGame(g, oracle: oracle)
        let shapley = ShapleyValue.exact(game).shares
        let existence = CoreExistence.check(game)
        group.coreEmpty = !existence.nonEmpty
        group.coreShortfallYen = existence.shortfall
        let shares = rule == .shapley ? shapley : (oracle.planner.shares(plan, rule: rule)?.map(\.value) ?? shapley)
        let verdict = CoreVerdict.check(shares, game: game, exhaustive: true)
        group.stable = verdict.ok
        group.blockingCoalition = verdict.blocking.map { mask in (0..<k).filter { mask & (1 << $0) != 0 }.map { g[$0] } }
        group.shapleyStable = CoreVerdict.check(shapley, game: game, exhaustive: true).ok
        return group
    }

    /// Σ over tenants of the least a tenant can add to any group: the lesser of its cost alone
    /// and what every pool holding it pays for it in full: the cost lines' after amounts that grow
    /// with each member (per tenant, resident, system of a tenant, resident-system) and the
    /// blades its VMs' memory fills at the best price a GiB of any pool's blade (hardware and
    /// maintenance, at the target memory utilisation and overcommit: a pool needs at least the
    /// sum of its members' fractions). Fixed, per-distinct-system, energy and space only add.
    static func lowerBound(_ universe: [Int], scenario: Scenario, standalone: [Double], plan: PlanResult) -> Double {
        var memory = [Double](repeating: 0, count: scenario.tenants.count)
        for pool in plan.pools { for vm in pool.virtualMachines { memory[vm.tenant] += vm.memoryGiB } }
        let e = scenario.economics
        let yenPerGiB = scenario.pools.map { p -> Double in
            let price = p.blade.price
            let yearly = Finance.hardwarePerYear(price, years: e.leaseYears, settings: e.finance).value + price.value * e.maintenanceFractionPerYear
            return yearly / (p.blade.memoryGiB * p.policy.targetMemoryUtilisation * Swift.max(p.policy.memoryOvercommit, 1))
        }.min() ?? 0
        return universe.reduce(0.0) { acc, t in
            let tenant = scenario.tenants[t]
            var additive = memory[t] * Swift.max(yenPerGiB, 0)
            for line in e.costLines {
                for (rates, years) in [(line.after, 1.0), (line.afterOneOff, line.oneOffYears)] {
                    let r = rates.rates
                    additive += ((r[.perTenant]?.value ?? 0) + (r[.perResident]?.value ?? 0) * Double(tenant.population)
                        + (r[.perTenantSystem]?.value ?? 0) * Double(tenant.systems.count)
                        + (r[.perResidentSystem]?.value ?? 0) * Double(tenant.population * tenant.systems.count)) / years
                }
            }
            return acc + Swift.min(standalone[t], additive)
        }
    }
}
