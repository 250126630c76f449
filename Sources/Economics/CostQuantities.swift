import CapacityModel

/// The counts a cost line's rates are multiplied by: one tenant on its own (before) or a
/// coalition of a pool's members sharing (after). See `CostDriver`.
public struct CostQuantities: Sendable, Hashable {
    public var tenants: Int
    public var residents: Int
    /// Distinct systems (after: one shared package per system).
    public var systems: Int
    /// Systems summed over tenants.
    public var tenantSystems: Int
    /// Residents × systems, summed over tenants.
    public var residentSystems: Int
    public var virtualMachines: Int
    /// Dedicated servers before, blades after.
    public var servers: Int
    public var sockets: Int
    public var cores: Int
    /// Users of the systems (`tenants[].users`), and users × systems, summed over tenants.
    public var users = 0
    public var userSystems = 0
    /// The servers' shape, for licence minimums (`CoreLicensing`): all servers alike.
    public var socketsPerServer: Int { servers == 0 ? 0 : sockets / servers }
    public var coresPerSocket: Int { sockets == 0 ? 0 : cores / sockets }
    /// The members' `reported_remainder` before amounts, summed (yen a year): what that line's
    /// `percent_of_before` after-rate applies to.
    public var remainderBefore: Yen = .zero

    public init(tenants: Int, residents: Int, systems: Int, tenantSystems: Int, residentSystems: Int,
                virtualMachines: Int, servers: Int, sockets: Int, cores: Int) {
        self.tenants = tenants
        self.residents = residents
        self.systems = systems
        self.tenantSystems = tenantSystems
        self.residentSystems = residentSystems
        self.virtualMachines = virtualMachines
        self.servers = servers
        self.sockets = sockets
        self.cores = cores
    }

    /// How many units of `driver` these counts hold.
    public func count(_ driver: CostDriver) -> Double {
        switch driver {
        case .fixed: 1
        case .perTenant: Double(tenants)
        case .perResident: Double(residents)
        case .perSystem: Double(systems)
        case .perTenantSystem: Double(tenantSystems)
        case .perResidentSystem: Double(residentSystems)
        case .perVM: Double(virtualMachines)
        case .perServer: Double(servers)
        case .perSocket: Double(sockets)
        case .perCore: Double(cores)
        case .perUser: Double(users)
        case .perUserSystem: Double(userSystems)
        }
    }
}

extension CostRates {
    /// Σ rate × count over the drivers, in yen. O(drivers).
    public func amount(_ q: CostQuantities) -> Yen {
        CostDriver.allCases.reduce(Yen.zero) { acc, d in acc + (rates[d] ?? .zero) * q.count(d) }
    }
}

extension CostLine {
    /// The line's yearly amount after consolidation for a coalition with counts `q`: the yearly
    /// rates plus the one-off rates spread over `oneOffYears`, plus, on the remainder line, its
    /// percent of the members' remainder before. `per_core` counts licensed cores (`licensed`).
    public func afterPerYear(_ q: CostQuantities) -> Yen {
        let l = licensed(q)
        return after.amount(l) + afterOneOff.amount(l) / oneOffYears + remainderAfter(q)
    }

    /// `q` with its cores as this line's licence counts them: each server's cores raised to the
    /// line's minimums (`CoreLicensing.licensedCores`); `q` itself without licensing. O(1).
    public func licensed(_ q: CostQuantities) -> CostQuantities {
        guard let licensing, q.servers > 0 else { return q }
        var l = q
        l.cores = q.servers * licensing.licensedCores(sockets: q.socketsPerServer, coresPerSocket: q.coresPerSocket)
        return l
    }

    /// The remainder line's yearly amount after: `afterPercentOfBefore` of `q.remainderBefore`.
    public func remainderAfter(_ q: CostQuantities) -> Yen {
        before == .reportedRemainder ? q.remainderBefore * (afterPercentOfBefore / 100) : .zero
    }
}

/// Whole-yen rounding that keeps a total.
public enum Apportion {
    /// Rounds `raw` amounts to whole yen so that they sum exactly to `total` rounded (largest
    /// remainders get the odd yen; ties by position). `raw` should sum to `total`; any
    /// difference is absorbed by the remainders. O(n log n).
    public static func wholeYen(_ raw: [Double], total: Yen) -> [Yen] {
        let whole = total.value.rounded()
        var shares = raw.map { $0.rounded(.down) }
        var left = Int(whole - shares.reduce(0, +))
        let order = raw.indices.sorted { (raw[$0] - shares[$0], -$0) > (raw[$1] - shares[$1], -$1) }
        while left != 0, !order.isEmpty {
            for i in order where left != 0 {
                shares[i] += left > 0 ? 1 : -1
                left += left > 0 ? -1 : 1
            }
        }
        return shares.map { Yen($0) }
    }
}
