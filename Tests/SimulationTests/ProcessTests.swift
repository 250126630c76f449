import Foundation
import Testing
import TestSupport
@testable import CapacityModel
@testable import Planning
@testable import Simulation
import SimKernel

/// Records every change it hears, in order.
final class ChangeProbe: SimulationProcess {
    nonisolated(unsafe) static var heard: [StateChange] = []
    init(_ setup: ProcessSetup) { Self.heard = [] }
    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {}
    func handle(_ kind: UInt32, subject: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {}
    func notice(_ change: StateChange, _ state: inout ReplicationState, _ kernel: inout Kernel) { Self.heard.append(change) }
}

/// The processes of a replication and how they hear each other.
@Suite(.serialized) struct ProcessTests {
    /// Two 10 GiB VMs on two blades of one chassis (no other capacity). The chassis fails at
    /// 1 h and is repaired 10 h later. Its blades return one at a time, each heard by every
    /// process before the next returns: HA restarts both stranded VMs on the first blade back.
    @Test func chassisBladesReturnOneAtATimeAndHAFillsTheFirst() throws {
        let failures = "{time_to_failure: {distribution: constant, hours: 100000}, time_to_repair: {distribution: constant, hours: 10}}"
        var pool = Fixture.hardwareAndPool(failures: failures, detectionSeconds: 0)
        pool = pool.replacingOccurrences(of: "chassis: [{id: c, slots: 16, rack_units: 10, price_yen: 0}]",
                                         with: "chassis: [{id: c, slots: 16, rack_units: 10, price_yen: 0, failures: \(failures)}]")
            .replacingOccurrences(of: "  - {code: \"T\", name: T, population: 0}",
                                  with: "  - {code: \"T\", name: T, population: 0}\n  - {code: \"U\", name: U, population: 0}")
            .replacingOccurrences(of: "policy: p}", with: "policy: p, blades: 2}")
        let text = """
        \(Fixture.header(name: "chassis", systems: Fixture.oneTierSystem(memory: 10, replicas: 1, quorum: 1)))
        \(pool)
        simulation: {demand_noise_cv: 0, failures: {storage_arrays: false}}
        """
        let scenario = try Fixture.load(text)
        let model = SimulationModel(scenario: scenario, plan: try Planner(scenario: scenario).plan())
        #expect(model.bladeCount == 2 && model.chassisCount == 1 && Set(model.vmHomeBlade) == [0, 1])
        var replication = Replication(model: model, horizon: 100 * 3_600, seed: 1, replication: 0, extra: [ChangeProbe.init])
        var kernel = Kernel()
        replication.start(&kernel)
        kernel.schedule(at: 3_600, kind: replication.kind(ComponentFailures.self, ComponentFailures.Kind.chassisFails.rawValue),
                        subject: 0)
        kernel.run(until: 3_601, handler: &replication)
        #expect(replication.state.vmState.allSatisfy { $0 == .stranded })
        #expect(ChangeProbe.heard == [.bladeDown(0), .restartsNeeded(pool: 0), .bladeDown(1), .restartsNeeded(pool: 0)])
        ChangeProbe.heard = []
        kernel.run(until: 3_600 + 36_000 + 1, handler: &replication)
        #expect(ChangeProbe.heard == [.bladeConditionChanged(0), .bladeUp(0), .bladeConditionChanged(1), .bladeUp(1)])
        #expect(replication.state.vmBlade == [0, 0], "both restarted on the first blade back")
        #expect(replication.state.vmState.allSatisfy { $0 == .running })
        #expect(replication.invariantViolations(at: kernel.now).isEmpty)
    }

    /// A site that fails every 1,000 h for exactly 10 h (nothing else fails; detection and boot
    /// take no time) takes its blade and array down: eight 10-hour outages in a year, and the
    /// blade is unavailable for the same 80 hours.
    @Test func siteFailureStopsEverythingAtTheSiteUntilRepaired() throws {
        let text = """
        \(Fixture.header(name: "site", systems: Fixture.oneTierSystem(memory: 10, replicas: 1, quorum: 1)))
        \(Fixture.hardwareAndPool(failures: "{time_to_failure: {distribution: constant, hours: 100000}, time_to_repair: {distribution: constant, hours: 1}}", detectionSeconds: 0))
        simulation:
          horizon_years: 1
          replications: 2
          demand_noise_cv: 0
          demand_step_minutes: 1440
          failures: {blades: false, chassis: false, storage_arrays: false}
          site_failures: {time_to_failure: {distribution: constant, hours: 1000}, time_to_repair: {distribution: constant, hours: 10}}
        """
        let r = try Fixture.simulate(try Fixture.load(text))
        let t = r.tenantSystems[0]
        #expect(t.outages.mean == 8 && abs(t.downtimeMinutes.mean - 80 * 60) < 1e-6)
        #expect(abs(t.availability.mean - (1 - 80.0 / 8_760)) < 1e-9)
        #expect(abs(r.pools[0].bladeAvailability.mean - (1 - 80.0 / 8_760)) < 1e-9)
        #expect(t.strandedVMHours.mean == 0, "the VM waits for its storage on its own blade, not for capacity")
    }
}
