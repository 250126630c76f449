import Foundation
import Testing
import CapacityModel
import Planning
import Simulation
import Study
import TestSupport

/// `simulate` runs backup and disaster recovery (issue 12), on `ContinuityFixture`'s two sites,
/// against the arithmetic and the plan's analytic figures: a daily copy that always completes
/// has an RPO of 24 h; a copy overruns exactly when volume / rate exceeds the window; a site
/// loss's RTO is detection + restore + boot, and twice the restore when two share the stream;
/// a link outage holds copies back; a lost partner array costs a full copy.
@Suite struct ContinuityRunTests {
    typealias Setup = ContinuityFixture.Setup

    /// The fixture with `simulation:` of `days` days (failures off unless `extra` turns them on).
    static func setup(days: Double, replications: Int = 2, extra: String = "") -> Setup {
        var s = Setup()
        s.simulation = """
        simulation:
          horizon_years: \(days / 365)
          seed: 11
          replications: \(replications)
          demand_noise_cv: 0
        \(extra)
        """
        return s
    }

    static func run(_ s: Setup) throws -> (plan: PlanResult, result: ContinuityResult) {
        let scenario = try ScenarioLoader().load(path: try Workspace("continuity-run").write(ContinuityFixture.text(s), to: "s.yaml"))
        let study = try Study.run(scenario, options: StudyOptions(simulate: true, jobs: 2))
        return (study.plan, try #require(study.simulation?.continuity))
    }

    static func system(_ r: ContinuityResult, _ tenant: String) throws -> ContinuityResult.System {
        try #require(r.systems.first { $0.tenantCode == tenant })
    }

    /// Hours to send `gib` GiB at `mbps` × `factor`.
    static func hours(_ gib: Double, mbps: Double, factor: Double) -> Double {
        gib * 1_073_741_824 * 8 / (mbps * 1e6 * factor) / 3_600
    }

    @Test func dailyCopyThatAlwaysCompletesHasAnRPOOf24Hours() throws {
        let (plan, r) = try Self.run(Self.setup(days: 30))
        let e0 = try Self.system(r, "E0")
        for rpo in [e0.rpoP50Hours, e0.rpoP95Hours, e0.rpoMaxHours] { #expect(abs(rpo.mean - 24) < 1e-6) }
        #expect(e0.plannedRPOHours.map { abs($0 - 24) < 1e-9 } == true)
        // Windows open at 20:00 on each of the 30 days; each 2 GiB copy takes minutes.
        #expect(e0.copies.mean == 30)
        #expect(e0.windowOverruns.mean == 0)
        // Every copy is done before the horizon: the link carried what the plan says it does.
        let row = try #require(plan.continuity?.links.first { $0.from == "east-dc" && $0.link == "wan" })
        let link = try #require(r.links.first { $0.from == "east-dc" && $0.link == "wan" })
        #expect(abs(link.utilisation.mean - row.utilisation) < 1e-9)
    }

    @Test func copiesOverrunExactlyWhenVolumeOverRateExceedsTheWindow() throws {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<4 {
            var s = Self.setup(days: 20)
            s.mbps = Double(Int.random(in: 2...4, using: &rng))
            s.window = Double(Int.random(in: 1...8, using: &rng))
            let transfer = Self.hours(100 * 0.02, mbps: s.mbps, factor: 0.8)
            let (_, r) = try Self.run(s)
            let e0 = try Self.system(r, "E0")
            // 2 GiB at 2-4 Mbps × 0.8 takes 1.5-3 h: the 20 copies all complete before the horizon.
            #expect(e0.copies.mean == 20)
            #expect(e0.windowOverruns.mean == (transfer > s.window ? 20 : 0), "transfer \(transfer) h, window \(s.window) h")
            #expect(abs(e0.rpoMaxHours.mean - 24) < 1e-6)
        }
    }

    /// A weekly full that outlasts the next nightly window (100 GiB at 8 Mbps × 0.8: 37.3 h)
    /// takes the next night's 2 GiB on top, as the documented sharing says: the longest gap
    /// between copies is 24 h + full / rate (the hand model), which the plan now gives and the
    /// simulation measures; the plan used to say 24 + (full − incremental) / rate, 0.75 h short.
    @Test func aFullThatOutlastsTheNextWindowCarriesTheNextNightOnTop() throws {
        var s = Self.setup(days: 63, replications: 1)
        s.mbps = 8
        s.fullEvery = 7
        let (plan, r) = try Self.run(s)
        let full = Self.hours(100, mbps: 8, factor: 0.8)
        #expect(full > 24)
        let e0 = try Self.system(r, "E0")
        let planned = try #require(e0.plannedRPOHours)
        #expect(abs(planned - (24 + full)) < 1e-6, "plan \(planned) h, hand model \(24 + full) h")
        #expect(abs(e0.rpoMaxHours.mean - planned) < 1e-6, "simulated \(e0.rpoMaxHours.mean) h, plan \(planned) h")
        #expect(plan.continuity?.links.contains { $0.fullWindowOK == false } == true)
    }

    /// Site failures on, each site lost about once in 3,000 h for a constant 300 h.
    static let siteLosses = """
          site_failures: {time_to_failure: {distribution: exponential, mean_hours: 3000}, time_to_repair: {distribution: constant, hours: 300}}
        """

    @Test func siteLossRestoresInDetectionPlusRestorePlusBoot() throws {
        let s = Self.setup(days: 3 * 365, replications: 12, extra: Self.siteLosses)
        let (_, r) = try Self.run(s)
        let e0 = try Self.system(r, "E0")
        // 100 GiB at 1,000 Mbps, detection 1 h, boot 6 min, restored alone.
        let rto = 1 + Self.hours(100, mbps: 1_000, factor: 1) + 0.1
        #expect(e0.restores > 0)
        #expect(abs(e0.rtoHours.mean - rto) < 1e-6)
        #expect(abs(try #require(e0.plannedRTOHours) - rto) < 1e-9)
        // Within its interval of the analytic value (every restore here takes exactly as long).
        #expect(abs(e0.rtoHours.mean - rto) <= max(e0.rtoHours.halfWidth.isNaN ? 0 : e0.rtoHours.halfWidth, 1e-6))
        #expect(e0.dataLostGiB.mean > 0)
        #expect(e0.dataLostGiB.mean * 12 <= Double(e0.disasters) * 100)
        #expect(e0.restores + e0.notRestored == e0.disasters)
    }

    @Test func dataLostIsWhatChangedSinceTheNewestCopy() throws {
        // Both sites lost at 100 h (for 10 h); the newest copies are of the 92 h window (day 3, 20:00).
        let s = Self.setup(days: 5, extra: """
              site_failures: {time_to_failure: {distribution: constant, hours: 100}, time_to_repair: {distribution: constant, hours: 10}}
            """)
        let (_, r) = try Self.run(s)
        for tenant in ["E0", "W0"] {
            let x = try Self.system(r, tenant)
            #expect(x.disasters == 2)   // one a replication, two replications
            #expect(abs(x.dataLostGiB.mean - 2 * (100 - 92) / 24) < 1e-9)
            // The partner was lost too: nothing to restore onto.
            #expect(x.restores == 0 && x.notRestored == 2)
        }
    }

    @Test func failingOverShortensTheOutageOfALostSite() throws {
        let s = Self.setup(days: 3 * 365, replications: 12, extra: Self.siteLosses)
        let scenario = try ScenarioLoader().load(path: try Workspace("continuity-dr").write(ContinuityFixture.text(s), to: "s.yaml"))
        let with = try #require(try Study.run(scenario, options: StudyOptions(simulate: true, jobs: 2)).simulation)
        // The same scenario with its copies kept at the site that is lost: nothing to restore from.
        let local = ContinuityFixture.text(s).replacingOccurrences(of: "target: partner", with: "target: disk")
        let noCopies = try ScenarioLoader().load(path: try Workspace("continuity-local").write(local, to: "s.yaml"))
        let without = try #require(try Study.run(noCopies, options: StudyOptions(simulate: true, jobs: 2)).simulation)
        let a = try #require(with.tenantSystems.first { $0.tenantCode == "E0" })
        let b = try #require(without.tenantSystems.first { $0.tenantCode == "E0" })
        let restored = try Self.system(try #require(with.continuity), "E0")
        // The same losses (common random numbers); each restored one costs its RTO instead of 300 h.
        #expect(with.siteFailures == without.siteFailures)
        #expect(a.downtimeMinutes.mean < b.downtimeMinutes.mean * 0.5)
        let rto = try #require(restored.plannedRTOHours)
        #expect(a.downtimeMinutes.mean * 12 >= Double(restored.restores) * rto * 60 - 1e-6)
    }

    @Test func twoRestoresSharingTheStreamTakeTwiceAsLong() throws {
        for streams in [1, 4] {
            var s = Self.setup(days: 3 * 365, replications: 12, extra: Self.siteLosses)
            s.tenants = 2
            s.streams = streams
            let (_, r) = try Self.run(s)
            let restore = Self.hours(100, mbps: 1_000, factor: 1)
            // One stream: one after the other; four: both at half the rate, done together.
            let expected = streams == 1 ? [1 + restore + 0.1, 1 + 2 * restore + 0.1] : [1 + 2 * restore + 0.1, 1 + 2 * restore + 0.1]
            for (k, tenant) in ["E0", "E1"].enumerated() {
                let x = try Self.system(r, tenant)
                #expect(abs(x.rtoHours.mean - expected[k]) < 1e-6, "\(tenant), \(streams) streams")
                #expect(abs(try #require(x.plannedRTOHours) - expected[k]) < 1e-9)
            }
        }
    }

    @Test func linkOutagesHoldCopiesBack() throws {
        let s = Self.setup(days: 30)
        // Down from 30 h for 30 h, up 30 h, and so on: 12 outages, 360 h, in 720 h.
        let outages = "outages: {time_to_failure: {distribution: constant, hours: 30}, time_to_repair: {distribution: constant, hours: 30}}"
        let text = ContinuityFixture.text(s).replacingOccurrences(of: "latency_ms: 0}", with: "latency_ms: 0, \(outages)}")
        let scenario = try ScenarioLoader().load(path: try Workspace("continuity-outage").write(text, to: "s.yaml"))
        let r = try #require(try Study.run(scenario, options: StudyOptions(simulate: true, jobs: 2)).simulation?.continuity)
        let line = try #require(r.outages.first)
        #expect(line.outages.mean == 12)
        #expect(abs(line.outageHours.mean - 360) < 1e-6)
        // The window of day 2 (44 h) opens with the link down until 60 h: 40 h between copies;
        // those of 92 h and 116 h both wait for 120 h (the second joins the first, overrun).
        let e0 = try Self.system(r, "E0")
        #expect(e0.rpoMaxHours.mean >= 40 - 1e-6)
        #expect(e0.copies.mean < 30)
        #expect(e0.windowOverruns.mean > 0)
    }

    @Test func aLostPartnerArrayCostsAFullCopy() throws {
        var s = Self.setup(days: 30)
        // Every array fails at 100 h, is back 10 h later, fails again 100 h after that.
        s.arrayExtra = ", failures: {time_to_failure: {distribution: constant, hours: 100}, time_to_repair: {distribution: constant, hours: 10}}"
        let (_, r) = try Self.run(s)
        let e0 = try Self.system(r, "E0")
        let full = Self.hours(100, mbps: 100, factor: 0.8), incremental = Self.hours(2, mbps: 100, factor: 0.8)
        // Losses at 100, 320, 430, 650 h: the next window re-sends the whole 100 GiB, a gap of
        // 24 h + (full − incremental); at 210 and 540 h the next window finds the array still
        // down and the one after re-sends: 48 h + (full − incremental). Two windows skipped.
        #expect(abs(e0.rpoMaxHours.mean - (48 + full - incremental)) < 1e-6)
        #expect(e0.copies.mean == 28)
    }
}
