import CapacityModel
import Foundation
import Economics
import Planning
import Stochastics

/// What the money of a plan looks like when its uncertain inputs (`Assumption`s) vary
/// (issue 31): the distribution of each figure, each input's swing on the saving (tornado), and
/// each input's share of the saving's variance (first-order Sobol indices).
public struct UncertaintyResult: Sendable {
    public struct Figure: Sendable {
        /// `yearly_cost_before_yen`, `yearly_cost_after_yen`, `yearly_cost_reduction_percent`,
        /// `npv_saving_yen`, `share.CODE.RULE_yen`.
        public var name: String
        public var mean: Double
        public var p5: Double
        public var p50: Double
        public var p95: Double
    }

    /// One input alone at its low and its high, the others at their values.
    public struct Swing: Sendable {
        public var assumption: Assumption
        public var figureAtLow: Double
        public var figureAtHigh: Double
        public var swing: Double { abs(figureAtHigh - figureAtLow) }
    }

    public struct Index: Sendable {
        public var assumption: Assumption
        /// Share of the saving's variance due to this input alone (0…1; estimates can stray
        /// slightly outside with few samples).
        public var firstOrder: Double
    }

    /// Samples of the propagation (points of the design).
    public var samples: Int
    /// How the design was drawn (the JSON's `method`, in English).
    public var method: String
    /// The seed of the design's random shift.
    public var seed: UInt64
    /// The inputs with a range, in file order.
    public var assumptions: [Assumption]
    public var figures: [Figure]
    /// The figure the tornado and the indices are of.
    public var influenceFigure: String
    /// By swing, the largest first.
    public var tornado: [Swing]
    /// By index, the largest first; empty without inputs.
    public var sobolFirstOrder: [Index]
    /// The reported change of the reporting tenants (percent, negative for a cut); nil without one.
    public var reportedReductionPercent: Double?
    /// Share of the samples in which the yearly cost falls (the consolidation pays), 0…1.
    public var savingPositiveFraction = 0.0
    /// Sizings run besides the base plan's (inputs that change what is sized); 0: every sample repriced.
    public var sizings = 0

    /// Where the reported change falls in the modelled change's p5-p95, both rounded to 0.01%
    /// as the JSON prints them (so that every format reads the same).
    public enum Placement: Sendable { case belowP5, inside, aboveP95 }

    /// The modelled change of the reporting tenants (`reported_modelled_reduction_percent`).
    public var reportedModelled: Figure? { figures.first { $0.name == "reported_modelled_reduction_percent" } }

    /// Nil without reported figures.
    public var reportedPlacement: Placement? {
        guard let x = reportedReductionPercent.map(Self.hundredths), let f = reportedModelled else { return nil }
        return x < Self.hundredths(f.p5) ? .belowP5 : x > Self.hundredths(f.p95) ? .aboveP95 : .inside
    }

    static func hundredths(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}

/// Samples a scenario's uncertain inputs and prices its plan for each sample. Inputs that only
/// price a plan (`Assumption.affectsSizing` false) reprice the plan sized at the inputs' values
/// (`Planner.reprice`); inputs that change what is sized (growth, lease years) size the
/// hardware again, once per distinct draw of those inputs.
public struct UncertaintyStudy: Sendable {
    public let path: String
    public let loader: ScenarioLoader
    public let base: PlanResult
    public let inputs: [Assumption]
    /// Positions in `inputs` of the inputs that change what is sized.
    let sizingInputs: [Int]
    let sized = SizedPlans()

    /// - Parameters: the scenario's file and the loader it was read with (its `--set`s), the
    ///   scenario and its plan at the inputs' values.
    public init(path: String, loader: ScenarioLoader, scenario: Scenario, base: PlanResult) {
        self.path = path
        var l = loader
        l.parsedFiles = l.parsedFiles ?? ParsedFiles()
        self.loader = l
        self.base = base
        // The inputs the plan uses (not a library's other models), each with its source or the
        // source of what holds it (a model's price_source, a cost line's source).
        let uncertain = scenario.moneyInputs.compactMap { i -> Assumption? in
            guard var a = i.range, a.isUncertain else { return nil }
            a.source = i.source
            return a
        }
        inputs = uncertain
        sizingInputs = uncertain.indices.filter { uncertain[$0].affectsSizing }
    }

    /// Samples of `plan` when the scenario prices procurement forms and asks for no other number.
    public static let defaultFormSamples = 64

