/// What a cost line's rate is multiplied by. Counted for one tenant on its own (before) or for a
/// pool's members together (after); `CostQuantities` holds the counts.
public enum CostDriver: String, CaseIterable, Sendable, Hashable {
    /// Once: per tenant before, per pool after.
    case fixed
    /// Per tenant (after: the pool's members).
    case perTenant = "per_tenant"
    /// Per resident (after: the members' population).
    case perResident = "per_resident"
    /// Per distinct system (after: systems any member runs, counted once: one shared package).
    case perSystem = "per_system"
    /// Per system of each tenant (after: summed over members).
    case perTenantSystem = "per_tenant_system"
    /// Per resident and system: residents × the systems they are served by, summed over tenants
    /// (package prices that scale with population, per system).
    case perResidentSystem = "per_resident_system"
    /// Per VM of the catalog.
    case perVM = "per_vm"
    /// Per physical server: dedicated servers before, blades after.
    case perServer = "per_server"
    /// Per CPU socket of those servers.
    case perSocket = "per_socket"
    /// Per CPU core of those servers.
    case perCore = "per_core"
    /// Per user of the systems (`tenants[].users`: the staff who log in; per-user licences and
    /// SaaS seats).
    case perUser = "per_user"
    /// Per user and system: users × the systems they use, summed over tenants.
    case perUserSystem = "per_user_system"

    /// Whether the count is of hardware (servers, sockets, cores): what a form without servers
    /// (SaaS) has none of, and what a public cloud counts per instance.
    public var isHardware: Bool { self == .perServer || self == .perSocket || self == .perCore }
    /// Whether the count needs the tenants' `users`.
    public var needsUsers: Bool { self == .perUser || self == .perUserSystem }
}

/// What a cost line pays for, as the procurement-form comparison sums it (`category:`):
/// licences and network lines are reported apart.
public enum CostCategory: String, CaseIterable, Sendable, Hashable {
    case licence
    case network
    case other
}

/// Yen per unit of each driver; absent drivers cost nothing.
public struct CostRates: Sendable, Hashable {
    /// Yen per unit, by driver.
    public var rates: [CostDriver: Yen]

    public init(_ rates: [CostDriver: Yen] = [:]) { self.rates = rates }

    public var isEmpty: Bool { rates.isEmpty }
    public static let none = CostRates()
}

/// How a line's "before" is found for one tenant.
public enum BeforeCostRule: Sendable, Hashable {
    /// Rates × the tenant's own counts.
    case rates(CostRates)
    /// What the tenant reported spending before (`reported_cost_before_million_yen`) less every
    /// other line of its before bill: the part of the real bill the model does not itemise.
    /// Zero for a tenant with no reported figure.
    case reportedRemainder
}

/// One line of the cost comparison (software, packages, migration, staff, WAN lines…), beside
/// the hardware lines the planner prices itself. Amounts in yen; `after` a year, `afterOneOff`
/// once, spread evenly over `oneOffYears`.
public struct CostLine: Sendable, Hashable {
    /// The line's name, unique in the scenario (`line:`).
    public var name: String
    /// Where its figures come from, as written (`[doc] …`, `[EST] …`, `[derived] …`).
    public var source: String
    public var before: BeforeCostRule
    public var after: CostRates
    public var afterOneOff: CostRates
    /// On the `reported_remainder` line: what is left of the remainder after, as a percent of
    /// the members' remainder before (`after: {percent_of_before: P}`; 0: the remainder ends).
    public var afterPercentOfBefore: Double = 0
    /// Years of use a one-off amount is divided by (the briefing's 利用年数); default the lease.
    public var oneOffYears: Double
    /// Minimum cores a licence counts (`licensing`): its `per_core` rates then apply to the
    /// licensed cores, not the installed ones. Nil: every installed core, no minimum.
    public var licensing: CoreLicensing?
    /// `category:`; default `licence` for a line with `licensing`, else `other`.
    public var category: CostCategory = .other
    public var location: SourceLocation

    /// Whether any of its rates counts users (`per_user`, `per_user_system`).
    public var countsUsers: Bool {
        var rates = [after, afterOneOff]
        if case .rates(let r) = before { rates.append(r) }
        return rates.contains { $0.rates.keys.contains(where: \.needsUsers) }
    }

    public init(name: String, source: String, before: BeforeCostRule = .rates(.none), after: CostRates = .none,
                afterOneOff: CostRates = .none, oneOffYears: Double, location: SourceLocation) {
        self.name = name
        self.source = source
        self.before = before
        self.after = after
        self.afterOneOff = afterOneOff
        self.oneOffYears = oneOffYears
        self.location = location
    }
}

/// Per-core licence minimums (issue 33): each processor counts at least
/// `minimumCoresPerProcessor` cores, each server at least `minimumCoresPerServer`. A hypervisor
/// subscription of 16 cores a processor has (16, 0); Windows Server Datacenter (8, 16).
public struct CoreLicensing: Sendable, Hashable {
    public var minimumCoresPerProcessor: Int
    public var minimumCoresPerServer: Int

    public init(minimumCoresPerProcessor: Int = 0, minimumCoresPerServer: Int = 0) {
        self.minimumCoresPerProcessor = minimumCoresPerProcessor
        self.minimumCoresPerServer = minimumCoresPerServer
    }

    /// Cores licensed for one server of `sockets` processors of `coresPerSocket` cores:
    /// max(server minimum, sockets × max(processor minimum, cores a processor)). O(1).
    public func licensedCores(sockets: Int, coresPerSocket: Int) -> Int {
        Swift.max(minimumCoresPerServer, sockets * Swift.max(minimumCoresPerProcessor, coresPerSocket))
    }
}

/// How the hardware is paid for.
public enum HardwareFinancing: String, CaseIterable, Sendable, Hashable {
    /// Bought at the start; written off straight-line over the lease years.
    case purchase
    /// Leased: equal yearly payments of an annuity at the lease rate, less the residual value.
    case lease
}

/// Money over time: financing of the hardware, the discount rate of the NPV, and the Shapley
/// computation's limits.
public struct FinanceSettings: Sendable, Hashable {
    public var financing: HardwareFinancing
    /// Yearly interest of the lease (0.025 = 2.5%).
    public var leaseRatePerYear: Double
    /// Value left at the end of the lease, as a share of the price (the lessor's residual).
    public var residualFraction: Double
    /// Yearly discount rate of the net present value.
    public var discountRatePerYear: Double
    /// Pools of at most this many tenants get the exact Shapley value (2^n coalitions planned);
    /// 0 (the default): no cost game unless `shapleyPermutations` asks for one.
    public var shapleyExactUpTo: Int
    /// Random permutations for larger pools (0: no Shapley value for them).
    public var shapleyPermutations: Int

    public init(financing: HardwareFinancing = .purchase, leaseRatePerYear: Double = 0, residualFraction: Double = 0,
                discountRatePerYear: Double = 0, shapleyExactUpTo: Int = 0, shapleyPermutations: Int = 0) {
        self.financing = financing
        self.leaseRatePerYear = leaseRatePerYear
        self.residualFraction = residualFraction
        self.discountRatePerYear = discountRatePerYear
        self.shapleyExactUpTo = shapleyExactUpTo
        self.shapleyPermutations = shapleyPermutations
    }
}
