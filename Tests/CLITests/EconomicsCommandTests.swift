import Foundation
import Testing
import TestSupport

/// Issue 13's checks on the bundled Okitama scenario: the JSON keys, the bill of materials'
/// arithmetic, shares that sum to the bill, blocking coalitions that really are cheaper alone,
/// and the reported reductions reproduced.
@Suite struct EconomicsCommandTests {
    func int(_ x: Any?) -> Int { (x as? NSNumber)?.intValue ?? Int.min }
    func double(_ x: Any?) -> Double { (x as? NSNumber)?.doubleValue ?? .nan }

    func plan(in dir: String? = nil) throws -> [String: Any] {
        let r = try CLI.run(["plan", "Scenarios/okitama.yaml", "--format", "json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// A copy of okitama.yaml whose tenant list holds only `codes`.
    static func okitama(keeping codes: [String]) throws -> String {
        let dir = try CLI.workspace()
        let file = dir + "/Scenarios/okitama.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let entry = try Regex(#"  - \{code: "(\d+)"[^}]*\}[^\n]*\n"#)
        var kept = text
        for match in text.matches(of: entry).reversed() {
            let code = match.output[1].substring.map(String.init) ?? ""
            if !codes.contains(code) { kept.removeSubrange(match.range) }
        }
        #expect(kept != text)
        try Data(kept.utf8).write(to: URL(fileURLWithPath: file))
        return dir
    }

    @Test func okitamaEconomics() throws {
        let p = try plan()
        // Bill of materials: quantity × unit price = total; the totals sum to the purchase.
        let bom = try #require(p["bill_of_materials"] as? [[String: Any]])
        #expect(bom.count == 4)
        for i in bom {
            #expect(int(i["quantity"]) * int(i["unit_price_yen"]) == int(i["total_yen"]))
            #expect((i["item"] as? String) != nil && (i["model"] as? String) != nil && ((i["source"] as? String)?.hasPrefix("[") ?? false))
        }
        #expect(bom.map { int($0["total_yen"]) }.reduce(0, +) == int((p["after"] as? [String: Any])?["purchase_yen"]))
        // Cost lines sum to the before and after totals.
        let lines = try #require(p["cost_lines"] as? [[String: Any]])
        let before = try #require((p["before"] as? [String: Any])?["yearly_cost"] as? [String: Any])
        let after = try #require((p["after"] as? [String: Any])?["yearly_cost"] as? [String: Any])
        #expect(lines.map { int($0["before_yen_per_year"]) }.reduce(0, +) == int(before["total_yen"]))
        #expect(lines.map { int($0["after_yen_per_year"]) }.reduce(0, +) == int(after["total_yen"]))
        #expect(lines.allSatisfy { ($0["source"] as? String)?.hasPrefix("[") ?? false })
        // Every rule's shares sum to the pool's bill; Shapley is among them.
        let tenants = try #require(p["tenants"] as? [[String: Any]])
        let total = int(after["total_yen"])
        for rule in ["equal", "population", "usage", "agreed", "shapley"] {
            let sum = tenants.map { t in int((t["shares"] as? [[String: Any]])?.first { ($0["rule"] as? String) == rule }?["yen_per_year"]) }
            #expect(sum.reduce(0, +) == total, "\(rule)")
        }
        // The reported group (issue 31: no lever set to hit the briefing's -39.4%): the modelled
        // change is what the modelled before and after give, and each reporting town's modelled
        // before is its reported bill (the remainder line completes it).
        let reported = try #require(p["reported"] as? [String: Any])
        let modelledBefore = double(reported["modelled_before_yen_per_year"]), modelledAfter = double(reported["modelled_after_yen_per_year"])
        #expect(abs(double(reported["modelled_reduction_percent"]) - ((100 * (modelledAfter - modelledBefore) / modelledBefore) * 100).rounded() / 100) < 1e-9)
        #expect(modelledBefore == 496_700_000 && modelledAfter < modelledBefore, "\(reported)")
        // Every rule's change of the same towns, and the scenario's rule among them.
        let byRule = try #require(reported["by_rule"] as? [[String: Any]])
        #expect(byRule.count == 5 && byRule.first { $0["rule"] as? String == "shapley" }.map { double($0["modelled_after_yen_per_year"]) } == modelledAfter)
        // The briefing's total row (¥504.2M → ¥305.5M), not the sum of its rounded rows (496.7 → 297.3).
        #expect(double(reported["reduction_percent"]) == -39.41 && int(reported["before_yen_per_year"]) == 504_200_000)
        #expect(int(reported["rows_before_yen_per_year"]) == 496_700_000 && int(reported["rows_after_yen_per_year"]) == 297_300_000)
        let rates: [String: Double] = ["06209": -53.3, "06213": -39.1, "06381": -39.7, "06382": -24.5, "06402": -39.7, "06403": -23.9]
        for t in tenants {
            guard let code = t["code"] as? String, let rate = rates[code] else { continue }
            let r = try #require(t["reported"] as? [String: Any])
            #expect(abs(double(r["reduction_percent"]) - rate) < 0.1, "\(code) reported")
            let alone = double(t["standalone_cost_yen"]), share = double(t["cost_share_yen"])
            #expect(alone == double(r["before_yen_per_year"]), "\(code): modelled before is the reported bill")
            #expect(abs(double(r["modelled_reduction_percent"]) - ((100 * (share - alone) / alone) * 100).rounded() / 100) < 1e-9, "\(code): \(r)")
        }
    }

    /// A rule outside the core names a coalition that, planned on its own, costs less than it pays.
    @Test func blockingCoalitionsAreCheaperAlone() throws {
        let p = try plan()
        let core = try #require(p["core"] as? [[String: Any]])
        #expect(core.count == 5)
        #expect(core.first { ($0["rule"] as? String) == "shapley" }?["ok"] as? Bool == true)
        let blocked = core.filter { ($0["ok"] as? Bool) == false }
        #expect(!blocked.isEmpty)   // the population formula overcharges 米沢, which runs 3 of 10 systems
        let tenants = try #require(p["tenants"] as? [[String: Any]])
        for b in blocked {
            let members = try #require(b["blocking_coalition"] as? [String])
            let alone = int(b["blocking_alone_yen_per_year"])
            #expect(int(b["blocking_pays_yen_per_year"]) > alone)
            // Standing alone: each member on its dedicated servers, or the members as a pool of their own.
            let dedicated = tenants.filter { members.contains($0["code"] as? String ?? "") }
                .map { int($0["standalone_yen_per_year"]) }.reduce(0, +)
            let own = try plan(in: try Self.okitama(keeping: members))
            let ownCost = int(((own["after"] as? [String: Any])?["yearly_cost"] as? [String: Any])?["total_yen"])
            #expect(alone == min(dedicated, ownCost), "\(members): \(alone) vs \(dedicated) / \(ownCost)")
        }
    }
}
