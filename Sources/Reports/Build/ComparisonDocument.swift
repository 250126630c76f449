import Simulation
import Study

/// The comparison as a `ReportDocument`: which variant is better or worse on what (page one),
/// then every figure of every variant with its paired difference to the first, and charts of
/// those differences (relative where the first variant's value is not 0, in the figure's unit
/// where it is; checks are shown as verdicts, never as bars).
public enum ComparisonDocument {
    public static func build(_ c: Comparison, localizer l: Localizer) -> ReportDocument {
        var doc = ReportDocument(title: l("Comparison: {1}", c.variants.joined(separator: " vs ")), language: l.language)
        doc.sections.append(summary(c, localizer: l))
        doc.sections.append(ReportSection(id: "figures", title: l("Every figure"), parts: [.table(table(c, localizer: l))] + charts(c, localizer: l)))
        return doc
    }

    /// What each compared figure is in the reader's words (PlanFigure and ReplicationFigure).
    static let labels: [String: String] = [
        "blades": "blades", "chassis": "chassis", "storage_arrays": "storage arrays", "racks": "racks",
        "purchase_yen": "purchase", "yearly_cost_yen": "yearly cost", "ha_ok": "HA checks",
        "mean_availability": "mean availability", "worst_availability": "least available system",
        "downtime_minutes": "downtime", "outages": "outages", "stranded_vm_hours": "stranded VM-hours",
        "contention_minutes": "contention", "unserved_core_hours": "unserved core-hours",
        "blade_failures": "blade failures", "blade_energy_mwh": "blade energy",
        "risk_cost_yen_per_year": "downtime priced a year", "energy_saved_yen_per_year": "energy saved by power management a year",
    ]

    /// What a figure is in the reader's words (a figure without a label keeps its JSON name).
    static func label(_ f: Comparison.Figure, localizer l: Localizer) -> String { label(f.name, localizer: l) }

    /// A figure's label by its JSON name.
    static func label(_ name: String, localizer l: Localizer) -> String { labels[name].map { l($0) } ?? name }

    /// A figure's value as its unit reads: availability in percent, yen in ¥M, a check as ok/FAIL.
    static func value(_ e: Estimate, _ f: Comparison.Figure, difference: Bool, localizer l: Localizer) -> ReportValue {
        guard !e.mean.isNaN else { return .missing }
        switch f.unit {
        case "boolean" where !difference: return .verdict(e.mean >= 0.5, e.mean >= 0.5 ? l("ok") : l("FAIL"))
        case "fraction": return difference ? SimulationDocument.est(e, decimals: 5, percent: true) : SimulationDocument.availability(e)
        case "yen": return SimulationDocument.est(e, decimals: 2, scale: 1e-6)
        default: return SimulationDocument.est(e, decimals: ComparisonReport.decimals(f))
        }
    }

    static func unit(_ f: Comparison.Figure) -> ReportUnit { unit(f.unit) }

    /// The report unit of a figure's JSON unit name.
    static func unit(_ name: String) -> ReportUnit {
        switch name {
        case "yen": .yenMillions
        case "fraction": .percent
        case "minutes": .minutes
        case "VM-hours": .vmHours
        case "MWh": .megawattHours
        default: .none
        }
    }

    static func unitName(_ f: Comparison.Figure, localizer l: Localizer) -> String { unitName(f.unit, localizer: l) }

    /// A figure's unit in the reader's words ("" for counts and checks).
    static func unitName(_ name: String, localizer l: Localizer) -> String {
        switch name {
        case "count", "boolean": ""
        case "core-hours": l("core-hours")
        default: l.unit(unit(name))
        }
    }

    /// "better" / "worse" where the 95% interval leaves out 0.
    static func verdict(_ f: Comparison.Figure, _ i: Int, localizer l: Localizer) -> ReportValue {
        let v = ComparisonReport.verdict(f, i)
        return v.isEmpty ? .text("") : .verdict(v == "better", l(v))
    }

    static func table(_ c: Comparison, localizer l: Localizer) -> ReportTable {
        var columns: [ReportTable.Column] = [.init("figure", l("figure")), .init("unit", l("unit"))]
        for (i, name) in c.variants.enumerated() { columns.append(.init("value_\(i + 1)", "[\(i + 1)] \(name)")) }
        for i in c.variants.indices.dropFirst() {
            columns.append(.init("difference_\(i + 1)", "[\(i + 1)] − [1]"))
            columns.append(.init("verdict_\(i + 1)", l("verdict")))
        }
        let rows: [[ReportValue]] = c.figures.map { f in
            var row: [ReportValue] = [.text(label(f, localizer: l)), .text(unitName(f, localizer: l))]
            row += f.values.map { value($0, f, difference: false, localizer: l) }
            for i in f.differences.indices.dropFirst() {
                row += [value(f.differences[i], f, difference: true, localizer: l), verdict(f, i, localizer: l)]
            }
            return row
        }
        return ReportTable(id: "figures", title: "", columns: columns, rows: rows)
    }

