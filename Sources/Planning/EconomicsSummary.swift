import CapacityModel
import Economics

/// One row of the bill of materials: what is bought for a pool. Yen; total = quantity × unit price.
public struct BillOfMaterialsItem: Sendable, Hashable {
    public var pool: String
    public var item: String
    public var model: String
    public var quantity: Int
    public var unitPrice: Yen
    public var source: String
    public var total: Yen { unitPrice * Double(quantity) }
}

/// One line of the cost comparison, summed over every tenant (before) and pool (after). Yen a year.
public struct CostLineRow: Sendable, Hashable {
    public var line: String
    public var before: Yen
    public var after: Yen
    public var source: String
}

/// Reported figures beside the modelled ones, over the tenants that report both.
public struct ReportedComparison: Sendable, Hashable {
    public var tenants: [Int]
    /// The reported figures compared: the source's total row when the scenario gives one
    /// (`economics.reported_total`), else the sum of the tenants' rows.
    public var reportedBefore: Yen
    public var reportedAfter: Yen
    /// The sums of the tenants' reported rows (equal to the above without a total row).
    public var rowsBefore: Yen = .zero
    public var rowsAfter: Yen = .zero
    /// Where the total row comes from; nil when the rows are summed.
    public var totalSource: String?
    public var modelledBefore: Yen
    /// Under the scenario's share rule.
    public var modelledAfter: Yen
    /// The reporting tenants' modelled after under each rule the plan has shares for (the
    /// rule is the group's choice: this shows what it changes).
    public var modelledAfterByRule: [RuleAmount] = []

    /// An amount under one share rule.
    public struct RuleAmount: Sendable, Hashable {
        public var rule: ShareRule
        public var after: Yen
    }
    public static func reduction(_ before: Yen, _ after: Yen) -> Double {
        before.value == 0 ? 0 : 100 * (after.value - before.value) / before.value
    }
    public var reportedReductionPercent: Double { Self.reduction(reportedBefore, reportedAfter) }
    public var modelledReductionPercent: Double { Self.reduction(modelledBefore, modelledAfter) }
}

extension PlanResult {
    /// Every pool's blades, chassis, storage arrays and racks with their unit prices; the totals
    /// sum to `after.purchase`.
    public var billOfMaterials: [BillOfMaterialsItem] {
        pools.flatMap { p -> [BillOfMaterialsItem] in
            let b = p.bill
            return [
                BillOfMaterialsItem(pool: p.name, item: "blade", model: p.pool.blade.id, quantity: b.blades,
                                    unitPrice: b.bladePrice, source: p.pool.blade.priceSource),
                BillOfMaterialsItem(pool: p.name, item: "chassis", model: p.pool.chassis.id, quantity: b.chassis,
                                    unitPrice: b.chassisPrice, source: p.pool.chassis.priceSource),
                BillOfMaterialsItem(pool: p.name, item: "storage array", model: p.pool.storage.id, quantity: b.storageArrays,
                                    unitPrice: b.storageArrayPrice, source: p.pool.storage.priceSource),
                BillOfMaterialsItem(pool: p.name, item: "rack", model: p.pool.rack.id, quantity: b.racks,
                                    unitPrice: b.rackPrice, source: p.pool.rack.priceSource),
            ]
        }
    }

    /// The hardware lines the planner prices, then the scenario's cost lines; before summed
    /// over tenants, after over pools. The rows sum to the before and after yearly totals.
    public var costLineRows: [CostLineRow] {
        let b = before.yearlyCost, a = after.yearlyCost
        let planned = "[derived] sized by the plan from the hardware library's prices"
        var rows = [
            CostLineRow(line: "hardware", before: b.hardware, after: a.hardware, source: planned),
            CostLineRow(line: "hardware maintenance", before: b.maintenance, after: a.maintenance,
                        source: "[derived] economics.maintenance_percent_per_year of the purchase"),
            CostLineRow(line: "power", before: b.energy, after: a.energy, source: "[derived] average draw × 8,760 h × PUE × the site's price"),
            CostLineRow(line: "data center space", before: b.space, after: a.space, source: "[derived] racks × the site's yearly rack price"),
            CostLineRow(line: "operations", before: b.operations, after: a.operations,
                        source: "[derived] economics.pool_operations_yen_per_year and baseline_operations_yen_per_server_per_year"),
        ]
        for (i, line) in costLines.enumerated() {
            rows.append(CostLineRow(line: line.name,
                                    before: tenants.reduce(.zero) { $0 + (i < $1.beforeLines.count ? $1.beforeLines[i] : .zero) },
                                    after: pools.reduce(.zero) { $0 + (i < $1.lineAmounts.count ? $1.lineAmounts[i] : .zero) },
                                    source: line.source))
        }
        return rows
    }

    /// The reported before and after of the tenants that give both, beside the modelled
    /// standalone cost and agreed share of the same tenants; nil when none gives both.
    public var reportedComparison: ReportedComparison? {
        let reporting = tenants.filter { $0.reportedCostBefore != nil && $0.reportedCostAfter != nil }
        guard !reporting.isEmpty else { return nil }
        let rowsBefore = reporting.reduce(.zero) { $0 + $1.reportedCostBefore! }
        let rowsAfter = reporting.reduce(.zero) { $0 + $1.reportedCostAfter! }
        let total = economicsSettings?.reportedTotal
        var r = ReportedComparison(
            tenants: reporting.map(\.tenant),
            reportedBefore: total?.before ?? rowsBefore,
            reportedAfter: total?.after ?? rowsAfter,
            modelledBefore: reporting.reduce(.zero) { $0 + $1.standaloneCost.total },
            modelledAfter: reporting.reduce(.zero) { $0 + $1.costShare })
        r.rowsBefore = rowsBefore
        r.rowsAfter = rowsAfter
        r.modelledAfterByRule = (reporting.first?.shares ?? []).map { share in
            ReportedComparison.RuleAmount(rule: share.rule, after: reporting.reduce(Yen.zero) { acc, t in
                acc + (t.shares.first { $0.rule == share.rule }?.yen ?? .zero)
            })
        }
        r.totalSource = total?.source
        return r
    }
}
