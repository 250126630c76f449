/// A municipality that runs its systems in a shared pool.
public struct Tenant: Sendable, Hashable {
    /// Local government code (JIS X 0402, 5 or 6 digits) or any unique id.
    public var code: String
    public var name: String
    public var prefecture: String
    /// Residents (persons) at the scenario's reference date.
    public var population: Int
    /// Yearly population change in percent (negative when shrinking).
    public var populationChangePercentPerYear: Double
    /// Years after the start of the scenario when the tenant joins the pool (0 = from the start).
    public var joinsAfterYears: Double
    /// The catalog systems this tenant runs, as indices into `Catalog.systems`.
    public var systems: [Int]
    /// The tenant's actual yearly IT cost before consolidation, if known (for comparison only).
    public var reportedCostBefore: Yen?
    /// Its reported yearly cost after consolidation, if known (for comparison only).
    public var reportedCostAfter: Yen?
    /// The name the source gives it when the source is anonymised (e.g. "B市").
    public var reportedLabel: String?
    /// The real server list before consolidation, if the scenario names one.
    public var beforeInventory: BeforeInventory?
    /// Its measured usage, if the scenario names one (`usage`): its VMs are then the measured ones.
    public var measured: MeasuredUsage?
    /// Users of its systems (`users:`: staff who log in), for per-user licences and SaaS seats;
    /// nil when not given.
    public var users: Int?
    public var location: SourceLocation

    public init(code: String, name: String, prefecture: String, population: Int,
                populationChangePercentPerYear: Double = 0, joinsAfterYears: Double = 0,
                systems: [Int], reportedCostBefore: Yen? = nil, location: SourceLocation) {
        self.code = code
        self.name = name
        self.prefecture = prefecture
        self.population = population
        self.populationChangePercentPerYear = populationChangePercentPerYear
        self.joinsAfterYears = joinsAfterYears
        self.systems = systems
        self.reportedCostBefore = reportedCostBefore
        self.location = location
    }

    /// The population sizing must cover over the first `years` years: the largest of the
    /// populations then, which is the start for a shrinking tenant and the end for a growing one.
    public func sizingPopulation(overYears years: Double) -> Int {
        populationChangePercentPerYear > 0 ? population(afterYears: years) : population
    }

    /// Population `years` after the reference date, compounding the yearly change.
    public func population(afterYears years: Double) -> Int {
        Self.population(population, changingByPercentPerYear: populationChangePercentPerYear, afterYears: years)
    }

    /// A population of `base` people `years` later, changing by `percent` a year, compounded.
    public static func population(_ base: Int, changingByPercentPerYear percent: Double, afterYears years: Double) -> Int {
        let factor = pow1p(percent / 100, years)
        return Int((Double(base) * factor).rounded())
    }
}

/// (1 + r)^n without Foundation.
func pow1p(_ r: Double, _ n: Double) -> Double {
    if n == 0 { return 1 }
    var result = 1.0
    let whole = Int(n.rounded(.down))
    for _ in 0..<Swift.max(0, whole) { result *= 1 + r }
    let frac = n - Double(whole)
    if frac > 0 { result *= 1 + r * frac }   // linear within a year
    return result
}
