import CapacityModel
import Economics
import Planning

/// The plan report as a `ReportDocument`: the decision first (`summary`), then what is bought
/// and why, what it costs by item, how it survives failures and disasters, who pays what, and
/// the assumptions. Every figure comes from the `PlanResult` that the JSON is written from.
public enum PlanDocument {
    /// Rows of the per-tenant tables shown on screen and paper (all of them in CSV, XLSX and
    /// Markdown).
    static let tenantPrintLimit = 60

    public static func build(_ plan: PlanResult, scenario: Scenario, localizer l: Localizer) -> ReportDocument {
        var doc = ReportDocument(title: l("Sizing report: {1}", plan.scenarioName), language: l.language)
        doc.sections.append(summary(plan, scenario: scenario, localizer: l))
        doc.sections.append(beforeAfter(plan, scenario: scenario, localizer: l))
        doc.sections.append(costByItem(plan, localizer: l))
        doc.sections.append(pools(plan, localizer: l))
        if let b = bladeAlternatives(plan, localizer: l) { doc.sections.append(b) }
        if let r = rightsizing(plan, localizer: l) { doc.sections.append(r) }
        if let r = runway(plan, localizer: l) { doc.sections.append(r) }
        if let r = procurement(plan, localizer: l) { doc.sections.append(r) }
        doc.sections.append(failureChecks(plan, localizer: l))
        if let c = plan.continuity { doc.sections.append(PlanDocument.continuity(c, localizer: l)) }
        doc.sections.append(whoPays(plan, scenario: scenario, localizer: l))
        doc.sections += economics(plan, localizer: l)
        doc.sections.append(assumptions(plan, scenario: scenario, localizer: l))
        return doc
    }

    static func m(_ y: Yen) -> ReportValue { .yen(y.value, .millions) }
    static func m(_ y: Double) -> ReportValue { .yen(y, .millions) }

    /// Yearly cost reduction, percent of the before cost (the JSON's `yearly_cost_reduction_percent`).
    static func costReduction(_ plan: PlanResult) -> Double { PlanReport.costReduction(plan) }

    /// Page one: the decision in plain words, the money, each tenant's share, every failed check.
    static func summary(_ plan: PlanResult, scenario: Scenario, localizer l: Localizer) -> ReportSection {
        var parts: [ReportPart] = []
        if !scenario.description.isEmpty { parts.append(.paragraph(Prose(scenario.description.trimmingTrailingNewlines()))) }
        parts.append(.paragraph(decision(plan, localizer: l)))
        parts.append(.figures(headline(plan, localizer: l)))
        let findings = Self.findings(plan, localizer: l)
        parts.append(.subheading(l("Checks")))
        parts.append(findings.isEmpty ? .paragraph(Prose(l("Every required check passes: HA for the failures the policy names, backup windows and recovery targets."))) : .findings(findings))
        parts.append(.table(buyTable(plan, localizer: l)))
        parts.append(.table(shareSummary(plan, localizer: l)))
        return ReportSection(id: "summary", title: l("Summary: the decision"), parts: parts)
    }

    /// "Buy 12 blades in 3 chassis and 2 storage arrays for ¥98.76M; the yearly cost falls from
    /// ¥500M to ¥300M (−40%)."
    static func decision(_ plan: PlanResult, localizer l: Localizer) -> Prose {
        let a = plan.after, b = plan.before
        let change = -costReduction(plan)
        let buy = l.prose("Buy {1} ({2}, {3}, {4}) for {5}.",
                          .strong(l.count(a.blades, "blade", "blades")), .text(l.count(a.chassis, "chassis", "chassis")),
                          .text(l.count(a.storageArrays, "storage array", "storage arrays")), .text(l.count(a.racks, "rack", "racks")),
                          .strong(l.valueWithUnit(m(a.purchase), .yenMillions)))
        let cost = l.prose(" The yearly cost goes from {1} (each tenant on its own servers) to {2} in the shared pool: {3}.",
                           .text(l.valueWithUnit(m(b.yearlyCost.total), .yenMillions)),
                           .strong(l.valueWithUnit(m(a.yearlyCost.total), .yenMillions)),
                           .strong(signedPercent(change)))
        let ha = plan.haOK ? l.prose(" Every required failure check passes.")
            : l.prose(" {1}", .strong(l("Some required failure checks fail: see the checks below.")))
        return buy + cost + ha
    }

    /// "+4.1%" / "−38.6%": a change with its sign.
    static func signedPercent(_ percent: Double, decimals: Int = 1) -> String {
        (percent > 0 ? "+" : percent < 0 ? "−" : "") + NumberFormat.grouped(abs(percent), decimals: decimals) + "%"
    }

