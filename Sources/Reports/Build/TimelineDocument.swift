import CapacityModel
import Planning

/// `plan --timeline` as report sections, after the plan's: per pool the months in which
/// something changes, the onboarding of joining tenants, the orders and the yearly bills.
public enum TimelineDocument {
    public static func sections(_ t: Timeline, localizer l: Localizer) -> [ReportSection] {
        var parts: [ReportPart] = [.paragraph(Prose(t.ok ? l("Timeline of {1} months; installed hardware meets the need every month.", String(t.months))
                                                    : l("Timeline of {1} months; installed hardware falls short of the need in some months (see SHORT).", String(t.months))))]
        for p in t.pools {
            let rule = p.procurement
            parts.append(.subheading(l("Pool {1}", p.pool)))
            parts.append(.paragraph(l.prose("Lead time {1} weeks ({2} months), orders by {3}, initial purchase for the {4}; {5} sizings.",
                                            .text(NumberFormat.grouped(rule.leadTimeWeeks, decimals: rule.leadTimeWeeks == rule.leadTimeWeeks.rounded() ? 0 : 1)),
                                            .text(String(rule.leadTimeMonths)), .code(rule.unit.rawValue), .code(rule.initial.rawValue), .text(String(p.sizings)))))
            parts.append(.table(months(p, localizer: l)))
            if !p.onboarding.isEmpty {
                parts.append(.list(p.onboarding.map { o in
                    l.prose("{1} joins in month {2}: {3} GiB to move in, {4} days; live in month {5}.", .code(o.tenantCode), .text(String(o.joinMonth)),
                            .text(NumberFormat.grouped(o.dataGiB, decimals: 0)), .text(NumberFormat.grouped(o.migrationDays, decimals: 1)), .text(String(o.liveMonth)))
                }))
            }
            parts.append(.table(orders(p, localizer: l)))
            parts.append(.table(bills(p, localizer: l)))
        }
        return [ReportSection(id: "timeline", title: l("Timeline"), parts: parts)]
    }

    static func months(_ p: PoolTimeline, localizer l: Localizer) -> ReportTable {
        ReportTable(
            id: "timeline_\(p.pool)", title: l("Months in which something changes"),
            columns: [.init("month", l("month")), .init("tenants_in_service", l("tenants")), .init("joining", l("joining")),
                      .init("going_live", l("live")), .init("virtual_machines", l("VMs")), .init("blades_needed", l("blades needed")),
                      .init("blades_installed", l("blades installed")), .init("chassis_installed", l("chassis")),
                      .init("arrays_needed", l("arrays needed")), .init("arrays_installed", l("arrays installed")),
                      .init("racks_installed", l("racks")), .init("cpu_utilisation", l("CPU")), .init("ha_ok", l("HA"))],
            rows: TimelineReport.changeMonths(p).map { m in
                [.integer(m.month), .integer(m.tenantsInService.count), .text(m.joining.joined(separator: " ")), .text(m.goingLive.joined(separator: " ")),
                 .integer(m.virtualMachines), .integer(m.bladesNeeded), .integer(m.bladesInstalled), .integer(m.chassisInstalled),
                 .integer(m.arraysNeeded), .integer(m.arraysInstalled), .integer(m.racksInstalled), .percent(m.cpuUtilisation, decimals: 1),
                 .verdict(m.haOK, m.haOK ? l("ok") : l("SHORT"))]
            })
    }

    static func orders(_ p: PoolTimeline, localizer l: Localizer) -> ReportTable {
        ReportTable(
            id: "orders_\(p.pool)", title: l("Orders"),
            columns: [.init("ordered_month", l("ordered")), .init("delivered_month", l("delivered")), .init("item", l("item")),
                      .init("model", l("model")), .init("count", l("count")), .init("price_yen", l("price"), unit: .yen), .init("trigger", l("why"))],
            rows: p.orders.map { o in
                [.integer(o.orderedMonth), .integer(o.deliveredMonth), .text(l(o.item == .storageArray ? "storage array" : o.item.rawValue)), .text(o.model), .integer(o.count),
                 .yen(o.price.value, .yen), .text(o.trigger)]
            },
            total: p.orders.isEmpty ? nil : [.text(l("total")), .text(""), .text(""), .text(""), .missing,
                                             .yen(p.orders.reduce(0.0) { $0 + $1.price.value }, .yen), .text("")])
    }

    /// Tenants × years (each month split among the tenants in service then).
    static func bills(_ p: PoolTimeline, localizer l: Localizer) -> ReportTable {
        let yearly = TimelineReport.yearlyCost(p)
        var byTenant: [(String, [TimelineBill])] = []
        for b in p.bills {
            if byTenant.last?.0 == b.tenantCode { byTenant[byTenant.count - 1].1.append(b) } else { byTenant.append((b.tenantCode, [b])) }
        }
        return ReportTable(
            id: "bills_\(p.pool)", title: l("Bills by year (each month split among the tenants in service then)"),
            columns: [.init("tenant", l("tenant"))] + yearly.indices.map { .init("year_\($0)", l("year {1}", String($0)), unit: .yenMillions) },
            rows: byTenant.map { code, bills in [.text("\(code) \(bills.first?.tenantName ?? "")")] + bills.map { .yen($0.amount.value, .millions) } },
            total: [.text(l("pool"))] + yearly.map { .yen($0.value, .millions) })
    }
}
