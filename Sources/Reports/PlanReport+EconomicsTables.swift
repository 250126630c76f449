import CapacityModel
import Economics
import Planning

/// The economics sections as tables, rendered the same way in text and Markdown: the bill of
/// materials, the cost lines, each tenant's share under every rule, the core check, the reported
/// figures beside the modelled ones, and the cash flow.
extension PlanReport {
    struct Section {
        var title: String
        var headers: [String]
        var rows: [[String]]
        var note: String = ""
    }

    static func economicsTables(_ plan: PlanResult) -> [Section] {
        var sections: [Section] = []
        let m = { (y: Yen) in NumberFormat.millions(y.value, decimals: 2) }
        sections.append(Section(title: "Bill of materials", headers: ["pool", "item", "model", "quantity", "unit ¥", "total ¥M", "source"],
                                rows: plan.billOfMaterials.map { [$0.pool, $0.item, $0.model, String($0.quantity),
                                                                  NumberFormat.grouped($0.unitPrice.value), m($0.total), $0.source] },
                                note: "Total purchase: ¥\(m(plan.after.purchase))M."))
        sections.append(Section(title: "Cost lines (¥M a year)", headers: ["line", "before", "after", "source"],
                                rows: plan.costLineRows.map { [$0.line, m($0.before), m($0.after), $0.source] },
                                note: "Before: every tenant alone; after: the shared pools. One-off costs are divided by their years of use."))
        let rules = plan.tenants.first?.shares.map(\.rule) ?? []
        sections.append(Section(title: "Shares of the yearly bill by rule (¥M a year; saving against standing alone)",
                                headers: ["code", "tenant", "alone"] + rules.map(\.rawValue),
                                rows: plan.tenants.map { t in
                                    [t.code, t.name, m(t.standaloneCost.total)] + t.shares.map { s in
                                        let alone = t.standaloneCost.total.value
                                        let pct = alone == 0 ? 0 : 100 * (alone - s.yen.value) / alone
                                        return "\(m(s.yen)) (\(NumberFormat.grouped(pct, decimals: 1))%)"
                                    }
                                },
                                note: "cost_share follows the rule `\(plan.economicsSettings?.shareRule.rawValue ?? "agreed")`."))
        let core = plan.economics.flatMap { game in game.core.map { (game, $0.rule, $0.verdict) } }
        if !core.isEmpty {
            sections.append(Section(title: "Core check: would a group of tenants pay less on its own?",
                                    headers: ["pool", "rule", "in the core", "blocking coalition", "pays ¥M", "alone ¥M", "checked"],
                                    rows: core.map { game, rule, v in
                                        let names = v.blocking.map { mask in
                                            game.members.indices.filter { mask & (1 << $0) != 0 }
                                                .compactMap { j in plan.tenants.first { $0.tenant == game.members[j] }?.name }
                                                .joined(separator: ", ")
                                        } ?? "-"
                                        return [game.pool, rule.rawValue, v.ok ? "yes" : "NO", names,
                                                v.ok ? "-" : m(Yen(v.blockingPays)), v.ok ? "-" : m(Yen(v.blockingAlone)),
                                                "\(v.coalitionsChecked)\(v.exhaustive ? " (all)" : "")"]
                                    }))
        }
        if let r = plan.reportedComparison {
            var rows = plan.tenants.filter { r.tenants.contains($0.tenant) }.map { t in
                [t.reportedLabel.map { "\(t.name) (\($0))" } ?? t.name,
                 m(t.reportedCostBefore ?? .zero), m(t.reportedCostAfter ?? .zero),
                 NumberFormat.grouped(ReportedComparison.reduction(t.reportedCostBefore ?? .zero, t.reportedCostAfter ?? .zero), decimals: 1) + "%",
                 m(t.standaloneCost.total), m(t.costShare),
                 NumberFormat.grouped(ReportedComparison.reduction(t.standaloneCost.total, t.costShare), decimals: 1) + "%"]
            }
            rows.append(["group", m(r.reportedBefore), m(r.reportedAfter), NumberFormat.grouped(r.reportedReductionPercent, decimals: 1) + "%",
                         m(r.modelledBefore), m(r.modelledAfter), NumberFormat.grouped(r.modelledReductionPercent, decimals: 1) + "%"])
            sections.append(Section(title: "Reported beside modelled (¥M a year)",
                                    headers: ["tenant", "reported before", "reported after", "reported change",
                                              "modelled before", "modelled after", "modelled change"], rows: rows))
        }
        if let c = plan.cashFlow {
            sections.append(Section(title: "Cash flow over this lease and the next (¥M; year 0 is the start)",
                                    headers: ["year", "before", "after"],
                                    rows: c.before.indices.map { [String($0), m(c.before[$0]), m(c.after[$0])] },
                                    note: "Net present value at \(NumberFormat.grouped(100 * c.discountRatePerYear, decimals: 1))%: before ¥\(m(c.npvBefore))M, after ¥\(m(c.npvAfter))M, saving ¥\(m(c.npvBefore - c.npvAfter))M."))
        }
        return sections
    }

    static func economicsText(_ plan: PlanResult) -> String {
        economicsTables(plan).map { s in
            var t = TextTable(s.headers)
            for r in s.rows { t.add(r) }
            return "\n\(s.title):\n" + t.render() + (s.note.isEmpty ? "" : s.note + "\n")
        }.joined()
    }

    static func economicsMarkdown(_ plan: PlanResult) -> String {
        economicsTables(plan).map { s in
            let cells = { (r: [String]) in "| " + r.map(Markdown.text).joined(separator: " | ") + " |\n" }
            return "## \(s.title)\n\n" + cells(s.headers) + "|" + String(repeating: "---|", count: s.headers.count) + "\n"
                + s.rows.map(cells).joined() + (s.note.isEmpty ? "" : "\n" + s.note + "\n") + "\n"
        }.joined()
    }
}
