import CapacityModel
import Economics
import Planning

/// The plan report's detail sections: before and after, cost by item, pools, failure checks.
extension PlanDocument {
    /// The CPU generations before and after: each server model's core score and its source,
    /// against the reference core.
    static func generations(_ plan: PlanResult, scenario: Scenario, localizer l: Localizer) -> Prose {
        var seen: Set<String> = []
        let blades = plan.pools.map(\.pool.blade).filter { seen.insert($0.id).inserted }
        let server = scenario.baseline.server
        let after = blades.map { "\($0.id) \(NumberFormat.grouped($0.coreScore, decimals: 2)) (\($0.coreScoreSource))" }.joined(separator: "; ")
        return l.prose("Demand is in reference cores ({1}). Core scores: before, {2} {3} ({4}); after, {5}.",
                       .text(CoreScore.reference), .code(server.id), .text(NumberFormat.grouped(server.coreScore, decimals: 2)),
                       .text(server.coreScoreSource), .text(after))
    }

    static func beforeAfter(_ plan: PlanResult, scenario: Scenario, localizer l: Localizer) -> ReportSection {
        let b = plan.before, a = plan.after
        func row(_ label: String, _ before: ReportValue, _ after: ReportValue) -> [ReportValue] { [.text(label), before, after] }
        let rows: [[ReportValue]] = [
            row(l("servers before, blades after"), .integer(b.physicalServers), .integer(a.blades)),
            row(l("cores"), .integer(b.cores), .integer(a.cores)),
            row(l("reference cores (cores × core score)"), .number(b.referenceCores, decimals: 1), .number(a.referenceCores, decimals: 1)),
            row(l("CPU utilisation at design demand"), .percent(b.cpuUtilisation, decimals: 1), .percent(a.cpuUtilisation, decimals: 1)),
            row(l("memory allocated of installed"), .missing, .percent(a.memoryUtilisation, decimals: 1)),
            row(l("chassis"), .missing, .integer(a.chassis)),
            row(l("racks"), .missing, .integer(a.racks)),
            row(l("storage arrays"), .missing, .integer(a.storageArrays)),
            row(l("IT power, average (kW)"), .number(b.itPower.kilowatts, decimals: 1), .number(a.averageITPower.kilowatts, decimals: 1)),
            row(l("IT power at design demand (kW)"), .number(b.itPower.kilowatts, decimals: 1), .number(a.designITPower.kilowatts, decimals: 1)),
            row(l("purchase (¥M)"), .missing, m(a.purchase)),
            row(l("yearly cost (¥M)"), m(b.yearlyCost.total), m(a.yearlyCost.total)),
        ]
        let table = ReportTable(id: "before_after", title: "",
                                columns: [.init("measure", ""), .init("before", l("before (dedicated servers)")),
                                          .init("after", l("after (shared pool)"))],
                                rows: rows, note: generations(plan, scenario: scenario, localizer: l))
        let sentence = l.prose("Server reduction: {1} ({2} → {3}); yearly cost reduction: {4}.",
                               .strong(NumberFormat.grouped(plan.serverReductionPercent, decimals: 1) + "%"),
                               .text(NumberFormat.integer(b.physicalServers)), .text(NumberFormat.integer(a.blades)),
                               .strong(NumberFormat.grouped(costReduction(plan), decimals: 1) + "%"))
        return ReportSection(id: "before_after", title: l("Before and after"), parts: [.table(table), .paragraph(sentence)])
    }

    /// Every cost line (the planner's and the scenario's, the JSON's `cost_lines`), adding up to
    /// the totals, with the source of each.
    static func costByItem(_ plan: PlanResult, localizer l: Localizer) -> ReportSection {
        let b = plan.before.yearlyCost.total, a = plan.after.yearlyCost.total
        let table = ReportTable(id: "cost_lines", title: "",
                                columns: [.init("line", l("item")), .init("before_yen_per_year", l("before"), unit: .yenMillions),
                                          .init("after_yen_per_year", l("after"), unit: .yenMillions), .init("source", l("source"))],
                                rows: plan.costLineRows.map { [.text(lineName($0.line, localizer: l)), m($0.before), m($0.after), .text($0.source)] },
                                total: [.text(l("total")), m(b), m(a), .text("")],
                                note: Prose(l("Before: every tenant alone; after: the shared pools. One-off costs are divided by their years of use.")))
        var items = plan.costLineRows.map { (lineName($0.line, localizer: l), $0.before.value, $0.after.value) }
        items.append((l("total"), b.value, a.value))
        let chart = ReportChart(caption: l("Yearly cost by item, before and after"),
                                kind: .bars(items.flatMap { [ReportChart.Bar(l("{1} before", $0.0), $0.1 / 1e6), ReportChart.Bar(l("{1} after", $0.0), $0.2 / 1e6)] },
                                            decimals: 1),
                                unit: .yenMillions, axisLabel: l("yearly cost"))
        return ReportSection(id: "cost_lines", title: l("Yearly cost by item"), parts: [.table(table), .chart(chart)])
    }

    /// The planner's own cost lines in the reader's words; the scenario's lines keep their names.
    static func lineName(_ line: String, localizer l: Localizer) -> String {
        ["hardware", "hardware maintenance", "power", "data center space", "operations"].contains(line) ? l(line) : line
    }

