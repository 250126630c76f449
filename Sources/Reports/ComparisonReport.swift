import Simulation
import Study

/// Renders a `Comparison`: each figure of every variant side by side, with the paired difference
/// to the first variant and its 95% interval. The JSON layout is documented in docs/compare-json.md.
public enum ComparisonReport {
    public static let formatVersion = 1

    /// Decimals a figure is shown with.
    /// Whole numbers with no spread (the plan's counts and prices) have none.
    static func decimals(_ f: Comparison.Figure) -> Int {
        let exact = f.values.allSatisfy { $0.mean == $0.mean.rounded() && ($0.halfWidth == 0 || $0.halfWidth.isNaN) }
        if exact || f.unit == "yen" || f.unit == "boolean" { return 0 }
        switch f.unit {
        case "fraction": return 8
        case "count": return 2
        default: return 3
        }
    }

    public static func json(_ c: Comparison) -> JSONValue {
        .object([
            ("format", .string("cloudplan-comparison")),
            ("format_version", .integer(formatVersion)),
            ("scenarios", .array(c.variants.map(JSONValue.string))),
            ("seed", .integer(Int(truncatingIfNeeded: c.run.seed))),
            ("replications", .integer(c.run.replications)),
            ("horizon_hours", .rounded(c.run.horizonSeconds / 3_600, 3)),
            ("common_random_numbers", .bool(true)),
            ("figures", .array(c.figures.map { figure($0, variants: c.variants) })),
            ("verdict", c.verdict.map(verdict) ?? .null),
        ])
    }

    /// `verdict`: per variant its yearly cost plus priced downtime with its interval and the
    /// paired difference to the first; the preferred variant at 95%, or why none is.
    static func verdict(_ v: CostVerdict) -> JSONValue {
        func interval(_ e: Estimate) -> [(String, JSONValue)] {
            [("mean", .rounded(e.mean, 0)), ("ci_low", e.halfWidth.isNaN ? .null : .rounded(e.low, 0)),
             ("ci_high", e.halfWidth.isNaN ? .null : .rounded(e.high, 0))]
        }
        return .object([
            ("figure", .string(CostVerdict.figure)),
            ("variants", .array(v.variants.enumerated().map { i, x in
                .object([("scenario", .string(x.name)), ("total_cost_yen_per_year", .object(interval(x.total))),
                         ("difference_yen_per_year", i == 0 ? .null : .object(interval(x.difference))),
                         ("significant", .bool(i > 0 && !x.difference.halfWidth.isNaN && (x.difference.low > 0 || x.difference.high < 0)))])
            })),
            ("preferred", v.preferred.map { .string(v.variants[$0].name) } ?? .null),
            ("conclusion", .string(v.preferred != nil ? "preferred at the 95% level"
                                   : v.replications < 2 ? "one replication: no interval" : "the data cannot tell at the 95% level")),
            ("replications", .integer(v.replications)),
            ("replications_needed", v.replicationsNeeded.map(JSONValue.integer) ?? .null),
        ])
    }

    static func figure(_ f: Comparison.Figure, variants: [String]) -> JSONValue {
        let d = decimals(f) + 1
        func interval(_ e: Estimate) -> (JSONValue, JSONValue) {
            e.halfWidth.isNaN ? (.null, .null) : (.rounded(e.low, d), .rounded(e.high, d))
        }
        var fields: [(String, JSONValue)] = [
            ("name", .string(f.name)), ("unit", .string(f.unit)), ("higher_is_better", .bool(f.higherIsBetter)),
            ("values", .array(zip(variants, f.values).map { name, e in
                let (low, high) = interval(e)
                return .object([("scenario", .string(name)), ("mean", .rounded(e.mean, d)), ("ci_low", low), ("ci_high", high)])
            })),
        ]
        if f.differences.count > 1 {
            let (low, high) = interval(f.differences[1])
            fields += [("difference", .rounded(f.differences[1].mean, d)), ("difference_ci_low", low),
                       ("difference_ci_high", high), ("significant", .bool(f.isSignificant(1)))]
        }
        fields.append(("differences", .array(f.differences.indices.dropFirst().map { i in
            let (low, high) = interval(f.differences[i])
            return .object([("scenario", .string(variants[i])), ("difference", .rounded(f.differences[i].mean, d)),
                            ("ci_low", low), ("ci_high", high), ("significant", .bool(f.isSignificant(i)))])
        })))
        return .object(fields)
    }

    /// A value with its interval, as "12.3 (10.1-14.5)", or alone when it has none.
    static func cell(_ e: Estimate, decimals: Int) -> String {
        guard !e.mean.isNaN else { return "-" }
        let value = NumberFormat.grouped(e.mean, decimals: decimals)
        guard !e.halfWidth.isNaN, e.halfWidth > 0 else { return value }
        return value + " (" + NumberFormat.grouped(e.low, decimals: decimals) + " to " + NumberFormat.grouped(e.high, decimals: decimals) + ")"
    }

    /// Which way a significant difference goes, for a reader: "better", "worse" or "".
    static func verdict(_ f: Comparison.Figure, _ i: Int) -> String {
        guard f.isSignificant(i) else { return "" }
        return (f.differences[i].mean > 0) == f.higherIsBetter ? "better" : "worse"
    }

    /// One CSV row per figure and variant.
    public static func csv(_ c: Comparison) -> String {
        var rows = [["figure", "unit", "scenario", "mean", "ci_low", "ci_high", "difference", "difference_ci_low", "difference_ci_high", "significant"]]
        func v(_ x: Double) -> String { x.isNaN ? "" : NumberFormat.plain(x, decimals: 9) }
        for f in c.figures {
            for (i, name) in c.variants.enumerated() {
                let e = f.values[i], d = f.differences[i]
                rows.append([f.name, f.unit, name, v(e.mean), v(e.low), v(e.high),
                             i == 0 ? "" : v(d.mean), i == 0 ? "" : v(d.low), i == 0 ? "" : v(d.high),
                             i == 0 ? "" : (f.isSignificant(i) ? "true" : "false")])
            }
        }
        return rows.map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
