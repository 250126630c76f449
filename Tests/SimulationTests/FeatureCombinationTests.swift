import Foundation
import Testing
import TestSupport
import CapacityModel
import Planning
import Study
@testable import Simulation
import SimKernel

/// Small random scenarios with random combinations of the simulator's features (issue 29): DPM,
/// site failures, frequent blade, chassis and array failures, DR partners with backups, a
/// timeline with late deliveries, fixed blade counts, a replayed trace, tenants that join late.
/// Each runs one short replication, event by event, and keeps every invariant: the state's
/// bookkeeping (`invariantViolations`, with no VM on a blade out of service and the blade-seconds
/// adding up), the clock always moving on (no instant with 1,000 events), a bounded number of
/// events; and in the outcome, downtime causes adding up to the downtime, availability in [0, 1],
/// blade-hours adding up to blades × horizon, energy within what the blades can draw.
@Suite struct FeatureCombinationTests {
    /// The features one case turns on.
    struct Features: CustomStringConvertible {
        var dpm = false, siteFailures = false, continuity = false, timeline = false
        var fixedBlades = false, trace = false, joins = false, twoPools = false
        var failureScale = 1.0
        var description: String {
            [dpm ? "dpm" : nil, siteFailures ? "site" : nil, continuity ? "dr" : nil, timeline ? "timeline" : nil,
             fixedBlades ? "fixed" : nil, trace ? "trace" : nil, joins ? "joins" : nil, twoPools ? "2 pools" : nil]
                .compactMap { $0 }.joined(separator: "+") + " ×\(Int(failureScale)) failures"
        }
    }

    static let towns = [("99201", 88_000), ("99202", 41_000), ("99341", 15_500), ("99342", 7_800), ("99561", 3_200)]

