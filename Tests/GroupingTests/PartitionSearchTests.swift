import CapacityModel
import Economics
import Foundation
@testable import Grouping
import Planning
import Testing
import TestSupport

/// Issue 34: the partition search against answers known in advance.
@Suite struct PartitionSearchTests {
    /// Bell numbers: the enumeration visits each partition once.
    @Test func everyPartitionIsVisitedOnce() {
        for (n, bell) in [(1, 1), (2, 2), (3, 5), (4, 15), (5, 52), (6, 203), (7, 877), (8, 4_140)] {
            var seen = Set<[UInt64]>()
            var count = 0
            PartitionSearch.forEachPartition(players: n) { groups in
                count += 1
                seen.insert(groups.sorted())
                #expect(groups.reduce(0, |) == (UInt64(1) << n) - 1 && groups.reduce(0) { $0 + $1.nonzeroBitCount } == n)
            }
            #expect(count == bell && seen.count == bell, "n = \(n)")
        }
    }

    /// Seeded random set functions (a fixed cost per group, economies then diseconomies of
    /// scale, random pair synergies, forbidden groups): the programme equals brute force.
    @Test(arguments: 0..<12)
    func theProgrammeEqualsBruteForce(seed: Int) {
        var g = SeededGenerator(seed: UInt64(100 + seed))
        let n = 3 + seed % 6
        let weight = (0..<n).map { _ in Double.random(in: 1...10, using: &g) }
        var synergy = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n { for j in (i + 1)..<n { synergy[i][j] = Double.random(in: -3...2, using: &g) } }
        let fixed = Double.random(in: 0...20, using: &g), congestion = Double.random(in: 0...3, using: &g)
        let forbidden = UInt64.random(in: 0...((UInt64(1) << n) - 1), using: &g) | 1
        func cost(_ mask: UInt64) -> Double {
            if mask.nonzeroBitCount > 1 && mask & forbidden == forbidden && forbidden.nonzeroBitCount > 1 { return .infinity }
            let members = (0..<n).filter { mask & (UInt64(1) << $0) != 0 }
            var c = fixed + congestion * Double(members.count * members.count)
            for i in members { c += weight[i] }
            for i in members { for j in members where j > i { c += synergy[i][j] } }
            return Swift.max(c, 0)
        }
        let exact = PartitionSearch.exact(players: n, cost: cost)
        let brute = PartitionSearch.bruteForce(players: n, cost: cost)
        #expect(abs(exact.cost - brute.cost) < 1e-9, "n = \(n): \(exact) vs \(brute)")
        #expect(abs(exact.groups.reduce(0.0) { $0 + cost($1) } - exact.cost) < 1e-9)
        #expect(exact.groups.reduce(0, |) == (UInt64(1) << n) - 1)
        // The heuristic is never better than the optimum and never worse than all alone.
        let h = PartitionSearch.heuristic(players: n, seed: UInt64(seed)) { group in
            cost(group.reduce(UInt64(0)) { $0 | (UInt64(1) << $1) })
        }
        let alone = (0..<n).reduce(0.0) { $0 + cost(UInt64(1) << $1) }
        #expect(h.cost >= exact.cost - 1e-9 && h.cost <= alone + 1e-9)
    }

    /// A constructed cost with a known optimum: pairs {0,1}, {2,3}, {4,5} cost 1 each, any other
    /// group costs 2 per member: the optimum is the three pairs, 3.
    @Test func aKnownOptimumIsFound() {
        let pairs: Set<UInt64> = [0b11, 0b1100, 0b110000]
        func cost(_ mask: UInt64) -> Double { pairs.contains(mask) ? 1 : 2 * Double(mask.nonzeroBitCount) }
        let best = PartitionSearch.exact(players: 6, cost: cost)
        #expect(best.cost == 3 && Set(best.groups) == pairs)
        let h = PartitionSearch.heuristic(players: 6, seed: 1) { g in cost(g.reduce(UInt64(0)) { $0 | (UInt64(1) << $1) }) }
        #expect(h.cost == 3)
    }

