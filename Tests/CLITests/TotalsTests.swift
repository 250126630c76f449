import Foundation
import Testing
import TestSupport

/// Totals that add up (issue 10, item 7): in the plan JSON every total equals the sum of its
/// printed parts, exactly, because bills are rounded once, to whole yen, where they are made.
@Suite struct TotalsTests {
    @Test(arguments: ["Scenarios/okitama.yaml", "Scenarios/nishi-iburi.yaml", "Scenarios/checks/one-blade.yaml"])
    func planTotalsAreSumsOfTheirParts(_ scenario: String) throws {
        let r = try CLI.run(["plan", scenario, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let pools = try #require(plan["pools"] as? [[String: Any]])
        let tenants = try #require(plan["tenants"] as? [[String: Any]])
        let after = try #require((plan["after"] as? [String: Any])?["yearly_cost"] as? [String: Any])
        let before = try #require((plan["before"] as? [String: Any])?["yearly_cost"] as? [String: Any])
        func int(_ x: Any?) -> Int { (x as? NSNumber)?.intValue ?? -1 }
        let lines = ["hardware_yen", "maintenance_yen", "energy_yen", "space_yen", "operations_yen", "lines_yen"]
        for key in lines + ["total_yen"] {
            let parts = pools.map { int(($0["yearly_cost"] as? [String: Any])?[key]) }
            #expect(int(after[key]) == parts.reduce(0, +), "\(scenario) after.\(key)")
        }
        #expect(int(after["total_yen"]) == lines.map { int(after[$0]) }.reduce(0, +))
        #expect(int(before["total_yen"]) == lines.map { int(before[$0]) }.reduce(0, +))
        #expect(int(before["total_yen"]) == tenants.map { int($0["standalone_cost_yen"]) }.reduce(0, +))
        for pool in pools {
            let shares = tenants.filter { ($0["pool"] as? String) == (pool["name"] as? String) }.map { int($0["cost_share_yen"]) }
            #expect(shares.reduce(0, +) == int((pool["yearly_cost"] as? [String: Any])?["total_yen"]), "\(scenario) shares")
        }
    }
}
