import CapacityModel
import Economics
import Planning

/// Who pays what, the bill of materials, shares under every rule, the core check, the reported
/// figures beside the modelled ones, the cash flow, and the assumptions.
extension PlanDocument {
    static func whoPays(_ plan: PlanResult, scenario: Scenario, localizer l: Localizer) -> ReportSection {
        let s = scenario.economics.sharing
        var intro = l.prose("The pool's yearly cost is split {1} equally (均等割), {2} by population (人口割) and {3} by resource use (the agreed rule).",
                            .text(NumberFormat.percent(s.equal, decimals: 0)), .text(NumberFormat.percent(s.population, decimals: 0)),
                            .text(NumberFormat.percent(s.usage, decimals: 0)))
        let rule = scenario.economics.shareRule
        if rule != .agreed {
            intro = intro + l.prose(" The shares below follow {1} instead; every rule is compared further down.", .strong(ruleName(rule, localizer: l)))
        }
        intro = intro + Prose(l(" The standalone cost is what the tenant costs a year on its own: its dedicated servers and its before cost lines."))
        let table = ReportTable(
            id: "tenants", title: "",
            columns: [.init("code", l("code")), .init("name", l("tenant")), .init("pool", l("pool")), .init("population", l("population"), unit: .people),
                      .init("virtual_machines", l("VMs")), .init("physical_servers_before", l("servers before")),
                      .init("standalone_yen_per_year", l("alone a year"), unit: .yenMillions), .init("cost_share_yen", l("share a year"), unit: .yenMillions),
                      .init("saving_percent", l("saving")), .init("reported_cost_before_yen", l("reported before a year"), unit: .yenMillions)],
            rows: plan.tenants.map { t in
                [.text(t.code), .text(t.name), .text(t.pool), .integer(t.population), .integer(t.virtualMachines), .integer(t.physicalServersBefore),
                 m(t.standaloneCost.total), m(t.costShare), .percent(t.savingPercent / 100, decimals: 1),
                 t.reportedCostBefore.map { m($0) } ?? .missing]
            }, printLimit: tenantPrintLimit)
        let shares = plan.tenants.sorted { $0.costShare.value > $1.costShare.value }.prefix(30)
        let chart = ReportChart(caption: l("Each tenant's share of the yearly cost") + (plan.tenants.count > 30 ? l(", the 30 largest") : ""),
                                kind: .bars(shares.map { ReportChart.Bar("\($0.code) \($0.name)", $0.costShare.value / 1e6) }, decimals: 2),
                                unit: .yenMillions, axisLabel: l("share a year"))
        return ReportSection(id: "tenants", title: l("Who pays what"), parts: [.paragraph(intro), .table(table), .chart(chart)])
    }

    static func economics(_ plan: PlanResult, localizer l: Localizer) -> [ReportSection] {
        var sections: [ReportSection] = []
        sections.append(ReportSection(id: "bill_of_materials", title: l("Bill of materials"), parts: [.table(ReportTable(
            id: "bill_of_materials", title: "",
            columns: [.init("pool", l("pool")), .init("item", l("item")), .init("model", l("model")), .init("quantity", l("quantity")),
                      .init("unit_price_yen", l("unit price"), unit: .yen), .init("total_yen", l("total"), unit: .yenMillions),
                      .init("source", l("source"))],
            rows: plan.billOfMaterials.map { [.text($0.pool), .text(l($0.item)), .text($0.model), .integer($0.quantity), .yen($0.unitPrice.value, .yen), m($0.total), .text($0.source)] },
            total: [.text(l("total")), .text(""), .text(""), .missing, .missing, m(plan.after.purchase), .text("")],
            printLimit: 120))]))
        sections.append(sharesByRule(plan, localizer: l))
        if let core = coreTable(plan, localizer: l) {
            sections.append(ReportSection(id: "core", title: l("Core check: would a group of tenants pay less on its own?"), parts: [.table(core)]))
        }
        if let r = plan.reportedComparison { sections.append(reported(r, plan: plan, localizer: l)) }
        if let c = plan.cashFlow { sections.append(cashFlow(c, localizer: l)) }
        return sections
    }

