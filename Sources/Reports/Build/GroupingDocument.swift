import CapacityModel
import Grouping

/// `cloudplan group` as a report: the proposal and its saving against the scenario's pools,
/// each group with its cost and stability, how exact the search was, and the economies of scale.
public enum GroupingDocument {
    public static func build(_ results: [(scope: String, result: GroupingResult)], scenario: Scenario, localizer l: Localizer) -> ReportDocument {
        var doc = ReportDocument(title: l("Grouping: {1}", scenario.name), language: l.language)
        let m = { (x: Double) -> ReportValue in x.isFinite ? .yen(x, .millions) : .missing }
        let total = results.reduce(0.0) { $0 + $1.result.totalYenPerYear }
        let baseline = results.reduce(0.0) { $0 + $1.result.baselineYenPerYear }
        let lower = results.reduce(0.0) { $0 + $1.result.lowerBoundYenPerYear }
        let groups = results.flatMap { $0.result.groups }
        let exact = results.allSatisfy { $0.result.exact }
        let shared = groups.filter { $0.members.count > 1 }.count
        var summary: [ReportPart] = [.paragraph(l.prose(
            "{1} for {2} tenants cost {3} a year; the scenario's own pools cost {4}: a saving of {5}.",
            .strong(l.count(shared, "shared group", "shared groups", counter: "グループ")), .text(String(results.reduce(0) { $0 + $1.result.tenants })),
            .strong(l.valueWithUnit(m(total), .yenMillions)), .text(l.valueWithUnit(m(baseline), .yenMillions)),
            .strong(l.valueWithUnit(m(baseline - total), .yenMillions))))]
        summary.append(.paragraph(exact
            ? l.prose("The grouping is optimal: every partition was considered ({1} groups planned).",
                      .text(NumberFormat.integer(results.reduce(0) { $0 + $1.result.coalitionsPlanned })))
            : l.prose("The grouping is a heuristic's ({1} groups planned); no grouping can cost less than {2} (gap {3}).",
                      .text(NumberFormat.integer(results.reduce(0) { $0 + $1.result.coalitionsPlanned })),
                      .text(l.valueWithUnit(m(lower), .yenMillions)),
                      .text(NumberFormat.percent(total > 0 ? (total - lower) / total : 0, decimals: 1)))))
        for (scope, r) in results {
            if r.subadditive == true && !r.grandCoalitionPooled && r.tenants > 1 {
                summary.append(.paragraph(l.prose("{1}: no group is cheaper than its members on their own servers.", .text(scope))))
            } else if let sub = r.subadditive {
                summary.append(.paragraph(sub
                    ? l.prose("{1}: one group of every tenant costs least (the cost is subadditive).", .text(scope))
                    : l.prose("{1}: one group of every tenant ({2}) costs more than the best split ({3}): the cost is not subadditive.",
                              .text(scope), .text(l.valueWithUnit(m(r.grandCoalitionYenPerYear), .yenMillions)),
                              .text(l.valueWithUnit(m(r.totalYenPerYear), .yenMillions)))))
            }
        }
        let name = { (t: Int) -> String in scenario.tenants[t].name }
        for g in groups where g.coreEmpty == true {
            summary.append(.paragraph(l.prose(
                "{1}: no division of its cost is stable (its core is empty: {2} a year would have to come from outside); the Shapley value divides it.",
                .text(g.members.map(name).joined(separator: ", ")), .text(l.valueWithUnit(m(g.coreShortfallYen ?? 0), .yenMillions)))))
        }
        doc.sections.append(ReportSection(id: "summary", title: l("Summary: the grouping"), parts: summary))
        let table = ReportTable(
            id: "groups", title: "",
            columns: [.init("scope", l("scope")), .init("members", l("members")), .init("population", l("population"), unit: .people),
                      .init("yen_per_year", l("yearly cost"), unit: .yenMillions), .init("yen_per_resident", l("a resident"), unit: .yen),
                      .init("stable", l("in the core")), .init("blocking_coalition", l("would leave"))],
            rows: results.flatMap { scope, r in r.groups.map { g in
                [.text(scope), .text(g.members.map(name).joined(separator: ", ")), .integer(g.population), m(g.yenPerYear),
                 g.population > 0 ? .yen(g.yenPerYear / Double(g.population), .yen) : .missing,
                 g.coreEmpty == true ? .verdict(false, l("NO: core empty")) : g.stable.map { .verdict($0, $0 ? l("yes") : l("NO")) } ?? .text("-"),
                 .text(g.blockingCoalition.map { $0.map(name).joined(separator: ", ") } ?? "-")]
            } },
            total: [.text(l("total")), .text(""), .integer(groups.reduce(0) { $0 + $1.population }), m(total), .missing, .text(""), .text("")],
            note: l.prose("Stability is checked under the scenario's share rule ({1}) for groups of up to ten members: a group is in the core when no part of it would pay less on its own.",
                          .text(PlanDocument.ruleName(scenario.economics.shareRule, localizer: l))))
        doc.sections.append(ReportSection(id: "groups", title: l("Proposed groups"), parts: [.table(table)]))
        let curve = GroupingReport.scaleCurve(results)
        if !curve.isEmpty {
            doc.sections.append(ReportSection(id: "economies_of_scale", title: l("Economies of scale"), parts: [
                .table(ReportTable(id: "economies_of_scale", title: "",
                                   columns: [.init("members", l("members")), .init("population", l("population"), unit: .people),
                                             .init("yen_per_resident_per_year", l("a resident a year"), unit: .yen)],
                                   rows: curve.map { [.integer($0.members), .integer($0.population), .yen($0.yenPerResident, .yen)] },
                                   note: Prose(l("For each group size, the planned group with the lowest cost a resident.")))),
                .chart(ReportChart(caption: l("Cost a resident a year by group size (the cheapest group of each size)"),
                                   kind: .bars(curve.map { ReportChart.Bar(l("{1} members", String($0.members)), $0.yenPerResident) }, decimals: 0),
                                   unit: .yen, axisLabel: l("yen a resident a year"))),
            ]))
        }
        return doc
    }
}
