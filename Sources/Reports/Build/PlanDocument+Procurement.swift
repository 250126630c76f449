import CapacityModel
import Planning

/// The plan report's procurement-form section (issue 33): each pool bought, leased, as SaaS or
/// on a public cloud, side by side, against the per-resident reference and the target.
extension PlanDocument {
    /// Nil without `procurement_forms:`.
    static func procurement(_ plan: PlanResult, localizer l: Localizer) -> ReportSection? {
        guard let p = plan.procurement else { return nil }
        var parts: [ReportPart] = p.pools.map { .paragraph(procurementVerdict($0, p, localizer: l)) }
        parts.append(.table(procurementTable(p, localizer: l)))
        for b in p.pools {
            let forms = p.forms.filter { $0.pool == b.pool }
            var bars = forms.map { f in
                ReportChart.Bar(formName(f.form, l), f.costPerResident,
                                low: f.yearlyCostP5.map { $0 / Double(Swift.max(1, f.residents)) },
                                high: f.yearlyCostP95.map { $0 / Double(Swift.max(1, f.residents)) })
            }
            if b.residents > 0 {
                bars.append(ReportChart.Bar(l("target ({1}% below the baseline)", NumberFormat.grouped(p.targetCutPercent, decimals: 0)),
                                            b.targetYenPerYear.value / Double(b.residents)))
            }
            bars.append(ReportChart.Bar(l("reference (municipal IT, FY2017)"), p.referenceYenPerResident))
            parts.append(.chart(ReportChart(caption: l("Pool {1}: yen a resident a year by form, p5-p95", b.pool),
                                            kind: .bars(bars, decimals: 0), unit: .yenPerResident, axisLabel: l("cost a resident a year"))))
        }
        parts.append(.table(procurementLines(p, localizer: l)))
        parts.append(.table(procurementShares(p, localizer: l)))
        return ReportSection(id: "procurement_forms", title: l("Procurement forms"), parts: parts)
    }

    static func formName(_ f: ProcurementForm, _ l: Localizer) -> String {
        switch f {
        case .buy: l("buy")
        case .lease: l("lease")
        case .saas: l("SaaS")
        case .iaas: l("public cloud (IaaS)")
        }
    }

    /// "Pool P: cheapest FORM at ¥… a year (¥… a resident); reference …; baseline …, target …."
    static func procurementVerdict(_ b: ProcurementComparison.PoolBaseline, _ p: ProcurementComparison, localizer l: Localizer) -> Prose {
        guard let best = p.forms.first(where: { $0.pool == b.pool && $0.cheapest }) else { return Prose("") }
        let perResident = NumberFormat.grouped(best.costPerResident, decimals: 0)
        return l.prose("Pool {1}: the cheapest form is {2} at {3} a year ({4} a resident; reference {5}, {6}). Its members' modelled bill before is {7}; the target {8}% below it is {9}.",
                       .text(b.pool), .strong(formName(best.form, l)), .strong(l.valueWithUnit(m(best.yearlyCost), .yenMillions)),
                       .text(l.valueWithUnit(.text(perResident), .yen)),
                       .text(l.valueWithUnit(.text(NumberFormat.grouped(p.referenceYenPerResident, decimals: 0)), .yen)),
                       .text(p.referenceSource),
                       .text(l.valueWithUnit(m(b.baselineYenPerYear), .yenMillions)),
                       .text(NumberFormat.grouped(p.targetCutPercent, decimals: 0)),
                       .text(l.valueWithUnit(m(b.targetYenPerYear), .yenMillions)))
    }

