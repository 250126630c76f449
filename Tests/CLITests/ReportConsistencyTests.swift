import Foundation
import Testing
import TestSupport

/// Issue 30's "one truth": every bundled scenario's plan, simulate and compare reports, in
/// every text format, show each key figure, verdict and finding of the JSON with the same
/// value and rounding.
@Suite struct ReportConsistencyTests {
    static let scenarios = ["Scenarios/okitama.yaml", "Scenarios/nishi-iburi.yaml", "Scenarios/kaso.yaml",
                            "Scenarios/trial-2009.yaml", "Scenarios/okitama-waves.yaml", "Scenarios/checks/one-blade.yaml",
                            "Scenarios/measured-town.yaml"]
    static let formats = ["text", "markdown", "html"]

    /// What a reader sees: Markdown without its escapes and emphasis, HTML without tags and
    /// entities, whitespace runs as one space.
    static func visible(_ s: String, format: String) -> String {
        var out = s
        switch format {
        case "markdown":
            out = out.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: " | ", with: " ")
            var plain = "", escaped = false
            for c in out {
                if escaped { plain.append(c); escaped = false } else if c == "\\" { escaped = true } else { plain.append(c) }
            }
            out = plain.replacingOccurrences(of: "`", with: "")
        case "html":
            // Inline tags join their text; every other tag ends a word.
            var plain = "", tag = "", inTag = false
            for c in out {
                if c == "<" {
                    inTag = true
                    tag = ""
                } else if c == ">" {
                    inTag = false
                    let name = tag.drop { $0 == "/" }.prefix { $0.isLetter }
                    if !["code", "strong"].contains(String(name)) { plain.append(" ") }
                } else if inTag {
                    tag.append(c)
                } else {
                    plain.append(c)
                }
            }
            out = plain.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        default: break
        }
        return out.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try CLI.run(args + ["--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
    }

    /// `x` rounded half away from zero to `decimals` places, with thousands separators (an
    /// independent writing of what the reports print).
    static func grouped(_ x: Double, _ decimals: Int) -> String {
        let scale = pow(10.0, Double(decimals))
        let r = (abs(x) * scale).rounded() / scale
        let digits = String(format: "%.\(decimals)f", r)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        var whole = String(parts[0]), out = ""
        while whole.count > 3 { out = "," + whole.suffix(3) + out; whole.removeLast(3) }
        out = whole + out + (parts.count > 1 ? "." + parts[1] : "")
        return (x < 0 && r != 0 ? "-" : "") + out
    }

    /// "¥347.44M" of a yen amount.
    static func millions(_ yen: Any?) -> String { "¥" + grouped(((yen as? NSNumber)?.doubleValue ?? .nan) / 1e6, 2) + "M" }

    /// The plan's headline figures, each tenant's share, each pool's blades and every finding, as
    /// the reports must show them.
    static func planFacts(_ plan: [String: Any]) -> [String] {
        let after = plan["after"] as? [String: Any] ?? [:], before = plan["before"] as? [String: Any] ?? [:]
        var facts = [millions(after["purchase_yen"]),
                     millions((after["yearly_cost"] as? [String: Any])?["total_yen"]),
                     millions((before["yearly_cost"] as? [String: Any])?["total_yen"]),
                     grouped((plan["yearly_cost_reduction_percent"] as? NSNumber)?.doubleValue ?? .nan, 1) + "%",
                     grouped((plan["server_reduction_percent"] as? NSNumber)?.doubleValue ?? .nan, 1) + "%"]
        // The 20 largest shares: page one lists them largest first in every format.
        let tenants = (plan["tenants"] as? [[String: Any]] ?? []).map { t -> (share: Double, alone: Double) in
            (((t["cost_share_yen"] as? NSNumber)?.doubleValue ?? .nan), ((t["standalone_cost_yen"] as? NSNumber)?.doubleValue ?? .nan))
        }.sorted { $0.share > $1.share }.prefix(20)
        for t in tenants {
            facts.append(grouped(t.share / 1e6, 2))
            facts.append(grouped(t.alone == 0 ? 0 : 100 * (t.alone - t.share) / t.alone, 1) + "%")
        }
        for f in plan["findings"] as? [[String: Any]] ?? [] { facts.append(f["text"] as? String ?? "?") }
        return facts
    }

    @Test(arguments: scenarios)
    func planFormatsShowTheJSONsFigures(_ scenario: String) throws {
        let plan = try Self.json(["plan", scenario])
        let facts = Self.planFacts(plan)
        #expect(facts.count >= 6)
        let ok = (plan["ha"] as? [String: Any])?["ok"] as? Bool ?? false
        for format in Self.formats {
            let r = try CLI.run(["plan", scenario, "--format", format])
            let seen = Self.visible(r.stdout, format: format)
            let missing = facts.filter { !seen.contains(Self.visible($0, format: "text")) }
            #expect(missing.isEmpty, "\(scenario) \(format): \(missing)")
            // The HA verdict reads the same: never "ok" where the JSON says it fails.
            let verdict = seen.contains("HA checks " + (ok ? "ok" : "FAIL"))
            #expect(verdict, "\(scenario) \(format)")
            // The fixed blade count is written one way everywhere.
            for p in plan["pools"] as? [[String: Any]] ?? [] where (p["blades_fixed"] as? Bool) == true {
                let fixed = seen.contains("fixed by the scenario")
                #expect(fixed, "\(scenario) \(format)")
            }
        }
    }

    /// Issue 33: the procurement forms read the same in every format as in the JSON: each
    /// form's yearly cost, p5, p95, NPV, cost a resident, break-even rate and target verdict,
    /// and the reference line; the break-even rate is reproduced from the JSON's own lines.
    @Test func procurementFormsReadTheSameInEveryFormat() throws {
        let args = ["plan", "Scenarios/okitama-forms.yaml", "--uncertainty", "16"]
        let plan = try Self.json(args)
        let forms = try #require(plan["procurement_forms"] as? [[String: Any]])
        #expect(forms.map { $0["form"] as? String } == ["buy", "lease", "saas", "iaas"])
        // The exchange rate is an uncertain input that sizes nothing: no draw re-plans.
        let rate = (plan["assumptions"] as? [[String: Any]] ?? []).first { $0["key"] as? String == "procurement_forms.usd_jpy" }
        #expect((rate?["low"] as? NSNumber)?.doubleValue == 139 && (rate?["high"] as? NSNumber)?.doubleValue == 160)
        #expect(((plan["uncertainty"] as? [String: Any])?["sizings"] as? NSNumber)?.intValue == 0)
        func number(_ f: [String: Any], _ k: String) -> Double { (f[k] as? NSNumber)?.doubleValue ?? .nan }
        var facts = Self.planFacts(plan) + ["3,742"]
        for f in forms {
            for k in ["yearly_cost_yen", "yearly_cost_p5_yen", "yearly_cost_p95_yen", "npv_yen"] { facts.append(Self.grouped(number(f, k) / 1e6, 2)) }
            facts.append(Self.grouped(number(f, "cost_per_resident_yen"), 0))
            #expect(number(f, "yearly_cost_p5_yen") <= number(f, "yearly_cost_yen") + 1 && number(f, "yearly_cost_yen") <= number(f, "yearly_cost_p95_yen") + 1)
            let lines = f["lines"] as? [[String: Any]] ?? []
            #expect(lines.reduce(0.0) { $0 + number($1, "yen_per_year") } == number(f, "yearly_cost_yen"))
            if let rate = (f["breakeven_usd_jpy"] as? NSNumber)?.doubleValue {
                facts.append(Self.grouped(rate, 2))
                let owned = forms.filter { ["buy", "lease"].contains($0["form"] as? String) }.map { number($0, "yearly_cost_yen") }.min()!
                let usd = lines.compactMap { ($0["usd_per_year"] as? NSNumber)?.doubleValue }.reduce(0, +)
                let yen = lines.filter { $0["usd_per_year"] is NSNull }.reduce(0.0) { $0 + number($1, "yen_per_year") }
                #expect(abs((owned - yen) / usd - rate) < 1e-4, "break-even from the JSON's lines")
            }
        }
        for format in Self.formats {
            let r = try CLI.run(args + ["--format", format])
            let seen = Self.visible(r.stdout, format: format)
            let missing = facts.filter { !seen.contains(Self.visible($0, format: "text")) }
            #expect(missing.isEmpty, "\(format): \(missing)")
        }
    }

    /// The simulation report repeats the plan's money exactly (the same shares under the same
    /// rule), and its findings include the plan's.
    @Test(arguments: ["Scenarios/okitama.yaml", "Scenarios/kaso.yaml", "Scenarios/checks/one-blade.yaml"])
    func simulateRepeatsThePlansMoney(_ scenario: String) throws {
        let plan = try Self.json(["plan", scenario])
        let facts = Self.planFacts(plan)
        for format in Self.formats {
            let r = try CLI.run(["simulate", scenario, "--replications", "2", "--horizon", "30d", "--no-timing", "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
            let seen = Self.visible(r.stdout, format: format)
            let missing = facts.filter { !seen.contains(Self.visible($0, format: "text")) }
            #expect(missing.isEmpty, "\(scenario) simulate \(format): \(missing)")
        }
    }

    /// Compare: each variant's plan figures and HA verdict as the JSON has them; a check is a
    /// verdict (ok/FAIL), never a bar of −100%.
    @Test func compareShowsEachVariantsFigures() throws {
        let args = ["compare", "Scenarios/okitama.yaml", "--set", "pools[0].blades=20", "--replications", "2", "--horizon", "30d"]
        let c = try Self.json(args)
        let figures = try #require(c["figures"] as? [[String: Any]])
        let blades = try #require(figures.first { $0["name"] as? String == "blades" }?["values"] as? [[String: Any]])
        let ha = try #require(figures.first { $0["name"] as? String == "ha_ok" }?["values"] as? [[String: Any]])
        for format in Self.formats {
            let seen = Self.visible(try CLI.run(args + ["--format", format]).stdout, format: format)
            let row = try #require(seen.components(separatedBy: "blades ").dropFirst().first { $0.hasPrefix(Self.grouped((blades[0]["mean"] as? NSNumber)?.doubleValue ?? 0, 0)) }, "\(format)")
            #expect(row.hasPrefix(blades.map { Self.grouped(($0["mean"] as? NSNumber)?.doubleValue ?? 0, 0) }.joined(separator: " ")), "\(format): \(row.prefix(40))")
            let verdicts = ha.map { (($0["mean"] as? NSNumber)?.doubleValue ?? 0) >= 0.5 ? "ok" : "FAIL" }.joined(separator: " ")
            #expect(seen.contains("HA checks " + verdicts), "\(format)")
            if format == "html" { #expect(!seen.contains("HA checks -100")) }
        }
    }

    /// Any table of the report as CSV by its id: machine keys, numbers as numbers; the purchase
    /// per pool adds up to the JSON's purchase; an unknown id lists the tables (exit 64).
    @Test func anyReportTableIsACSV() throws {
        let plan = try Self.json(["plan", "Scenarios/kaso.yaml"])
        let r = try CLI.run(["plan", "Scenarios/kaso.yaml", "--format", "csv", "--table", "purchase"])
        let lines = r.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(lines.first?.joined(separator: ",") == "pool,blade_model,blades,blades_fixed,chassis,storage_arrays,racks,purchase_yen")
        let sum = lines.dropFirst().reduce(0.0) { $0 + (Double($1.last ?? "") ?? .nan) }
        #expect(Int(sum.rounded()) == ((plan["after"] as? [String: Any])?["purchase_yen"] as? NSNumber)?.intValue, "\(r.stdout)")
        let bad = try CLI.run(["plan", "Scenarios/kaso.yaml", "--format", "csv", "--table", "nope"])
        #expect(bad.status == 64 && bad.stderr.contains("the tables are tenants, pools") && bad.stderr.contains("failure_checks"), "\(bad.stderr)")
    }

    /// `plan --uncertainty`: the same figures every run, the tornado by swing, every input with
    /// its source, and where the reported change falls in the modelled range; the text says it.
    @Test func uncertaintyIsReproducibleAndComplete() throws {
        let args = ["plan", "Scenarios/okitama.yaml", "--uncertainty", "8"]
        let one = try CLI.run(args + ["--format", "json"]), two = try CLI.run(args + ["--format", "json"])
        #expect(one.status == 0 && one.stdout == two.stdout, "\(one.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        let u = try #require(json["uncertainty"] as? [String: Any])
        #expect((u["samples"] as? Int) == 8)
        let tornado = try #require(u["tornado"] as? [[String: Any]])
        let swings = tornado.compactMap { ($0["swing"] as? NSNumber)?.doubleValue }
        #expect(tornado.count == 20 && swings == swings.sorted(by: >) && tornado.allSatisfy { $0["source"] is String })
        let saving = try #require((u["figures"] as? [[String: Any]])?.first { $0["name"] as? String == "yearly_cost_reduction_percent" })
        let p5 = (saving["p5"] as? NSNumber)?.doubleValue ?? .nan, p95 = (saving["p95"] as? NSNumber)?.doubleValue ?? .nan
        #expect(p5 < p95)
        let reported = try #require(json["reported"] as? [String: Any])
        #expect(reported["inside_modelled_range"] is Bool && reported["modelled_p5"] != nil)
        let assumptions = try #require(json["assumptions"] as? [[String: Any]])
        #expect(assumptions.count >= 20 && assumptions.allSatisfy { $0["source"] is String || ($0["estimate"] as? Bool) == true })
        let text = try CLI.run(args).stdout
        #expect(text.contains("Money under uncertainty") && text.contains(Self.grouped(p5, 1) + "%") && text.contains(Self.grouped(p95, 1) + "%"))
    }
}
