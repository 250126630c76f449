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