    static func procurementTable(_ p: ProcurementComparison, localizer l: Localizer) -> ReportTable {
        ReportTable(
            id: "procurement_forms", title: "",
            columns: [.init("pool", l("pool")), .init("form", l("form")),
                      .init("yearly_cost_yen", l("yearly cost"), unit: .yenMillions),
                      .init("yearly_cost_p5_yen", l("p5"), unit: .yenMillions), .init("yearly_cost_p95_yen", l("p95"), unit: .yenMillions),
                      .init("npv_yen", l("NPV over {1} years", String(p.forms.first?.horizonYears ?? 0)), unit: .yenMillions),
                      .init("cost_per_resident_yen", l("a resident"), unit: .yenPerResident),
                      .init("licence_yen_per_year", l("licences"), unit: .yenMillions),
                      .init("network_yen_per_year", l("network"), unit: .yenMillions),
                      .init("breakeven_usd_jpy", l("break-even rate"), unit: .yenPerDollar),
                      .init("cheapest", l("cheapest")), .init("meets_target", l("meets the target"))],
            rows: p.forms.map { f in
                let meets = f.meetsTarget
                return [.text(f.pool), .text(formName(f.form, l)), m(f.yearlyCost),
                        f.yearlyCostP5.map { m($0) } ?? .missing, f.yearlyCostP95.map { m($0) } ?? .missing,
                        m(f.npv), .number(f.costPerResident, decimals: 0), m(f.licence), m(f.network),
                        f.breakevenUSDJPY.map { .number($0, decimals: 2) } ?? .missing,
                        .text(f.cheapest ? l("yes") : l("no")), .verdict(meets, meets ? l("yes") : l("no"))]
            },
            note: Prose(l("Every form is priced for the same VMs over the same years and shared by the same rule. p5-p95: the yearly cost over the uncertain inputs (the exchange rate, {1} yen a dollar at its value, among them). Break-even: the yen a dollar at which the public cloud costs as much as the cheapest owned form, from its dollar and yen lines below.", NumberFormat.grouped(p.usdJPY, decimals: 2))))
    }

    static func procurementLines(_ p: ProcurementComparison, localizer l: Localizer) -> ReportTable {
        ReportTable(
            id: "procurement_lines", title: l("Each form's yearly lines"),
            columns: [.init("pool", l("pool")), .init("form", l("form")), .init("line", l("item")), .init("category", l("category")),
                      .init("yen_per_year", l("yearly cost"), unit: .yenMillions),
                      .init("usd_per_year", l("in dollars a year"), unit: .dollars), .init("source", l("source"))],
            rows: p.forms.flatMap { f in
                f.lines.map { line in
                    [.text(f.pool), .text(formName(f.form, l)), .text(line.builtIn ? l(line.name) : line.name), .text(l(line.category.rawValue)), m(line.yenPerYear),
                     line.usdPerYear.map { .number($0, decimals: 2) } ?? .missing, .text(line.source)]
                }
            },
            printLimit: 80)
    }

    static func procurementShares(_ p: ProcurementComparison, localizer l: Localizer) -> ReportTable {
        ReportTable(
            id: "procurement_shares", title: l("Who pays what in each form"),
            columns: [.init("pool", l("pool")), .init("form", l("form")), .init("rule", l("rule")), .init("tenant", l("tenant")),
                      .init("yen_per_year", l("share a year"), unit: .yenMillions)],
            rows: p.forms.flatMap { f in
                f.shares.map { [.text(f.pool), .text(formName(f.form, l)), .text(f.shareRule.rawValue), .text($0.code), m($0.yen)] }
            },
            printLimit: 80)
    }
}

extension PlanDocument {
    /// With `blade: cheapest`: each candidate model's blades, licences and yearly cost, pool by
    /// pool (the JSON's `pools[].blade_alternatives`); nil when no pool compares models.
    static func bladeAlternatives(_ plan: PlanResult, localizer l: Localizer) -> ReportSection? {
        let pools = plan.pools.filter { !$0.bladeAlternatives.isEmpty }
        guard !pools.isEmpty else { return nil }
        let table = ReportTable(
            id: "blade_alternatives", title: "",
            columns: [.init("pool", l("pool")), .init("model", l("blade model")), .init("blades", l("blades")),
                      .init("licence_yen_per_year", l("licences"), unit: .yenMillions),
                      .init("yearly_cost_yen", l("yearly cost"), unit: .yenMillions), .init("chosen", l("chosen"))],
            rows: pools.flatMap { p in
                p.bladeAlternatives.map { a in
                    [.text(p.name), .text(a.model), .integer(a.blades), m(a.licence), m(a.yearlyCost),
                     .text(a.model == p.pool.blade.id ? l("yes") : l("no"))]
                }
            },
            note: Prose(l("Each candidate sized under the pool's policy; licences count each model's cores with the lines' minimums. The least yearly cost is chosen.")))
        return ReportSection(id: "blade_alternatives", title: l("Blade models compared"), parts: [.table(table)])
    }
}
