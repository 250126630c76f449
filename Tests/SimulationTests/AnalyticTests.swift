import Foundation
import Testing
@testable import CapacityModel
@testable import Planning
@testable import Simulation
import SimKernel
import Stochastics
import Study
import TestSupport

/// Scenarios whose answers are known in closed form.
enum Fixture {
    /// One system of one tier; `blades` blades of 10 usable cores and 100 usable GiB; blade
    /// failures exponential (MTBF, MTTR in hours); boot and detection take no time.
    static func scenario(blades: Int, replicas: Int, quorum: Int, memory: Int, mtbf: Double, mttr: String,
                         horizonYears: Double, replications: Int, seed: Int = 1) throws -> Scenario {
        let text = """
        \(header(name: "analytic", systems: oneTierSystem(memory: memory, replicas: replicas, quorum: quorum)))
        \(hardwareAndPool(failures: "{time_to_failure: {distribution: exponential, mean_hours: \(mtbf)}, time_to_repair: \(mttr)}", detectionSeconds: 0))
        simulation:
          horizon_years: \(horizonYears)
          replications: \(replications)
          seed: \(seed)
          demand_noise_cv: 0
          demand_step_minutes: 1440
          failures: {chassis: false, storage_arrays: false}
        """
        return try load(text)
    }

    /// The scenario's opening: format, name, a flat profile and the given `systems:` entries.
    static func header(name: String, systems: String) -> String {
        """
        cloudplan: 1
        name: \(name)
        catalog:
          profiles:
            - {id: flat, business_day: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1], other_day: 1}
          systems:
        \(systems)
        """
    }

    /// One system "sys" of one tier (1 vCPU, 10% CPU at peak, no boot time).
    static func oneTierSystem(memory: Int, replicas: Int, quorum: Int) -> String {
        """
            - id: sys
              profile: flat
              tiers:
                - {name: db, vcpu: 1, memory_gib: \(memory), disk_gib: 10, replicas: \(replicas), quorum: \(quorum), boot_minutes: 0, cpu_peak_utilisation: 0.1}
        """
    }

    /// Writes `text` as a scenario file in a fresh temporary directory and loads it.
    static func load(_ text: String) throws -> Scenario {
        return try ScenarioLoader().load(path: try Workspace("sim").write(text, to: "s.yaml"))
    }

    /// One blade model with the given failure model (10 usable cores, 100 usable GiB), a chassis,
    /// an array, a site, a policy with no HA reserve and every limit at 100%, one tenant "T" and
    /// its pool, and the baseline: the part every simulation fixture shares.
    static func hardwareAndPool(failures: String, detectionSeconds: Int) -> String {
        """
        hardware:
          blades:
            - {id: b, sockets: 1, cores_per_socket: 11, ghz: 2, memory_gib: 101, power_idle_w: 100, power_peak_w: 200, price_yen: 1,
               failures: \(failures)}
          chassis: [{id: c, slots: 16, rack_units: 10, price_yen: 0}]
          storage_arrays: [{id: a, disks: 8, disk_size_gb: 1000, disk_iops: 1000, raid: raid10, rack_units: 2, price_yen: 0}]
          racks: [{id: r}]
          baseline_servers: [{id: old, cores: 4, memory_gib: 64, power_w: 100, price_yen: 1}]
        sites: [{id: s, power_price_yen_per_kwh: 10}]
        policies:
          - id: p
            target_cpu_utilisation: 1
            target_memory_utilisation: 1
            hypervisor_cores: 1
            hypervisor_memory_gib: 1
            ha: {admission: none, failover_utilisation: 1, detection_seconds: \(detectionSeconds)}
        tenants:
          - {code: "T", name: T, population: 0}
        pools:
          - {name: pool, site: s, tenants: all, blade: b, chassis: c, storage: a, policy: p}
        baseline: {server: old, site: s}
        """
    }

