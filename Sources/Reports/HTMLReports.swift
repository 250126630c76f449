import CapacityModel
import Planning
import Simulation
import Study

/// `--format html` of `plan`, `simulate` and `compare`: the Markdown report's sections
/// (`HTMLDocument`) with the charts that illustrate them (`SVGChart`). The charts show at most
/// `SVGChart`-readable counts (the largest 30 of a list, the first 4 pools); the tables keep all.
public enum HTMLReport {
    static let barLimit = 30
    static let poolLimit = 4
    /// Tenant systems listed in the simulation's table (a nation's 17,000 would not print).
    static let tableLimit = 300

    /// The sizing report: summary, costs, HA, shares, each with its chart.
    public static func plan(_ plan: PlanResult, scenario: Scenario, timeline: String = "") -> String {
        var doc = HTMLDocument(markdown: PlanReport.markdown(plan, scenario: scenario) + timeline)
        addPlanCharts(plan, to: &doc)
        return doc.render()
    }

    /// The plan, then the simulation of it, in one file.
    public static func simulation(_ result: SimulationResult, plan: PlanResult, scenario: Scenario,
                                  timing: SimulationReport.Timing?) -> String {
        var doc = HTMLDocument(markdown: PlanReport.markdown(plan, scenario: scenario)
                               + "\n" + SimulationReport.markdown(result, scenarioName: scenario.name, timing: timing, limit: tableLimit))
        addPlanCharts(plan, to: &doc)
        addSimulationCharts(result, to: &doc)
        return doc.render()
    }

    /// The comparison table, and each figure's paired difference relative to the first variant.
    public static func comparison(_ c: Comparison) -> String {
        var doc = HTMLDocument(markdown: ComparisonReport.text(c, markdown: true))
        for i in c.variants.indices.dropFirst() {
            let bars = c.figures.compactMap { f -> SVGChart.Bar? in
                let base = f.values[0].mean, d = f.differences[i]
                guard base.isFinite, base != 0, d.mean.isFinite else { return nil }
                let scale = 100 / abs(base)
                return SVGChart.Bar(f.name, d.mean * scale, low: d.low.isFinite ? d.low * scale : nil,
                                    high: d.high.isFinite ? d.high * scale : nil)
            }
            doc.add(chart: SVGChart.bars(bars, unit: "%"),
                    caption: "[\(i + 1)] − [1], paired, as a share of [1]'s value, with its 95% interval (figures whose [1] is 0 left out)",
                    to: "")
        }
        return doc.render()
    }

    static func addPlanCharts(_ plan: PlanResult, to doc: inout HTMLDocument) {
        var before: [String: Int] = [:]
        for t in plan.tenants { before[t.pool, default: 0] += t.physicalServersBefore }
        let pools = plan.pools.sorted { (before[$0.name] ?? 0) > (before[$1.name] ?? 0) }.prefix(barLimit)
        doc.add(chart: SVGChart.bars(pools.flatMap { p in
            [SVGChart.Bar("\(p.name): servers before", Double(before[p.name] ?? 0)), SVGChart.Bar("\(p.name): blades after", Double(p.blades))]
        }, unit: "", decimals: 0), caption: "Dedicated servers before and blades after, per pool\(plan.pools.count > barLimit ? " (the \(barLimit) with most servers)" : "")",
                to: "Summary")
        // The same items as the table and the JSON's cost_lines: they add up to the totals.
        let b = plan.before.yearlyCost, a = plan.after.yearlyCost
        let items: [(String, Double, Double)] = plan.costLineRows.map { ($0.line, $0.before.value, $0.after.value) }
            + [("total", b.total.value, a.total.value)]
        doc.add(chart: SVGChart.bars(items.flatMap { [SVGChart.Bar("\($0.0) before", $0.1 / 1e6), SVGChart.Bar("\($0.0) after", $0.2 / 1e6)] },
                                     unit: "¥M", decimals: 1),
                caption: "Yearly cost by item, before and after (¥M a year)", to: "Yearly cost")
        doc.add(chart: SVGChart.bars(plan.pools.prefix(barLimit).map { SVGChart.Bar($0.name, Double($0.blades - $0.bladesWithoutReserve)) },
                                     unit: "blades", decimals: 0),
                caption: "What the HA policy costs: blades beyond those the load needs, per pool", to: "Failure checks")
        let shares = plan.tenants.sorted { $0.costShare.value > $1.costShare.value }.prefix(barLimit)
        doc.add(chart: SVGChart.bars(shares.map { SVGChart.Bar("\($0.code) \($0.name)", $0.costShare.value / 1e6) }, unit: "¥M", decimals: 2),
                caption: "Each tenant's share of the yearly cost (¥M a year)\(plan.tenants.count > barLimit ? ", the \(barLimit) largest" : "")",
                to: "Who pays what")
    }

    static func addSimulationCharts(_ r: SimulationResult, to doc: inout HTMLDocument) {
        let worst = r.tenantSystems.filter { !$0.downtimeMinutesPerYear.isNaN }
            .sorted { $0.downtimeMinutesPerYear > $1.downtimeMinutesPerYear }.prefix(barLimit)
        doc.add(chart: SVGChart.bars(worst.map { t in
            let perYear = t.inServiceHours > 0 ? 8_760 / t.inServiceHours : 0
            return SVGChart.Bar("\(t.tenantCode) \(t.system)", t.downtimeMinutesPerYear,
                                low: t.downtimeMinutes.low * perYear, high: t.downtimeMinutes.high * perYear)
        }, unit: "min/yr"), caption: "Downtime a year of the least available systems, with 95% intervals", to: "Tenants and systems")
        let causes = DowntimeCause.allCases.map { cause in
            SVGChart.Bar(cause.name, r.tenantSystems.reduce(0.0) { sum, t in
                let m = cause.rawValue < t.downtimeMinutesByCause.count ? t.downtimeMinutesByCause[cause.rawValue].mean : .nan
                return sum + (m.isNaN ? 0 : m)
            })
        }
        doc.add(chart: SVGChart.bars(causes, unit: "min"), caption: "Downtime by cause, summed over every system (minutes a replication)",
                to: "Tenants and systems")
        for p in r.pools.prefix(poolLimit) where !p.utilisationP95.isEmpty {
            doc.add(chart: SVGChart.lines([SVGChart.Series("p50", p.utilisationP50.map(\.mean)), SVGChart.Series("p95", p.utilisationP95.map(\.mean)),
                                           SVGChart.Series("max", p.utilisationMax.map(\.mean))],
                                          xLabel: "days", yLabel: "CPU utilisation of available blades", percent: true),
                    caption: "\(p.pool): daily CPU utilisation over the horizon (means across replications)", to: "Pools")
            doc.add(chart: SVGChart.heatMap(p.utilisationP95.prefix(371).map(\.mean), label: "daily p95 utilisation"),
                    caption: "\(p.pool): daily p95 utilisation as a year heat map (weeks across, days down)", to: "Pools")
            doc.add(chart: SVGChart.lines([SVGChart.Series("most blades down", p.bladesDownMax.map(\.mean))], xLabel: "days", yLabel: "blades"),
                    caption: "\(p.pool): most blades down at once each day (mean across replications)", to: "Pools")
        }
        if let c = r.continuity {
            doc.add(chart: SVGChart.bars(c.links.prefix(barLimit).map { SVGChart.Bar("\($0.link) \($0.from)→\($0.to)", $0.utilisation.mean * 100) },
                                         unit: "%", decimals: 2),
                    caption: "Share of each link's bandwidth the copies used over the horizon", to: "Backup links")
        }
    }
}
