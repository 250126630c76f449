@testable import CapacityModel
import Foundation
import Planning
import Stochastics
@testable import Study
import Testing
import TestSupport

/// Issue 31: uncertain inputs, their propagation by repricing, the tornado and Sobol indices,
/// against answers known in advance.
@Suite struct UncertaintyTests {
    /// The one-blade check with its blade's price uncertain (uniform ¥0.6M-1.4M).
    static func oneBlade(_ price: String) throws -> (path: String, scenario: Scenario) {
        let text = try String(contentsOfFile: Repository.scenario("checks/one-blade.yaml"), encoding: .utf8)
        let changed = text.replacingOccurrences(of: "      price_yen: 1_000_000\n", with: "      price_yen: \(price)\n")
        #expect(changed != text)
        let path = try Workspace("uncertainty").write(changed, to: "one-blade.yaml")
        return (path, try ScenarioLoader().load(path: path))
    }

    /// The after cost is linear in the blade's price, so its mean over 2^k points of the design
    /// (one point in each 1/2^k of the range, whatever the shift) is the cost at the point value
    /// to within half a stratum of the cost's range.
    @Test func aLinearCostsMeanIsItsPointValue() throws {
        let (path, scenario) = try Self.oneBlade("{value: 1_000_000, low: 600_000, high: 1_400_000, distribution: uniform, source: test}")
        #expect(scenario.assumptions.count == 1 && scenario.assumptions[0].keyPath == "hardware.blades[blade].price_yen")
        let base = try Planner(scenario: scenario).plan()
        let study = UncertaintyStudy(path: path, loader: ScenarioLoader(), scenario: scenario, base: base)
        let atLow = try study.figures([600_000])[1], atHigh = try study.figures([1_400_000])[1]
        let point = try study.figures([1_000_000])[1]
        #expect(point == base.after.yearlyCost.total.value)
        #expect(abs((atLow + atHigh) / 2 - point) <= 1, "linear: \(atLow) \(point) \(atHigh)")
        for n in [16, 64] {
            let r = try study.run(samples: n, seed: 5)
            let after = try #require(r.figures.first { $0.name == "yearly_cost_after_yen" })
            #expect(abs(after.mean - point) <= (atHigh - atLow) / Double(2 * n) + 1, "\(n): \(after.mean) vs \(point)")
            #expect(after.p5 < after.p50 && after.p50 < after.p95 && after.p5 >= atLow - 1 && after.p95 <= atHigh + 1)
        }
        // Same seed, same figures; the repricing equals a plan read with the value set.
        let again = try study.run(samples: 16, seed: 5)
        #expect(try study.run(samples: 16, seed: 5).figures.map(\.mean) == again.figures.map(\.mean))
        var loader = ScenarioLoader()
        loader.overrides = [scenario.assumptions[0].override(1_400_000)]
        let replanned = try Planner(scenario: loader.load(path: path)).plan()
        #expect(replanned.after.yearlyCost.total.value == atHigh)
    }

    /// The tornado by hand: the input alone at its low and high, the figure from a full plan.
    @Test func theTornadoIsEachInputAloneAtItsEnds() throws {
        let (path, scenario) = try Self.oneBlade("{value: 1_000_000, low: 800_000, high: 1_500_000, source: test}")
        let base = try Planner(scenario: scenario).plan()
        let r = try UncertaintyStudy(path: path, loader: ScenarioLoader(), scenario: scenario, base: base).run(samples: 8, seed: 1)
        let bar = try #require(r.tornado.first)
        for (value, figure) in [(800_000.0, bar.figureAtLow), (1_500_000.0, bar.figureAtHigh)] {
            var loader = ScenarioLoader()
            loader.overrides = [scenario.assumptions[0].override(value)]
            let p = try Planner(scenario: loader.load(path: path)).plan()
            let b = p.before.yearlyCost.total.value, a = p.after.yearlyCost.total.value
            #expect(abs(figure - 100 * (b - a) / b) < 1e-9, "\(value): \(figure)")
        }
        // A dearer blade: a smaller reduction.
        #expect(bar.figureAtHigh < bar.figureAtLow)
    }

