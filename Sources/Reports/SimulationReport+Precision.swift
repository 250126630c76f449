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

    /// What a reader must see first: a precision target that was not met (the figures are then
    /// less certain than asked for). The JSON says the same in `precision.met`.
    static func findings(_ r: SimulationResult) -> [String] {
        guard let p = r.precision, !p.met else { return [] }
        let missed = p.checks.filter { !$0.met }.map(\.figure.rawValue)
        return ["the precision target (±\(NumberFormat.grouped(100 * p.target.relativeHalfWidth, decimals: 2))%) was not met for \(missed.joined(separator: ", ")) after \(p.replications) replications (--max-replications \(p.target.maxReplications)): these figures are less certain than asked"]
    }

    /// One sentence: "replicated until ±5%: downtime_minutes ±3.2% after 80 replications (met)".
    static func precisionSentence(_ p: PrecisionOutcome?) -> String? {
        guard let p else { return nil }
        let figures = p.checks.map { c in
            "\(c.figure.rawValue) ±\(c.relativeHalfWidth.isFinite ? NumberFormat.grouped(100 * c.relativeHalfWidth, decimals: 2) + "%" : "∞")"
        }
        let reference = p.checks.contains { $0.figure.higherIsBetter } ? " (availability: of its unavailability)" : ""
        return "replicated until the 95% half-width is within ±\(NumberFormat.grouped(100 * p.target.relativeHalfWidth, decimals: 2))% of the mean\(reference): "
            + figures.joined(separator: ", ") + " after \(p.replications) replications"
            + (p.met ? " (met)" : " (not met: stopped at --max-replications \(p.target.maxReplications))")
    }
}