    /// Plans and simulates `s` as `cloudplan simulate` does (the scenario's horizon, seed and
    /// replications).
    static func simulate(_ s: Scenario, jobs: Int = 2) throws -> SimulationResult {
        try #require(try Study.run(s, options: StudyOptions(simulate: true, jobs: jobs)).simulation)
    }
}

@Suite struct AnalyticTests {
    /// One blade, exponential failures (MTBF 100 h) and repairs (MTTR 10 h): the system is up
    /// exactly while the blade is, A = MTBF / (MTBF + MTTR) = 0.90909…
    @Test func singleBladeMatchesSteadyStateAvailability() throws {
        let s = try Fixture.scenario(blades: 1, replicas: 1, quorum: 1, memory: 10, mtbf: 100,
                                     mttr: "{distribution: exponential, mean_hours: 10}", horizonYears: 10, replications: 30)
        let r = try Fixture.simulate(s)
        let a = r.tenantSystems[0].availability
        let exact = 100.0 / 110.0
        #expect(a.halfWidth < 0.003, "interval too wide to test anything: \(a)")
        #expect(abs(a.mean - exact) <= a.halfWidth, "availability \(a.mean) ± \(a.halfWidth) vs \(exact)")
        // The pool's blade availability is the same quantity, measured separately.
        #expect(abs(r.pools[0].bladeAvailability.mean - exact) <= r.pools[0].bladeAvailability.halfWidth)
        // Failures per replication ≈ horizon / (MTBF + MTTR) = 87,600 / 110 ≈ 796.
        #expect(abs(r.bladeFailures.mean - 87_600 / 110) < 3 * max(r.bladeFailures.halfWidth, 1))
    }

    /// Non-exponential repair (lognormal) changes nothing: A = E[up] / (E[up] + E[down]).
    @Test func availabilityDependsOnlyOnTheMeans() throws {
        let s = try Fixture.scenario(blades: 1, replicas: 1, quorum: 1, memory: 10, mtbf: 200,
                                     mttr: "{distribution: lognormal, mean_hours: 20, cv: 2}", horizonYears: 10, replications: 30, seed: 9)
        let a = try Fixture.simulate(s).tenantSystems[0].availability
        let exact = 200.0 / 220.0
        #expect(abs(a.mean - exact) <= max(a.halfWidth, 1e-4), "availability \(a.mean) ± \(a.halfWidth) vs \(exact)")
    }

    /// k of n: replicas on n separate blades that cannot take each other's VMs (each fills 60%
    /// of a blade, and anti-affinity forbids sharing): the system is up while at least k blades
    /// are, P = Σ_{j≥k} C(n,j) A^j (1−A)^(n−j).
    @Test(arguments: [(3, 2), (2, 1), (3, 3)])
    func kOfNMatchesTheBinomialFormula(n: Int, k: Int) throws {
        let s = try Fixture.scenario(blades: n, replicas: n, quorum: k, memory: 60, mtbf: 100,
                                     mttr: "{distribution: exponential, mean_hours: 10}", horizonYears: 10,
                                     replications: 30, seed: 100 + n * 10 + k)
        let plan = try Planner(scenario: s).plan()
        #expect(plan.pools[0].blades == n)
        let r = try Fixture.simulate(s)
        let A = 100.0 / 110.0
        var exact = 0.0
        for j in k...n { exact += SpecialFunctions.binomialPMF(j, trials: n, probability: A) }
        let a = r.tenantSystems[0].availability
        // The 99% interval (t₀.₉₉₅ = 2.756 over t₀.₉₇₅ = 2.045 at 29 degrees of freedom): three cases
        // at 95% would fail together one run in seven for no fault; ten seeds of (3, 3) gave
        // |z| ≤ 1.4, unbiased.
        #expect(abs(a.mean - exact) <= max(a.halfWidth * 2.756 / 2.045, 1e-4), "\(k) of \(n): \(a.mean) ± \(a.halfWidth) vs \(exact)")
        // No VM was ever restarted elsewhere: each waits for its own blade.
        #expect(r.tenantSystems[0].strandedVMHours.mean > 0)
    }

