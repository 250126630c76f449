import Foundation
import Simulation

/// Renders a `SimulationResult`; the JSON layout is documented in docs/simulation-json.md.
public enum SimulationReport {
    public static let formatVersion = 1

    /// How the per-pool time series are summarised in reports.
    public enum SeriesInterval: String, CaseIterable, Sendable {
        case day, week, month, none
        var days: Int { switch self { case .day: 1; case .week: 7; case .month: 30; case .none: 0 } }
    }

    /// Wall-clock figures, which change from run to run (left out with --no-timing).
    public struct Timing: Sendable {
        public var wallSeconds: Double
        public init(wallSeconds: Double) { self.wallSeconds = wallSeconds }
    }

    static func estimate(_ e: Estimate, scale: Double = 1, decimals: Int = 6) -> JSONValue {
        .object([("mean", .rounded(e.mean * scale, decimals)), ("ci95", .rounded(e.halfWidth * scale, decimals)),
                 ("ci95_low", .rounded(e.low * scale, decimals)), ("ci95_high", .rounded(e.high * scale, decimals))])
    }

    public static func json(_ r: SimulationResult, scenarioName: String, scenarioFile: String,
                            series: SeriesInterval = .day, timing: Timing?) -> JSONValue {
        var performance: [(String, JSONValue)] = [("events", .integer(Int(r.events)))]
        if let timing {
            performance.append(("event_loop_seconds", .rounded(r.eventLoopSeconds, 3)))
            performance.append(("events_per_second", .rounded(r.eventLoopSeconds > 0 ? Double(r.events) / r.eventLoopSeconds : 0, 0)))
            performance.append(("wall_seconds", .rounded(timing.wallSeconds, 3)))
        }
        var byTenant: [(String, String, [SimulationResult.TenantSystem])] = []
        for ts in r.tenantSystems {
            if let last = byTenant.indices.last, byTenant[last].0 == ts.tenantCode {
                byTenant[last].2.append(ts)
            } else {
                byTenant.append((ts.tenantCode, ts.tenantName, [ts]))
            }
        }
        return .object([
            ("format", .string("cloudplan-simulation")),
            ("format_version", .integer(formatVersion)),
            ("scenario", .object([("name", .string(scenarioName)), ("file", .string(scenarioFile))])),
            ("seed", .integer(Int(truncatingIfNeeded: r.seed))),
            ("replications", .integer(r.replications)),
            ("horizon_hours", .rounded(r.horizonSeconds / 3_600, 3)),
            ("performance", .object(performance)),
            ("failures_per_replication", .object([
                ("blades", estimate(r.bladeFailures, decimals: 3)), ("chassis", estimate(r.chassisFailures, decimals: 3)),
                ("storage_arrays", estimate(r.arrayFailures, decimals: 3)), ("sites", estimate(r.siteFailures, decimals: 3)),
            ])),
            ("tenants", .array(byTenant.map { code, name, systems in
                .object([("code", .string(code)), ("name", .string(name)),
                         ("joins_after_years", .rounded(systems.first?.joinsAfterYears ?? 0, 6)),
                         ("systems", .array(systems.map(tenantSystem)))])
            })),
            ("pools", .array(r.pools.map { pool($0, series: series) })),
        ] + continuityJSON(r.continuity) + precisionJSON(r.precision))
    }

