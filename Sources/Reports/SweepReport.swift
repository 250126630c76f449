import Simulation
import Sweep

/// Renders a sweep's table (`SweepResults`): per variant, each figure's mean and 95% interval and
/// its paired difference to the reference variant. The JSON layout is in docs/sweep-format.md.
/// The same results give the same bytes, however many shards computed them.
public enum SweepReport {
    public static let formatVersion = 1

    /// Decimals a figure is shown with in text (JSON and CSV carry one or more digits more).
    static func decimals(_ f: SweepFigure) -> Int {
        switch f.unit {
        case "yen", "boolean": return 0
        case "fraction": return 8
        case "count": return 2
        default: return 3
        }
    }

    public static func json(_ r: SweepResults) -> JSONValue {
        let m = r.manifest
        return .object([
            ("format", .string("cloudplan-sweep")),
            ("format_version", .integer(formatVersion)),
            ("sweep", .string(m.sweep)),
            ("sweep_sha256", .string(m.sweepSHA256)),
            ("cloudplan_version", .string(m.cloudplanVersion)),
            ("common_random_numbers", .bool(true)),
            ("work_items", .integer(m.workItems)),
            ("figures", .array(m.figures.map { f in
                .object([("name", .string(f.name)), ("unit", .string(f.unit)), ("higher_is_better", .bool(f.higherIsBetter))])
            })),
            ("variants", .array(r.rows.map { variant($0, manifest: m) })),
            ("verdict", .array(r.verdicts.map { x in
                guard case .object(let fields) = ComparisonReport.verdict(x.verdict) else { return .null }
                return .object([("base_scenario", .string(x.scenario))] + fields)
            })),
        ])
    }

    static func variant(_ row: SweepResults.Row, manifest m: SweepManifest) -> JSONValue {
        let v = row.variant
        func interval(_ e: Estimate, _ d: Int) -> (JSONValue, JSONValue) {
            e.halfWidth.isNaN ? (.null, .null) : (.rounded(e.low, d), .rounded(e.high, d))
        }
        return .object([
            ("name", .string(v.name)), ("scenario", .string(v.scenario)),
            ("settings", .object(v.settings.map { ($0.key, .string($0.value)) })),
            ("reference", .string(m.variants[v.reference].name)),
            ("seed", .integer(Int(truncatingIfNeeded: v.seed))), ("replications", .integer(v.replications)),
            ("horizon_hours", .rounded(v.horizonSeconds / 3_600, 3)),
            ("figures", .array(m.figures.indices.map { f in
                let d = decimals(m.figures[f]) + 1, e = row.values[f], diff = row.differences[f]
                let (low, high) = interval(e, d), (dLow, dHigh) = interval(diff, d)
                return .object([
                    ("name", .string(m.figures[f].name)), ("mean", .rounded(e.mean, d)), ("ci_low", low), ("ci_high", high),
                    ("difference", .rounded(diff.mean, d)), ("difference_ci_low", dLow), ("difference_ci_high", dHigh),
                    ("significant", .bool(row.isSignificant(f))),
                ])
            })),
        ])
    }

    /// One row per variant: its settings (one column per key path), then per figure its mean,
    /// interval and difference to the reference.
    public static func csv(_ r: SweepResults) -> String {
        var keys: [String] = []
        for row in r.rows { for s in row.variant.settings where !keys.contains(s.key) { keys.append(s.key) } }
        var header = ["variant", "scenario", "reference"] + keys
        for f in r.manifest.figures { header += ["\(f.name)_mean", "\(f.name)_ci_low", "\(f.name)_ci_high", "\(f.name)_difference", "\(f.name)_significant"] }
        func v(_ x: Double) -> String { x.isNaN ? "" : NumberFormat.plain(x, decimals: 9) }
        var rows = [header]
        for row in r.rows {
            var cells = [row.variant.name, row.variant.scenario, r.manifest.variants[row.variant.reference].name]
            cells += keys.map { k in row.variant.settings.last { $0.key == k }?.value ?? "" }
            for f in r.manifest.figures.indices {
                let e = row.values[f], d = row.differences[f]
                cells += [v(e.mean), v(e.low), v(e.high), v(d.mean), row.isSignificant(f) ? "true" : "false"]
            }
            rows.append(cells)
        }
        return rows.map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