    /// A blade that never fails in 20 replications of 5 years: no outage, and the report's bound
    /// is −ln 0.05 / 100 replication-years; with failures the pooled rate is the outages counted
    /// over the exposure, and its interval holds the renewal rate 1 / (MTBF + MTTR).
    @Test func outageRatesUseExactPoissonIntervals() throws {
        let never = try Fixture.simulate(try Fixture.scenario(blades: 1, replicas: 1, quorum: 1, memory: 10, mtbf: 1e9,
                                                              mttr: "{distribution: exponential, mean_hours: 10}",
                                                              horizonYears: 5, replications: 20))
        let quiet = never.tenantSystems[0]
        #expect(quiet.outagesPerYear.events == 0 && abs(quiet.outagesPerYear.exposureYears - 100) < 1e-9)
        #expect(abs(quiet.outagesPerYear.high - -log(0.05) / 100) < 1e-12 && quiet.availabilityNines.isInfinite)
        let failing = try Fixture.simulate(try Fixture.scenario(blades: 1, replicas: 1, quorum: 1, memory: 10, mtbf: 1_000,
                                                                mttr: "{distribution: exponential, mean_hours: 10}",
                                                                horizonYears: 5, replications: 20))
        let t = failing.tenantSystems[0]
        #expect(abs(Double(t.outagesPerYear.events) - t.outages.mean * 20) < 1e-9)
        let renewal = 8_760.0 / 1_010
        #expect(t.outagesPerYear.low <= renewal && renewal <= t.outagesPerYear.high, "\(t.outagesPerYear) vs \(renewal)")
        #expect(abs(t.downtimeMinutesPerYear - t.downtimeMinutes.mean / 5) < 1e-9)
    }

    /// Downtime is split by what started each outage, and the parts add up to it: blade
    /// failures alone put it all on blades; site failures alone (blades never failing) all on the site.
    @Test func downtimeIsSplitByCause() throws {
        let blades = try Fixture.simulate(try Fixture.scenario(blades: 1, replicas: 1, quorum: 1, memory: 10, mtbf: 500,
                                                               mttr: "{distribution: exponential, mean_hours: 10}",
                                                               horizonYears: 2, replications: 6))
        let t = blades.tenantSystems[0]
        let parts = t.downtimeMinutesByCause.map(\.mean)
        #expect(t.downtimeMinutes.mean > 0 && abs(parts.reduce(0, +) - t.downtimeMinutes.mean) < 1e-6)
        #expect(abs(parts[DowntimeCause.blade.rawValue] - t.downtimeMinutes.mean) < 1e-6)
        let text = """
        \(Fixture.header(name: "site", systems: Fixture.oneTierSystem(memory: 10, replicas: 1, quorum: 1)))
        \(Fixture.hardwareAndPool(failures: "{time_to_failure: {distribution: exponential, mean_hours: 1000000000}, time_to_repair: {distribution: exponential, mean_hours: 1}}", detectionSeconds: 0))
        simulation:
          horizon_years: 2
          replications: 6
          demand_noise_cv: 0
          demand_step_minutes: 1440
          failures: {chassis: false, storage_arrays: false}
          site_failures: {time_to_failure: {distribution: exponential, mean_hours: 2000}, time_to_repair: {distribution: constant, hours: 24}}
        """
        let site = try Fixture.simulate(try Fixture.load(text)).tenantSystems[0]
        #expect(site.downtimeMinutes.mean > 0)
        #expect(abs(site.downtimeMinutesByCause[DowntimeCause.site.rawValue].mean - site.downtimeMinutes.mean) < 1e-6)
        #expect(site.downtimeMinutesByCause[DowntimeCause.blade.rawValue].mean == 0)
    }