    static func pools(_ plan: PlanResult, localizer l: Localizer) -> ReportSection {
        let table = ReportTable(id: "pools", title: "",
                                columns: [.init("name", l("pool")), .init("tenants", l("tenants")), .init("virtual_machines", l("VMs")),
                                          .init("blades", l("blades")), .init("blades_fixed", l("blade count")),
                                          .init("blades_without_reserve", l("without reserve")), .init("blade_lower_bound", l("lower bound")),
                                          .init("chassis", l("chassis")), .init("storage_arrays", l("arrays")), .init("racks", l("racks")),
                                          .init("cpu_utilisation", l("CPU")), .init("memory_utilisation", l("memory")),
                                          .init("layout", l("layout")), .init("ha.ok", l("HA")),
                                          .init("yearly_cost.total_yen", l("yearly cost"), unit: .yenMillions)],
                                rows: plan.pools.map { p in
                                    [.text(p.name), .integer(p.tenantCodes.count), .integer(p.virtualMachines.count), .integer(p.blades),
                                     .text(bladeCount(p, localizer: l)), .integer(p.bladesWithoutReserve), .integer(p.bladeLowerBound),
                                     .integer(p.chassis), .integer(p.storageArrays), .integer(p.racks),
                                     .percent(p.cpuUtilisation, decimals: 1), .percent(p.memoryUtilisation, decimals: 1),
                                     .text(p.layout.rawValue), .verdict(p.ha.ok, p.ha.ok ? l("ok") : l("FAIL")), m(p.yearlyCost.total)]
                                },
                                printLimit: 100)
        var before: [String: Int] = [:]
        for t in plan.tenants { before[t.pool, default: 0] += t.physicalServersBefore }
        let shown = plan.pools.sorted { (before[$0.name] ?? 0) > (before[$1.name] ?? 0) }.prefix(30)
        let chart = ReportChart(caption: l("Dedicated servers before and blades after, per pool") + (plan.pools.count > 30 ? l(" (the 30 with most servers)") : ""),
                                kind: .bars(shown.flatMap { p in
                                    [ReportChart.Bar(l("{1}: servers before", p.name), Double(before[p.name] ?? 0)),
                                     ReportChart.Bar(l("{1}: blades after", p.name), Double(p.blades))]
                                }, decimals: 0),
                                unit: .servers, axisLabel: l("servers or blades"))
        return ReportSection(id: "pools", title: l("Pools"), parts: [.table(table), .chart(chart)])
    }

    /// What a failure check covers, in words: "any 2 blades", "any one chassis".
    static func scope(_ c: FailureCheck, localizer l: Localizer) -> String {
        guard let k = c.bladesFailing else { return l("any one chassis") }
        return k == 1 ? l("any one blade") : l("any {1} blades", String(k))
    }

    static func failureChecks(_ plan: PlanResult, localizer l: Localizer) -> ReportSection {
        var rows: [[ReportValue]] = []
        for p in plan.pools {
            for c in [p.ha.bladeFailures, p.ha.chassisFailure] {
                let stranded = c.stranded.isEmpty ? l("none") : c.stranded.prefix(8).joined(separator: ", ") + (c.stranded.count > 8 ? " … (\(c.stranded.count))" : "")
                rows.append([.text(p.name), .text(admission(p, localizer: l)), .text(scope(c, localizer: l)),
                             .text(c.required ? l("required") : l("informational")),
                             .integer(c.casesChecked), .text(c.exhaustive ? l("all") : l("sampled of {1}", "\(c.casesTotal)")),
                             .integer(c.failingCases), .verdict(c.ok || !c.required, c.ok ? l("ok") : c.required ? l("FAIL") : l("fails (informational)")),
                             .text(stranded)])
            }
            let a = p.ha.arrayLoss
            rows.append([.text(p.name), .text(admission(p, localizer: l)), .text(l("any one storage array")),
                         .text(a.required ? l("required") : l("informational")), .integer(a.arrays), .text(l("all")),
                         .integer(a.failingArrays), .verdict(a.ok || !a.required, a.ok ? l("ok") : a.required ? l("FAIL") : l("fails (informational)")),
                         .text(a.systemsDown.isEmpty ? l("none") : a.systemsDown.prefix(8).joined(separator: ", "))])
        }
        let table = ReportTable(id: "failure_checks", title: "",
                                columns: [.init("pool", l("pool")), .init("admission", l("rule")), .init("description", l("what fails")),
                                          .init("required", l("required")), .init("cases_checked", l("cases")),
                                          .init("exhaustive", l("coverage")), .init("failing_cases", l("failing")),
                                          .init("ok", l("verdict")), .init("stranded_vms", l("stranded in the worst case"))],
                                rows: rows, printLimit: 150)
        let intro = Prose(l("Each check takes the VMs off the failed blades and restarts them, highest restart priority first, on the surviving blades up to the failover utilisation of the pool's policy; a VM that finds no room is stranded."))
        let reserve = ReportChart(caption: l("What the HA policy costs: blades beyond those the load needs, per pool"),
                                  kind: .bars(plan.pools.prefix(30).map { ReportChart.Bar($0.name, Double($0.blades - $0.bladesWithoutReserve)) }, decimals: 0),
                                  unit: .blades, axisLabel: l("reserve blades"))
        return ReportSection(id: "failure_checks", title: l("Failure checks"), parts: [.paragraph(intro), .table(table), .chart(reserve)])
    }

    /// The pool's admission rule in words.
    static func admission(_ p: PoolPlan, localizer l: Localizer) -> String {
        let ha = p.pool.policy.ha
        var words: String
        switch ha.admission {
        case .hostFailures(let k): words = k == 1 ? l("tolerate one blade failure") : l("tolerate {1} blade failures", String(k))
        case .percentageReserved(let x): words = l("reserve {1} of CPU and memory", NumberFormat.percent(x, decimals: 0))
        case .dedicatedFailoverHosts(let k): words = l("{1} dedicated failover blades", String(k))
        }
        if ha.tolerateChassisFailure { words += l(", and any one chassis") }
        return words
    }
}
