import Foundation
import Testing
import TestSupport
@testable import CapacityModel
@testable import Simulation
@testable import Planning
import SimKernel
import Study

/// `simulate --precision` (issue 14, item 2): replicate until the 95% half-width is within a
/// relative target, or a cap.
@Suite struct PrecisionTests {
    /// The stopping rule's arithmetic: the projection n·(r/target)², at least one batch more, at
    /// most 4× and the cap; nothing more once every figure is met.
    @Test func theNextCountIsTheProjectionWithinItsBounds() {
        let t = PrecisionTarget(relativeHalfWidth: 0.1, maxReplications: 100)
        func check(_ r: Double) -> PrecisionTarget.FigureCheck {
            .init(figure: .downtimeMinutes, estimate: Estimate([1, 2]), relativeHalfWidth: r, met: r <= 0.1)
        }
        #expect(t.nextCount(done: 10, batch: 10, checks: [check(0.2)]) == 40)    // 10 × 2² = 40
        #expect(t.nextCount(done: 10, batch: 10, checks: [check(0.15)]) == 23)   // 10 × 1.5² = 22.5 → 23
        #expect(t.nextCount(done: 10, batch: 10, checks: [check(0.11)]) == 20)   // 12.1 but one batch more
        #expect(t.nextCount(done: 10, batch: 10, checks: [check(0.5)]) == 40)    // 250, at most 4×
        #expect(t.nextCount(done: 40, batch: 10, checks: [check(0.5)]) == 100)   // the cap
        #expect(t.nextCount(done: 100, batch: 10, checks: [check(0.5)]) == 100)
        #expect(t.nextCount(done: 10, batch: 10, checks: [check(0.05), check(.nan)]) == 40)
        #expect(t.nextCount(done: 10, batch: 10, checks: [check(0.05), check(0.1)]) == 10)
    }

    /// Relative to the mean, or to the unavailability for an availability; a constant figure is
    /// exact (0), a spread around a zero reference infinite.
    @Test func theReferenceIsTheMeanOrTheUnavailability() {
        let d = Estimate([90, 110])   // mean 100
        #expect(abs(PrecisionTarget.relative(d, higherIsBetter: false) - d.halfWidth / 100) < 1e-12)
        let a = Estimate([0.999, 0.997], range: 0...1)
        #expect(abs(PrecisionTarget.relative(a, higherIsBetter: true) - a.halfWidth / 0.002) < 1e-9)
        #expect(PrecisionTarget.relative(Estimate([0, 0, 0]), higherIsBetter: false) == 0)
        #expect(PrecisionTarget.relative(Estimate([-1, 1]), higherIsBetter: false) == .infinity)
        #expect(PrecisionTarget.relative(Estimate([3]), higherIsBetter: false).isNaN)
    }

    /// One VM on one blade (MTBF 200 h, MTTR 20 h) for a year: the run stops at a count whose
    /// interval meets the target, and its figures are bit for bit those of a plain run of that
    /// many replications, on 1 or 2 jobs; a target too tight stops at the cap, not met.
    @Test func aRunStopsWhereTheTargetIsMetAndEqualsAFixedRun() throws {
        let s = try Fixture.scenario(blades: 1, replicas: 1, quorum: 1, memory: 10, mtbf: 200,
                                     mttr: "{distribution: exponential, mean_hours: 20}", horizonYears: 1, replications: 4, seed: 5)
        let model = SimulationModel(scenario: s, plan: try Planner(scenario: s).plan())
        let target = PrecisionTarget(relativeHalfWidth: 0.03, figures: [.downtimeMinutes, .meanAvailability], maxReplications: 2_000)
        let one = Simulator(model: model, horizonSeconds: SimDuration.year, seed: 5, replications: 4, jobs: 1).run(until: target)
        let two = Simulator(model: model, horizonSeconds: SimDuration.year, seed: 5, replications: 4, jobs: 2).run(until: target)
        let p = try #require(one.precision)
        #expect(p.met && p.replications > 4 && p.replications < 2_000 && p.replications == one.replications)
        #expect(one.perReplication.map(\.values) == two.perReplication.map(\.values) && two.precision == p)
        let fixed = Simulator(model: model, horizonSeconds: SimDuration.year, seed: 5, replications: p.replications, jobs: 2).run()
        #expect(fixed.perReplication.map(\.values) == one.perReplication.map(\.values))
        // The check recomputed from the per-replication values, independently.
        let downtime = one.perReplication.first { $0.figure == .downtimeMinutes }!.values
        let e = Estimate(downtime)
        #expect(e.halfWidth / e.mean <= 0.03 && abs(p.checks[0].relativeHalfWidth - e.halfWidth / e.mean) < 1e-12)
        // The steady-state unavailability is 20/220: the estimate's interval holds it.
        let availability = p.checks[1].estimate
        #expect(availability.low <= 200.0 / 220 && 200.0 / 220 <= availability.high, "\(availability)")
        let capped = Simulator(model: model, horizonSeconds: SimDuration.year, seed: 5, replications: 4, jobs: 2)
            .run(until: PrecisionTarget(relativeHalfWidth: 1e-6, maxReplications: 9))
        #expect(capped.replications == 9 && capped.precision?.met == false)
    }
}
