import Foundation
import Planning
import Simulation
import Study

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

    /// - Parameters:
    ///   - plan: the plan simulated; with it, `cost_with_outcome` (`OutcomeCost`).
    ///   - detail: every tenant's systems, or a summary a tenant (`auto`: by the result's size).
    public static func json(_ r: SimulationResult, scenarioName: String, scenarioFile: String,
                            series: SeriesInterval = .day, timing: Timing?, plan: PlanResult? = nil,
                            detail: TenantDetail = .auto) -> JSONValue {
        let detail = detail.resolved(tenantSystems: r.tenantSystems.count)
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
            ("tenant_detail", .string(detail.rawValue)),
            ("tenants", .array(byTenant.map { tenant(code: $0, name: $1, systems: $2, detail: detail) })),
            ("pools", .array(r.pools.map { pool($0, series: series) })),
        ] + continuityJSON(r.continuity) + precisionJSON(r.precision) + outcomeCostJSON(plan.flatMap { OutcomeCost(plan: $0, simulation: r) })
          + [("findings", PlanReport.findings(SimulationDocument.findings(r, localizer: Localizer())))])
    }

    /// `cost_with_outcome`: the plan's yearly cost, the downtime priced, the energy saved and
    /// their total (docs/simulation-json.md).
    static func outcomeCostJSON(_ c: OutcomeCost?) -> [(String, JSONValue)] {
        guard let c else { return [] }
        return [("cost_with_outcome", .object([
            ("yearly_cost_yen", .rounded(c.yearlyCost, 0)),
            ("risk_cost_yen_per_year", estimate(c.risk, decimals: 0)),
            ("energy_saved_yen_per_year", estimate(c.energySaved, decimals: 0)),
            ("total_cost_yen_per_year", estimate(c.total, decimals: 0)),
        ]))]
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
}