    static func sharesByRule(_ plan: PlanResult, localizer l: Localizer) -> ReportSection {
        let rules = plan.tenants.first?.shares.map(\.rule) ?? []
        var columns: [ReportTable.Column] = [.init("code", l("code")), .init("name", l("tenant")), .init("standalone_yen_per_year", l("alone"), unit: .yenMillions)]
        for r in rules {
            columns.append(.init("\(r.rawValue)_yen_per_year", ruleName(r, localizer: l), unit: .yenMillions))
            columns.append(.init("\(r.rawValue)_saving_percent", l("saving")))
        }
        let rows: [[ReportValue]] = plan.tenants.map { t in
            let alone = t.standaloneCost.total.value
            return [.text(t.code), .text(t.name), m(alone)] + t.shares.flatMap { s -> [ReportValue] in
                [m(s.yen), .percent(alone == 0 ? 0 : (alone - s.yen.value) / alone, decimals: 1)]
            }
        }
        let totalAlone = plan.tenants.reduce(0.0) { $0 + $1.standaloneCost.total.value }
        let total: [ReportValue] = [.text(l("total")), .text(""), m(totalAlone)] + rules.indices.flatMap { k -> [ReportValue] in
            let paid = plan.tenants.reduce(0.0) { $0 + $1.shares[k].yen.value }
            return [m(paid), .percent(totalAlone == 0 ? 0 : (totalAlone - paid) / totalAlone, decimals: 1)]
        }
        let table = ReportTable(id: "shares", title: "", columns: columns, rows: rows, total: total, printLimit: tenantPrintLimit,
                                note: l.prose("The tenants' shares and the reports' headline follow {1}.", .strong(ruleName(plan.economicsSettings?.shareRule ?? .agreed, localizer: l))))
        return ReportSection(id: "shares", title: l("Shares of the yearly bill under every rule"), parts: [.table(table)])
    }

    static func coreTable(_ plan: PlanResult, localizer l: Localizer) -> ReportTable? {
        let core = plan.economics.flatMap { game in game.core.map { (game, $0.rule, $0.verdict) } }
        guard !core.isEmpty else { return nil }
        return ReportTable(
            id: "core", title: "",
            columns: [.init("pool", l("pool")), .init("rule", l("rule")), .init("ok", l("in the core")), .init("blocking_coalition", l("blocking group")),
                      .init("blocking_pays_yen_per_year", l("pays"), unit: .yenMillions), .init("blocking_alone_yen_per_year", l("alone"), unit: .yenMillions),
                      .init("coalitions_checked", l("groups checked")), .init("exhaustive", l("coverage"))],
            rows: core.map { game, rule, v in
                let names = v.blocking.map { mask in
                    game.members.indices.filter { mask & (1 << $0) != 0 }
                        .compactMap { j in plan.tenants.first { $0.tenant == game.members[j] }?.name }.joined(separator: ", ")
                } ?? "-"
                return [.text(game.pool), .text(ruleName(rule, localizer: l)), .verdict(v.ok, v.ok ? l("yes") : l("NO")), .text(names),
                        v.ok ? .missing : m(v.blockingPays), v.ok ? .missing : m(v.blockingAlone),
                        .integer(v.coalitionsChecked), .text(v.exhaustive ? l("all") : l("sampled"))]
            })
    }

    static func reported(_ r: ReportedComparison, plan: PlanResult, localizer l: Localizer) -> ReportSection {
        let pct = { (b: Yen, a: Yen) -> ReportValue in .percent(ReportedComparison.reduction(b, a) / 100, decimals: 1) }
        let rows: [[ReportValue]] = plan.tenants.filter { r.tenants.contains($0.tenant) }.map { t in
            [.text(t.reportedLabel.map { "\(t.name) (\($0))" } ?? t.name),
             m(t.reportedCostBefore ?? .zero), m(t.reportedCostAfter ?? .zero), pct(t.reportedCostBefore ?? .zero, t.reportedCostAfter ?? .zero),
             m(t.standaloneCost.total), m(t.costShare), pct(t.standaloneCost.total, t.costShare)]
        }
        let table = ReportTable(
            id: "reported", title: "",
            columns: [.init("tenant", l("tenant")), .init("before_yen_per_year", l("reported before"), unit: .yenMillions),
                      .init("after_yen_per_year", l("reported after"), unit: .yenMillions), .init("reduction_percent", l("reported change")),
                      .init("modelled_before_yen_per_year", l("modelled before"), unit: .yenMillions),
                      .init("modelled_after_yen_per_year", l("modelled after"), unit: .yenMillions),
                      .init("modelled_reduction_percent", l("modelled change"))],
            rows: rows,
            total: [.text(l("group")), m(r.reportedBefore), m(r.reportedAfter), .percent(r.reportedReductionPercent / 100, decimals: 1),
                    m(r.modelledBefore), m(r.modelledAfter), .percent(r.modelledReductionPercent / 100, decimals: 1)])
        var parts: [ReportPart] = [.table(table)]
        if let source = r.totalSource {
            parts.append(.paragraph(l.prose("The group's reported figures are the source's total row ({1}); its rows sum to {2} before and {3} after.",
                                            .text(source), .text(l.valueWithUnit(m(r.rowsBefore), .yenMillions)),
                                            .text(l.valueWithUnit(m(r.rowsAfter), .yenMillions)))))
        }
        if r.modelledAfterByRule.count > 1 {
            let others = r.modelledAfterByRule.map { x in
                ruleName(x.rule, localizer: l) + " " + NumberFormat.grouped(ReportedComparison.reduction(r.modelledBefore, x.after), decimals: 1) + "%"
            }.joined(separator: ", ")
            parts.append(.paragraph(l.prose("The modelled after follows the share rule the scenario chose ({1}); the group's change under each rule: {2}.",
                                            .text(ruleName(plan.economicsSettings?.shareRule ?? .agreed, localizer: l)), .text(others))))
        }
        return ReportSection(id: "reported", title: l("Reported beside modelled (a year)"), parts: parts)
    }

