import CapacityModel
import Study

/// `assumptions` and `uncertainty` of the plan JSON (issue 31; docs/plan-json.md).
extension PlanReport {
    /// `assumptions[]`: every input of the main file written with a range or a source.
    public static func assumptionsJSON(_ inputs: [Assumption]) -> [(String, JSONValue)] {
        guard !inputs.isEmpty else { return [] }
        return [("assumptions", .array(inputs.map { a in
            .object([("key", .string(a.keyPath)), ("value", .rounded(a.value, 6)), ("low", .rounded(a.low, 6)),
                     ("high", .rounded(a.high, 6)), ("distribution", .string(a.distribution.rawValue)),
                     ("source", a.source.map(JSONValue.string) ?? .null), ("estimate", .bool(a.source == nil))])
        }))]
    }

    public static func uncertaintyJSON(_ u: UncertaintyResult) -> JSONValue {
        .object([
            ("samples", .integer(u.samples)),
            ("method", .string(u.method)),
            ("figures", .array(u.figures.map { f in
                .object([("name", .string(f.name)), ("mean", .rounded(f.mean, 4)), ("p5", .rounded(f.p5, 4)),
                         ("p50", .rounded(f.p50, 4)), ("p95", .rounded(f.p95, 4))])
            })),
            ("influence_figure", .string(u.influenceFigure)),
            ("tornado", .array(u.tornado.map { s in
                .object([("assumption", .string(s.assumption.keyPath)), ("source", s.assumption.source.map(JSONValue.string) ?? .null),
                         ("low_value", .rounded(s.assumption.low, 6)), ("high_value", .rounded(s.assumption.high, 6)),
                         ("figure_at_low", .rounded(s.figureAtLow, 4)), ("figure_at_high", .rounded(s.figureAtHigh, 4)),
                         ("swing", .rounded(s.swing, 4))])
            })),
            ("sobol_first_order", .array(u.sobolFirstOrder.map { i in
                .object([("assumption", .string(i.assumption.keyPath)), ("index", .rounded(i.firstOrder, 4))])
            })),
        ])
    }
}
