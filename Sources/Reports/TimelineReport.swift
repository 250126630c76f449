import CapacityModel
import Planning

/// Renders a `Timeline` (`plan --timeline`): JSON arrays added to the plan's JSON, a text and a
/// Markdown section, and CSV tables. Keys are documented in docs/plan-json.md.
public enum TimelineReport {
    /// `timeline` (one row per pool and month), `orders`, and `timeline_pools` (one summary per
    /// pool), to append to the plan's JSON object.
    public static func jsonFields(_ t: Timeline) -> [(String, JSONValue)] {
        [
            ("timeline_months", .integer(t.months)),
            ("timeline_ok", .bool(t.ok)),
            ("timeline_pools", .array(t.pools.map(summary))),
            ("timeline", .array(t.pools.flatMap { p in p.months.map { month($0, pool: p.pool) } })),
            ("orders", .array(t.pools.flatMap { $0.orders.map(order) })),
            ("bills", .array(t.pools.flatMap { p in p.bills.map { bill($0, pool: p.pool) } })),
            ("timeline_cash_flow", .array(cashFlow(t).map { y in
                .object([("year", .integer(y.year)), ("purchases_yen", PlanReport.yen(y.purchases)),
                         ("billed_yen", PlanReport.yen(y.billed))])
            })),
        ]
    }

    /// Money by year of the timeline, all pools: the orders' prices in the year they are
    /// delivered (cash out), and the pools' bills (hardware spread over the lease, running costs
    /// and cost lines).
    static func cashFlow(_ t: Timeline) -> [(year: Int, purchases: Yen, billed: Yen)] {
        let years = (t.months + 11) / 12
        var purchases = [Yen](repeating: .zero, count: years), billed = purchases
        for p in t.pools {
            for o in p.orders where o.deliveredMonth / 12 < years { purchases[o.deliveredMonth / 12] = purchases[o.deliveredMonth / 12] + o.price }
            for (y, c) in yearlyCost(p).enumerated() where y < years { billed[y] = billed[y] + c }
        }
        return (0..<years).map { ($0, purchases[$0], billed[$0]) }
    }

    static func summary(_ p: PoolTimeline) -> JSONValue {
        let rule = p.procurement
        return .object([
            ("pool", .string(p.pool)),
            ("ok", .bool(p.ok)),
            ("sizings", .integer(p.sizings)),
            ("lead_time_weeks", .rounded(rule.leadTimeWeeks, 2)),
            ("lead_time_months", .integer(rule.leadTimeMonths)),
            ("unit", .string(rule.unit.rawValue)),
            ("initial", .string(rule.initial.rawValue)),
            ("blades_at_start", .integer(p.months.first?.bladesInstalled ?? 0)),
            ("blades_at_end", .integer(p.months.last?.bladesInstalled ?? 0)),
            ("purchase_yen", PlanReport.yen(p.orders.reduce(Yen.zero) { $0 + $1.price })),
            ("short_months", .array(p.months.filter { $0.bladesInstalled < $0.bladesNeeded || !$0.haOK }.map { .integer($0.month) })),
            ("yearly_cost_yen", .array(yearlyCost(p).map(PlanReport.yen))),
            ("unbilled_yen", PlanReport.yen(p.unbilled)),
            ("onboarding", .array(p.onboarding.map { o in
                .object([("tenant", .string(o.tenantCode)), ("join_month", .integer(o.joinMonth)), ("data_gib", .rounded(o.dataGiB, 1)),
                         ("migration_days", .rounded(o.migrationDays, 2)), ("live_month", .integer(o.liveMonth))])
            })),
        ])
    }

    /// The pool's cost summed over each year of the timeline (whole yen).
    static func yearlyCost(_ p: PoolTimeline) -> [Yen] {
        stride(from: 0, to: p.monthlyCost.count, by: 12).map { start in
            p.monthlyCost[start..<Swift.min(start + 12, p.monthlyCost.count)].reduce(Yen.zero, +)
        }
    }

