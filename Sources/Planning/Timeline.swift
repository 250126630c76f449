import CapacityModel

/// A pool month by month over a horizon: who is in service, what the HA-checked sizing needs,
/// what is installed after the purchases so far, and the purchase orders (`plan --timeline`).
public struct Timeline: Sendable {
    /// Months planned (the lease, or the horizon asked for).
    public var months: Int
    public var pools: [PoolTimeline]

    public init(months: Int, pools: [PoolTimeline]) {
        self.months = months
        self.pools = pools
    }

    /// Whether installed hardware meets the need in every month of every pool.
    public var ok: Bool { pools.allSatisfy(\.ok) }
}

public struct PoolTimeline: Sendable {
    public var pool: String
    public var procurement: ProcurementPolicy
    /// One row per month, month 0 first.
    public var months: [TimelineMonth]
    public var orders: [PurchaseOrder]
    /// Each late joiner's data migration, in join order.
    public var onboarding: [TenantOnboarding]
    /// Each member's bill for each year (zero before it joins), members in pool order.
    public var bills: [TimelineBill]
    /// What each month of the pool costs (the installed hardware over the lease, maintenance,
    /// energy, space, operations), whole yen; split among the tenants in service that month.
    public var monthlyCost: [Yen]
    /// Cost of months in which no tenant was in service (nobody to bill).
    public var unbilled: Yen
    /// Distinct sizings the months needed (membership or population changed between them).
    public var sizings: Int
    /// Whether installed meets needed in every month.
    public var ok: Bool { months.allSatisfy { $0.bladesInstalled >= $0.bladesNeeded && $0.haOK } }
}

/// One month of one pool.
public struct TimelineMonth: Sendable {
    /// Months after the start (0 = the first month of the lease).
    public var month: Int
    /// Codes of the tenants in service.
    public var tenantsInService: [String]
    /// Codes of the tenants that join this month: their VMs are in the pool from now on (and
    /// they are billed), their data is being moved in (founding members are live at once).
    public var joining: [String]
    /// Codes of the tenants whose data is still moving in (joined, not yet live).
    public var migrating: [String]
    /// Codes of the tenants that go live this month (their data is in).
    public var goingLive: [String]
    public var virtualMachines: Int
    /// Blades the HA-checked sizing of this month's membership and populations needs.
    public var bladesNeeded: Int
    public var bladesInstalled: Int
    public var chassisInstalled: Int
    public var arraysNeeded: Int
    public var arraysInstalled: Int
    public var racksInstalled: Int
    /// Design CPU demand over the installed blades' usable cores.
    public var cpuUtilisation: Double
    /// The month's sizing passed its HA checks and the installed blades cover it.
    public var haOK: Bool
}

/// One purchase: what, how many, when ordered and delivered, at what price, and why.
public struct PurchaseOrder: Sendable {
    public enum Item: String, Sendable, CaseIterable {
        case blade, chassis, storageArray = "storage-array", rack
    }
    public var pool: String
    public var item: Item
    /// The model bought (blade, chassis, array or rack id).
    public var model: String
    public var count: Int
    /// Month of the order (negative: before the start, for the initial purchase).
    public var orderedMonth: Int
    public var deliveredMonth: Int
    public var price: Yen
    /// What made the order necessary: "initial purchase", the tenants whose joining raised the
    /// need, or "population growth".
    public var trigger: String
}

/// One tenant's bill for one year of a timeline: the sum of its monthly shares, under the
/// scenario's cost-sharing rule among the tenants in service that month.
public struct TimelineBill: Sendable {
    public var tenantCode: String
    public var tenantName: String
    /// Year of the timeline: months 12 × year … 12 × year + 11.
    public var year: Int
    public var monthsInService: Int
    public var amount: Yen
}

/// A tenant joining after the start: its data moves in over the onboarding link before it goes
/// live (`onboarding:`).
public struct TenantOnboarding: Sendable {
    public var tenantCode: String
    public var joinMonth: Int
    /// Disk of its VMs, GiB.
    public var dataGiB: Double
    public var migrationDays: Double
    /// The month it goes live: the join month plus the migration, rounded up to whole months.
    public var liveMonth: Int
}
