import Planning

/// A whole-scenario figure of the plan: the same in every replication (so its paired
/// differences are exact). Compared by `compare`, collected by sweeps.
public enum PlanFigure: String, CaseIterable, Sendable {
    case blades
    case chassis
    case storageArrays = "storage_arrays"
    case racks
    case purchaseYen = "purchase_yen"
    case yearlyCostYen = "yearly_cost_yen"
    case haOK = "ha_ok"

    public var unit: String {
        switch self {
        case .blades, .chassis, .storageArrays, .racks: "count"
        case .purchaseYen, .yearlyCostYen: "yen"
        case .haOK: "boolean"
        }
    }

    /// Whether a larger value is better (only `ha_ok`: 1 when every pool meets its HA policy).
    public var higherIsBetter: Bool { self == .haOK }

    /// The values it can take (for its interval).
    public var range: ClosedRange<Double> { self == .haOK ? 0...1 : 0...Double.infinity }

    /// Its value in `plan`, summed over pools.
    public func value(_ plan: PlanResult) -> Double {
        switch self {
        case .blades: Double(plan.after.blades)
        case .chassis: Double(plan.after.chassis)
        case .storageArrays: Double(plan.after.storageArrays)
        case .racks: Double(plan.after.racks)
        case .purchaseYen: plan.after.purchase.value
        case .yearlyCostYen: plan.after.yearlyCost.total.value
        case .haOK: plan.haOK ? 1 : 0
        }
    }
}