    static func bill(_ b: TimelineBill, pool: String) -> JSONValue {
        .object([("pool", .string(pool)), ("tenant", .string(b.tenantCode)), ("name", .string(b.tenantName)),
                 ("year", .integer(b.year)), ("months_in_service", .integer(b.monthsInService)), ("bill_yen", PlanReport.yen(b.amount))])
    }

    static func month(_ m: TimelineMonth, pool: String) -> JSONValue {
        .object([
            ("month", .integer(m.month)),
            ("pool", .string(pool)),
            ("tenants_in_service", .integer(m.tenantsInService.count)),
            ("joining", .array(m.joining.map(JSONValue.string))),
            ("migrating", .array(m.migrating.map(JSONValue.string))),
            ("going_live", .array(m.goingLive.map(JSONValue.string))),
            ("virtual_machines", .integer(m.virtualMachines)),
            ("blades_needed", .integer(m.bladesNeeded)),
            ("blades_installed", .integer(m.bladesInstalled)),
            ("chassis_installed", .integer(m.chassisInstalled)),
            ("arrays_needed", .integer(m.arraysNeeded)),
            ("arrays_installed", .integer(m.arraysInstalled)),
            ("racks_installed", .integer(m.racksInstalled)),
            ("cpu_utilisation", .rounded(m.cpuUtilisation, 4)),
            ("ha_ok", .bool(m.haOK)),
        ])
    }

    static func order(_ o: PurchaseOrder) -> JSONValue {
        .object([
            ("pool", .string(o.pool)),
            ("item", .string(o.item.rawValue)),
            ("model", .string(o.model)),
            ("count", .integer(o.count)),
            ("ordered_month", .integer(o.orderedMonth)),
            ("delivered_month", .integer(o.deliveredMonth)),
            ("price_yen", PlanReport.yen(o.price)),
            ("trigger", .string(o.trigger)),
        ])
    }

    /// The months worth reading: the first, every month something changes, and the last.
    static func changeMonths(_ p: PoolTimeline) -> [TimelineMonth] {
        var rows: [TimelineMonth] = []
        for (i, m) in p.months.enumerated() {
            let previous = i > 0 ? p.months[i - 1] : nil
            let changed = previous.map {
                $0.bladesNeeded != m.bladesNeeded || $0.bladesInstalled != m.bladesInstalled || $0.arraysInstalled != m.arraysInstalled
                    || $0.arraysNeeded != m.arraysNeeded || $0.tenantsInService != m.tenantsInService || $0.haOK != m.haOK
                    || $0.migrating != m.migrating
            } ?? true
            if changed || i == p.months.count - 1 { rows.append(m) }
        }
        return rows
    }

    /// CSV rows with their header: one per pool and month (`--table timeline`) or per order
    /// (`--table orders`).
    static func csvRows(_ t: Timeline, orders: Bool) -> [[String]] {
        if orders {
            var rows = [["pool", "item", "model", "count", "ordered_month", "delivered_month", "price_yen", "trigger"]]
            for o in t.pools.flatMap(\.orders) {
                rows.append([o.pool, o.item.rawValue, o.model, String(o.count), String(o.orderedMonth), String(o.deliveredMonth),
                             String(Int(o.price.value.rounded())), o.trigger])
            }
            return rows
        }
        var rows = [["month", "pool", "tenants_in_service", "virtual_machines", "blades_needed", "blades_installed",
                     "chassis_installed", "arrays_needed", "arrays_installed", "racks_installed", "cpu_utilisation", "ha_ok"]]
        for p in t.pools {
            for m in p.months {
                rows.append([String(m.month), p.pool, String(m.tenantsInService.count), String(m.virtualMachines), String(m.bladesNeeded),
                             String(m.bladesInstalled), String(m.chassisInstalled), String(m.arraysNeeded), String(m.arraysInstalled),
                             String(m.racksInstalled), NumberFormat.plain(m.cpuUtilisation, decimals: 4), m.haOK ? "true" : "false"])
            }
        }
        return rows
    }
}
