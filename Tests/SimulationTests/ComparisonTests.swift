import Foundation
import Testing
import TestSupport
@testable import CapacityModel
@testable import Simulation
@testable import Planning
import Stochastics
import Study

/// `compare` under common random numbers (issue 14, item 1).
@Suite struct ComparisonTests {
    /// A component's stream depends on its key, not on how many other components there are: the
    /// blades a 3-blade variant shares with a 2-blade one draw the same failure times.
    @Test func componentsKeepTheirDrawsAcrossVariants() throws {
        let a = RandomStream(seed: 9, stream: 4, key: "blade/p/1"), b = RandomStream(seed: 9, stream: 4, key: "blade/p/1")
        let other = RandomStream(seed: 9, stream: 4, key: "blade/p/2"), nextRep = RandomStream(seed: 9, stream: 5, key: "blade/p/1")
        let draws = (0..<5).map { _ in a.uniform() }
        #expect(draws == (0..<5).map { _ in b.uniform() })
        #expect(draws != (0..<5).map { _ in other.uniform() } && draws != (0..<5).map { _ in nextRep.uniform() })
        let two = try Self.scenario(blades: 2), three = try Self.scenario(blades: 3)
        let m2 = SimulationModel(scenario: two, plan: try Planner(scenario: two).plan())
        let m3 = SimulationModel(scenario: three, plan: try Planner(scenario: three).plan())
        for k in 0..<2 { #expect(m2.streamKey(.blade, k) == m3.streamKey(.blade, k)) }
        #expect(m3.streamKey(.blade, 2) == "blade/pool/2" && m3.streamKey(.noise, 1) == "noise/pool/1")
        // The model hashes the key without building it: the same stream as from the key itself.
        for (kind, i) in [(ComponentStream.blade, 2), (.noise, 0), (.chassis, 0), (.array, 0), (.site, 0)] {
            let built = RandomStream(seed: 11, stream: 2, key: m3.streamKey(kind, i))
            #expect(m3.stream(kind, i, seed: 11, replication: 2).stateWords == built.stateWords, "\(kind) \(i)")
        }
        var digits = KeyHash(), text = KeyHash()
        digits.add(decimal: 1_203)
        text.add("1203")
        #expect(digits.value == text.value)
    }

    /// One VM on 1 to 3 blades of the analytic fixture (exponential failures, MTBF 200 h, MTTR
    /// 20 h; no HA reserve), one year, 8 replications.
    static func scenario(blades: Int) throws -> Scenario {
        var s = try Fixture.scenario(blades: 1, replicas: 1, quorum: 1, memory: 10, mtbf: 200,
                                     mttr: "{distribution: exponential, mean_hours: 20}", horizonYears: 1, replications: 8, seed: 3)
        s.pools[0].fixedBlades = (blades, s.pools[0].location)
        return s
    }

    /// A scenario against itself: every difference is exactly 0 and none is significant.
    @Test func aScenarioAgainstItselfDiffersByNothing() throws {
        let s = try Self.scenario(blades: 2)
        let c = try Study.compare([("a", s), ("b", s)], options: StudyOptions(jobs: 2))
        #expect(c.figures.count > 10)
        for f in c.figures {
            #expect(f.differences[1].mean == 0 && (f.differences[1].halfWidth == 0 || f.differences[1].mean.isNaN), "\(f.name)")
            #expect(!f.isSignificant(1), "\(f.name)")
        }
    }

    /// A second blade takes the VM while the first is repaired: stranded VM-hours and downtime
    /// fall, significantly, and the paired interval is narrower than the unpaired one would be;
    /// the first blade fails exactly as often in both (its own stream).
    @Test func aSpareBladeIsSignificantlyBetterUnderCommonRandomNumbers() throws {
        let c = try Study.compare([("one", try Self.scenario(blades: 1)), ("two", try Self.scenario(blades: 2))],
                                  options: StudyOptions(jobs: 2))
        func figure(_ name: String) -> Comparison.Figure { c.figures.first { $0.name == name }! }
        let stranded = figure("stranded_vm_hours"), downtime = figure("downtime_minutes")
        #expect(stranded.isSignificant(1) && stranded.differences[1].mean < 0, "\(stranded.differences[1])")
        #expect(downtime.isSignificant(1) && downtime.differences[1].mean < 0)
        #expect(figure("blades").differences[1].mean == 1 && figure("blades").isSignificant(1))
        let failures = figure("blade_failures")
        #expect(failures.differences[1].mean > 0, "the second blade fails too")
        // Paired beats unpaired: the difference's half-width is below the two values' combined.
        let unpaired = (downtime.values[0].halfWidth * downtime.values[0].halfWidth
                        + downtime.values[1].halfWidth * downtime.values[1].halfWidth).squareRoot()
        #expect(downtime.differences[1].halfWidth < unpaired)
    }
}
