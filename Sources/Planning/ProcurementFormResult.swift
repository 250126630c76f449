import CapacityModel
import Economics

/// One line of a procurement form's yearly bill: yen at the scenario's exchange rate, and the
/// foreign-currency amount it was converted from (nil for a yen line).
public struct FormLineAmount: Sendable, Hashable {
    public var name: String
    public var category: CostCategory
    /// Whole yen a year.
    public var yenPerYear: Yen
    /// US dollars a year, to the cent (nil: a yen line).
    public var usdPerYear: Double?
    public var source: String
    /// Whether the pricer names it (hardware, instances, operations…): reports translate those
    /// names; a scenario's line keeps the name it was given.
    public var builtIn: Bool
}

/// How many instances of one type the `iaas` form runs (standbys included).
public struct InstanceCount: Sendable, Hashable {
    public var type: String
    public var count: Int
}

/// One pool priced in one procurement form (issue 33): its lines, totals over a year and the
/// horizon, per resident, and each member's share under the scenario's rule.
public struct ProcurementFormResult: Sendable {
    public var pool: String
    public var form: ProcurementForm
    /// Every line of the bill; `yearlyCost` is their sum, exactly.
    public var lines: [FormLineAmount]
    public var yearlyCost: Yen
    /// Net present value of the cash flows over the horizon (buy: purchases when made).
    public var npv: Yen
    public var horizonYears: Int
    /// The members' residents, and yen a resident a year.
    public var residents: Int
    public var costPerResident: Double
    /// Lines of category licence and network, summed.
    public var licence: Yen
    public var network: Yen
    /// `iaas` only: the yen per dollar at which it costs as much as the cheapest owned form
    /// (buy or lease, when one is priced): (owned − Σ yen lines) / Σ dollar lines. Nil otherwise,
    /// or when no positive rate makes them equal.
    public var breakevenUSDJPY: Double?
    /// The rule of `shares` (the scenario's; the agreed formula when it is Shapley's).
    public var shareRule: ShareRule
    public var shares: [(code: String, yen: Yen)]
    /// `iaas` only: instances by type, and the availability a single instance is promised.
    public var instances: [InstanceCount] = []
    public var availabilityPercent: Double?
    /// Whether it is the pool's cheapest form a year (ties: the first listed).
    public var cheapest = false
    /// Whether its yearly cost is at or below the pool's target (the baseline less the cut).
    public var meetsTarget = false
    /// p5 and p95 of `yearlyCost` over the uncertain inputs (nil without a study).
    public var yearlyCostP5: Double?
    public var yearlyCostP95: Double?

    /// The `plan --uncertainty` figure of this form's yearly cost.
    public var figureName: String { "form.\(pool).\(form.rawValue)_yen" }
}

/// The procurement comparison of a plan: every pool in every form, the reference line and each
/// pool's baseline and target.
public struct ProcurementComparison: Sendable {
    public var forms: [ProcurementFormResult]
    public var pools: [PoolBaseline]
    public var referenceYenPerResident: Double
    public var referenceSource: String
    public var targetCutPercent: Double
    public var usdJPY: Double
    public var usdJPYSource: String

    /// A pool's members' modelled bill before (their dedicated servers and cost lines) and the
    /// target below it.
    public struct PoolBaseline: Sendable {
        public var pool: String
        public var residents: Int
        public var baselineYenPerYear: Yen
        public var targetYenPerYear: Yen
    }
}
