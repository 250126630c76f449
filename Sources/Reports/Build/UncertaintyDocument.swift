import CapacityModel
import Study

/// The money under uncertainty as report sections, after the plan's: each figure's p5, p50
/// and p95, the tornado of the saving (table and chart) and the first-order Sobol indices.
public enum UncertaintyDocument {
    public static func sections(_ u: UncertaintyResult, localizer l: Localizer) -> [ReportSection] {
        let method = u.assumptions.isEmpty ? l("no input has a range")
            : l("a Sobol sequence randomly shifted with seed {1}", String(u.seed)) + (u.sobolFirstOrder.isEmpty ? "" : l(", Saltelli's first-order indices"))
        var parts: [ReportPart] = [.paragraph(u.sizings == 0
            ? l.prose("{1} samples of the {2} inputs with a range ({3}); the hardware is sized once, at the inputs' values, and each sample reprices it.",
                      .text(NumberFormat.integer(u.samples)), .text(String(u.assumptions.count)), .text(method))
            : l.prose("{1} samples of the {2} inputs with a range ({3}); inputs that change what is sized sized the hardware again {4} times, the others reprice it.",
                      .text(NumberFormat.integer(u.samples)), .text(String(u.assumptions.count)), .text(method), .text(NumberFormat.integer(u.sizings))))]
        let money = u.figures.filter { !$0.name.hasPrefix("share.") && $0.name != "reported_modelled_reduction_percent" }
        parts.append(.table(ReportTable(
            id: "uncertainty", title: "",
            columns: [.init("name", l("figure")), .init("mean", l("mean")), .init("p5", "p5"), .init("p50", "p50"), .init("p95", "p95")],
            rows: money.map { f in
                let percent = f.name.hasSuffix("_percent")
                let v = { (x: Double) -> ReportValue in percent ? .percent(x / 100, decimals: 1) : .yen(x, .millions) }
                return [.text(label(f.name, localizer: l)), v(f.mean), v(f.p5), v(f.p50), v(f.p95)]
            })))
        if !u.assumptions.isEmpty {
            let deciders = (u.sobolFirstOrder.isEmpty ? u.tornado.map(\.assumption) : u.sobolFirstOrder.map(\.assumption)).prefix(3)
            parts.append(.paragraph(l.prose("The yearly cost falls in {1} of the samples; the inputs that decide it most: {2}.",
                                            .strong(NumberFormat.percent(u.savingPositiveFraction, decimals: 0)),
                                            .text(deciders.map(\.keyPath).joined(separator: ", ")))))
        }
        if let f = u.reportedModelled {
            parts.append(.paragraph(l.prose("The reporting tenants' modelled change lies between {1} and {2} (p5-p95, median {3}).",
                                            .strong(NumberFormat.grouped(f.p5, decimals: 1) + "%"), .strong(NumberFormat.grouped(f.p95, decimals: 1) + "%"),
                                            .text(NumberFormat.grouped(f.p50, decimals: 1) + "%"))))
        }
        if let x = u.reportedReductionPercent, let placement = u.reportedPlacement {
            let reported = NumberFormat.grouped(x, decimals: 1) + "%"
            let text: Prose
            switch placement {
            case .inside: text = l.prose("The reported change ({1}) lies inside that range.", .strong(reported))
            case .belowP5: text = l.prose("The reported change ({1}) is a deeper cut than the model's p5: these estimates do not explain it.", .strong(reported))
            case .aboveP95: text = l.prose("The reported change ({1}) is a smaller cut than the model's p95: these estimates do not explain it.", .strong(reported))
            }
            parts.append(.paragraph(text))
        }
        if let shares = shareTable(u, localizer: l) { parts.append(.table(shares)) }
        let tornado = ReportTable(
            id: "tornado", title: l("Each input alone at its low and its high: the yearly cost reduction"),
            columns: [.init("assumption", l("input")), .init("source", l("source")), .init("low_value", l("low")), .init("high_value", l("high")),
                      .init("figure_at_low", l("at low")), .init("figure_at_high", l("at high")), .init("swing", l("swing"))],
            rows: u.tornado.map { s in
                [.text(s.assumption.keyPath), .text(s.assumption.source ?? l("[EST] no source given")),
                 .number(s.assumption.low, decimals: abs(s.assumption.high) >= 100 ? 0 : 2),
                 .number(s.assumption.high, decimals: abs(s.assumption.high) >= 100 ? 0 : 2),
                 .percent(s.figureAtLow / 100, decimals: 1), .percent(s.figureAtHigh / 100, decimals: 1), .percent(s.swing / 100, decimals: 1)]
            })
        parts.append(.table(tornado))
        parts.append(.chart(ReportChart(caption: l("Tornado: the yearly cost reduction with each input alone at its low and its high"),
                                        kind: .bars(u.tornado.prefix(15).flatMap { s in
                                            [ReportChart.Bar(s.assumption.keyPath + " " + l("low"), s.figureAtLow),
                                             ReportChart.Bar(s.assumption.keyPath + " " + l("high"), s.figureAtHigh)]
                                        }, decimals: 1),
                                        unit: .percent, axisLabel: l("yearly cost reduction (%)"))))
        if !u.sobolFirstOrder.isEmpty {
            parts.append(.table(ReportTable(
                id: "sobol_first_order", title: l("Share of the saving's variance due to each input alone (first-order Sobol index)"),
                columns: [.init("assumption", l("input")), .init("index", l("index"))],
                rows: u.sobolFirstOrder.map { [.text($0.assumption.keyPath), .number($0.firstOrder, decimals: 3)] })))
        }
        return [ReportSection(id: "uncertainty", title: l("Money under uncertainty"), parts: parts)]
    }

