import CapacityModel
import Foundation
import Planning
import Simulation
import Study

/// The simulation report as a `ReportDocument`: the outcome a board needs first (availability,
/// the worst system, disasters, checks), then failures, energy, downtime by cause, every
/// tenant-system, pools over time, backup and disaster recovery, and how the run went.
public enum SimulationDocument {
    /// Tenant-systems shown on screen and paper (all of them in CSV, XLSX and Markdown).
    static let systemPrintLimit = 300

    public static func build(_ r: SimulationResult, scenarioName: String, startYear: Int, timing: SimulationReport.Timing?,
                             localizer l: Localizer) -> ReportDocument {
        var doc = ReportDocument(title: l("Simulation report: {1}", scenarioName), language: l.language)
        doc.sections.append(summary(r, localizer: l))
        doc.sections.append(failures(r, localizer: l))
        doc.sections.append(systems(r, localizer: l))
        doc.sections.append(pools(r, startYear: startYear, localizer: l))
        if let c = r.continuity { doc.sections += continuity(c, localizer: l) }
        doc.sections.append(run(r, timing: timing, localizer: l))
        return doc
    }

    static func est(_ e: Estimate, decimals: Int = 2, percent: Bool = false, scale: Double = 1) -> ReportValue {
        .estimate(EstimateValue(mean: e.mean * scale, halfWidth: e.halfWidth * scale, low: e.low * scale, high: e.high * scale,
                                clipped: e.isClipped, decimals: decimals, percent: percent))
    }

    /// An availability in percent with enough decimals that any downtime shows: the
    /// unavailability gets two significant digits (4 to 9 decimals), so 1 minute down in 5
    /// years reads 99.99996%, not 100.0000%.
    static func availability(_ e: Estimate) -> ReportValue {
        guard !e.mean.isNaN else { return .missing }
        let down = (1 - e.mean) * 100
        let exact = !(e.halfWidth > 0)
        let decimals = down > 0 ? Swift.min(9, Swift.max(4, Int((-Foundation.log10(down)).rounded(.up)) + 1)) : exact ? 0 : 4
        return est(e, decimals: decimals, percent: true)
    }

    /// The sentence that says what ± means.
    static func method(_ r: SimulationResult, localizer l: Localizer) -> Prose {
        let base = l.prose("{1} of {2} years (seed {3}).", .text(l.count(r.replications, "independent replication", "independent replications", counter: "回")),
                           .text(NumberFormat.grouped(r.horizonSeconds / 86_400 / 365, decimals: 2)), .text(String(r.seed)))
        return base + Prose(" ") + Prose(r.replications > 1
            ? l("Values are means across replications with the half-width of their 95% Student-t confidence interval (±), or the interval's two ends where 0 or 100% cuts it.")
            : l("With one replication there are no confidence intervals (give --replications 2 or more)."))
    }

    static func summary(_ r: SimulationResult, localizer l: Localizer) -> ReportSection {
        var parts: [ReportPart] = [.paragraph(method(r, localizer: l))]
        let joined = r.tenantSystems.filter { !$0.availability.mean.isNaN }
        var figures: [KeyFigure] = []
        if let worst = joined.min(by: { $0.availability.mean < $1.availability.mean }) {
            parts.append(.paragraph(l.prose("The least available system is {1} of {2}: available {3} of the time, about {4} minutes down a year.",
                                            .strong(worst.system), .text("\(worst.tenantCode) \(worst.tenantName)"),
                                            .strong(availability(worst.availability).display),
                                            .text(NumberFormat.grouped(worst.downtimeMinutesPerYear, decimals: 1)))))
            figures.append(KeyFigure("worst_availability", l("least available system"), availability(worst.availability)))
            let mean = joined.reduce(0.0) { $0 + $1.availability.mean } / Double(joined.count)
            figures.append(KeyFigure("mean_availability", l("mean availability of the systems"), .percent(mean, decimals: 5)))
        }
        figures.append(KeyFigure("failures_per_replication.blades", l("blade failures per replication"), est(r.bladeFailures)))
        figures.append(KeyFigure("failures_per_replication.sites", l("site failures per replication"), est(r.siteFailures)))
        if let c = r.continuity {
            let rto = c.systems.compactMap { $0.rtoHours.mean.isNaN ? nil : $0 }.max { $0.rtoHours.mean < $1.rtoHours.mean }
            let lost = c.systems.reduce(0.0) { $0 + ($1.dataLostGiB.mean.isNaN ? 0 : $1.dataLostGiB.mean) }
            if let rto {
                figures.append(KeyFigure("dr.worst_rto_hours", l("worst recovery time after a site loss"), est(rto.rtoHours), unit: .hours))
            }
            figures.append(KeyFigure("dr.data_lost_gib", l("data lost to site losses per replication"), .number(lost, decimals: 1), unit: .gib))
        }
        parts.append(.figures(figures))
        let findings = Self.findings(r, localizer: l)
        parts.append(.subheading(l("Checks")))
        parts.append(findings.isEmpty ? .paragraph(Prose(l("No simulation check failed."))) : .findings(findings))
        if let p = r.precision { parts.append(.paragraph(precision(p, localizer: l))) }
        return ReportSection(id: "summary", title: l("Summary: the outcome"), parts: parts)
    }

