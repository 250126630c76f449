import CapacityModel

/// Membership and populations of one pool, month by month: a tenant is in service from the
/// month it joins in (`joins_after_years` × 12, rounded down: it needs room from the start of
/// that month), and populations step at each year
/// (`population_change_percent`, compounded). Months with the same members at the same
/// populations share one sizing (a *state*). With a forecast (`demand_growth: forecast`), the
/// forecast tenants' demand factor of each month, rounded up to whole percent, is part of the state.
struct GrowthSchedule {
    /// A membership at given populations.
    struct State: Hashable {
        /// Tenant indices in service, ascending.
        var members: [Int]
        /// Each member's population, in the order of `members`.
        var populations: [Int]
        /// The forecast tenants' demand, percent of the measured (100 without a forecast).
        var demandPercent = 100
    }

    /// The tenants whose demand follows the forecast (empty without one).
    var forecastTenants: [Int] = []

    /// Distinct states, in the order of their first month.
    let states: [State]
    /// The state of each month.
    let stateOfMonth: [Int]
    /// Tenant indices going live in each month.
    let joining: [[Int]]

    /// The month a tenant goes live.
    static func liveMonth(_ tenant: Tenant) -> Int {
        Swift.max(0, Int((tenant.joinsAfterYears * 12 + 1e-9).rounded(.down)))
    }

    /// - Parameter forecast: the forecast tenants and each month's demand factor (nil: stated growth).
    /// - Complexity: O(months · members).
    init(scenario: Scenario, pool: Pool, months: Int, forecast: (tenants: [Int], scales: [Double])? = nil) {
        var states: [State] = []
        var index: [State: Int] = [:]
        var stateOfMonth: [Int] = []
        var joining = [[Int]](repeating: [], count: months)
        let live = pool.tenantIndices.map { ($0, Self.liveMonth(scenario.tenants[$0])) }
        for (t, m) in live where m < months { joining[m].append(t) }
        for month in 0..<months {
            let members = live.filter { $0.1 <= month }.map(\.0).sorted()
            let year = Double(month / 12)
            var state = State(members: members, populations: members.map { scenario.tenants[$0].population(afterYears: year) })
            if let f = forecast, month < f.scales.count { state.demandPercent = Int((f.scales[month] * 100 - 1e-9).rounded(.up)) }
            if let i = index[state] {
                stateOfMonth.append(i)
            } else {
                index[state] = states.count
                stateOfMonth.append(states.count)
                states.append(state)
            }
        }
        self.states = states
        self.stateOfMonth = stateOfMonth
        self.joining = joining
        forecastTenants = forecast?.tenants ?? []
    }

    /// The demand factor of each forecast tenant in `state`, for `PoolPlanner`'s `demandScale`.
    func demandScale(_ state: State) -> [Int: Double] {
        Dictionary(uniqueKeysWithValues: forecastTenants.map { ($0, Double(state.demandPercent) / 100) })
    }

    /// The scenario and pool as they stand in `state`: only its members, at its populations,
    /// all in service from the start, and the blade count left to the sizing.
    static func snapshot(_ scenario: Scenario, _ pool: Pool, _ state: State) -> (Scenario, Pool) {
        var s = scenario
        for (t, population) in zip(state.members, state.populations) {
            s.tenants[t].population = population
            s.tenants[t].populationChangePercentPerYear = 0
            s.tenants[t].joinsAfterYears = 0
        }
        var p = pool
        p.tenantIndices = state.members
        p.tenantCodes = state.members.map { scenario.tenants[$0].code }
        p.fixedBlades = nil
        return (s, p)
    }
}
