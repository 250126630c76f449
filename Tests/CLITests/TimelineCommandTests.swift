import Foundation
import Testing
import TestSupport

/// `plan --timeline` on the command line (issue 11): the JSON keys the issue names, the exit
/// status of a short month and where it is located, and wrong uses of the options.
@Suite struct TimelineCommandTests {
    @Test func nishiIburiTimelineHasTheNamedKeys() throws {
        let r = try CLI.run(["plan", "Scenarios/nishi-iburi.yaml", "--timeline", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let months = try #require(json["timeline"] as? [[String: Any]])
        let orders = try #require(json["orders"] as? [[String: Any]])
        #expect(months.count == 60)
        for key in ["month", "pool", "blades_needed", "blades_installed", "ha_ok"] { #expect(months[0][key] != nil, "\(key)") }
        for key in ["pool", "item", "count", "ordered_month", "delivered_month", "price_yen"] { #expect(orders[0][key] != nil, "\(key)") }
        for m in months { #expect((m["blades_installed"] as! Int) >= (m["blades_needed"] as! Int)) }
        // Every order arrives by the first month whose need it serves.
        let needs = months.map { $0["blades_needed"] as! Int }
        var installed = 0
        for o in orders where o["item"] as? String == "blade" {
            installed += o["count"] as! Int
            let delivered = o["delivered_month"] as! Int
            if let first = needs.firstIndex(where: { $0 > installed - (o["count"] as! Int) }), delivered > 0 { #expect(delivered <= first) }
        }
    }

    @Test func aShortMonthExitsThreeAtTheProcurementRule() throws {
        let dir = try CLI.workspace()
        let path = dir + "/Scenarios/okitama-waves.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "      safety_blades: 0\n", with: "      safety_blades: 0\n      max_chassis: 1\n").utf8)
            .write(to: URL(fileURLWithPath: path))
        let r = try CLI.run(["plan", "Scenarios/okitama-waves.yaml", "--timeline", "--format", "json", "--output", "out.json"], in: dir)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("Scenarios/okitama-waves.yaml:") && r.stderr.contains("pool 'okitama'")
                && r.stderr.contains("installed hardware does not meet the need") && r.stderr.contains("16 blades installed"), "\(r.stderr)")
        // The report is still written, with the short months.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out.json"))) as? [String: Any])
        #expect(json["timeline_ok"] as? Bool == false)
    }

    @Test func timelineOptionsNeedTimeline() throws {
        let horizon = try CLI.run(["plan", "Scenarios/okitama.yaml", "--horizon", "10y"])
        #expect(horizon.status == 64 && horizon.stderr.contains("--horizon is for --timeline"), "\(horizon.stderr)")
        let table = try CLI.run(["plan", "Scenarios/okitama.yaml", "--format", "csv", "--table", "orders"])
        #expect(table.status == 64 && table.stderr.contains("--table orders needs --timeline"), "\(table.stderr)")
        let ten = try CLI.run(["plan", "Scenarios/okitama-waves.yaml", "--timeline", "--horizon", "10y", "--format", "csv", "--table", "timeline"])
        #expect(ten.status == 0 && ten.stdout.split(separator: "\r\n").count == 121, "\(ten.stderr)")
    }
}
