/// How a pool buys hardware over the lease (`policies[].procurement`): what one order holds, how
/// long it takes to arrive, and when to order. Used by `plan --timeline`.
public struct ProcurementPolicy: Sendable, Hashable {
    /// What one blade order holds.
    public enum Unit: String, Sendable, CaseIterable {
        /// `blades_per_order` blades (chassis are bought as their slots run out).
        case blades
        /// A full chassis of blades.
        case chassis
        /// A rack of full chassis.
        case rack
    }

    /// What the first purchase, delivered at the start, covers.
    public enum InitialPurchase: String, Sendable, CaseIterable {
        /// The need of the first months, up to one lead time ahead (later needs are ordered then).
        case start
        /// The largest need over the lease, at once ("buy for the lease").
        case lease
    }

    /// Weeks from order to blades in service (delivery, racking, installation).
    public var leadTimeWeeks: Double
    public var unit: Unit
    /// Blades one order holds with `unit: blades`.
    public var bladesPerOrder: Int
    /// Blades kept above the HA-checked need when ordering.
    public var safetyBlades: Int
    public var initial: InitialPurchase
    /// Chassis the site can hold (slots are then a hard limit), nil for no limit.
    public var maximumChassis: Int?
    /// Storage arrays one order holds.
    public var arraysPerOrder: Int
    /// What grows the demand month by month in `plan --timeline`.
    public var demandGrowth: DemandGrowth = .stated
    public var location: SourceLocation?

    /// How a pool's demand grows over the timeline.
    public enum DemandGrowth: String, Sendable, CaseIterable {
        /// By the tenants' stated population change (and joins).
        case stated
        /// Measured tenants with 12 months of history by their forecast's median (issue 32); the
        /// others as stated.
        case forecast
    }

    public init(leadTimeWeeks: Double = 8, unit: Unit = .blades, bladesPerOrder: Int = 1, safetyBlades: Int = 0,
                initial: InitialPurchase = .start, maximumChassis: Int? = nil, arraysPerOrder: Int = 1,
                location: SourceLocation? = nil) {
        self.leadTimeWeeks = leadTimeWeeks
        self.unit = unit
        self.bladesPerOrder = bladesPerOrder
        self.safetyBlades = safetyBlades
        self.initial = initial
        self.maximumChassis = maximumChassis
        self.arraysPerOrder = arraysPerOrder
        self.location = location
    }

    /// Whole months from order to service, rounded up (4.35 weeks a month).
    public var leadTimeMonths: Int { Int((leadTimeWeeks / (365.25 / 12 / 7) - 1e-9).rounded(.up)) }
}