    /// Constraints: a group too big, too populous, splitting a together set, joining an apart set
    /// or crossing prefectures is refused; a tenant above the population cap may stand alone.
    @Test func constraintsAreHonoured() {
        func tenant(_ code: String, _ population: Int, _ prefecture: String) -> Tenant {
            Tenant(code: code, name: code, prefecture: prefecture, population: population, systems: [],
                   location: SourceLocation(file: "t", line: 1, column: 1))
        }
        let tenants = [tenant("a", 10, "P"), tenant("b", 20, "P"), tenant("c", 30, "Q"), tenant("d", 100, "P")]
        let c = GroupingConstraints(maximumTenants: 3, maximumPopulation: 60, together: [[0, 1]], apart: [[1, 2]], samePrefecture: true)
        #expect(c.allows([0, 1], tenants: tenants))
        #expect(!c.allows([0], tenants: tenants))            // splits the together set
        #expect(!c.allows([0, 1, 2], tenants: tenants))      // 1 and 2 apart, and two prefectures
        #expect(!c.allows([0, 1, 3], tenants: tenants))      // 130 residents > 60
        #expect(c.allows([3], tenants: tenants))             // alone above the cap
        #expect(GroupingConstraints(maximumTenants: 2).allows([0, 1], tenants: tenants)
                && !GroupingConstraints(maximumTenants: 2).allows([0, 1, 3], tenants: tenants))
    }
}

extension PartitionSearchTests {
    /// A constructed cost function with a known optimum and a known empty core: three towns
    /// cost 1 each alone, 1 any two together, 1.9 all three. The best grouping is all three
    /// (1.9), whose core is empty (pairs can pay at most 1.5 together); forbidding groups with
    /// an empty core, as `--stable-only` does, the best is a pair and one alone (2.0).
    @Test func theStableOnlySearchAvoidsAnEmptyCore() {
        let cost = { (mask: UInt64) -> Double in mask.nonzeroBitCount == 3 ? 1.9 : 1 }
        let free = PartitionSearch.exact(players: 3, cost: cost)
        #expect(abs(free.cost - 1.9) < 1e-12 && free.groups == [7])
        let game = CostGame(players: 3) { cost(UInt64($0)) }
        #expect(!CoreExistence.check(game, tolerance: 1e-9).nonEmpty)
        let stable = PartitionSearch.exact(players: 3) { mask -> Double in
            let k = mask.nonzeroBitCount
            guard k > 1 else { return cost(mask) }
            let members = (0..<3).filter { mask & (UInt64(1) << $0) != 0 }
            let sub = CostGame(players: k) { m in cost((0..<k).filter { m & (1 << $0) != 0 }.reduce(UInt64(0)) { $0 | (UInt64(1) << members[$1]) }) }
            return CoreExistence.check(sub, tolerance: 1e-9).nonEmpty ? cost(mask) : .infinity
        }
        #expect(abs(stable.cost - 2) < 1e-12 && stable.groups.count == 2)
    }

    /// Land borders: symmetric, Nagano's eight neighbours, Tokyo's four, islands alone, and
    /// Honshu connected from Aomori to Yamaguchi while Shikoku and Kyushu are not reached.
    @Test func prefectureBordersAreTheMapsOnes() {
        for a in 1...47 { for b in 1...47 { #expect(PrefectureAdjacency.adjacent(a, b) == PrefectureAdjacency.adjacent(b, a)) } }
        #expect((1...47).filter { PrefectureAdjacency.adjacent(20, $0) } == [10, 11, 15, 16, 19, 21, 22, 23])
        #expect((1...47).filter { PrefectureAdjacency.adjacent(13, $0) } == [11, 12, 14, 19])
        #expect(!(1...47).contains { PrefectureAdjacency.adjacent(1, $0) || PrefectureAdjacency.adjacent(47, $0) })
        var reached: Set<Int> = [2], frontier = [2]
        while let p = frontier.popLast() {
            for q in 1...47 where PrefectureAdjacency.adjacent(p, q) && reached.insert(q).inserted { frontier.append(q) }
        }
        #expect(reached == Set(2...35), "\(Set(2...35).symmetricDifference(reached).sorted())")
        #expect(PrefectureAdjacency.names.count == 47 && PrefectureAdjacency.names[5] == "山形県")
    }
}
