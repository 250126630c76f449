import CapacityModel
import Foundation
@testable import Grouping
import Planning
import Testing
import TestSupport

/// Issue 34: `GroupingStudy` on the bundled scenarios, against the cost game's own coalition
/// costs and brute force over every partition.
@Suite struct GroupingStudyTests {
    /// Okitama (7 tenants, 877 partitions): every group's cost is the cost game's coalition cost,
    /// to the yen, and the programme's grouping is the best of all partitions of those costs.
    @Test func okitamaIsTheBestPartitionOfTheCostGame() throws {
        let scenario = try ScenarioLoader().load(path: Repository.scenario("okitama.yaml"))
        var planner = Planner(scenario: scenario)
        planner.costGames = true
        let plan = try planner.plan()
        let game = try #require(plan.economics.first)
        #expect(game.coalitionCosts.count == 127)
        let result = try GroupingStudy.run(scenario, settings: GroupingSettings())
        #expect(result.exact && result.tenants == 7 && result.coalitionsPlanned == 127)
        var cost: [UInt64: Double] = [:]
        for (mask, c) in game.coalitionCosts { cost[UInt64(mask)] = c }
        let brute = PartitionSearch.bruteForce(players: 7) { cost[$0]! }
        #expect(abs(result.totalYenPerYear - brute.cost) < 0.5, "\(result.totalYenPerYear) vs \(brute.cost)")
        #expect(abs(result.groups.reduce(0.0) { $0 + $1.yenPerYear } - result.totalYenPerYear) < 0.5)
        // The baseline is the scenario's one pool; the best grouping is never dearer.
        #expect(result.baselineGroups == [Array(0..<7)] && result.totalYenPerYear <= result.baselineYenPerYear + 0.5)
        #expect(result.lowerBoundYenPerYear <= result.totalYenPerYear && result.lowerBoundYenPerYear > 0)
        #expect(result.subadditive == (result.grandCoalitionYenPerYear <= result.totalYenPerYear + 1))
        // Groups cover every tenant once.
        #expect(result.groups.flatMap(\.members).sorted() == Array(0..<7))
    }

    /// A cap of three tenants a group: no group is larger, and the total is the brute-force
    /// optimum over partitions with groups of at most three.
    @Test func aCapIsHonouredAndStillOptimal() throws {
        let scenario = try ScenarioLoader().load(path: Repository.scenario("nishi-iburi.yaml"))
        var settings = GroupingSettings()
        settings.constraints = GroupingConstraints(maximumTenants: 3)
        let result = try GroupingStudy.run(scenario, settings: settings)
        #expect(result.groups.allSatisfy { $0.members.count <= 3 } && result.subadditive == nil)
        let free = try GroupingStudy.run(scenario, settings: GroupingSettings())
        #expect(result.totalYenPerYear >= free.totalYenPerYear - 0.5)
        // Brute force with the same planner costs (memoised through a fresh oracle).
        let base = try Planner(scenario: scenario).plan()
        var standalone = [Double](repeating: .infinity, count: scenario.tenants.count)
        for t in base.tenants { standalone[t.tenant] = t.standaloneCost.total.value }
        let oracle = CoalitionCosts(planner: Planner(scenario: scenario), calendar: base.calendar, standalone: standalone,
                                    constraints: settings.constraints)
        let n = scenario.tenants.count
        let brute = PartitionSearch.bruteForce(players: n) { oracle.cost(GroupingStudy.members(of: $0, Array(0..<n))) }
        #expect(abs(result.totalYenPerYear - brute.cost) < 0.5)
    }

    /// Beyond the exact limit the heuristic runs: never below the lower bound, never above every
    /// tenant alone, every tenant in one group.
    @Test func theHeuristicStaysWithinItsBounds() throws {
        let scenario = try ScenarioLoader().load(path: Repository.scenario("okitama.yaml"))
        var settings = GroupingSettings()
        settings.exactUpTo = 3
        let result = try GroupingStudy.run(scenario, settings: settings)
        let exact = try GroupingStudy.run(scenario, settings: GroupingSettings())
        #expect(!result.exact && result.totalYenPerYear >= exact.totalYenPerYear - 0.5)
        #expect(result.totalYenPerYear >= result.lowerBoundYenPerYear)
        #expect(result.groups.flatMap(\.members).sorted() == Array(0..<7))
    }
}

