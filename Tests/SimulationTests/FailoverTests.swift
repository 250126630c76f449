import Foundation
import Testing
@testable import CapacityModel
@testable import Planning
@testable import Simulation
import SimKernel
import Study
import TestSupport

@Suite struct FailoverTests {
    /// Five VMs of 70, 60, 50, 30 and 20 GiB (priorities 1 to 5) on three blades of 100 GiB.
    /// The balanced layout is {70}, {60, 20}, {50, 30}. When the third blade fails, 50 and 30
    /// must restart on 30 and 20 GiB of free room: 50 fits nowhere and is stranded; 30 restarts
    /// on the first blade. Repairing the blade lets 50 restart there.
    @Test func restartStormStrandsExactlyWhatCannotFit() throws {
        let sizes = [70, 60, 50, 30, 20]
        var systems = ""
        for (i, m) in sizes.enumerated() {
            systems += "    - {id: s\(i), profile: flat, tiers: [{name: app, vcpu: 1, memory_gib: \(m), disk_gib: 10, restart_priority: \(i + 1), boot_minutes: 5, cpu_peak_utilisation: 0.1}]}\n"
        }
        let text = """
        \(Fixture.header(name: "storm", systems: systems))
        \(Fixture.hardwareAndPool(failures: "{time_to_failure: {distribution: constant, hours: 100000}, time_to_repair: {distribution: constant, hours: 10}}", detectionSeconds: 30))
        simulation: {demand_noise_cv: 0, failures: {chassis: false, storage_arrays: false}}
        """
        let scenario = try Fixture.load(text)
        let plan = try Planner(scenario: scenario).plan()
        let model = SimulationModel(scenario: scenario, plan: plan)
        let memoryOf = model.vmMemory.map { Int($0) }
        var byBlade = [[Int]](repeating: [], count: 3)
        for v in 0..<model.vmCount { byBlade[Int(model.vmHomeBlade[v])].append(memoryOf[v]) }
        #expect(byBlade.map { $0.sorted() } == [[70], [20, 60], [30, 50]])
        let failing = byBlade.firstIndex { $0.sorted() == [30, 50] }!

        var replication = Replication(model: model, horizon: 100 * 3_600, seed: 1, replication: 0)
        var kernel = Kernel()
        replication.start(&kernel)
        kernel.schedule(at: 3_600, kind: replication.kind(ComponentFailures.self, ComponentFailures.Kind.bladeFails.rawValue), subject: UInt32(failing))
        kernel.run(until: 3_600 + 29, handler: &replication)
        // Before detection (30 s): both wait, nothing restarts.
        let waiting = (0..<model.vmCount).filter { replication.state.vmState[$0] == .awaitingDetection }.map { memoryOf[$0] }
        #expect(waiting.sorted() == [30, 50])
        kernel.run(until: 3_600 + 31, handler: &replication)
        let stranded = (0..<model.vmCount).filter { replication.state.vmState[$0] == .stranded }
        #expect(stranded.map { memoryOf[$0] } == [50])
        let moved = (0..<model.vmCount).first { memoryOf[$0] == 30 }!
        #expect(replication.state.vmState[moved] == .booting)
        #expect(byBlade[Int(replication.state.vmBlade[moved])] == [70])
        #expect(replication.invariantViolations(at: kernel.now).isEmpty)
        // Booted 5 minutes after detection.
        kernel.run(until: 3_600 + 30 + 300, handler: &replication)
        #expect(replication.state.vmState[moved] == .running)
        // The blade is repaired 10 h after failing; the stranded VM restarts there and is back
        // 5 minutes later.
        kernel.run(until: 3_600 + 36_000 + 301, handler: &replication)
        #expect(replication.state.vmState[stranded[0]] == .running)
        #expect(replication.invariantViolations(at: kernel.now).isEmpty)
        replication.finish()
        let ts = Int(model.vmTenantSystem[stranded[0]])
        #expect(abs(replication.outcome.strandedSeconds[ts] - (36_000 - 30)) < 1e-6)
        #expect(abs(replication.outcome.downtimeSeconds[ts] - (36_000 + 300)) < 1e-6)
        #expect(abs(replication.outcome.latencyMax[ts] - (36_000 + 300)) < 1e-6)
        let movedTS = Int(model.vmTenantSystem[moved])
        #expect(abs(replication.outcome.downtimeSeconds[movedTS] - 330) < 1e-6)
    }