    static func tenantSystem(_ t: SimulationResult.TenantSystem) -> JSONValue {
        .object([
            ("system", .string(t.system)),
            ("in_service_hours", .rounded(t.inServiceHours, 3)),
            ("availability", estimate(t.availability, decimals: 8)),
            ("availability_nines", .rounded(t.availabilityNines, 3)),
            ("downtime_minutes", estimate(t.downtimeMinutes, decimals: 3)),
            ("downtime_minutes_per_year", .rounded(t.downtimeMinutesPerYear, 3)),
            ("downtime_minutes_by_cause", .object(DowntimeCause.allCases.map { c in
                (c.name, estimate(t.downtimeMinutesByCause[c.rawValue], decimals: 3))
            })),
            ("outages", estimate(t.outages, decimals: 3)),
            ("outages_per_year", .object([
                ("events", .integer(t.outagesPerYear.events)),
                ("replication_years", .rounded(t.outagesPerYear.exposureYears, 3)),
                ("rate", .rounded(t.outagesPerYear.rate, 6)),
                ("low", .rounded(t.outagesPerYear.low, 6)),
                ("high", .rounded(t.outagesPerYear.high, 6)),
                ("method", .string(t.outagesPerYear.events == 0 ? "exact Poisson, one-sided 95% upper bound" : "exact Poisson (Garwood), two-sided 95%")),
            ])),
            ("restart_latency_minutes", .object([
                ("p50", estimate(t.restartLatencyP50Minutes, decimals: 3)),
                ("p95", estimate(t.restartLatencyP95Minutes, decimals: 3)),
                ("max", estimate(t.restartLatencyMaxMinutes, decimals: 3)),
                ("replications_with_restarts", .integer(t.restartLatencyP50Minutes.count)),
                ("mean_by_phase", .object(RestartPhase.allCases.map { p in
                    (p.name, estimate(t.restartLatencyPartsMinutes[p.rawValue], decimals: 3))
                })),
            ])),
            ("stranded_vm_hours", estimate(t.strandedVMHours, decimals: 3)),
            ("stranded_waiting_for_delivery_vm_hours", estimate(t.deliveryStrandedVMHours, decimals: 3)),
            ("stranded_waiting_for_standby_vm_hours", estimate(t.standbyStrandedVMHours, decimals: 3)),
            ("contention_minutes", estimate(t.contentionMinutes, decimals: 3)),
            ("unserved_core_hours", estimate(t.unservedCoreHours, decimals: 3)),
        ])
    }

    /// Averages of consecutive days (the estimates' means and half-widths averaged alike).
    static func coarsen(_ days: [Estimate], _ n: Int) -> [(Double, Double)] {
        stride(from: 0, to: days.count, by: n).map { start in
            let chunk = days[start..<Swift.min(start + n, days.count)]
            let m = chunk.reduce(0.0) { $0 + $1.mean } / Double(chunk.count)
            let h = chunk.reduce(0.0) { $0 + ($1.halfWidth.isNaN ? 0 : $1.halfWidth) } / Double(chunk.count)
            return (m, h)
        }
    }