    /// Two blades, one VM booting in 5 minutes, detection 35 s, no array failures: each restart
    /// is detection + boot exactly, and the phases add up to the latency.
    @Test func restartLatencyIsSplitIntoPhases() throws {
        let text = """
        \(Fixture.header(name: "phases", systems: Fixture.oneTierSystem(memory: 10, replicas: 1, quorum: 1).replacingOccurrences(of: "boot_minutes: 0", with: "boot_minutes: 5")))
        \(Fixture.hardwareAndPool(failures: "{time_to_failure: {distribution: exponential, mean_hours: 300}, time_to_repair: {distribution: exponential, mean_hours: 10}}", detectionSeconds: 35).replacingOccurrences(of: "policy: p}", with: "policy: p,\n     blades: 2}"))
        simulation: {horizon_years: 2, replications: 4, demand_noise_cv: 0, demand_step_minutes: 1440, failures: {chassis: false, storage_arrays: false}}
        """
        let t = try Fixture.simulate(try Fixture.load(text)).tenantSystems[0]
        let parts = t.restartLatencyPartsMinutes
        #expect(t.restartLatencyP50Minutes.count > 0)
        #expect(abs(parts[RestartPhase.boot.rawValue].mean - 5) < 1e-9)
        #expect(abs(parts[RestartPhase.detection.rawValue].mean - 35.0 / 60) < 1e-6, "\(parts.map(\.mean))")
        #expect(parts[RestartPhase.storage.rawValue].mean == 0 && parts[RestartPhase.queueing.rawValue].mean == 0)
    }

    /// Without failures within the horizon, the events are the demand samples alone: one per
    /// pool and step, counted one each though the pools' samples of a step share a kernel event
    /// (`performance.events`), ⌈horizon / step⌉ a pool and replication. Two pools (the fixture's
    /// one, twice), an hourly step.
    @Test func eachPoolsDemandSampleCountsAsAnEvent() throws {
        let twoPools = Fixture.hardwareAndPool(failures: "{time_to_failure: {distribution: constant, hours: 1e12}, time_to_repair: {distribution: constant, hours: 1}}",
                                               detectionSeconds: 0)
            .replacingOccurrences(of: """
                  - {code: "T", name: T, population: 0}
                pools:
                  - {name: pool, site: s, tenants: all, blade: b, chassis: c, storage: a, policy: p}
                """, with: """
                  - {code: "T", name: T, population: 0}
                  - {code: "U", name: U, population: 0}
                pools:
                  - {name: one, site: s, tenants: [T], blade: b, chassis: c, storage: a, policy: p}
                  - {name: two, site: s, tenants: [U], blade: b, chassis: c, storage: a, policy: p}
                """)
        let s = try Fixture.load("""
        \(Fixture.header(name: "events", systems: Fixture.oneTierSystem(memory: 10, replicas: 1, quorum: 1)))
        \(twoPools)
        simulation: {horizon_years: 0.01, replications: 3, demand_step_minutes: 60, failures: {chassis: false, storage_arrays: false}}
        """)
        let result = try Fixture.simulate(s, jobs: 2)
        let steps = (result.horizonSeconds / 3_600).rounded(.up)
        #expect(result.pools.count == 2 && steps > 80)
        #expect(result.events == UInt64(3 * 2) * UInt64(steps))
    }

    @Test func resultsDoNotDependOnTheNumberOfJobs() throws {
        let s = try Fixture.scenario(blades: 3, replicas: 3, quorum: 2, memory: 60, mtbf: 500,
                                     mttr: "{distribution: exponential, mean_hours: 10}", horizonYears: 2, replications: 7)
        let one = try Fixture.simulate(s, jobs: 1)
        let two = try Fixture.simulate(s, jobs: 2)
        let five = try Fixture.simulate(s, jobs: 5)
        for other in [two, five] {
            #expect(other.tenantSystems[0].availability == one.tenantSystems[0].availability)
            #expect(other.tenantSystems[0].outages == one.tenantSystems[0].outages)
            #expect(other.events == one.events)
            #expect(other.pools[0].utilisationP95 == one.pools[0].utilisationP95)
        }
    }
}
