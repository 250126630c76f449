import Simulation

/// The simulation report's detail: failures and energy, every tenant-system, pools over time,
/// backup and disaster recovery, and the run itself.
extension SimulationDocument {
    static func failures(_ r: SimulationResult, localizer l: Localizer) -> ReportSection {
        let counts = ReportTable(id: "failures", title: l("Failures per replication"),
                                 columns: [.init("blades", l("blades")), .init("chassis", l("chassis")),
                                           .init("storage_arrays", l("storage arrays")), .init("sites", l("sites"))],
                                 rows: [[est(r.bladeFailures), est(r.chassisFailures), est(r.arrayFailures), est(r.siteFailures)]])
        var parts: [ReportPart] = [.table(counts), .paragraph(energy(r, localizer: l))]
        let byCause = DowntimeCause.allCases.map { c in
            r.tenantSystems.reduce(0.0) { $0 + ($1.downtimeMinutesByCause[c.rawValue].mean.isNaN ? 0 : $1.downtimeMinutesByCause[c.rawValue].mean) }
        }
        let all = byCause.reduce(0, +)
        if all > 0 {
            parts.append(.table(ReportTable(
                id: "downtime_by_cause", title: l("Downtime by what started it (summed over the tenant systems, per replication)"),
                columns: [.init("cause", l("cause")), .init("downtime_minutes", l("downtime"), unit: .minutes), .init("share", l("share"))],
                rows: DowntimeCause.allCases.map { [.text(l($0.name.replacingOccurrences(of: "_", with: " "))), .number(byCause[$0.rawValue], decimals: 1),
                                                    .percent(byCause[$0.rawValue] / all, decimals: 1)] },
                total: [.text(l("total")), .number(all, decimals: 1), .percent(1, decimals: 1)])))
            parts.append(.chart(ReportChart(caption: l("Downtime by cause, summed over every system (a replication)"),
                                            kind: .bars(DowntimeCause.allCases.map { ReportChart.Bar(l($0.name.replacingOccurrences(of: "_", with: " ")), byCause[$0.rawValue]) }, decimals: 1),
                                            unit: .minutes, axisLabel: l("downtime"))))
        }
        let restarted = r.tenantSystems.filter { !$0.restartLatencyPartsMinutes.isEmpty && !$0.restartLatencyPartsMinutes[0].mean.isNaN }
        if !restarted.isEmpty {
            parts.append(.table(ReportTable(
                id: "restart_phases", title: l("Restart latency by phase: the mean over the {1} tenant systems with restarts", String(restarted.count)),
                columns: [.init("phase", l("phase")), .init("minutes", l("mean"), unit: .minutes)],
                rows: RestartPhase.allCases.map { p in
                    [.text(l(p.name.replacingOccurrences(of: "_", with: " "))),
                     .number(restarted.reduce(0.0) { $0 + $1.restartLatencyPartsMinutes[p.rawValue].mean } / Double(restarted.count), decimals: 2)]
                })))
        }
        return ReportSection(id: "failures", title: l("Failures, energy and downtime"), parts: parts)
    }