    static func summary(_ c: Comparison, localizer l: Localizer) -> ReportSection {
        var parts: [ReportPart] = [.list(c.variants.enumerated().map { l.prose("[{1}] {2}", .text(String($0.offset + 1)), .code($0.element)) })]
        parts.append(.paragraph(l.prose("{1} replications of {2} years each, seed {3}, with common random numbers: every variant sees the same failures and demand, so differences come from the variant. Values are means with their 95% interval; differences are paired replication by replication, and better or worse marks those whose 95% interval leaves out 0.",
                                        .text(NumberFormat.integer(c.run.replications)),
                                        .text(NumberFormat.grouped(c.run.horizonSeconds / 86_400 / 365, decimals: 2)), .text(String(c.run.seed)))))
        var findings: [Finding] = []
        for f in c.figures where f.unit == "boolean" {
            for (i, v) in f.values.enumerated() where v.mean < 0.5 {
                findings.append(Finding(check: "\(f.name).\(i + 1)", severity: .failed,
                                        l.prose("[{1}] {2}: {3} fails.", .text(String(i + 1)), .code(c.variants[i]), .text(label(f, localizer: l)))))
            }
        }
        for i in c.variants.indices.dropFirst() {
            let better = c.figures.filter { $0.unit != "boolean" && ComparisonReport.verdict($0, i) == "better" }.map { label($0, localizer: l) }
            let worse = c.figures.filter { $0.unit != "boolean" && ComparisonReport.verdict($0, i) == "worse" }.map { label($0, localizer: l) }
            parts.append(.paragraph(l.prose("[{1}] against [1]: better on {2}; worse on {3}.", .text(String(i + 1)),
                                            .strong(better.isEmpty ? l("nothing") : better.joined(separator: ", ")),
                                            .strong(worse.isEmpty ? l("nothing") : worse.joined(separator: ", ")))))
        }
        parts.append(.subheading(l("Checks")))
        parts.append(findings.isEmpty ? .paragraph(Prose(l("Every variant passes its HA checks."))) : .findings(findings))
        if let v = c.verdict { parts += verdict(v, localizer: l) }
        return ReportSection(id: "summary", title: l("Summary: what changes"), parts: parts)
    }

    /// The yearly cost with downtime priced, per variant, and the preferred one.
    static func verdict(_ v: CostVerdict, localizer l: Localizer) -> [ReportPart] {
        let table = ReportTable(
            id: "verdict", title: l("Yearly cost with downtime priced"),
            columns: [.init("scenario", l("variant")), .init("total_cost_yen_per_year", l("cost and risk a year"), unit: .yenMillions),
                      .init("difference_yen_per_year", l("difference to [1]"), unit: .yenMillions)],
            rows: v.variants.enumerated().map { i, x in
                [.text("[\(i + 1)] \(x.name)"), SimulationDocument.est(x.total, decimals: 2, scale: 1e-6),
                 i == 0 ? .missing : SimulationDocument.est(x.difference, decimals: 2, scale: 1e-6)]
            },
            note: Prose(l("Cost and risk a year: the plan's yearly cost, plus the downtime the simulation priced, less the energy power management saved; differences paired replication by replication.")))
        let sentence: Prose
        if let p = v.preferred {
            sentence = l.prose("Preferred at the 95% level: {1}.", .strong("[\(p + 1)] \(v.variants[p].name)"))
        } else if let n = v.replicationsNeeded {
            sentence = l.prose("The data cannot tell which variant costs least at the 95% level; about {1} replications would.", .strong(NumberFormat.integer(n)))
        } else {
            sentence = Prose(l("The data cannot tell which variant costs least at the 95% level."))
        }
        return [.table(table), .paragraph(sentence)]
    }

    /// Per variant after the first: relative differences (figures whose [1] is not 0), then
    /// absolute differences in their own unit for those whose [1] is 0. Checks are left to the
    /// table (a verdict is not a quantity).
    static func charts(_ c: Comparison, localizer l: Localizer) -> [ReportPart] {
        var parts: [ReportPart] = []
        for i in c.variants.indices.dropFirst() {
            let quantities = c.figures.filter { $0.unit != "boolean" && $0.differences[i].mean.isFinite }
            let relative = quantities.filter { $0.values[0].mean.isFinite && $0.values[0].mean != 0 }.map { f -> ReportChart.Bar in
                let d = f.differences[i], scale = 100 / abs(f.values[0].mean)
                return ReportChart.Bar(label(f, localizer: l), d.mean * scale, low: d.low.isFinite ? d.low * scale : nil, high: d.high.isFinite ? d.high * scale : nil)
            }
            if !relative.isEmpty {
                parts.append(.chart(ReportChart(caption: l("[{1}] − [1], paired, as a share of [1]'s value, with its 95% interval", String(i + 1)),
                                                kind: .bars(relative, decimals: 1), unit: .percent, axisLabel: l("change (%)"))))
            }
            let absolute = quantities.filter { $0.values[0].mean == 0 }.map { f -> ReportChart.Bar in
                let d = f.differences[i], name = unitName(f, localizer: l)
                return ReportChart.Bar(label(f, localizer: l) + (name.isEmpty ? "" : " (\(name))"), d.mean,
                                       low: d.low.isFinite ? d.low : nil, high: d.high.isFinite ? d.high : nil)
            }
            if !absolute.isEmpty {
                parts.append(.chart(ReportChart(caption: l("[{1}] − [1] for the figures that are 0 in [1], each in its own unit", String(i + 1)),
                                                kind: .bars(absolute, decimals: 2), unit: .none, axisLabel: l("difference"))))
            }
        }
        return parts
    }
}