    /// Saltelli's first-order estimator on an additive function of uniform inputs:
    /// f = 4 x1 + 2 x2 + 0 x3 has S = 16/20, 4/20, 0.
    @Test func sobolIndicesOfAnAdditiveFunction() {
        let n = 1_024, d = 3, a = [4.0, 2.0, 0.0]
        let design = SobolSequence(dimensions: 2 * d, seed: 9)
        var yA: [Double] = [], yB: [Double] = [], yAB = [[Double]](repeating: [], count: d)
        func f(_ x: [Double]) -> Double { zip(a, x).reduce(0) { $0 + $1.0 * $1.1 } }
        for _ in 0..<n {
            let u = design.next()
            let ra = Array(u[0..<d]), rb = Array(u[d..<(2 * d)])
            yA.append(f(ra))
            yB.append(f(rb))
            for i in 0..<d {
                var row = ra
                row[i] = rb[i]
                yAB[i].append(f(row))
            }
        }
        let s = UncertaintyStudy.firstOrder(yA: yA, yB: yB, yAB: yAB)
        #expect(abs(s[0] - 0.8) < 0.03 && abs(s[1] - 0.2) < 0.03 && abs(s[2]) < 1e-12, "\(s)")
    }

    /// The triangular quantile puts F(mode) at the mode and stays in the range; uniform is linear.
    @Test func quantilesFollowTheirDistribution() {
        let t = Assumption(keyPath: "x", steps: [.key("x")], value: 3, low: 1, high: 9, distribution: .triangular, source: nil,
                           location: SourceLocation(file: "f", line: 1, column: 1))
        #expect(abs(t.quantile(0.25) - 3) < 1e-12)      // F(3) = (3 − 1) / (9 − 1)
        #expect(t.quantile(0) == 1 && abs(t.quantile(1) - 9) < 1e-12)
        var u = t
        u.distribution = .uniform
        #expect(u.quantile(0.5) == 5)
    }

    /// A range written wrong is one located error each.
    @Test(arguments: [
        ("{value: 5, low: 6, high: 9}", "low ≤ value ≤ high"),
        ("{value: 5, low: 1}", "give both low and high"),
        ("{value: 5, low: 1, high: 9, distribution: normal}", "must be one of uniform, triangular"),
        ("{value: five, low: 1, high: 9}", "must be a number"),
    ])
    func badRangesAreLocated(_ written: String, _ message: String) throws {
        let text = try String(contentsOfFile: Repository.scenario("checks/one-blade.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "      price_yen: 1_000_000\n", with: "      price_yen: \(written)\n")
        let path = try Workspace("uncertainty-bad").write(text, to: "one-blade.yaml")
        let sink = DiagnosticSink()
        #expect(ScenarioLoader().load(path: path, sink: sink) == nil)
        let errors = sink.sorted
        #expect(errors.count == 1 && errors[0].description.contains(message) && errors[0].description.contains("one-blade.yaml:"),
                "\(errors.map(\.description))")
    }

    /// Repricing at the inputs' own values gives the plan back to the yen: totals, every rule's
    /// shares (Shapley's from the coalitions' plans, repriced), the reported comparison.
    @Test func repricingAtTheValuesIsThePlan() throws {
        let path = Repository.scenario("okitama.yaml")
        let scenario = try ScenarioLoader().load(path: path)
        var planner = Planner(scenario: scenario)
        planner.costGames = true
        let base = try planner.plan()
        let study = UncertaintyStudy(path: path, loader: ScenarioLoader(), scenario: scenario, base: base)
        // The inputs the plan uses: the main file's and the library's models and sites in use.
        #expect(study.inputs.count == 20 && study.inputs.allSatisfy { $0.source != nil && $0.isUncertain })
        #expect(study.inputs.contains { $0.keyPath == "hardware.blades[blade-2s12c-96g].price_yen" }
                && !study.inputs.contains { $0.keyPath == "hardware.blades[blade-2s12c-192g].price_yen" })
        let names = study.figureNames()
        #expect(names.contains("share.06202.shapley_yen") && names.contains("reported_modelled_reduction_percent"))
        #expect(try study.figures(study.inputs.map(\.value)) == study.figures(of: base))
        // A dearer package moves every share, Shapley's too, and they still add up to the bill.
        var dear = study.inputs.map(\.value)
        dear[study.inputs.firstIndex { $0.keyPath == "economics.cost_lines[application packages].after.per_system" }!] = 9_000_000
        let f = try study.figures(dear)
        let shapley = names.indices.filter { names[$0].hasSuffix(".shapley_yen") }.map { f[$0] }
        #expect(abs(shapley.reduce(0, +) - f[1]) < 1 && f[1] > base.after.yearlyCost.total.value)
    }

