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
}
