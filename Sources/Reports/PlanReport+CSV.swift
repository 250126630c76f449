import Planning

extension PlanReport {
    public enum CSVTable: String, CaseIterable, Sendable {
        case tenants, pools
        /// The bill of materials, the cost lines, and each tenant's share under every rule.
        case bom = "bill-of-materials", costLines = "cost-lines", shares
        /// With `--timeline`: one row per pool and month, or per purchase order.
        case timeline, orders
    }

    /// RFC 4180 CSV of one table, with a header row (`timeline` and `orders` from `timeline`,
    /// empty without one).
    public static func csv(_ plan: PlanResult, table: CSVTable = .tenants, timeline: Timeline? = nil) -> String {
        var rows: [[String]]
        switch table {
        case .timeline, .orders:
            rows = TimelineReport.csvRows(timeline ?? Timeline(months: 0, pools: []), orders: table == .orders)
        case .tenants:
            rows = [["code", "name", "prefecture", "population", "pool", "virtual_machines", "physical_servers_before",
                     "standalone_cost_yen", "cost_share_yen", "share_fraction", "saving_percent", "reported_cost_before_yen"]]
            for t in plan.tenants {
                rows.append([t.code, t.name, t.prefecture, String(t.population), t.pool, String(t.virtualMachines),
                             String(t.physicalServersBefore), String(Int(t.standaloneCost.total.value.rounded())),
                             String(Int(t.costShare.value.rounded())), NumberFormat.plain(t.shareFraction, decimals: 6),
                             NumberFormat.plain(t.savingPercent, decimals: 2),
                             t.reportedCostBefore.map { String(Int($0.value.rounded())) } ?? ""])
            }
        case .bom:
            rows = [["pool", "item", "model", "quantity", "unit_price_yen", "total_yen", "source"]]
            for i in plan.billOfMaterials {
                rows.append([i.pool, i.item, i.model, String(i.quantity), String(Int(i.unitPrice.value.rounded())),
                             String(Int(i.total.value.rounded())), i.source])
            }
        case .costLines:
            rows = [["line", "before_yen_per_year", "after_yen_per_year", "source"]]
            for r in plan.costLineRows {
                rows.append([r.line, String(Int(r.before.value.rounded())), String(Int(r.after.value.rounded())), r.source])
            }
        case .shares:
            rows = [["code", "name", "pool", "rule", "yen_per_year", "standalone_yen_per_year"]]
            for t in plan.tenants {
                for s in t.shares {
                    rows.append([t.code, t.name, t.pool, s.rule.rawValue, String(Int(s.yen.value.rounded())),
                                 String(Int(t.standaloneCost.total.value.rounded()))])
                }
            }
        case .pools:
            rows = [["pool", "tenants", "virtual_machines", "blades", "blades_without_reserve", "blade_lower_bound", "chassis",
                     "storage_arrays", "racks", "cpu_utilisation", "memory_utilisation", "ha_ok", "purchase_yen", "yearly_cost_yen"]]
            for p in plan.pools {
                rows.append([p.name, String(p.tenantCodes.count), String(p.virtualMachines.count), String(p.blades),
                             String(p.bladesWithoutReserve), String(p.bladeLowerBound), String(p.chassis),
                             String(p.storageArrays), String(p.racks), NumberFormat.plain(p.cpuUtilisation, decimals: 4),
                             NumberFormat.plain(p.memoryUtilisation, decimals: 4), p.ha.ok ? "true" : "false",
                             String(Int(p.purchase.value.rounded())), String(Int(p.yearlyCost.total.value.rounded()))])
            }
        }
        return rows.map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