    static func cashFlow(_ c: CashFlow, localizer l: Localizer) -> ReportSection {
        let table = ReportTable(
            id: "cash_flow", title: "",
            columns: [.init("year", l("year")), .init("before_yen", l("before"), unit: .yenMillions), .init("after_yen", l("after"), unit: .yenMillions)],
            rows: c.before.indices.map { [.integer($0), m(c.before[$0]), m(c.after[$0])] },
            note: l.prose("Net present value at {1}: before {2}, after {3}, saving {4}.",
                          .text(NumberFormat.grouped(100 * c.discountRatePerYear, decimals: 1) + "%"),
                          .text(l.valueWithUnit(m(c.npvBefore), .yenMillions)), .text(l.valueWithUnit(m(c.npvAfter), .yenMillions)),
                          .strong(l.valueWithUnit(m(c.npvBefore - c.npvAfter), .yenMillions))))
        return ReportSection(id: "cash_flow", title: l("Cash flow over this lease and the next (year 0 is the start)"), parts: [.table(table)])
    }

    static func assumptions(_ plan: PlanResult, scenario: Scenario, localizer l: Localizer) -> ReportSection {
        var items: [Prose] = []
        for p in plan.pools.prefix(1) {
            let policy = p.pool.policy, blade = p.pool.blade
            items.append(l.prose("Blade {1}: {2} cores, {3} GiB, {4}.", .code(blade.id), .text(String(blade.cores)),
                                 .text(NumberFormat.grouped(blade.memoryGiB)), .text(l.valueWithUnit(.yen(blade.price.value, .yen), .yen))))
            items.append(l.prose("Policy {1}: CPU at most {2} of usable cores at design demand ({3} after a failure), memory at most {4}, vCPU:core up to {5}, replicas on different {6}.",
                                 .code(policy.id), .text(NumberFormat.percent(policy.targetCPUUtilisation, decimals: 0)),
                                 .text(NumberFormat.percent(policy.ha.failoverUtilisation, decimals: 0)),
                                 .text(NumberFormat.percent(policy.targetMemoryUtilisation, decimals: 0)),
                                 .text(NumberFormat.grouped(policy.cpuOvercommit, decimals: 1)), .text(l(policy.spreadRedundancyAcross.plural))))
        }
        items.append(l.prose("Design demand is each VM's load at the hours of the year when some blade's mix of profiles peaks ({1} hours in the first pool), so systems busy in different seasons share headroom.",
                             .text(String(plan.pools.first?.demandHours.count ?? 0))))
        items.append(l.prose("Before: every VM ran on dedicated servers of model {1} (more than one when its vCPUs or memory exceed one server), at site {2}.",
                             .code(scenario.baseline.server.id), .code(scenario.baseline.site.id)))
        items.append(l.prose("Costs cover hardware over a {1}-year lease, maintenance at {2} a year, energy × PUE, rack space and the operations costs the scenario states; and the scenario's cost lines (software, packages, migration, services, WAN lines), each with its source above.",
                             .text(NumberFormat.grouped(scenario.economics.leaseYears, decimals: 0)),
                             .text(NumberFormat.percent(scenario.economics.maintenanceFractionPerYear, decimals: 0))))
        items.append(l.prose("Scenario file: {1}; demand calendar of {2}.", .code(plan.scenarioFile), .text(String(scenario.referenceYear))))
        return ReportSection(id: "assumptions", title: l("Assumptions"), parts: [.list(items), .table(inputs(scenario, localizer: l))])
    }

    /// Every money or rate input with its value, range and source; one without a source is
    /// marked an estimate (the JSON's `assumptions[]`).
    static func inputs(_ scenario: Scenario, localizer l: Localizer) -> ReportTable {
        let inputs = scenario.moneyInputs
        let unmarked = l("[EST] no source given: an estimate")
        return ReportTable(
            id: "inputs", title: l("Money and rate inputs, with their sources"),
            columns: [.init("key", l("input")), .init("value", l("value")), .init("low", l("low")), .init("high", l("high")),
                      .init("source", l("source"))],
            rows: inputs.map { i in
                let ranged = i.range?.isUncertain == true
                let shown = ranged ? [i.value, i.range!.low, i.range!.high] : [i.value]
                let d = shown.allSatisfy { abs($0) >= 100 || $0 == $0.rounded() } ? 0 : 2
                return [.text(i.keyPath), .number(i.value, decimals: d),
                        ranged ? .number(i.range!.low, decimals: d) : .missing, ranged ? .number(i.range!.high, decimals: d) : .missing,
                        .text(i.source ?? unmarked)]
            },
            note: l.prose("{1} of {2} inputs are estimates (no source, or tagged [EST]); {3} have a range.",
                          .text(String(inputs.filter(\.isEstimate).count)), .text(String(inputs.count)),
                          .text(String(inputs.filter { $0.range?.isUncertain == true }.count))))
    }
}