    /// The blades' energy and, with power management, what it did and saved.
    static func energy(_ r: SimulationResult, localizer l: Localizer) -> Prose {
        func total(_ path: KeyPath<SimulationResult.PoolSeries, Estimate>) -> Double {
            r.pools.reduce(0.0) { $0 + ($1[keyPath: path].mean.isNaN ? 0 : $1[keyPath: path].mean) }
        }
        let years = r.horizonSeconds / (365 * 86_400)
        let energy = total(\.energyMWh)
        var p = l.prose("Blade energy: {1} MWh per replication ({2} MWh a year; chassis, storage and cooling not included).",
                        .text(NumberFormat.grouped(energy, decimals: 1)), .text(NumberFormat.grouped(energy / years, decimals: 1)))
        if r.powerManagement {
            let saved = total(\.energySavedMWh)
            let share = energy + saved > 0 ? saved / (energy + saved) : 0
            let hours = r.tenantSystems.reduce(0.0) { $0 + ($1.standbyStrandedVMHours.mean.isNaN ? 0 : $1.standbyStrandedVMHours.mean) }
            p = p + l.prose(" Power management put {1} blades in standby and woke {2}, with {3} live migrations; {4} blade-hours in standby saved {5} MWh ({6} of the energy with every blade on). Restarts that waited for a blade in standby: {7} per replication ({8} VM-hours).",
                            .text(NumberFormat.grouped(total(\.powerOffs), decimals: 1)), .text(NumberFormat.grouped(total(\.powerOns), decimals: 1)),
                            .text(NumberFormat.grouped(total(\.liveMigrations), decimals: 1)), .text(NumberFormat.grouped(total(\.standbyBladeHours), decimals: 0)),
                            .text(NumberFormat.grouped(saved, decimals: 1)), .text(NumberFormat.percent(share)),
                            .text(NumberFormat.grouped(total(\.restartsDelayedByStandby), decimals: 1)), .text(NumberFormat.grouped(hours, decimals: 1)))
        }
        let late = r.tenantSystems.reduce(0.0) { $0 + ($1.deliveryStrandedVMHours.mean.isNaN ? 0 : $1.deliveryStrandedVMHours.mean) }
        if late > 0 {
            let all = r.tenantSystems.reduce(0.0) { $0 + ($1.strandedVMHours.mean.isNaN ? 0 : $1.strandedVMHours.mean) }
            p = p + l.prose(" VMs stranded waiting for late blade deliveries: {1} VM-hours per replication (of {2} stranded in all).",
                            .text(NumberFormat.grouped(late, decimals: 1)), .text(NumberFormat.grouped(all, decimals: 1)))
        }
        return p
    }

    /// "06403 飯豊町", with "(joins after 2 y)" for a tenant that joins late.
    static func tenantLabel(_ t: SimulationResult.TenantSystem, localizer l: Localizer) -> String {
        let y = t.joinsAfterYears
        return "\(t.tenantCode) \(t.tenantName)" + (y > 0 ? l(" (joins after {1} y)", NumberFormat.grouped(y, decimals: y == y.rounded() ? 0 : 2)) : "")
    }