    /// A busy pool with frequent blade, chassis and array failures keeps every bookkeeping
    /// identity after each of thousands of events.
    @Test func bookkeepingStaysConsistentUnderHeavyFailures() throws {
        let text = try String(contentsOfFile: Synthetic.root + "/Scenarios/okitama.yaml", encoding: .utf8)
        let dir = try Workspace("heavy").path
        try FileManager.default.copyItem(atPath: Synthetic.root + "/Scenarios/library", toPath: dir + "/library")
        var hardware = try String(contentsOfFile: dir + "/library/hardware-2010.yaml", encoding: .utf8)
        hardware = hardware.replacingOccurrences(of: "annual_failure_rate: 0.08", with: "annual_failure_rate: 20")
            .replacingOccurrences(of: "annual_failure_rate: 0.005", with: "annual_failure_rate: 5")
            .replacingOccurrences(of: "annual_failure_rate: 0.01", with: "annual_failure_rate: 5")
        try Data(hardware.utf8).write(to: URL(fileURLWithPath: dir + "/library/hardware-2010.yaml"))
        // Two towns join during the run (after 10 and 30 days), so joins meet failed blades and arrays.
        let joining = text
            .replacingOccurrences(of: "reported_cost_after_million_yen: 60.5}", with: "reported_cost_after_million_yen: 60.5, joins_after_years: 0.0274}")
            .replacingOccurrences(of: "reported_cost_after_million_yen: 41.5}", with: "reported_cost_after_million_yen: 41.5, joins_after_years: 0.0822}")
        #expect(joining != text)
        try Data(joining.utf8).write(to: URL(fileURLWithPath: dir + "/s.yaml"))
        let scenario = try ScenarioLoader().load(path: dir + "/s.yaml")
        let model = SimulationModel(scenario: scenario, plan: try Planner(scenario: scenario).plan())
        // 400 days: the year boundary rescales demand (okitama's populations shrink) mid-run.
        let horizon = 86_400.0 * 400
        var replication = Replication(model: model, horizon: horizon, seed: 3, replication: 0)
        var kernel = Kernel()
        replication.start(&kernel)
        var checked = 0
        while kernel.now < horizon, let event = kernel.step(handler: &replication) {
            if event.kind == replication.kind(PopulationChange.self, PopulationChange.Kind.yearBegins.rawValue) {
                let problems = replication.invariantViolations(at: kernel.now)
                #expect(problems.isEmpty, "after the year began: \(problems.prefix(3))")
            }
            checked += 1
            if checked % 7 == 0 {
                let problems = replication.invariantViolations(at: kernel.now)
                #expect(problems.isEmpty, "after \(checked) events: \(problems.prefix(3))")
                if !problems.isEmpty { break }
            }
        }
        #expect(replication.outcome.bladeFailures > 20 && replication.outcome.arrayFailures > 0)
        #expect(checked > 1_000)
        let notJoined = replication.state.vmState.filter { $0 == .notJoined }.count
        #expect(notJoined == 0, "every tenant has joined after 400 days")
    }
}

enum Synthetic {
    static var root: String { Repository.root }
}

/// Tenants that join after the start: measured from their join, and started on their planned
/// blade or, when that is down, placed once capacity returns.
@Suite struct JoiningTests {
    /// Two tenants on one blade that fails every 1,000 h for exactly 10 h (detection and boot
    /// take no time); "U" joins after half a year (4,380 h). Failures start at 1,000 + 1,010 k h:
    /// eight within the year, four (k = 4…7) after the join. Each is a 10-hour outage.
    @Test func lateJoinerIsMeasuredFromItsJoin() throws {
        let r = try Self.twoTenants(failEveryHours: 1_000)
        let t = r.tenantSystems.first { $0.tenantCode == "T" }!, u = r.tenantSystems.first { $0.tenantCode == "U" }!
        #expect(t.inServiceHours == 8_760 && u.inServiceHours == 4_380)
        #expect(t.outages.mean == 8 && u.outages.mean == 4)
        #expect(abs(t.downtimeMinutes.mean - 80 * 60) < 1e-6 && abs(u.downtimeMinutes.mean - 40 * 60) < 1e-6)
        #expect(abs(u.availability.mean - (1 - 40.0 / 4_380)) < 1e-9)
        #expect(abs(t.availability.mean - (1 - 80.0 / 8_760)) < 1e-9)
        // Its demand starts with it: one VM's load on day 10, two on day 300 (no failure either day).
        let before = r.pools[0].utilisationP50[10].mean, after = r.pools[0].utilisationP50[300].mean
        #expect(before > 0 && abs(after - 2 * before) < 1e-9, "utilisation \(before) → \(after)")
    }

    /// The blade fails at 4,375 h and is repaired at 4,385 h; "U" joins at 4,380 h, in the
    /// middle: it is down (one outage, 5 h) and stranded from its join until the repair.
    @Test func joinDuringAFailureWaitsForCapacity() throws {
        let r = try Self.twoTenants(failEveryHours: 4_375)
        let t = r.tenantSystems.first { $0.tenantCode == "T" }!, u = r.tenantSystems.first { $0.tenantCode == "U" }!
        #expect(t.outages.mean == 1 && abs(t.downtimeMinutes.mean - 10 * 60) < 1e-6)
        #expect(u.outages.mean == 1 && abs(u.downtimeMinutes.mean - 5 * 60) < 1e-6)
        #expect(abs(u.strandedVMHours.mean - 5) < 1e-6)
    }

