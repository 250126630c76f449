import Testing
import TestSupport
@testable import CapacityModel
@testable import Planning
@testable import Simulation
import SimKernel
import Study

/// `simulate --timeline` (issue 11, item 6): blades arrive as the timeline buys them. With
/// failures off, deliveries on time strand nothing; a late one strands the joiners it was
/// bought for, counted apart as waiting for a delivery.
@Suite struct DeliveryTests {
    func scenario(delayHours: Double?) throws -> Scenario {
        var s = try ScenarioLoader().load(path: Repository.root + "/Scenarios/okitama-waves.yaml")
        s.simulation.bladeFailures = false
        s.simulation.chassisFailures = false
        s.simulation.storageFailures = false
        s.simulation.deliveryDelay = delayHours.map { .constant($0) }
        return s
    }

    func simulate(_ s: Scenario) throws -> StudyResult {
        var options = StudyOptions(simulate: true, horizonSeconds: 4 * SimDuration.year, replications: 2, seed: 5, jobs: 2)
        options.timeline = true
        return try Study.run(s, options: options)
    }

    @Test func bladesArriveWhenTheTimelineBuysThem() throws {
        let s = try scenario(delayHours: nil)
        let timeline = try Study.timeline(s, months: 48)
        var model = try Study.simulationModel(s, plan: try Planner(scenario: s).plan())
        model.scheduleDeliveries(timeline)
        let installed = timeline.pools[0].months.map(\.bladesInstalled)
        let due = model.bladeDueSeconds
        #expect(due.filter { $0 == 0 }.count == installed[0])
        #expect(due.filter { $0 == 36 * SimDuration.year / 12 }.count == installed[36] - installed[35])
        #expect(due.count == installed[47] || due.contains(.infinity))
    }

    @Test func onTimeDeliveriesStrandNothing() throws {
        let result = try #require(try simulate(scenario(delayHours: nil)).simulation)
        for t in result.tenantSystems {
            #expect(t.strandedVMHours.mean == 0, "\(t.tenantCode) \(t.system)")
            #expect(t.deliveryStrandedVMHours.mean == 0)
            #expect(t.availability.mean == 1, "\(t.tenantCode) \(t.system): \(t.availability.mean)")
        }
    }

    /// 2,000 hours late: the second wave (06382, 06402, 06403) waits for its blades from its
    /// join; the first wave never notices.
    @Test func aLateDeliveryStrandsTheJoinersItWasFor() throws {
        let result = try #require(try simulate(scenario(delayHours: 2_000)).simulation)
        let secondWave: Set = ["06382", "06402", "06403"]
        var late = 0.0
        for t in result.tenantSystems {
            #expect(abs(t.deliveryStrandedVMHours.mean - t.strandedVMHours.mean) < 1e-9, "all of it is the delivery's")
            if secondWave.contains(t.tenantCode) { late += t.deliveryStrandedVMHours.mean } else { #expect(t.strandedVMHours.mean == 0) }
        }
        #expect(late > 0)
        // No second-wave VM waits longer than the delay.
        #expect(result.tenantSystems.allSatisfy { $0.deliveryStrandedVMHours.mean <= 2_000 * 100 })
    }
}
