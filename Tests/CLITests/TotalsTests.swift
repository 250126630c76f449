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

/// Issue 30's first disagreement: the Markdown (and so HTML) "Yearly cost by item" table left
/// out the scenario's cost lines (okitama's items summed to ¥47.64M of a ¥347.44M total). Its
/// items now add up to its total row, before and after, which equals the JSON's yearly cost.
@Suite struct YearlyCostTableTests {
    @Test(arguments: ["Scenarios/okitama.yaml", "Scenarios/kaso.yaml", "Scenarios/trial-2009.yaml"])
    func itemsAddUpToTheTotal(_ scenario: String) throws {
        let md = try CLI.run(["plan", scenario, "--format", "markdown"]).stdout
        let section = try #require(md.components(separatedBy: "## Yearly cost by item\n").dropFirst().first)
        let rows = section.split(separator: "\n").prefix { $0.hasPrefix("|") }.dropFirst(2)
            .map { $0.replacingOccurrences(of: "**", with: "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(section.contains("| item | before (¥M) | after (¥M) | source |"))
        let total = try #require(rows.last)
        #expect(total[0] == "total" && rows.count >= 6, "\(rows.count) rows")
        func number(_ s: String) -> Double { Double(s.replacingOccurrences(of: ",", with: "")) ?? .nan }
        for column in [1, 2] {
            let sum = rows.dropLast().reduce(0.0) { $0 + number($1[column]) }
            // Each item is rounded to ¥0.01M.
            #expect(abs(sum - number(total[column])) <= 0.005 * Double(rows.count), "\(scenario) column \(column): \(sum) vs \(total[column])")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CLI.run(["plan", scenario, "--format", "json"]).stdout.utf8)) as? [String: Any])
        let after = try #require(((json["after"] as? [String: Any])?["yearly_cost"] as? [String: Any])?["total_yen"] as? NSNumber)
        #expect(abs(after.doubleValue / 1e6 - number(total[2])) < 0.006, "\(after) vs \(total[2])")
    }
}
