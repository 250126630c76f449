import CapacityModel
import Study

/// `assumptions` and `uncertainty` of the plan JSON (issue 31; docs/plan-json.md).
extension PlanReport {
    /// `assumptions[]`: every money or rate input the plan's cost uses and every input written
    /// with a range or a source (`Scenario.moneyInputs`), each with its source or an estimate mark.
    public static func assumptionsJSON(_ inputs: [MoneyInput]) -> [(String, JSONValue)] {
        guard !inputs.isEmpty else { return [] }
        return [("assumptions", .array(inputs.map { i in
            .object([("key", .string(i.keyPath)), ("value", .rounded(i.value, 6)), ("low", .rounded(i.range?.low ?? i.value, 6)),
                     ("high", .rounded(i.range?.high ?? i.value, 6)),
                     ("distribution", i.range.map { .string($0.isUncertain ? $0.distribution.rawValue : "point") } ?? .string("point")),
                     ("source", i.source.map(JSONValue.string) ?? .null), ("estimate", .bool(i.isEstimate))])
        }))]
    }

    /// `reported` with where the reported change falls in the modelled range: `modelled_p5`,
    /// `modelled_p95` of the reporting tenants' modelled change, `inside_modelled_range`.
    public static func reported(_ fields: [(String, JSONValue)], uncertainty u: UncertaintyResult) -> [(String, JSONValue)] {
        guard let i = fields.firstIndex(where: { $0.0 == "reported" }), case .object(var r) = fields[i].1,
              let f = u.reportedModelled, let placement = u.reportedPlacement else { return fields }
        r += [("modelled_p5", .rounded(f.p5, 2)), ("modelled_p50", .rounded(f.p50, 2)), ("modelled_p95", .rounded(f.p95, 2)),
              ("inside_modelled_range", .bool(placement == .inside))]
        var out = fields
        out[i] = ("reported", .object(r))
        return out
    }

    public static func uncertaintyJSON(_ u: UncertaintyResult) -> JSONValue {
        .object([
            ("samples", .integer(u.samples)),
            ("method", .string(u.method)),
            ("sizings", .integer(u.sizings)),
            ("saving_positive_fraction", .rounded(u.savingPositiveFraction, 4)),
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

extension Double {
    /// Rounded to two decimals, as the JSON writes percentages.
}