    /// Every tenant-system, the least available first (systems that never joined last).
    static func systems(_ r: SimulationResult, localizer l: Localizer) -> ReportSection {
        let order = r.tenantSystems.indices.sorted {
            let a = r.tenantSystems[$0].availability.mean, b = r.tenantSystems[$1].availability.mean
            let x = a.isNaN ? 2 : a, y = b.isNaN ? 2 : b
            return x < y || (x == y && $0 < $1)
        }
        let table = ReportTable(
            id: "tenant_systems", title: "",
            columns: [.init("tenant", l("tenant")), .init("system", l("system")), .init("availability", l("availability")),
                      .init("availability_nines", l("nines")), .init("downtime_minutes_per_year", l("down a year"), unit: .minutes),
                      .init("downtime_minutes", l("downtime"), unit: .minutes), .init("outages", l("outages")),
                      .init("restart_p95_minutes", l("restart p95"), unit: .minutes), .init("stranded_vm_hours", l("stranded"), unit: .vmHours),
                      .init("contention_minutes", l("contention"), unit: .minutes)],
            rows: order.map { i in
                let t = r.tenantSystems[i]
                return [.text(tenantLabel(t, localizer: l)), .text(t.system), availability(t.availability),
                        t.availabilityNines.isNaN ? .missing : t.availabilityNines.isInfinite ? .text("∞") : .number(t.availabilityNines, decimals: 2),
                        t.downtimeMinutesPerYear.isNaN ? .missing : .number(t.downtimeMinutesPerYear, decimals: 1),
                        est(t.downtimeMinutes, decimals: 1), est(t.outages), est(t.restartLatencyP95Minutes, decimals: 1),
                        est(t.strandedVMHours), est(t.contentionMinutes, decimals: 0)]
            }, printLimit: systemPrintLimit)
        var parts: [ReportPart] = [.table(table)]
        let clean = r.tenantSystems.filter { $0.outagesPerYear.events == 0 && $0.outagesPerYear.exposureYears > 0 }
        if let least = clean.min(by: { $0.outagesPerYear.exposureYears < $1.outagesPerYear.exposureYears }) {
            parts.append(.paragraph(l.prose("{1} of {2} tenant systems had no outage in {3} replication-years or more: at most {4} outages a year each (95%, exact Poisson).",
                                            .text(NumberFormat.integer(clean.count)), .text(NumberFormat.integer(r.tenantSystems.count)),
                                            .text(NumberFormat.grouped(least.outagesPerYear.exposureYears, decimals: 1)),
                                            .text(NumberFormat.grouped(least.outagesPerYear.high, decimals: 4)))))
        }
        let worst = order.prefix(30).map { r.tenantSystems[$0] }.filter { !$0.downtimeMinutesPerYear.isNaN }
        parts.append(.chart(ReportChart(caption: l("Downtime a year of the least available systems, with 95% intervals"),
                                        kind: .bars(worst.map { t in
                                            let perYear = t.inServiceHours > 0 ? 8_760 / t.inServiceHours : 0
                                            return ReportChart.Bar("\(t.tenantCode) \(t.system)", t.downtimeMinutesPerYear,
                                                                   low: t.downtimeMinutes.low * perYear, high: t.downtimeMinutes.high * perYear)
                                        }, decimals: 1),
                                        unit: .minutesPerYear, axisLabel: l("downtime a year"))))
        return ReportSection(id: "tenant_systems", title: l("Tenants and systems"), parts: parts)
    }

    static func pools(_ r: SimulationResult, startYear: Int, localizer l: Localizer) -> ReportSection {
        let table = ReportTable(
            id: "pools", title: "",
            columns: [.init("name", l("pool")), .init("blades", l("blades")), .init("blade_availability", l("blade availability")),
                      .init("utilisation_p95_mean", l("mean daily p95 CPU utilisation")), .init("blades_down_max", l("most blades down at once")),
                      .init("energy_mwh", l("blade energy"), unit: .megawattHours)],
            rows: r.pools.map { p in
                let p95 = p.utilisationP95.isEmpty ? Double.nan : p.utilisationP95.reduce(0.0) { $0 + $1.mean } / Double(p.utilisationP95.count)
                return [.text(p.pool), .integer(p.blades), availability(p.bladeAvailability), .percent(p95, decimals: 1),
                        .number(p.bladesDownMax.map(\.mean).max() ?? .nan, decimals: 1), est(p.energyMWh, decimals: 1)]
            }, printLimit: 100)
        var parts: [ReportPart] = [.table(table)]
        let axis = ReportChart.TimeAxis(startYear: startYear)
        for p in r.pools.prefix(4) where !p.utilisationP95.isEmpty {
            parts.append(.chart(ReportChart(caption: l("{1}: daily CPU utilisation of the available blades (means across replications)", p.pool),
                                            kind: .lines([.init("p50", p.utilisationP50.map(\.mean)), .init("p95", p.utilisationP95.map(\.mean)),
                                                          .init(l("max"), p.utilisationMax.map(\.mean))], axis),
                                            unit: .percent, axisLabel: l("CPU utilisation"))))
            parts.append(.chart(ReportChart(caption: l("{1}: daily p95 utilisation of the first year as a heat map (weeks across, days down)", p.pool),
                                            kind: .heatMap(Array(p.utilisationP95.prefix(371).map(\.mean)), axis),
                                            unit: .percent, axisLabel: l("daily p95 utilisation"))))
            parts.append(.chart(ReportChart(caption: l("{1}: most blades down at once each day (mean across replications)", p.pool),
                                            kind: .lines([.init(l("blades down"), p.bladesDownMax.map(\.mean))], axis),
                                            unit: .blades, axisLabel: l("blades down"))))
        }
        return ReportSection(id: "sim_pools", title: l("Pools"), parts: parts)
    }