    /// The cost verdict by hand: totals = yearly cost + each replication's risk; differences
    /// paired; Student-t 95% with 3 degrees of freedom (t = 3.182446305284263).
    @Test func theVerdictIsTheHandPairedComputation() {
        let v = CostVerdict(names: ["a", "b", "c"], yearlyCost: [100, 90, 95],
                            risk: [[10, 12, 11, 13], [15, 14, 16, 15], [20, 20, 20, 21]])
        let t = 3.182446305284263
        // b − a = [−5, −8, −5, −8]: mean −6.5, s = √3.
        let d = v.variants[1].difference
        #expect(abs(d.mean + 6.5) < 1e-12 && abs(d.halfWidth - t * 3.0.squareRoot() / 2) < 1e-9)
        #expect(abs(v.variants[2].total.mean - 115.25) < 1e-12)
        // b beats a and c replication by replication (b − c = [−10, −11, −9, −11]).
        #expect(v.preferred == 1 && v.replicationsNeeded == nil)
        // Overlapping: a = 100 + [0, 4, 0, 4], b = 101 + [3, 0, 3, 0]: b − a = [4, −3, 4, −3], mean 0.5.
        let close = CostVerdict(names: ["a", "b"], yearlyCost: [100, 101], risk: [[0, 4, 0, 4], [3, 0, 3, 0]])
        let h = t * (49.0 / 3).squareRoot() / 2
        #expect(close.preferred == nil)
        #expect(close.replicationsNeeded == Int((4 * (h / 0.5) * (h / 0.5)).rounded(.up)))
        // Saved energy is taken off, replication by replication: b saves [5, 6, 5, 6] on equal costs.
        let saving = CostVerdict(names: ["a", "b"], yearlyCost: [100, 100], risk: [[1, 2, 1, 2], [1, 2, 1, 2]],
                                 energySaved: [[0, 0, 0, 0], [5, 6, 5, 6]])
        let ds = saving.variants[1].difference
        #expect(ds.mean == -5.5 && abs(ds.halfWidth - t * (1.0 / 3).squareRoot() / 2) < 1e-9 && saving.preferred == 1)
    }

    /// A range in an included library file is sampled like one in the main file: the study's
    /// figure with the blade at its high equals a plan of a copy whose library states that price.
    @Test func anIncludedFilesRangeIsSampled() throws {
        let w = try Workspace("uncertainty-include")
        for name in ["okitama.yaml", "library/municipal-core-2010.yaml", "library/hardware-2010.yaml", "library/policies.yaml"] {
            try w.copy("Scenarios/" + name)
        }
        let folder = w.path + "/Scenarios"
        let path = folder + "/okitama.yaml"
        let scenario = try ScenarioLoader().load(path: path)
        let base = try Planner(scenario: scenario).plan()
        let study = UncertaintyStudy(path: path, loader: ScenarioLoader(), scenario: scenario, base: base)
        let i = try #require(study.inputs.firstIndex { $0.keyPath == "hardware.blades[blade-2s12c-96g].price_yen" })
        #expect(study.inputs[i].low == 900_000 && study.inputs[i].high == 2_000_000 && study.inputs[i].source?.hasPrefix("[EST]") == true)
        var values = study.inputs.map { $0.value }
        values[i] = 2_000_000
        let sampled = try study.figures(values)[1]
        let library = folder + "/library/hardware-2010.yaml"
        let text = try String(contentsOfFile: library, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "price_yen: {value: 1_300_000, low: 900_000, high: 2_000_000}", with: "price_yen: 2_000_000")
        #expect(edited != text)
        try edited.write(toFile: library, atomically: true, encoding: .utf8)
        let replanned = try Planner(scenario: ScenarioLoader().load(path: path)).plan()
        #expect(replanned.after.yearlyCost.total.value == sampled && sampled > base.after.yearlyCost.total.value)
    }

