import Foundation
import Testing
import TestSupport
@testable import CapacityModel
@testable import Planning
@testable import Simulation

/// `pools[].blades`: a purchase evaluated as it is, HA reserve or not.
@Suite struct FixedBladesTests {
    /// The analytic fixture under the default HA policy (tolerate one blade failure), with a
    /// constant failure every 1,000 h for 10 h and VMs of `memory` GiB on 100 GiB blades.
    static func scenario(blades: Int?, memory: Int = 10, replicas: Int = 1) throws -> (Scenario, String) {
        let pool = Fixture.hardwareAndPool(
            failures: "{time_to_failure: {distribution: constant, hours: 1000}, time_to_repair: {distribution: constant, hours: 10}}",
            detectionSeconds: 0)
        let defaultHA = pool.replacingOccurrences(of: "admission: none, ", with: "")
        let fixed = blades.map { defaultHA.replacingOccurrences(of: "policy: p}", with: "policy: p,\n     blades: \($0)}") } ?? defaultHA
        #expect(defaultHA != pool && (blades == nil || fixed != defaultHA))
        let text = """
        \(Fixture.header(name: "fixed", systems: Fixture.oneTierSystem(memory: memory, replicas: replicas, quorum: 1)))
        \(fixed)
        simulation: {horizon_years: 1, replications: 2, demand_noise_cv: 0, demand_step_minutes: 1440, failures: {chassis: false, storage_arrays: false}}
        """
        return (try Fixture.load(text), text)
    }

    /// Sized, the pool gets a spare blade. Fixed at one blade, the HA check fails, and the
    /// system is down exactly while the blade is: eight 10-hour repairs (at 1,000 + 1,010 k h)
    /// in the year.
    @Test func oneBladeIsSimulatedAsBought() throws {
        let (sized, _) = try Self.scenario(blades: nil)
        let sizedPlan = try Planner(scenario: sized).plan()
        #expect(sizedPlan.pools[0].blades == 2 && !sizedPlan.pools[0].bladesFixed && sizedPlan.haOK)

        let (one, _) = try Self.scenario(blades: 1)
        let plan = try Planner(scenario: one).plan()
        #expect(plan.pools[0].blades == 1 && plan.pools[0].bladesFixed)
        #expect(!plan.haOK && !plan.pools[0].ha.bladeFailures.ok)
        let a = try Fixture.simulate(one).tenantSystems[0]
        #expect(a.outages.mean == 8)
        #expect(abs(a.availability.mean - (1 - 80.0 / 8_760)) < 1e-9)
    }

    /// More blades than needed: the count is kept and the HA check passes.
    @Test func moreBladesThanSizedAreKept() throws {
        let (s, _) = try Self.scenario(blades: 5)
        let plan = try Planner(scenario: s).plan()
        #expect(plan.pools[0].blades == 5 && plan.haOK)
    }

    /// Three 60 GiB replicas that must not share a blade need three blades: two is an error
    /// located at the `blades` key.
    @Test func tooFewBladesIsALocatedError() throws {
        let (s, text) = try Self.scenario(blades: 2, memory: 60, replicas: 3)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("blades: 2}") }! + 1
        do throws(PlanningError) {
            _ = try Planner(scenario: s).plan()
            Issue.record("a plan on too few blades")
        } catch {
            #expect(error.location?.line == line, "\(String(describing: error.location)) vs line \(line)")
            #expect(error.message.contains("'blades: 2' is too few") && error.message.contains("at least 3"))
        }
    }

    /// With `per_prefecture` a fixed count would apply to pools the user never named: refused.
    @Test func bladesWithPerPrefectureIsRefused() throws {
        let (_, text) = try Self.scenario(blades: 3)
        let bad = text.replacingOccurrences(of: "{name: pool, site: s, tenants: all,", with: "{per_prefecture: true, site: s, tenants: all,")
        #expect(bad != text)
        let sink = DiagnosticSink()
        _ = ScenarioLoader().load(path: try Workspace("fixed").write(bad, to: "s.yaml"), sink: sink)
        #expect(sink.sorted.contains { $0.description.contains("'blades' cannot be given with per_prefecture") })
    }
}

