import Simulation

/// The simulated backup and disaster recovery (`continuity:`): `backup` (links, outages) and
/// `dr` (systems) in JSON, and the same as tables in text and Markdown. docs/simulation-json.md.
extension SimulationReport {
    static func optional(_ x: Double?, _ decimals: Int) -> JSONValue { x.map { .rounded($0, decimals) } ?? .null }

    /// The `backup` and `dr` members (none without `continuity:`).
    static func continuityJSON(_ c: ContinuityResult?) -> [(String, JSONValue)] {
        guard let c else { return [] }
        let links: [JSONValue] = c.links.map { l in
            .object([("link", .string(l.link)), ("from", .string(l.from)), ("to", .string(l.to)),
                     ("utilisation", estimate(l.utilisation)), ("window_overruns", estimate(l.windowOverruns, decimals: 3))])
        }
        let outages: [JSONValue] = c.outages.map { o in
            .object([("link", .string(o.link)), ("outages", estimate(o.outages, decimals: 3)),
                     ("outage_hours", estimate(o.outageHours, decimals: 3))])
        }
        let systems: [JSONValue] = c.systems.map { s in
            .object([("tenant", .string(s.tenantCode)), ("system", .string(s.system)), ("pool", .string(s.pool)),
                     ("partner", s.partner.map(JSONValue.string) ?? .null), ("offsite", .bool(s.offsite)),
                     ("rpo_hours", .object([("p50", estimate(s.rpoP50Hours, decimals: 4)), ("p95", estimate(s.rpoP95Hours, decimals: 4)),
                                            ("max", estimate(s.rpoMaxHours, decimals: 4))])),
                     ("copies", estimate(s.copies, decimals: 3)), ("window_overruns", estimate(s.windowOverruns, decimals: 3)),
                     ("disasters", .integer(s.disasters)), ("restores", .integer(s.restores)),
                     ("not_restored", .integer(s.notRestored)), ("rto_hours", estimate(s.rtoHours, decimals: 4)),
                     ("data_lost_gib", estimate(s.dataLostGiB, decimals: 3)),
                     ("planned_rpo_hours", optional(s.plannedRPOHours, 4)), ("planned_rto_hours", optional(s.plannedRTOHours, 4))])
        }
        return [("backup", .object([("links", .array(links)), ("link_outages", .array(outages))])),
                ("dr", .object([("systems", .array(systems))]))]
    }

    /// Links, then the systems with the longest worst RPO (or any site loss), as text tables.
    static func continuityTables(_ c: ContinuityResult?, limit: Int) -> [TextTable] {
        guard let c else { return [] }
        var links = TextTable(["link", "from", "to", "utilisation", "window overruns"], alignments: [.left, .left, .left, .right, .right])
        for l in c.links {
            links.add([l.link, l.from, l.to, format(l.utilisation, decimals: 2, percent: true), format(l.windowOverruns, decimals: 1)])
        }
        var systems = TextTable(["tenant", "system", "partner", "RPO p50 h", "RPO max h", "planned RPO h", "losses", "restored", "RTO h", "planned RTO h", "data lost GiB"],
                                alignments: [.left, .left, .left, .right, .right, .right, .right, .right, .right, .right, .right])
        let shown = c.systems.filter(\.offsite).sorted {
            ($0.rpoMaxHours.mean.isNaN ? 0 : $0.rpoMaxHours.mean) > ($1.rpoMaxHours.mean.isNaN ? 0 : $1.rpoMaxHours.mean)
        }.prefix(limit)
        for s in shown {
            systems.add([s.tenantCode, s.system, s.partner ?? "-", format(s.rpoP50Hours), format(s.rpoMaxHours),
                         s.plannedRPOHours.map { NumberFormat.grouped($0, decimals: 2) } ?? "-", String(s.disasters), String(s.restores),
                         format(s.rtoHours), s.plannedRTOHours.map { NumberFormat.grouped($0, decimals: 2) } ?? "-",
                         format(s.dataLostGiB, decimals: 1)])
        }
        return [links, systems]
    }

    /// The text report's backup and DR part.
    static func continuityText(_ r: SimulationResult, limit: Int) -> String {
        let tables = continuityTables(r.continuity, limit: limit)
        guard tables.count == 2, let c = r.continuity else { return "" }
        let offsite = c.systems.filter(\.offsite).count
        return "\nbackup links (share of mbps × efficiency carried over the horizon):\n" + tables[0].render()
            + "\nsystems with copies at the partner, longest worst RPO first (\(Swift.min(limit, offsite)) of \(offsite)):\n" + tables[1].render()
    }

    /// The Markdown report's backup and DR part.
    static func continuityMarkdown(_ r: SimulationResult) -> String {
        let tables = continuityTables(r.continuity, limit: .max)
        guard tables.count == 2 else { return "" }
        return "\n## Backup links\n\n" + tables[0].markdown() + "\n## Copies at the partner and site losses\n\n" + tables[1].markdown()
    }
}