    static func headline(_ plan: PlanResult, localizer l: Localizer) -> [KeyFigure] {
        let a = plan.after, b = plan.before
        var figures = [
            KeyFigure("after.purchase_yen", l("purchase"), m(a.purchase), unit: .yenMillions),
            KeyFigure("before.yearly_cost.total_yen", l("yearly cost before"), m(b.yearlyCost.total), unit: .yenMillions),
            KeyFigure("after.yearly_cost.total_yen", l("yearly cost after"), m(a.yearlyCost.total), unit: .yenMillions),
            KeyFigure("yearly_cost_reduction_percent", l("yearly cost reduction"), .percent(costReduction(plan) / 100, decimals: 1)),
            KeyFigure("server_reduction_percent", l("server reduction"), .percent(plan.serverReductionPercent / 100, decimals: 1)),
            KeyFigure("ha.ok", l("HA checks"), .verdict(plan.haOK, plan.haOK ? l("ok") : l("FAIL"))),
        ]
        if let c = plan.cashFlow {
            figures.append(KeyFigure("money.npv_saving_yen", l("net present value of the saving"), m(c.npvBefore - c.npvAfter), unit: .yenMillions))
        }
        if let c = plan.continuity {
            let rto = c.systems.compactMap(\.rtoHours).max(), rpo = c.systems.compactMap(\.rpoHours).max()
            if let rto { figures.append(KeyFigure("dr.worst_rto_hours", l("worst recovery time after a site disaster"), .number(rto, decimals: 1), unit: .hours)) }
            if let rpo { figures.append(KeyFigure("dr.worst_rpo_hours", l("worst data loss after a site disaster"), .number(rpo, decimals: 1), unit: .hours)) }
        }
        return figures
    }

    /// What to buy, per pool.
    static func buyTable(_ plan: PlanResult, localizer l: Localizer) -> ReportTable {
        ReportTable(id: "purchase", title: l("What to buy"),
                    columns: [.init("pool", l("pool")), .init("blade_model", l("blade model")), .init("blades", l("blades")),
                              .init("blades_fixed", l("blade count")), .init("chassis", l("chassis")),
                              .init("storage_arrays", l("storage arrays")), .init("racks", l("racks")),
                              .init("purchase_yen", l("purchase"), unit: .yenMillions)],
                    rows: plan.pools.map { p in
                        [.text(p.name), .text(p.pool.blade.id), .integer(p.blades), .text(bladeCount(p, localizer: l)),
                         .integer(p.chassis), .integer(p.storageArrays), .integer(p.racks), m(p.purchase)]
                    },
                    total: plan.pools.count > 1
                        ? [.text(l("total")), .text(""), .integer(plan.after.blades), .text(""), .integer(plan.after.chassis),
                           .integer(plan.after.storageArrays), .integer(plan.after.racks), m(plan.after.purchase)] : nil)
    }

    /// "sized" or "fixed by the scenario" (the JSON's `blades_fixed`), the same words everywhere.
    static func bladeCount(_ p: PoolPlan, localizer l: Localizer) -> String {
        p.bladesFixed ? l("fixed by the scenario") : l("sized")
    }

    /// Each tenant's yearly share against its cost alone, the largest first (20 printed).
    static func shareSummary(_ plan: PlanResult, localizer l: Localizer) -> ReportTable {
        let rule = plan.economicsSettings?.shareRule ?? .agreed
        return ReportTable(id: "shares_summary", title: l("Who pays what a year (rule: {1})", ruleName(rule, localizer: l)),
                           columns: [.init("code", l("code")), .init("name", l("tenant")),
                                     .init("standalone_yen_per_year", l("alone"), unit: .yenMillions),
                                     .init("cost_share_yen", l("share"), unit: .yenMillions),
                                     .init("saving_percent", l("saving"))],
                           rows: plan.tenants.sorted { $0.costShare.value > $1.costShare.value }.map { t in
                               [.text(t.code), .text(t.name), m(t.standaloneCost.total), m(t.costShare), .percent(t.savingPercent / 100, decimals: 1)]
                           },
                           total: [.text(l("total")), .text(""), m(plan.tenants.reduce(0.0) { $0 + $1.standaloneCost.total.value }),
                                   m(plan.tenants.reduce(0.0) { $0 + $1.costShare.value }), .percent(costReduction(plan) / 100, decimals: 1)],
                           printLimit: 20)
    }

    /// A sharing rule's name in the reader's language.
    static func ruleName(_ r: ShareRule, localizer l: Localizer) -> String {
        switch r {
        case .equal: l("equal shares (均等割)")
        case .population: l("by population (人口割)")
        case .usage: l("by resource use")
        case .agreed: l("the agreed formula")
        case .shapley: l("the Shapley value")
        }
    }
}