    /// A precision target that was not met (the figures are less certain than asked).
    public static func findings(_ r: SimulationResult, localizer l: Localizer) -> [Finding] {
        guard let p = r.precision, !p.met else { return [] }
        let missed = p.checks.filter { !$0.met }.map(\.figure.rawValue).joined(separator: ", ")
        return [Finding(check: "precision", severity: .warning, l.prose(
            "The precision target (±{1}) was not met for {2} after {3} replications (--max-replications {4}): these figures are less certain than asked.",
            .text(NumberFormat.grouped(100 * p.target.relativeHalfWidth, decimals: 2) + "%"), .code(missed),
            .text(String(p.replications)), .text(String(p.target.maxReplications))))]
    }

    static func precision(_ p: PrecisionOutcome, localizer l: Localizer) -> Prose {
        let figures = p.checks.map { c in
            "\(c.figure.rawValue) ±\(c.relativeHalfWidth.isFinite ? NumberFormat.grouped(100 * c.relativeHalfWidth, decimals: 2) + "%" : "∞")"
        }.joined(separator: ", ")
        return l.prose("Replicated until the 95% half-width is within ±{1} of the mean: {2} after {3} replications ({4}).",
                       .text(NumberFormat.grouped(100 * p.target.relativeHalfWidth, decimals: 2) + "%"), .text(figures),
                       .text(String(p.replications)), p.met ? .text(l("met")) : .strong(l("not met")))
    }
}

extension SimulationDocument {
    /// The simulation of a plan: page one joins the plan's decision (the same money, to the
    /// yen, as `plan`) with the simulated outcome; `withPlan` appends the plan's detail.
    public static func build(_ r: SimulationResult, plan: PlanResult, scenario: Scenario, timing: SimulationReport.Timing?,
                             withPlan: Bool, localizer l: Localizer) -> ReportDocument {
        var doc = build(r, scenarioName: scenario.name, startYear: scenario.referenceYear, timing: timing, localizer: l)
        if var summary = doc.sections.first {
            let decision: [ReportPart] = [.paragraph(PlanDocument.decision(plan, localizer: l)), .figures(PlanDocument.headline(plan, localizer: l))]
            summary.parts = decision + summary.parts + [.table(PlanDocument.shareSummary(plan, localizer: l))]
            if let cost = OutcomeCost(plan: plan, simulation: r) { summary.parts.append(.table(outcomeCost(cost, localizer: l))) }
            let all = PlanDocument.findings(plan, localizer: l) + Self.findings(r, localizer: l)
            let findings = all.filter { $0.severity == .failed } + all.filter { $0.severity != .failed }
            if let k = summary.parts.lastIndex(where: { if case .subheading = $0 { true } else { false } }), k + 1 < summary.parts.count {
                summary.parts[k + 1] = findings.isEmpty ? .paragraph(Prose(l("Every check passes."))) : .findings(findings)
            }
            doc.sections[0] = summary
        }
        if withPlan { doc.append(PlanDocument.build(plan, scenario: scenario, localizer: l)) }
        return doc
    }
}

extension SimulationDocument {
    /// The plan's yearly cost with the simulated downtime priced and the saved energy counted
    /// (the JSON's `cost_with_outcome`).
    static func outcomeCost(_ c: OutcomeCost, localizer l: Localizer) -> ReportTable {
        let m = { (e: Estimate) -> ReportValue in est(e, decimals: 2, scale: 1e-6) }
        return ReportTable(
            id: "cost_with_outcome", title: l("Yearly cost with the simulated outcome"),
            columns: [.init("item", l("item")), .init("yen_per_year", l("a year"), unit: .yenMillions)],
            rows: [[.text(l("yearly cost after (the plan)")), .yen(c.yearlyCost, .millions)],
                   [.text(l("+ downtime priced")), m(c.risk)],
                   [.text(l("− energy cost power management saves a year")), m(c.energySaved)]],
            total: [.text(l("cost and risk a year")), m(c.total)])
    }
}
