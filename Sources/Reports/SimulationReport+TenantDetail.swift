import Simulation

extension SimulationReport {
    /// How much of each tenant the JSON report carries.
    public enum TenantDetail: String, CaseIterable, Sendable {
        /// Every system of every tenant, with all its figures (`tenants[].systems[]`).
        case systems
        /// A summary a tenant: its number of systems, how many had downtime, and its least
        /// available system's main figures (`tenants[].least_available`).
        case tenants
        /// `systems` up to `autoSystemLimit` tenant-systems, `tenants` above (a national study's
        /// 17,000 would make a JSON file of 70 MB).
        case auto

        /// Tenant-systems up to which `auto` writes every system.
        public static let autoSystemLimit = 2_000

        /// `systems` or `tenants`: `auto` resolved for a result with `count` tenant-systems.
        public func resolved(tenantSystems count: Int) -> TenantDetail {
            self == .auto ? (count <= Self.autoSystemLimit ? .systems : .tenants) : self
        }
    }

    /// One tenant's entry: its systems in full, or its summary.
    static func tenant(code: String, name: String, systems: [SimulationResult.TenantSystem], detail: TenantDetail) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("code", .string(code)), ("name", .string(name)),
            ("joins_after_years", .rounded(systems.first?.joinsAfterYears ?? 0, 6)),
        ]
        if detail == .systems {
            fields.append(("systems", .array(systems.map(tenantSystem))))
            return .object(fields)
        }
        // The least available by mean (systems that never joined, with no mean, last); the
        // first of equals, as the reports' tables order them.
        let least = systems.indices.min { a, b in
            let x = systems[a].availability.mean, y = systems[b].availability.mean
            return (x.isNaN ? 2 : x, a) < (y.isNaN ? 2 : y, b)
        }.map { systems[$0] }
        fields.append(("systems_count", .integer(systems.count)))
        fields.append(("systems_with_downtime", .integer(systems.filter { $0.downtimeMinutes.mean > 0 }.count)))
        fields.append(("least_available", least.map { t in
            .object([("system", .string(t.system)),
                      ("availability", estimate(t.availability, decimals: 8)),
                      ("downtime_minutes", estimate(t.downtimeMinutes, decimals: 3)),
                      ("downtime_minutes_per_year", .rounded(t.downtimeMinutesPerYear, 3)),
                      ("outages", estimate(t.outages, decimals: 3))])
        } ?? .null))
        return .object(fields)
    }
}