    static func pool(_ p: SimulationResult.PoolSeries, series: SeriesInterval) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("name", .string(p.pool)),
            ("blades", .integer(p.blades)),
            ("blade_availability", estimate(p.bladeAvailability, decimals: 8)),
            ("blade_hours", .object(BladeTime.allCases.map { ($0.name, estimate(p.bladeHours[$0.rawValue], decimals: 3)) })),
            ("energy_mwh", estimate(p.energyMWh, decimals: 3)),
            ("power_management", .object([
                ("standby_blade_hours", estimate(p.standbyBladeHours, decimals: 3)),
                ("energy_saved_mwh", estimate(p.energySavedMWh, decimals: 3)),
                ("power_offs", estimate(p.powerOffs, decimals: 3)),
                ("power_ons", estimate(p.powerOns, decimals: 3)),
                ("live_migrations", estimate(p.liveMigrations, decimals: 3)),
                ("restarts_delayed_by_standby", estimate(p.restartsDelayedByStandby, decimals: 3)),
            ])),
        ]
        if series != .none {
            func column(_ e: [Estimate]) -> JSONValue {
                let c = coarsen(e, series.days)
                return .object([("mean", .array(c.map { .rounded($0.0, 4) })), ("ci95", .array(c.map { .rounded($0.1, 4) }))])
            }
            fields.append(("series", .object([
                ("interval", .string(series.rawValue)),
                ("utilisation_p50", column(p.utilisationP50)),
                ("utilisation_p95", column(p.utilisationP95)),
                ("utilisation_max", column(p.utilisationMax)),
                ("blades_down_max", column(p.bladesDownMax)),
            ])))
        }
        return .object(fields)
    }

    /// An availability in percent with enough decimals that any downtime shows: the
    /// unavailability gets two significant digits (at least 4 decimals, at most 9), so 1 minute
    /// down in 5 years reads 99.99996%, not 100.0000%; exactly 100% reads "100%".
    static func availability(_ e: Estimate) -> String {
        guard !e.mean.isNaN else { return "-" }
        let down = (1 - e.mean) * 100
        guard down > 0 else {
            return "100%" + (e.halfWidth > 0 ? " (" + NumberFormat.grouped(e.low * 100, decimals: 9) + "-100%)" : "")
        }
        let decimals = Swift.min(9, Swift.max(4, Int((-Foundation.log10(down)).rounded(.up)) + 1))
        return format(e, decimals: decimals, percent: true)
    }

    /// Nines of an availability: "4.13", "∞" without downtime, "-" if it never joined.
    static func nines(_ n: Double) -> String {
        n.isNaN ? "-" : n.isInfinite ? "∞" : NumberFormat.grouped(n, decimals: 2)
    }

    /// "06403 飯豊町", with "(joins after 2 y)" for a tenant that joins late.
    static func tenantLabel(_ t: SimulationResult.TenantSystem) -> String {
        "\(t.tenantCode) \(t.tenantName)" + (t.joinsAfterYears > 0 ? " (joins after \(NumberFormat.grouped(t.joinsAfterYears, decimals: t.joinsAfterYears == t.joinsAfterYears.rounded() ? 0 : 2)) y)" : "")
    }

    /// The line that says what ± means, or that one replication has no interval.
    static func intervalLegend(_ r: SimulationResult) -> String {
        r.replications > 1 ? "± is the 95% confidence half-width across replications, (a-b) that interval where 0 or 100% cuts it."
            : "one replication: no confidence intervals (give --replications 2 or more)."
    }

    static func format(_ e: Estimate, scale: Double = 1, decimals: Int = 2, percent: Bool = false) -> String {
        guard !e.mean.isNaN else { return "-" }
        let unit = scale * (percent ? 100 : 1)
        let body = NumberFormat.grouped(e.mean * unit, decimals: decimals)
        let sign = percent ? "%" : ""
        if e.halfWidth.isNaN { return body + sign }
        // An interval cut by the quantity's range is written as its two ends.
        if e.isClipped {
            return body + sign + " (" + NumberFormat.grouped(e.low * unit, decimals: decimals) + "-"
                + NumberFormat.grouped(e.high * unit, decimals: decimals) + sign + ")"
        }
        return body + " ±" + NumberFormat.grouped(e.halfWidth * unit, decimals: decimals) + sign
    }

    /// Terminal summary: failures, the worst tenant-systems, pools, performance.
    public static func text(_ r: SimulationResult, scenarioName: String, timing: Timing?, limit: Int = 25) -> String {
        var out = "cloudplan simulate: \(scenarioName)\n"
        out += "\(r.replications) replication\(r.replications == 1 ? "" : "s") of \(NumberFormat.grouped(r.horizonSeconds / 86_400 / 365, decimals: 2)) years, seed \(r.seed); \(intervalLegend(r))\n\n"
        let findings = Self.findings(r)
        if !findings.isEmpty { out += "Findings:\n" + findings.map { "- " + $0 }.joined(separator: "\n") + "\n\n" }
        if let sentence = precisionSentence(r.precision) { out += sentence + "\n\n" }
        out += "failures per replication: blades \(format(r.bladeFailures)), chassis \(format(r.chassisFailures)), storage arrays \(format(r.arrayFailures)), sites \(format(r.siteFailures))\n\n"
        let late = r.tenantSystems.reduce(0.0) { $0 + ($1.deliveryStrandedVMHours.mean.isNaN ? 0 : $1.deliveryStrandedVMHours.mean) }
        if late > 0 {
            let all = r.tenantSystems.reduce(0.0) { $0 + ($1.strandedVMHours.mean.isNaN ? 0 : $1.strandedVMHours.mean) }
            out += "stranded waiting for late blade deliveries: \(NumberFormat.grouped(late, decimals: 1)) VM-hours per replication (of \(NumberFormat.grouped(all, decimals: 1)) stranded in all)\n\n"
        }
        out += energyLines(r)
        out += causeLine(r)
        out += phaseLine(r)
        let worst = r.tenantSystems.enumerated().sorted {
            // Systems that never joined within the horizon (NaN) go last.
            let a = $0.element.availability.mean.isNaN ? 2 : $0.element.availability.mean
            let b = $1.element.availability.mean.isNaN ? 2 : $1.element.availability.mean
            return a < b || (a == b && $0.offset < $1.offset)
        }.prefix(limit)
        var t = TextTable(["tenant", "system", "availability", "nines", "down min/year", "downtime min", "outages", "restart p95 min", "stranded VM-h", "contention min"],
                          alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .right, .right])
        for (_, x) in worst {
            t.add([tenantLabel(x), x.system, availability(x.availability), nines(x.availabilityNines),
                   x.downtimeMinutesPerYear.isNaN ? "-" : NumberFormat.grouped(x.downtimeMinutesPerYear, decimals: 1),
                   format(x.downtimeMinutes, decimals: 1), format(x.outages), format(x.restartLatencyP95Minutes),
                   format(x.strandedVMHours), format(x.contentionMinutes, decimals: 0)])
        }
        let hidden = r.tenantSystems.count - worst.count
        out += "least available tenant systems (\(worst.count) of \(r.tenantSystems.count)"
            + (hidden > 0 ? "; the other \(hidden) are in --format json, csv or markdown" : "") + "):\n" + t.render() + "\n"
        var pools = TextTable(["pool", "blades", "blade availability", "mean daily p95 utilisation", "most blades down"])
        for p in r.pools {
            let p95 = p.utilisationP95.isEmpty ? Double.nan : p.utilisationP95.reduce(0.0) { $0 + $1.mean } / Double(p.utilisationP95.count)
            let down = p.bladesDownMax.map(\.mean).max() ?? .nan
            pools.add([p.pool, String(p.blades), availability(p.bladeAvailability),
                       NumberFormat.percent(p95), NumberFormat.grouped(down, decimals: 1)])
        }
        out += pools.render()
        out += noOutageLine(r)
        out += continuityText(r, limit: limit)
        out += "\nevents: \(NumberFormat.integer(Int(r.events)))"
        if let timing {
            let rate = r.eventLoopSeconds > 0 ? Double(r.events) / r.eventLoopSeconds : 0
            out += ", event loops \(NumberFormat.grouped(r.eventLoopSeconds, decimals: 2)) s (\(NumberFormat.grouped(rate / 1e6, decimals: 2)) M events/s), wall \(NumberFormat.grouped(timing.wallSeconds, decimals: 2)) s"
        }
        return out + "\n"
    }

    /// Downtime summed over tenant-systems, split by what started each outage.
    static func causeLine(_ r: SimulationResult) -> String {
        let total = DowntimeCause.allCases.map { c in
            r.tenantSystems.reduce(0.0) { $0 + ($1.downtimeMinutesByCause[c.rawValue].mean.isNaN ? 0 : $1.downtimeMinutesByCause[c.rawValue].mean) }
        }
        let all = total.reduce(0, +)
        guard all > 0 else { return "" }
        let parts = DowntimeCause.allCases.map { "\($0.name.replacingOccurrences(of: "_", with: " ")) \(NumberFormat.grouped(total[$0.rawValue], decimals: 1)) (\(NumberFormat.percent(total[$0.rawValue] / all)))" }
        return "downtime by what started it, minutes per replication summed over tenant systems: " + parts.joined(separator: ", ") + "\n\n"
    }

    /// Restart latency by phase: the mean over the tenant-systems that had restarts.
    static func phaseLine(_ r: SimulationResult) -> String {
        let restarted = r.tenantSystems.filter { !$0.restartLatencyPartsMinutes.isEmpty && !$0.restartLatencyPartsMinutes[0].mean.isNaN }
        guard !restarted.isEmpty else { return "" }
        let parts = RestartPhase.allCases.map { p in
            let mean = restarted.reduce(0.0) { $0 + $1.restartLatencyPartsMinutes[p.rawValue].mean } / Double(restarted.count)
            return "\(p.name.replacingOccurrences(of: "_", with: " ")) \(NumberFormat.grouped(mean, decimals: 2))"
        }
        return "restart latency by phase, mean minutes over the \(restarted.count) tenant systems with restarts: " + parts.joined(separator: ", ") + "\n\n"
    }

    /// For the tenant-systems that had no outage at all: what that bounds (exact Poisson, 95%).
    static func noOutageLine(_ r: SimulationResult) -> String {
        let clean = r.tenantSystems.filter { $0.outagesPerYear.events == 0 && $0.outagesPerYear.exposureYears > 0 }
        guard let least = clean.min(by: { $0.outagesPerYear.exposureYears < $1.outagesPerYear.exposureYears }) else { return "" }
        return "\n\(clean.count) of \(r.tenantSystems.count) tenant systems had no outage in "
            + "\(NumberFormat.grouped(least.outagesPerYear.exposureYears, decimals: 1)) replication-years or more: "
            + "at most \(NumberFormat.grouped(least.outagesPerYear.high, decimals: 4)) outages a year each (95%, exact Poisson).\n"
    }

    /// The blades' energy and, with power management, what it did and saved.
    static func energyLines(_ r: SimulationResult) -> String {
        func total(_ path: KeyPath<SimulationResult.PoolSeries, Estimate>) -> Double {
            r.pools.reduce(0.0) { $0 + ($1[keyPath: path].mean.isNaN ? 0 : $1[keyPath: path].mean) }
        }
        let years = r.horizonSeconds / (365 * 86_400)
        let energy = total(\.energyMWh)
        var out = "blade energy: \(NumberFormat.grouped(energy, decimals: 1)) MWh per replication (\(NumberFormat.grouped(energy / years, decimals: 1)) MWh a year; chassis, storage and cooling not included)\n"
        if r.powerManagement {
            let saved = total(\.energySavedMWh)
            let share = energy + saved > 0 ? saved / (energy + saved) : 0
            out += "power management: \(NumberFormat.grouped(total(\.powerOffs), decimals: 1)) blades put in standby, \(NumberFormat.grouped(total(\.powerOns), decimals: 1)) woken, "
                + "\(NumberFormat.grouped(total(\.liveMigrations), decimals: 1)) live migrations; \(NumberFormat.grouped(total(\.standbyBladeHours), decimals: 0)) blade-hours in standby saved "
                + "\(NumberFormat.grouped(saved, decimals: 1)) MWh (\(NumberFormat.percent(share)) of the energy with every blade on)\n"
            let delayed = total(\.restartsDelayedByStandby)
            let hours = r.tenantSystems.reduce(0.0) { $0 + ($1.standbyStrandedVMHours.mean.isNaN ? 0 : $1.standbyStrandedVMHours.mean) }
            out += "restarts that waited for a blade in standby: \(NumberFormat.grouped(delayed, decimals: 1)) per replication (\(NumberFormat.grouped(hours, decimals: 1)) VM-hours)\n"
        }
        return out + "\n"
    }

    /// One CSV row per tenant and system.
    public static func csv(_ r: SimulationResult) -> String {
        var rows = [["tenant_code", "tenant_name", "system", "joins_after_years", "in_service_hours", "availability", "availability_ci95", "downtime_minutes",
                     "downtime_minutes_ci95", "outages", "restart_latency_p50_minutes", "restart_latency_p95_minutes",
                     "restart_latency_max_minutes", "stranded_vm_hours", "contention_minutes", "unserved_core_hours"]]
        func v(_ x: Double, _ d: Int) -> String { x.isNaN ? "" : NumberFormat.plain(x, decimals: d) }
        for t in r.tenantSystems {
            rows.append([t.tenantCode, t.tenantName, t.system, v(t.joinsAfterYears, 6), v(t.inServiceHours, 3), v(t.availability.mean, 8), v(t.availability.halfWidth, 8),
                         v(t.downtimeMinutes.mean, 3), v(t.downtimeMinutes.halfWidth, 3), v(t.outages.mean, 3),
                         v(t.restartLatencyP50Minutes.mean, 3), v(t.restartLatencyP95Minutes.mean, 3),
                         v(t.restartLatencyMaxMinutes.mean, 3), v(t.strandedVMHours.mean, 3), v(t.contentionMinutes.mean, 3),
                         v(t.unservedCoreHours.mean, 3)])
        }
        return rows.map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A Markdown report: method, failures, every tenant-system, pools.
    /// - Parameter limit: tenant-systems listed at most (the least available, in scenario
    ///   order); the HTML report keeps its tables printable with it.
    public static func markdown(_ r: SimulationResult, scenarioName: String, timing: Timing?, limit: Int = .max) -> String {
        var md = "# Simulation report: \(scenarioName)\n\n"
        md += "\(r.replications) independent replication\(r.replications == 1 ? "" : "s") of \(NumberFormat.grouped(r.horizonSeconds / 86_400 / 365, decimals: 2)) years (seed \(r.seed)). "
            + (r.replications > 1 ? "Values are means across replications with the half-width of their 95% Student-t confidence interval.\n\n"
                : "With one replication there are no confidence intervals.\n\n")
        let findings = Self.findings(r)
        if !findings.isEmpty { md += "## Findings\n\n" + findings.map { "- " + $0 }.joined(separator: "\n") + "\n\n" }
        if let sentence = precisionSentence(r.precision) { md += sentence.prefix(1).uppercased() + sentence.dropFirst() + ".\n\n" }
        md += "## Failures per replication\n\n| blades | chassis | storage arrays | sites |\n|---:|---:|---:|---:|\n"
        md += "| \(format(r.bladeFailures)) | \(format(r.chassisFailures)) | \(format(r.arrayFailures)) | \(format(r.siteFailures)) |\n\n"
        md += "## Tenants and systems\n\n| tenant | system | availability | downtime (min) | outages | restart p50 / p95 / max (min) | stranded VM-hours | contention (min) |\n|---|---|---:|---:|---:|---:|---:|---:|\n"
        let listed = leastAvailable(r, limit: limit)
        for (i, t) in r.tenantSystems.enumerated() where listed.contains(i) {
            md += "| \(Markdown.text(tenantLabel(t))) | \(Markdown.text(t.system)) | \(availability(t.availability)) | \(format(t.downtimeMinutes, decimals: 1)) | \(format(t.outages)) | \(format(t.restartLatencyP50Minutes, decimals: 1)) / \(format(t.restartLatencyP95Minutes, decimals: 1)) / \(format(t.restartLatencyMaxMinutes, decimals: 1)) | \(format(t.strandedVMHours)) | \(format(t.contentionMinutes, decimals: 0)) |\n"
        }
        if listed.count < r.tenantSystems.count {
            md += "\nThe \(listed.count) least available of \(NumberFormat.integer(r.tenantSystems.count)) tenant systems; all of them are in `--format markdown`, `json` or `csv`.\n"
        }
        md += "\n## Pools\n\n| pool | blades | blade availability |\n|---|---:|---:|\n"
        for p in r.pools { md += "| \(Markdown.text(p.pool)) | \(p.blades) | \(availability(p.bladeAvailability)) |\n" }
        md += continuityMarkdown(r)
        md += "\nEvents processed: \(NumberFormat.integer(Int(r.events)))"
        if let timing { md += "; wall time \(NumberFormat.grouped(timing.wallSeconds, decimals: 2)) s" }
        return md + ".\n"
    }

    /// Positions of the `limit` least available tenant-systems (all when there are no more).
    static func leastAvailable(_ r: SimulationResult, limit: Int) -> Set<Int> {
        guard r.tenantSystems.count > limit else { return Set(r.tenantSystems.indices) }
        let order = r.tenantSystems.indices.sorted {
            let a = r.tenantSystems[$0].availability.mean, b = r.tenantSystems[$1].availability.mean
            let x = a.isNaN ? 2 : a, y = b.isNaN ? 2 : b
            return x < y || (x == y && $0 < $1)
        }
        return Set(order.prefix(limit))
    }
}