    /// How many distinct sizings the study has run besides the base plan's.
    public var sizings: Int { sized.count }

    /// The figures of the plan with `values` for `inputs`. O(loading the scenario from parsed
    /// files + repricing), plus a sizing when the draw of the sizing inputs is new.
    /// - Throws: `StudyError.invalidInput` when the scenario refuses the values.
    public func figures(_ values: [Double]) throws(StudyError) -> [Double] {
        var l = loader
        l.assumptionValues = Dictionary(zip(inputs.map(\.keyPath), values), uniquingKeysWith: { a, _ in a })
        let s: Scenario
        do {
            s = try l.load(path: path)
        } catch {
            throw .uncertainty("the scenario cannot be read with \(zip(inputs, values).map { "\($0.keyPath)=\($1)" }.joined(separator: ", ")): \(error)")
        }
        let key = sizingInputs.map { values[$0] }
        guard !key.isEmpty, key != sizingInputs.map({ inputs[$0].value }) else {
            return figures(of: Planner(scenario: s).reprice(base))
        }
        if let plan = sized.plan(key) { return figures(of: Planner(scenario: s).reprice(plan)) }
        var planner = Planner(scenario: s)
        planner.costGames = !base.economics.isEmpty
        planner.runways = false
        do {
            let plan = try planner.plan()
            sized.keep(plan, for: key)
            return figures(of: plan)
        } catch {
            throw .uncertainty("the scenario cannot be planned with \(zip(inputs, values).map { "\($0.keyPath)=\($1)" }.joined(separator: ", ")): \(error)")
        }
    }

    /// The rules the plan has shares under (Shapley's when its cost game was planned).
    var rules: [ShareRule] { base.tenants.first?.shares.map(\.rule) ?? [] }

    /// Figure names, in the order of `figures(of:)`.
    public func figureNames() -> [String] {
        ["yearly_cost_before_yen", "yearly_cost_after_yen", "yearly_cost_reduction_percent", "npv_saving_yen"]
            + (base.reportedComparison == nil ? [] : ["reported_modelled_reduction_percent"])
            + base.tenants.flatMap { t in rules.map { "share.\(t.code).\($0.rawValue)_yen" } }
            + (base.procurement?.forms.map(\.figureName) ?? [])
    }

    static let savingIndex = 2

    func figures(of p: PlanResult) -> [Double] {
        let b = p.before.yearlyCost.total.value, a = p.after.yearlyCost.total.value
        let npv = p.cashFlow.map { $0.npvBefore.value - $0.npvAfter.value } ?? 0
        var out = [b, a, b == 0 ? 0 : 100 * (b - a) / b, npv]
        if base.reportedComparison != nil { out.append(p.reportedComparison?.modelledReductionPercent ?? .nan) }
        for t in p.tenants {
            for r in rules { out.append(t.shares.first { $0.rule == r }?.yen.value ?? .nan) }
        }
        for f in base.procurement?.forms ?? [] {
            out.append(p.procurement?.forms.first { $0.pool == f.pool && $0.form == f.form }?.yearlyCost.value ?? .nan)
        }
        return out
    }
}

extension StudyError {
    /// An uncertain input's value that the scenario refuses (exit 1).
    public static func uncertainty(_ text: String) -> StudyError { .invalidInput(text) }
}

/// Plans sized for draws of the sizing inputs, by the draw (a study's cache; thread-safe).
final class SizedPlans: @unchecked Sendable {
    private let lock = NSLock()
    private var plans: [[Double]: PlanResult] = [:]

    var count: Int { lock.withLock { plans.count } }
    func plan(_ key: [Double]) -> PlanResult? { lock.withLock { plans[key] } }
    func keep(_ plan: PlanResult, for key: [Double]) { lock.withLock { plans[key] = plan } }
}

extension PlanResult {
    /// This plan with each procurement form's yearly-cost p5 and p95 from `study` (its figure
    /// `form.POOL.FORM_yen`), to whole yen as every format shows them; unchanged without forms.
    public func withFormRanges(_ study: UncertaintyResult?) -> PlanResult {
        guard let study, var comparison = procurement else { return self }
        for i in comparison.forms.indices {
            guard let f = study.figures.first(where: { $0.name == comparison.forms[i].figureName }) else { continue }
            comparison.forms[i].yearlyCostP5 = f.p5.rounded()
            comparison.forms[i].yearlyCostP95 = f.p95.rounded()
        }
        var out = self
        out.procurement = comparison
        return out
    }
}