    /// A tenant joining after the horizon is never in service: no availability, no outages.
    @Test func joinAfterTheHorizonIsNeverMeasured() throws {
        let r = try Self.twoTenants(failEveryHours: 1_000, joinYears: 2)
        let u = r.tenantSystems.first { $0.tenantCode == "U" }!
        #expect(u.inServiceHours == 0 && u.availability.mean.isNaN && u.outages.mean == 0)
    }

    static func twoTenants(failEveryHours: Double, joinYears: Double = 0.5) throws -> SimulationResult {
        let pool = Fixture.hardwareAndPool(
            failures: "{time_to_failure: {distribution: constant, hours: \(failEveryHours)}, time_to_repair: {distribution: constant, hours: 10}}",
            detectionSeconds: 0)
        let founding = "  - {code: \"T\", name: T, population: 0}"
        let joiner = "\n  - {code: \"U\", name: U, population: 0, joins_after_years: \(joinYears)}"
        #expect(pool.contains(founding))
        let text = """
        \(Fixture.header(name: "joiners", systems: Fixture.oneTierSystem(memory: 10, replicas: 1, quorum: 1)))
        \(pool.replacingOccurrences(of: founding, with: founding + joiner))
        simulation: {horizon_years: 1, replications: 2, demand_noise_cv: 0, demand_step_minutes: 1440, failures: {chassis: false, storage_arrays: false}}
        """
        let s = try Fixture.load(text)
        #expect(s.tenants.count == 2)
        let plan = try Planner(scenario: s).plan()
        #expect(plan.pools[0].blades == 1)
        return try Fixture.simulate(s)
    }

    /// `RoomiestBlades` chooses what `blade(for:pool:.roomiest)`'s scan of every blade chooses,
    /// VM after VM as each lands (its memory added to the chosen blade): on Kaso with seeded
    /// allocations (whole quarters in some rounds, so that blades tie), failures, VMs of
    /// redundancy groups, VMs the roomiest blade cannot take, and a blade without failover memory
    /// (a NaN share, where the scan keeps the first blade it meets).
    @Test func roomiestBladesChooseAsTheScan() throws {
        let scenario = try ScenarioLoader().load(path: Repository.scenario("kaso.yaml"))
        let study = try Study.run(scenario, options: StudyOptions(simulate: false, jobs: 1))
        var model = try Study.simulationModel(study.scenario, plan: study.plan)
        var random = SeededGenerator(seed: 45)
        var compared = 0, roomiestRefused = 0, grouped = 0
        for round in 0..<16 {
            if round >= 12 { model.bladeFailoverMemory[model.poolBlades[0].lowerBound + round % 3] = 0 }
            var state = ReplicationState(model: model, horizon: 86_400)
            var kernel = Kernel()
            for b in 0..<model.bladeCount where random.below(3) == 0 {
                let share = round % 2 == 0 ? Double(random.below(5)) / 4 : random.unit()
                state.bladeAllocMemory[b] = share * model.bladeFailoverMemory[b]
                state.bladeAllocVCPU[b] = random.unit() * model.bladeFailoverVCPU[b]
            }
            let failed = random.below(model.bladeCount)
            if state.condition.bladeAvailable[failed] { state.failBlade(failed, &kernel) }
            for pool in model.poolNames.indices {
                var room = RoomiestBlades()
                room.start(pool: pool, &state)
                let vms = (0..<model.vmCount).filter { Int(model.vmPool[$0]) == pool }
                for _ in 0..<min(40, vms.count) {
                    let v = vms[random.below(vms.count)]
                    let scan = state.blade(for: v, pool: pool, ReplicationState.BladeChoice.roomiest)
                    #expect(room.choose(v, &state) == scan, "round \(round), pool \(pool), VM \(v)")
                    compared += 1
                    if model.vmGroup[v] >= 0 { grouped += 1 }
                    let available = model.poolBlades[pool].filter { state.condition.bladeAvailable[$0] }
                    if let top = available.max(by: { state.failoverFreeShare($0) < state.failoverFreeShare($1) }), scan != top { roomiestRefused += 1 }
                    guard let b = scan else { continue }
                    state.bladeAllocMemory[b] += model.vmMemory[v]
                    state.bladeAllocVCPU[b] += model.vmVCPU[v]
                    room.update(b, &state)
                }
            }
        }
        #expect(compared > 500 && roomiestRefused > 20 && grouped > 20, "\(compared) compared, \(roomiestRefused) not on the roomiest, \(grouped) grouped")
    }
}