    /// An input that changes what is sized (the lease, the sizing horizon) is planned again,
    /// not repriced: the figure equals a full plan read with that value.
    @Test func aSizingInputIsPlannedAgain() throws {
        let text = try String(contentsOfFile: Repository.scenario("checks/one-blade.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  - {code: \"T\", name: town, population: 10_000}",
                                  with: "  - {code: \"T\", name: town, population: 10_000, population_change_percent: {value: 0, low: 0, high: 15, source: test}}")
            .replacingOccurrences(of: "pools:\n  - {name: pool, site: site, tenants: all, blade: blade, chassis: chassis, storage: array, policy: policy, blades: 1}",
                                  with: "pools:\n  - {name: pool, site: site, tenants: all, blade: blade, chassis: chassis, storage: array, policy: policy}")
            .replacingOccurrences(of: "        - {name: vm, vcpu: 2, memory_gib: 8, disk_gib: 50, boot_minutes: 0}",
                                  with: "        - {name: vm, vcpu: 2, memory_gib: {base: 8, per_10k: 40}, disk_gib: 50, boot_minutes: 0, max_memory_gib_per_instance: 16}")
        let path = try Workspace("uncertainty-sizing").write(text, to: "one-blade.yaml")
        let scenario = try ScenarioLoader().load(path: path)
        let a = try #require(scenario.assumptions.first)
        #expect(a.keyPath == "tenants[T].population_change_percent" && a.affectsSizing)
        let base = try Planner(scenario: scenario).plan()
        let study = UncertaintyStudy(path: path, loader: ScenarioLoader(), scenario: scenario, base: base)
        let grown = try study.figures([15])
        #expect(study.sizings == 1)
        var loader = ScenarioLoader()
        loader.overrides = [a.override(15)]
        let replanned = try Planner(scenario: loader.load(path: path)).plan()
        #expect(replanned.after.blades > base.after.blades, "growth should need more blades: \(replanned.after.blades) vs \(base.after.blades)")
        #expect(grown[1] == replanned.after.yearlyCost.total.value)
        _ = try study.figures([15])
        #expect(study.sizings == 1)      // the same draw is not sized twice
    }

    /// The remainder line's after is its percent of the members' remainder before, to the yen,
    /// and zero at 0%.
    @Test func theRemainderAfterIsItsPercentOfTheRemainderBefore() throws {
        let path = Repository.scenario("okitama.yaml")
        for percent in [82.0, 0, 100] {
            var loader = ScenarioLoader()
            loader.assumptionValues = ["economics.cost_lines[other reported spend].after.percent_of_before": percent]
            let scenario = try loader.load(path: path)
            let plan = try Planner(scenario: scenario).plan()
            let r = try #require(scenario.economics.costLines.firstIndex { $0.name == "other reported spend" })
            let before = plan.tenants.reduce(0.0) { $0 + $1.beforeLines[r].value }
            #expect(before > 100e6)
            let after = plan.pools[0].lineAmounts[r].value
            #expect(abs(after - (before * percent / 100).rounded()) <= 1, "\(percent)%: \(after) vs \(before)")
            // standalone_cost_yen holds the dedicated servers and every before cost line: a
            // reporting tenant's is its reported bill, to the yen.
            for t in plan.tenants {
                let c = t.standaloneCost
                #expect(c.lines == t.beforeLines.reduce(.zero, +) && c.total == c.hardware + c.maintenance + c.energy + c.space + c.operations + c.lines)
                if let reported = t.reportedCostBefore { #expect(abs(c.total.value - reported.value) <= 1, "\(t.code)") }
            }
        }
    }
}