    static func run(_ r: SimulationResult, timing: SimulationReport.Timing?, localizer l: Localizer) -> ReportSection {
        var p = l.prose("Events processed: {1}.", .text(NumberFormat.integer(Int(r.events))))
        if let timing {
            let rate = r.eventLoopSeconds > 0 ? Double(r.events) / r.eventLoopSeconds : 0
            p = p + l.prose(" Event loops {1} s ({2} M events/s), wall time {3} s.", .text(NumberFormat.grouped(r.eventLoopSeconds, decimals: 2)),
                            .text(NumberFormat.grouped(rate / 1e6, decimals: 2)), .text(NumberFormat.grouped(timing.wallSeconds, decimals: 2)))
        }
        return ReportSection(id: "run", title: l("The run"), parts: [.paragraph(p)])
    }

    static func continuity(_ c: ContinuityResult, localizer l: Localizer) -> [ReportSection] {
        let links = ReportTable(
            id: "sim_backup_links", title: "",
            columns: [.init("link", l("link")), .init("from", l("from")), .init("to", l("to")), .init("utilisation", l("link use")),
                      .init("window_overruns", l("window overruns"))],
            rows: c.links.map { [.text($0.link), .text($0.from), .text($0.to), est($0.utilisation, decimals: 2, percent: true), est($0.windowOverruns, decimals: 1)] },
            printLimit: 100)
        let chart = ReportChart(caption: l("Share of each link's bandwidth the copies used over the horizon"),
                                kind: .bars(c.links.prefix(30).map { ReportChart.Bar("\($0.link) \($0.from)→\($0.to)", $0.utilisation.mean * 100) }, decimals: 2),
                                unit: .percent, axisLabel: l("link use (%)"))
        let hours = { (x: Double?) -> ReportValue in x.map { .number($0, decimals: 2) } ?? .missing }
        let shown = c.systems.filter(\.offsite).sorted {
            ($0.rpoMaxHours.mean.isNaN ? 0 : $0.rpoMaxHours.mean) > ($1.rpoMaxHours.mean.isNaN ? 0 : $1.rpoMaxHours.mean)
        }
        let systems = ReportTable(
            id: "sim_dr_systems", title: "",
            columns: [.init("tenant", l("tenant")), .init("system", l("system")), .init("partner", l("partner")),
                      .init("rpo_p50_hours", l("RPO p50"), unit: .hours), .init("rpo_max_hours", l("RPO max"), unit: .hours),
                      .init("planned_rpo_hours", l("planned RPO"), unit: .hours), .init("disasters", l("site losses")),
                      .init("restores", l("restored")), .init("rto_hours", l("RTO"), unit: .hours), .init("planned_rto_hours", l("planned RTO"), unit: .hours),
                      .init("data_lost_gib", l("data lost"), unit: .gib)],
            rows: shown.map { s in
                [.text(s.tenantCode), .text(s.system), .text(s.partner ?? "-"), est(s.rpoP50Hours), est(s.rpoMaxHours), hours(s.plannedRPOHours),
                 .integer(s.disasters), .integer(s.restores), est(s.rtoHours), hours(s.plannedRTOHours), est(s.dataLostGiB, decimals: 1)]
            }, printLimit: systemPrintLimit)
        return [ReportSection(id: "sim_backup_links", title: l("Backup links (share of mbps × efficiency carried over the horizon)"), parts: [.table(links), .chart(chart)]),
                ReportSection(id: "sim_dr", title: l("Copies at the partner and site losses (longest worst RPO first)"), parts: [.table(systems)])]
    }
}