extension GroupingStudyTests {
    /// Unseen variants of Nishi-Iburi (seeded): pool operations from nothing to dear, a
    /// coordination line that costs each member more in a pool than alone, populations scaled:
    /// economies of scale that may stop, so the best grouping may split. Each time the
    /// programme's total is brute force's over the planner's own coalition costs, the result
    /// is never dearer than the scenario's pool, and `subadditive` says whether all together is best.
    @Test(arguments: 0..<4)
    func unseenVariantsMatchBruteForce(seed: Int) throws {
        var g = SeededGenerator(seed: UInt64(3_400 + seed))
        let operations = Int.random(in: 0...30, using: &g) * 1_000_000
        let coordination = Int.random(in: 0...12, using: &g) * 1_000_000
        let sets = ["economics.pool_operations_yen_per_year=\(operations)",
                    "economics.cost_lines=[{line: coordination, source: test, before: {per_tenant: 0}, after: {per_tenant: \(coordination)}}]"]
            + (0..<6).map { "tenants[\($0)].population=\(Int.random(in: 2_000...120_000, using: &g))" }
        let overrides = try sets.map { try ScenarioOverride.parse($0).get() }
        let scenario = try ScenarioLoader(overrides: overrides).load(path: Repository.scenario("nishi-iburi.yaml"))
        let result = try GroupingStudy.run(scenario, settings: GroupingSettings())
        let base = try Planner(scenario: scenario).plan()
        var standalone = [Double](repeating: .infinity, count: scenario.tenants.count)
        for t in base.tenants { standalone[t.tenant] = t.standaloneCost.total.value }
        let oracle = CoalitionCosts(planner: Planner(scenario: scenario), calendar: base.calendar, standalone: standalone,
                                    constraints: GroupingConstraints())
        let n = scenario.tenants.count
        let brute = PartitionSearch.bruteForce(players: n) { oracle.cost(GroupingStudy.members(of: $0, Array(0..<n))) }
        #expect(abs(result.totalYenPerYear - brute.cost) < 0.5, "seed \(seed): \(result.totalYenPerYear) vs \(brute.cost)")
        #expect(result.totalYenPerYear <= result.baselineYenPerYear + 0.5)
        #expect(result.subadditive == (oracle.cost(Array(0..<n)) <= brute.cost + 1))
        #expect(result.groups.flatMap(\.members).sorted() == Array(0..<n))
        for group in result.groups where group.members.count > 1 {
            #expect(group.coreEmpty != nil && (group.coreEmpty == true ? group.stable == false : true))
        }
    }

    /// Stable-only on Okitama changes nothing when every group's core holds (its grand
    /// coalition's core is non-empty), and the neighbouring-prefectures constraint keeps every
    /// two members of a group in one prefecture or in bordering ones (trial-2009's Saga data
    /// center: Saga, Oita, Miyazaki, Tokushima).
    @Test func stableOnlyAndNeighboursAreHonoured() throws {
        let okitama = try ScenarioLoader().load(path: Repository.scenario("okitama.yaml"))
        var settings = GroupingSettings()
        let free = try GroupingStudy.run(okitama, settings: settings)
        settings.stableOnly = true
        let stable = try GroupingStudy.run(okitama, settings: settings)
        #expect(free.groups.allSatisfy { $0.coreEmpty != true } && abs(stable.totalYenPerYear - free.totalYenPerYear) < 0.5)
        let trial = try ScenarioLoader().load(path: Repository.scenario("trial-2009.yaml"))
        let codes = ["41202", "41205", "44202", "44205", "45203", "36202", "36205"]
        let chosen = codes.map { c in trial.tenants.firstIndex { $0.code == c }! }
        var near = GroupingSettings()
        near.constraints.neighbouringPrefectures = true
        let r = try GroupingStudy.run(trial, tenants: chosen, settings: near)
        #expect(r.exact && r.groups.flatMap(\.members).sorted() == chosen.sorted())
        for group in r.groups {
            for a in group.members { for b in group.members { #expect(PrefectureAdjacency.neighbours(trial.tenants[a], trial.tenants[b])) } }
        }
        // Saga (41) and Oita (44) do not border; Oita and Miyazaki (45) do; Tokushima (36) borders none of them.
        #expect(!PrefectureAdjacency.adjacent(41, 44) && PrefectureAdjacency.adjacent(44, 45) && ![41, 44, 45].contains { PrefectureAdjacency.adjacent(36, $0) })
        // Candidates from one pool only: the baseline is that pool with those members, planned again.
        #expect(r.baselineGroups == [chosen.sorted()] && r.baselineYenPerYear > 0)
    }
}
