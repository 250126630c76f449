import Foundation
import Testing
import TestSupport
import CapacityModel
import Planning
import Study
@testable import Simulation
import SimKernel

/// Features that failed together (issue 29): DPM, site failures and DR partners in one scenario
/// (`Scenarios/kaso.yaml`), and the fluid channels that ran the clock into a standstill.
@Suite struct CombinedFeaturesTests {
    /// A transfer left with less than the clock can resolve after `now` (1.58e8 s is five years:
    /// one step of the clock there is 3e-8 s) is finished now; any other gets a finish time
    /// strictly later than `now`, and is finished there. The channel that restored a system at a
    /// partner used to schedule its next finish at `now` again and again (it ran out of memory).
    @Test func aTransferBelowTheClocksResolutionFinishesInsteadOfStallingTheClock() {
        let now = 157_784_630.0
        for bitsPerSecond in [8e6, 8e8, 1e12] {
            var channel = LinkChannel(bitsPerSecond: bitsPerSecond)
            channel.advance(to: now - 1)
            channel.add(job: 7, gib: channel.gibPerSecond * 1.0)
            channel.add(job: 8, gib: channel.gibPerSecond * 5.0)
            // Leave job 7 just above the rounding epsilon: the old rule's stall.
            channel.advance(to: now)
            var time = now
            var finished: [Int] = []
            for _ in 0..<10 {
                finished += channel.takeFinished()
                guard let next = channel.nextFinishTime(after: time) else { break }
                #expect(next > time, "the next finish must move the clock on (rate \(bitsPerSecond))")
                channel.advance(to: next)
                time = next
            }
            #expect(finished == [7, 8], "both transfers finish (rate \(bitsPerSecond)), got \(finished)")
            #expect(abs(time - (now - 1 + 6)) < 1e-6, "job 8 ends at the fluid time")
        }
        // Volumes that round to nothing at a late time are done at once.
        var channel = LinkChannel(bitsPerSecond: 8e9)
        channel.advance(to: now)
        channel.add(job: 1, gib: 2e-9)
        #expect(channel.finishedBelowGiB > 2e-9 && channel.takeFinished() == [1])
    }

    /// The replication of the bundled Kaso scenario that never ended (seed 42, replication 18
    /// of 5 years: DPM, site failures and DR partners together; at 134,339,634.75 s a restore
    /// at the partner site was left with a volume its channel could not give a later finish
    /// time) ends, within a bounded number of events, with its bookkeeping consistent.
    @Test func theKasoReplicationThatRanOutOfMemoryEnds() throws {
        let scenario = try ScenarioLoader().load(path: Repository.scenario("kaso.yaml"))
        let study = try Study.run(scenario, options: StudyOptions(simulate: false, jobs: 1))
        let model = try Study.simulationModel(study.scenario, plan: study.plan)
        let horizon = 5 * SimDuration.year
        var replication = Replication(model: model, horizon: horizon, seed: 42, replication: 18)
        var kernel = Kernel()
        replication.start(&kernel)
        var sameTime = 0, last = -1.0, mostAtOneTime = 0
        while let event = kernel.step(handler: &replication), event.time <= horizon {
            sameTime = event.time == last ? sameTime + 1 : 0
            last = event.time
            mostAtOneTime = max(mostAtOneTime, sameTime)
            if sameTime > 10_000 { break }
        }
        #expect(mostAtOneTime < 1_000, "\(mostAtOneTime) events at one instant")
        #expect(kernel.eventsProcessed < 5_000_000)
        #expect(replication.outcome.siteFailures > 0 || replication.outcome.powerOffs.reduce(0, +) > 0)
        let problems = replication.invariantViolations(at: kernel.now)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }

    /// Power management changes no blade's availability: standby is not downtime, and the
    /// blades fail and are repaired alike with it on or off (their own random streams). The
    /// Kaso scenario without site failures, a year: the pools' blade availability is the same to
    /// the last digit, and each pool's blade-hours add up to blades × horizon either way.
    @Test func standbyIsNotBladeDowntime() throws {
        let text = try String(contentsOfFile: Repository.scenario("kaso.yaml"), encoding: .utf8)
        let noSiteFailures = text.replacingOccurrences(of: """
          site_failures:
            annual_failure_rate: 0.02
            time_to_repair: {distribution: lognormal, mean_hours: 72, cv: 0.5}

        """, with: "")
        #expect(noSiteFailures != text)
        let workspace = try Workspace("kaso-no-site")
        try workspace.copy("Scenarios/library", to: "library")
        let scenario = try ScenarioLoader().load(path: try workspace.write(noSiteFailures, to: "kaso.yaml"))
        var results: [SimulationResult] = []
        for mode in [PowerManagementMode.dpm, .off] {
            var options = StudyOptions(simulate: true, horizonSeconds: SimDuration.year, replications: 3, jobs: 2)
            options.powerManagement = mode
            results.append(try #require(try Study.run(scenario, options: options).simulation))
        }
        let (dpm, off) = (results[0], results[1])
        #expect(dpm.pools.map(\.standbyBladeHours.mean).reduce(0, +) > 100, "DPM put blades in standby")
        for (a, b) in zip(dpm.pools, off.pools) {
            #expect(a.bladeAvailability.mean == b.bladeAvailability.mean, "\(a.pool): \(a.bladeAvailability.mean) vs \(b.bladeAvailability.mean)")
            for r in [a, b] {
                let total = r.bladeHours.map(\.mean).reduce(0, +)
                #expect(abs(total - Double(r.blades) * 8_760) < 1e-6 * total, "\(r.pool): \(total) blade-hours")
            }
            #expect(abs(a.bladeHours[BladeTime.standby.rawValue].mean - a.standbyBladeHours.mean) <= 0.02 * a.standbyBladeHours.mean + 1)
        }
    }

    /// Replications aggregated as they finish (each added, in order, as soon as those before it
    /// are done, by whichever thread is free), give the same estimates to the last bit as all the
    /// outcomes at once, for 1, 2 and 5 jobs: 21 replications of the Kaso scenario.
    @Test func aggregatingAsReplicationsFinishChangesNoBit() throws {
        let scenario = try ScenarioLoader().load(path: Repository.scenario("kaso.yaml"))
        let study = try Study.run(scenario, options: StudyOptions(simulate: false, jobs: 1))
        let model = try Study.simulationModel(study.scenario, plan: study.plan)
        let horizon = 60 * 86_400.0
        let reference = SimulationResult(model: model, horizon: horizon, seed: 5,
                                         outcomes: Simulator(model: model, horizonSeconds: horizon, seed: 5, replications: 21, jobs: 1)
                                            .outcomes(0..<21, progress: nil))
        func bits(_ e: Estimate) -> [UInt64] { [e.mean.bitPattern, e.halfWidth.bitPattern, e.low.bitPattern, e.high.bitPattern, UInt64(e.count)] }
        func fingerprint(_ r: SimulationResult) -> [UInt64] {
            var out: [UInt64] = []
            for t in r.tenantSystems {
                out += bits(t.availability) + bits(t.downtimeMinutes) + bits(t.restartLatencyP95Minutes) + t.downtimeMinutesByCause.flatMap(bits)
                out.append(UInt64(t.outagesPerYear.events))
                out.append(t.outagesPerYear.exposureYears.bitPattern)
            }
            for p in r.pools { out += (p.utilisationP95 + p.bladesDownMax + [p.bladeAvailability, p.energyMWh] + p.bladeHours).flatMap(bits) }
            out += (r.continuity?.systems ?? []).flatMap { bits($0.rpoMaxHours) + bits($0.rtoHours) + [UInt64($0.restores)] }
            out += r.perReplication.flatMap { $0.values.map(\.bitPattern) }
            return out
        }
        #expect(reference.replications == 21 && reference.pools[0].utilisationP95.count == 60)
        for jobs in [1, 2, 5] {
            let streamed = Simulator(model: model, horizonSeconds: horizon, seed: 5, replications: 21, jobs: jobs).run()
            #expect(streamed.replications == 21)
            #expect(fingerprint(streamed) == fingerprint(reference), "jobs \(jobs)")
        }
    }

    /// Issue 33's forms with DPM, site failures, DR partners, a late joiner and the timeline
    /// (Kaso): the forms price the plan and change nothing of it (blades, bill, continuity) nor of
    /// the simulation (the same figures, replication by replication); every form's lines and
    /// shares add up to its bill in both pools.
    @Test func procurementFormsChangeNeitherThePlanNorTheSimulation() throws {
        let text = try String(contentsOfFile: Repository.scenario("kaso.yaml"), encoding: .utf8)
        let forms = """

        procurement_forms:
          usd_jpy: {value: 150, low: 139, high: 160, source: "[doc] test"}
          saas:
            replaces: [application packages]
            lines: [{line: saas fee, source: "[EST] test", after: {per_resident_system: 90}}]
          iaas:
            catalog: aws-tokyo-2025
            commitment: one_year
            ha: zones
            replaces: [LGWAN lines]
            licence_included: []
            lines: [{line: cloud lines, category: network, source: "[EST] test", after: {per_tenant: 3000000}}]

        """
        let withForms = text.replacingOccurrences(of: "  - library/policies.yaml\n", with: "  - library/policies.yaml\n  - library/cloud-2025.yaml\n")
            .replacingOccurrences(of: "\ncontinuity:", with: forms + "continuity:")
        #expect(withForms.contains("procurement_forms:") && withForms.contains("cloud-2025"))
        let workspace = try Workspace("kaso-forms")
        try workspace.copy("Scenarios/library", to: "library")
        let plain = try ScenarioLoader().load(path: try workspace.write(text, to: "kaso.yaml"))
        let priced = try ScenarioLoader().load(path: try workspace.write(withForms, to: "kaso-forms.yaml"))
        var options = StudyOptions(simulate: true, horizonSeconds: 60 * SimDuration.day, replications: 2, jobs: 2)
        options.powerManagement = .dpm
        let a = try Study.run(plain, options: options), b = try Study.run(priced, options: options)
        #expect(a.plan.procurement == nil)
        let comparison = try #require(b.plan.procurement)
        #expect(a.plan.pools.map(\.blades) == b.plan.pools.map(\.blades))
        #expect(a.plan.after.yearlyCost == b.plan.after.yearlyCost && a.plan.before.yearlyCost == b.plan.before.yearlyCost)
        #expect(a.plan.continuity?.links.count == b.plan.continuity?.links.count)
        #expect(comparison.forms.count == 8, "2 pools × 4 forms")
        for f in comparison.forms {
            #expect(f.lines.reduce(Yen.zero) { $0 + $1.yenPerYear } == f.yearlyCost, "\(f.pool) \(f.form)")
            #expect(f.shares.reduce(Yen.zero) { $0 + $1.yen } == f.yearlyCost, "\(f.pool) \(f.form)")
        }
        // Buy and lease price the same bill of materials: lease (the scenario's own financing) is its after bill.
        for p in b.plan.pools {
            #expect(comparison.forms.first { $0.pool == p.name && $0.form == .lease }?.yearlyCost == p.yearlyCost.total)
        }
        let simA = try #require(a.simulation), simB = try #require(b.simulation)
        for (x, y) in zip(simA.perReplication, simB.perReplication) { #expect(x.values == y.values, "\(x.figure)") }
        // The timeline sizes the same months with the forms as without.
        let months = Study.timelineMonths(priced, horizonSeconds: nil)
        let ta = try Study.timeline(plain, months: months), tb = try Study.timeline(priced, months: months)
        #expect(ta.pools.map { $0.orders.count } == tb.pools.map { $0.orders.count })
    }
}