    /// Each tenant's yearly share under each rule: median and p5-p95 over the samples, ¥M
    /// (the JSON's `share.CODE.RULE_yen` figures). Nil without shares.
    static func shareTable(_ u: UncertaintyResult, localizer l: Localizer) -> ReportTable? {
        var codes: [String] = [], rules: [String] = []
        var cell: [String: UncertaintyResult.Figure] = [:]
        for f in u.figures where f.name.hasPrefix("share.") {
            let parts = f.name.dropFirst("share.".count).split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasSuffix("_yen") else { continue }
            let rule = String(parts[1].dropLast("_yen".count))
            if !codes.contains(parts[0]) { codes.append(parts[0]) }
            if !rules.contains(rule) { rules.append(rule) }
            cell[parts[0] + "." + rule] = f
        }
        guard !codes.isEmpty else { return nil }
        let columns = [ReportTable.Column("code", l("code"))] + rules.map { rule in
            ReportTable.Column(rule + "_yen", ShareRule(rawValue: rule).map { PlanDocument.ruleName($0, localizer: l) } ?? rule, unit: .yenMillions)
        }
        return ReportTable(
            id: "uncertainty_shares", title: l("Each tenant's yearly share under each rule: median (p5-p95)"),
            columns: columns,
            rows: codes.map { code in
                [.text(code)] + rules.map { rule -> ReportValue in
                    guard let f = cell[code + "." + rule] else { return .missing }
                    return .estimate(EstimateValue(mean: f.p50 / 1e6, halfWidth: (f.p95 - f.p5) / 2e6, low: f.p5 / 1e6, high: f.p95 / 1e6, clipped: true, decimals: 2))
                }
            })
    }

    static func label(_ name: String, localizer l: Localizer) -> String {
        switch name {
        case "yearly_cost_before_yen": l("yearly cost before (¥M)")
        case "yearly_cost_after_yen": l("yearly cost after (¥M)")
        case "yearly_cost_reduction_percent": l("yearly cost reduction")
        case "npv_saving_yen": l("net present value of the saving (¥M)")
        default: name
        }
    }
}