    /// A scenario of the chosen features (the Kaso scenario's shape) in a new workspace.
    static func scenario(_ f: Features, _ rng: inout SeededGenerator) throws -> String {
        let workspace = try Workspace("combination")
        try workspace.copy("Scenarios/library", to: "library")
        // Every component fails `failureScale` times as often as the library says.
        let hardware = try String(contentsOfFile: workspace.path + "/library/hardware-2010.yaml", encoding: .utf8)
        var scaled = hardware
        for rate in ["0.08", "0.005", "0.01"] {
            scaled = scaled.replacingOccurrences(of: "annual_failure_rate: \(rate)\n",
                                                 with: "annual_failure_rate: \(Double(rate)! * f.failureScale)\n")
        }
        try workspace.write(scaled, to: "library/hardware-2010.yaml")
        if f.trace {
            try workspace.copy("data/traces/bitbrains-faststorage-50vms.csv.gz", to: "trace.csv.gz")
            try workspace.copy("data/traces/bitbrains-faststorage-50vms-meta.csv", to: "trace-meta.csv")
        }
        let count = 2 + rng.below(4)
        var tenants = "", east: [String] = [], west: [String] = []
        for (k, (code, population)) in towns.prefix(count).enumerated() {
            let people = Int(Double(population) * (0.5 + rng.unit()))
            let join = f.joins && k > 0 && rng.below(2) == 0 ? ", joins_after_years: \(0.02 + 0.1 * rng.unit())" : ""
            tenants += "  - {code: \"\(code)\", name: T\(code), prefecture: P, population: \(people)\(join)}\n"
            if f.twoPools && k % 2 == 1 { west.append("\"\(code)\"") } else { east.append("\"\(code)\"") }
        }
        let fixed = f.fixedBlades ? ", blades: \(12 + rng.below(6))" : ""
        var pools = "  - {name: east, tenants: [\(east.joined(separator: ", "))], site: prefectural-dc, blade: blade-2s12c-96g, chassis: enclosure-10u-16, storage: array-48x600g-r5, rack: rack-42u, policy: standard\(fixed)}\n"
        if f.twoPools {
            pools += "  - {name: west, tenants: [\(west.joined(separator: ", "))], site: west-dc, blade: blade-2s12c-96g, chassis: enclosure-10u-16, storage: array-48x600g-r5, rack: rack-42u, policy: standard}\n"
        }
        var continuity = ""
        if f.continuity && f.twoPools {
            continuity = """
            continuity:
              links:
                - {id: l, between: [prefectural-dc, west-dc], mbps: \(20 + rng.below(400)), efficiency: 0.7, backup_share: 0.5, latency_ms: 8, outages: {annual_failure_rate: 20, time_to_repair: {distribution: lognormal, mean_hours: 6, cv: 0.5}}}
              backup_policies:
                - {id: nightly, schedule: daily, full_every_days: 7, window_start_hour: 20, window_hours: 8, retention_days: 28, compression: 1.5, target: partner}
                - {id: replicated, schedule: continuous, interval_minutes: 15, target: partner}
              default_policy: nightly
              system_policies: {resident-registry: replicated}
              dr:
                detection_hours: 2
                restore_streams: \(1 + rng.below(4))
                targets: {rpo_hours: 24, rto_hours: 48}
                pools:
                  - {pool: east, partner: west, capacity: shared}
                  - {pool: west, partner: east, capacity: reserve, reserve_blades: 2}

            """
        }
        var simulation = "simulation:\n  seed: \(rng.below(1_000))\n  replications: 1\n"
        if f.siteFailures {
            simulation += "  site_failures: {annual_failure_rate: \(4 + rng.below(40)), time_to_repair: {distribution: lognormal, mean_hours: \(12 + rng.below(100)), cv: 0.5}}\n"
        }
        if f.dpm { simulation += "  power_management: {mode: dpm, check_minutes: \(5 + rng.below(60))}\n" }
        if f.timeline { simulation += "  delivery_delay: {distribution: lognormal, mean_hours: \(24 + rng.below(500)), cv: 0.8}\n" }
        if f.trace { simulation += "  traces:\n    - {system: tax, file: trace.csv.gz, format: bitbrains}\n" }
        let text = """
        cloudplan: 1
        name: combination \(f)
        reference_year: 2012
        include: [library/municipal-core-2010.yaml, library/hardware-2010.yaml, library/policies.yaml]
        sites:
          - {id: west-dc, name: West, pue: 1.9, power_price_yen_per_kwh: 17, rack_space_yen_per_year: 1_000_000}
        tenants:
        \(tenants)pools:
        \(pools)baseline: {server: dedicated-1s4c-16g, site: town-hall-server-room}
        \(continuity)\(simulation)
        """
        return try workspace.write(text.replacingOccurrences(of: "\n\n", with: "\n"), to: "s.yaml")
    }

    /// Runs one replication of `path` for `days`, checking the state every 97 events and at the
    /// end; returns the problems found (empty when every invariant held).
    static func check(_ path: String, _ f: Features, days: Double) throws -> (problems: [String], outcome: ReplicationOutcome?) {
        let scenario = try ScenarioLoader().load(path: path)
        let study = try Study.run(scenario, options: StudyOptions(simulate: false, jobs: 1))
        var model = try Study.simulationModel(study.scenario, plan: study.plan)
        let horizon = days * 86_400
        if f.timeline {
            model.scheduleDeliveries(try Study.timeline(study.scenario, months: Study.timelineMonths(study.scenario, horizonSeconds: horizon)))
        }
        var replication = Replication(model: model, horizon: horizon, seed: scenario.simulation.seed, replication: 0)
        var kernel = Kernel()
        replication.start(&kernel)
        var problems: [String] = [], events = 0, sameTime = 0, last = -1.0
        while let next = kernel.nextEventTime, next <= horizon, let event = kernel.step(handler: &replication) {
            events += 1
            sameTime = event.time == last ? sameTime + 1 : 0
            last = event.time
            if sameTime >= 1_000 { return (["1,000 events at \(event.time) s (kind \(event.kind))"], nil) }
            if events > 3_000_000 { return (["more than 3 million events in \(days) days"], nil) }
            if events % 97 == 0 {
                problems += replication.invariantViolations(at: kernel.now).map { "after \(events) events: \($0)" }
                if !problems.isEmpty { return (problems, nil) }
            }
        }
        problems += replication.invariantViolations(at: kernel.now).map { "at the end: \($0)" }
        replication.finish()
        return (problems + outcomeProblems(replication.outcome, model: model, horizon: horizon), replication.outcome)
    }

