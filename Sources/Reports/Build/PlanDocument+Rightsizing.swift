import CapacityModel
import Planning

/// The plan report's right-sizing section (issue 32): each measured VM's allocation against its
/// use, what it is sized at, and each pool's blades on either basis.
extension PlanDocument {
    /// Nil without measured usage.
    static func rightsizing(_ plan: PlanResult, localizer l: Localizer) -> ReportSection? {
        guard let first = plan.rightsizing.first else { return nil }
        let table = ReportTable(
            id: "rightsizing", title: "",
            columns: [.init("vm", l("VM")), .init("tenant", l("tenant")), .init("pool", l("pool")),
                      .init("allocated_vcpu", l("allocated"), unit: .vcpu),
                      .init("p95_reference_cores", l("used at {1}", first.cpuPercentile.rawValue), unit: .cores),
                      .init("recommended_vcpu", l("recommended"), unit: .vcpu),
                      .init("allocated_memory_gib", l("allocated"), unit: .gib),
                      .init("p95_memory_gib", l("used at {1}", first.memoryPercentile.rawValue), unit: .gib),
                      .init("recommended_memory_gib", l("recommended"), unit: .gib)],
            rows: plan.rightsizing.map { r in
                [.text(r.vm), .text(r.tenant), .text(r.pool), .number(r.allocatedVCPU, decimals: 0), .number(r.cpuReferenceCores, decimals: 3),
                 .number(r.recommendedVCPU, decimals: 0), .number(r.allocatedMemoryGiB, decimals: 1), r.memoryGiB.map { .number($0, decimals: 1) } ?? .missing,
                 .number(r.recommendedMemoryGiB, decimals: 1)]
            },
            total: [.text(l("total")), .text(""), .text(""), .number(plan.rightsizing.reduce(0) { $0 + $1.allocatedVCPU }, decimals: 0),
                    .number(plan.rightsizing.reduce(0) { $0 + $1.cpuReferenceCores }, decimals: 2),
                    .number(plan.rightsizing.reduce(0) { $0 + $1.recommendedVCPU }, decimals: 0),
                    .number(plan.rightsizing.reduce(0) { $0 + $1.allocatedMemoryGiB }, decimals: 1), .missing,
                    .number(plan.rightsizing.reduce(0) { $0 + $1.recommendedMemoryGiB }, decimals: 1)],
            printLimit: 60,
            note: l.prose("CPU used is in reference cores ({1}); a VM is sized at the percentile plus the policy's headroom, its vCPUs in the pool blade's cores. Memory without measurements stays at the allocation.",
                          .text(CoreScore.reference)))
        var parts: [ReportPart] = []
        for p in plan.pools {
            guard let allocated = p.bladesAllocatedBasis else { continue }
            parts.append(.paragraph(l.prose("Pool {1}: {2} sized on measured use; {3} sized on what its measured VMs are allocated.",
                                            .text(p.name), .strong(l.count(p.blades, "blade", "blades", counter: "台")),
                                            .text(l.count(allocated, "blade", "blades", counter: "台")))))
        }
        return ReportSection(id: "rightsizing", title: l("Right-sizing from measured usage"), parts: parts + [.table(table)])
    }
}

extension PlanDocument {
    /// The runway of each pool with a forecast: nil without one.
    static func runway(_ plan: PlanResult, localizer l: Localizer) -> ReportSection? {
        guard !plan.runway.isEmpty else { return nil }
        let none = l("beyond 10 years")
        let table = ReportTable(
            id: "runway", title: "",
            columns: [.init("pool", l("pool")), .init("history", l("history")), .init("trend_percent_per_month", l("trend a month"), unit: .percent),
                      .init("backtest_mape_percent", l("backtest error (MAPE)"), unit: .percent), .init("installed_blades", l("installed blades")),
                      .init("capacity_scale", l("growth they hold")),
                      .init("month_exhausted.p50", l("run out (median)")), .init("month_exhausted.p95", l("run out (p95)"))],
            rows: plan.runway.map { r in
                [.text(r.pool), .text("\(r.firstMonth) – \(r.lastMonth) (\(r.months))"), .number(r.trendPercentPerMonth, decimals: 2),
                 r.backtestMAPEPercent.map { .number($0, decimals: 1) } ?? .missing, .integer(r.installedBlades),
                 .text("×" + NumberFormat.grouped(r.capacityScale, decimals: 2)),
                 .text(r.monthExhaustedP50.map { "\($0) (\(r.monthsLeftP50!))" } ?? none),
                 .text(r.monthExhaustedP95.map { "\($0) (\(r.monthsLeftP95!))" } ?? none)]
            },
            note: Prose(l("Each pool's monthly p95 CPU of its measured tenants (12 months or more) is fitted with a trend and a yearly season; the blades hold the measured demand grown by the factor shown (found by sizing again under the HA policy); a month runs out when the forecast's median, or its upper 95% bound, passes it (months left in brackets).")))
        return ReportSection(id: "runway", title: l("Forecast and runway"), parts: [.table(table)])
    }
}