/// The bundled closed-form check: what a user runs to test the simulator.
@Suite struct BundledCheckTests {
    @Test func oneBladeScenarioMatchesItsFormula() throws {
        let s = try ScenarioLoader().load(path: Synthetic.root + "/Scenarios/checks/one-blade.yaml")
        let plan = try Planner(scenario: s).plan()
        #expect(plan.pools[0].blades == 1 && plan.pools[0].bladesFixed)
        let r = try Fixture.simulate(s)
        let a = r.tenantSystems[0].availability
        let exact = 1_000.0 / 1_010.0
        #expect(a.halfWidth < 0.002)
        #expect(abs(a.mean - exact) <= a.halfWidth, "availability \(a.mean) ± \(a.halfWidth) vs \(exact)")
        let years = s.simulation.horizonYears ?? 0
        #expect(abs(r.bladeFailures.mean - years * 8_760 / 1_010) <= 3 * r.bladeFailures.halfWidth)
    }
}

/// `population_change_percent`: the plan sizes for the largest population of the lease, and
/// simulated demand follows the population year by year.
@Suite struct PopulationChangeTests {
    /// One tenant of 100,000 residents whose tier needs 0.5 vCPU per 10,000 (CPU 50% busy at
    /// peak), growing or shrinking 10% a year over a 5-year lease; blades never fail.
    static func scenario(changePercent: Double) throws -> Scenario {
        let pool = Fixture.hardwareAndPool(
            failures: "{time_to_failure: {distribution: constant, hours: 1000000}, time_to_repair: {distribution: constant, hours: 1}}",
            detectionSeconds: 0)
        let founding = "  - {code: \"T\", name: T, population: 0}"
        #expect(pool.contains(founding))
        let system = """
            - id: sys
              profile: flat
              tiers:
                - {name: app, vcpu: {base: 0, per_10k: 0.5}, memory_gib: 10, disk_gib: 10, boot_minutes: 0, cpu_peak_utilisation: 0.5}
        """
        let text = """
        \(Fixture.header(name: "growth", systems: system))
        \(pool.replacingOccurrences(of: founding, with: "  - {code: \"T\", name: T, population: 100000, population_change_percent: \(changePercent)}"))
        economics: {lease_years: 5}
        simulation: {horizon_years: 3, replications: 1, demand_noise_cv: 0, demand_step_minutes: 1440, failures: {chassis: false, storage_arrays: false}}
        """
        return try Fixture.load(text)
    }

    @Test func growingTenantIsSizedForTheEndOfTheLease() throws {
        let growing = try Planner(scenario: try Self.scenario(changePercent: 10)).plan()
        // 100,000 × 1.1^5 = 161,051 residents → 8.05 vCPU, rounded up to 9.
        #expect(growing.pools[0].virtualMachines.map(\.vcpu) == [9])
        let shrinking = try Planner(scenario: try Self.scenario(changePercent: -10)).plan()
        #expect(shrinking.pools[0].virtualMachines.map(\.vcpu) == [5])
    }

    /// Utilisation each year is proportional to that year's population: 100,000, 110,000 and
    /// 121,000 residents in years 0, 1 and 2 (days 100, 465 and 830).
    @Test(arguments: [10.0, -10.0])
    func demandFollowsThePopulation(changePercent: Double) throws {
        let s = try Self.scenario(changePercent: changePercent)
        let r = try Fixture.simulate(s)
        let u = [100, 465, 830].map { r.pools[0].utilisationP50[$0].mean }
        let g = 1 + changePercent / 100
        #expect(u[0] > 0)
        // Daily statistics are stored as Float: agreement to 1e-6.
        #expect(abs(u[1] / u[0] - (100_000 * g).rounded() / 100_000) < 1e-6, "\(u)")
        #expect(abs(u[2] / u[0] - (100_000 * g * g).rounded() / 100_000) < 1e-6, "\(u)")
    }
}