    /// The outcome's identities: downtime by cause sums to downtime, availability in [0, 1],
    /// blade-hours sum to blades × horizon, energy within the blades' peak draw.
    static func outcomeProblems(_ o: ReplicationOutcome, model: SimulationModel, horizon: Double) -> [String] {
        var problems: [String] = []
        for ts in o.downtimeSeconds.indices {
            let byCause = o.downtimeByCause.reduce(0.0) { $0 + $1[ts] }
            if abs(byCause - o.downtimeSeconds[ts]) > 1e-6 * Swift.max(1, o.downtimeSeconds[ts]) {
                problems.append("tenant-system \(ts): downtime by cause \(byCause) ≠ \(o.downtimeSeconds[ts])")
            }
            let inService = horizon - model.tsJoinSeconds[ts]
            if inService > 0, !(0...1).contains(1 - o.downtimeSeconds[ts] / inService) || o.downtimeSeconds[ts] < 0 {
                problems.append("tenant-system \(ts): availability \(1 - o.downtimeSeconds[ts] / inService)")
            }
        }
        for p in model.poolNames.indices {
            let blades = Double(model.poolBlades[p].count)
            let total = BladeTime.allCases.reduce(0.0) { $0 + o.bladeSeconds(pool: p, $1) }
            if abs(total - blades * horizon) > 1e-6 * blades * horizon { problems.append("pool \(p): blade-seconds \(total) ≠ \(blades * horizon)") }
            let availability = o.bladeAvailability(pool: p)
            if !availability.isNaN && !(0...1).contains(availability) { problems.append("pool \(p): blade availability \(availability)") }
            let peak = model.poolBlades[p].reduce(0.0) { $0 + model.bladePeakWatts[$1] } * horizon / 3_600_000
            if o.bladeEnergyKWh[p] < 0 || o.bladeEnergyKWh[p] > peak * 1.000001 { problems.append("pool \(p): energy \(o.bladeEnergyKWh[p]) kWh of at most \(peak)") }
        }
        return problems
    }

    /// 24 random combinations (seeded), each feature on in about half of them; every one runs
    /// clean. The cases are drawn, not written for any change.
    @Test func randomFeatureCombinationsKeepEveryInvariant() throws {
        var rng = SeededGenerator(seed: 2_906)
        var ran = 0, seen: [String] = []
        var powerOffs = 0, siteFailures = 0, restores = 0, joined = 0
        for _ in 0..<24 {
            var f = Features()
            f.dpm = rng.below(2) == 0
            f.siteFailures = rng.below(2) == 0
            f.twoPools = rng.below(3) != 0
            f.continuity = rng.below(2) == 0
            f.timeline = rng.below(3) == 0
            f.fixedBlades = rng.below(3) == 0
            f.trace = rng.below(3) == 0
            f.joins = rng.below(2) == 0
            f.failureScale = [1.0, 30, 300][rng.below(3)]
            let path = try Self.scenario(f, &rng)
            let problems: [String]
            do {
                let run = try Self.check(path, f, days: Double(20 + rng.below(40)))
                problems = run.problems
                if let o = run.outcome {
                    powerOffs += Int(o.powerOffs.reduce(0, +))
                    siteFailures += o.siteFailures
                    restores += Int(o.continuity?.restores.reduce(0, +) ?? 0)
                    joined += f.joins ? 1 : 0
                }
            } catch {
                // Fixed blades below what the VMs need are refused (exit 3): a valid outcome.
                if f.fixedBlades, "\(error)".contains("blade") { continue }
                Issue.record("\(f): \(error)")
                continue
            }
            ran += 1
            seen.append(f.description)
            #expect(problems.isEmpty, "\(f): \(problems.prefix(3))")
        }
        #expect(ran >= 18, "only \(ran) cases ran: \(seen)")
        // The features did something: blades went to standby, sites failed, systems were restored at a partner.
        #expect(powerOffs > 0 && siteFailures > 0 && restores > 0 && joined > 0,
                "standby \(powerOffs), site failures \(siteFailures), restores \(restores), cases with joins \(joined)")
    }
}
