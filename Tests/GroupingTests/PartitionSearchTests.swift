import CapacityModel
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
