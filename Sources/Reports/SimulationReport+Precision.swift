import Simulation

/// The precision a `simulate --precision` run reached, in JSON, text and Markdown.
extension SimulationReport {
    /// `precision`: the target, the cap, the replications run, whether every figure met it, and
    /// each figure's estimate and relative half-width. No field without a target.
    static func precisionJSON(_ p: PrecisionOutcome?) -> [(String, JSONValue)] {
        guard let p else { return [] }
        return [("precision", .object([
            ("target_relative_half_width", .rounded(p.target.relativeHalfWidth, 6)),
            ("max_replications", .integer(p.target.maxReplications)),
            ("replications", .integer(p.replications)),
            ("met", .bool(p.met)),
            ("figures", .array(p.checks.map { c in
                .object([("name", .string(c.figure.rawValue)), ("unit", .string(c.figure.unit)),
                         ("estimate", estimate(c.estimate, decimals: 6)),
                         ("relative_half_width", .rounded(c.relativeHalfWidth, 6)), ("met", .bool(c.met))])
            })),
        ]))]
    }
}
