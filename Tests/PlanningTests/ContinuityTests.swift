import Foundation
import Testing
import CapacityModel
import Planning
import TestSupport

/// Backup and disaster recovery against the arithmetic (issue 12), on `ContinuityFixture`'s two
/// sites; every figure below is worked out by hand.
@Suite struct ContinuityTests {
    typealias Setup = ContinuityFixture.Setup

    static func scenario(_ s: Setup) throws -> Scenario {
        try ScenarioLoader().load(path: try Workspace("continuity").write(ContinuityFixture.text(s), to: "s.yaml"))
    }

    static func plan(_ s: Setup) throws -> PlanResult { try Planner(scenario: try scenario(s)).plan() }

    /// Hours to send `gib` GiB at `mbps` × `factor`, written out.
    static func hours(_ gib: Double, mbps: Double, factor: Double = 1) -> Double {
        gib * 1_073_741_824 * 8 / (mbps * 1e6 * factor) / 3_600
    }

    static func eastLink(_ plan: PlanResult) throws -> LinkLoad {
        try #require(plan.continuity?.links.first { $0.from == "east-dc" && $0.link == "wan" })
    }

    @Test func transferTimeIsVolumeTimesEightOverRate() throws {
        var s = Setup()
        s.tenants = 3
        s.compression = 2
        s.share = 0.5
        let link = try Self.eastLink(try Self.plan(s))
        let volume = 3 * 100 * 0.02 / 2   // tenants × disk × change / compression
        #expect(abs(link.volumeGiB - volume) < 1e-9)
        #expect(link.jobs == 3)
        #expect(abs(link.transferHours - Self.hours(volume, mbps: 100, factor: 0.8 * 0.5)) < 1e-9)
        #expect(link.windowOK)
    }

    @Test func dailyChangePercentChangesTheBackupFigures() throws {
        var s = Setup()
        let two = try Self.eastLink(try Self.plan(s))
        s.change = 6
        let six = try Self.eastLink(try Self.plan(s))
        #expect(abs(six.volumeGiB - 3 * two.volumeGiB) < 1e-9)
        #expect(abs(six.transferHours - 3 * two.transferHours) < 1e-9)
    }

    @Test func overrunExactlyWhenVolumeOverRateExceedsTheWindow() throws {
        var rng = SeededGenerator(seed: 12)
        for _ in 0..<6 {
            var s = Setup()
            s.tenants = Int.random(in: 1...4, using: &rng)
            s.disk = Double(Int.random(in: 100...3_000, using: &rng))
            s.change = Double(Int.random(in: 1...20, using: &rng))
            s.mbps = Double(Int.random(in: 1...50, using: &rng))
            s.window = Double(Int.random(in: 1...12, using: &rng))
            let link = try Self.eastLink(try Self.plan(s))
            let expected = Self.hours(Double(s.tenants) * s.disk * s.change / 100, mbps: s.mbps, factor: 0.8)
            #expect(abs(link.transferHours - expected) < 1e-9 * max(1, expected))
            #expect(link.windowOK == (expected <= s.window))
        }
    }

    @Test func dailyCopyThatCompletesHasRPOOf24Hours() throws {
        let plan = try Self.plan(Setup())
        let systems = try #require(plan.continuity?.systems)
        #expect(systems.count == 2)
        for r in systems { #expect(r.rpoHours.map { abs($0 - 24) < 1e-9 } == true, "\(String(describing: r.rpoHours))") }
    }

    @Test func weeklyFullLengthensTheGapByTheFullsExtraHours() throws {
        var s = Setup()
        s.fullEvery = 7
        let plan = try Self.plan(s)
        let r = try #require(plan.continuity?.systems.first { $0.tenant == "E0" })
        let incremental = Self.hours(2, mbps: 100, factor: 0.8), full = Self.hours(100, mbps: 100, factor: 0.8)
        #expect(abs((r.rpoHours ?? 0) - (24 + full - incremental)) < 1e-9)
    }

    @Test func copiesThatFallBehindHaveNoRPO() throws {
        var s = Setup()
        s.mbps = 0.01   // 2 GiB a night at 8 kbit/s: about 600 hours
        let plan = try Self.plan(s)
        #expect(plan.continuity?.systems.allSatisfy { $0.rpoHours == nil } == true)
        #expect(try Self.eastLink(plan).windowOK == false)
    }

    @Test func rtoOfASystemRestoredAloneIsDetectionPlusRestorePlusBoot() throws {
        let plan = try Self.plan(Setup())
        let r = try #require(plan.continuity?.systems.first { $0.tenant == "E0" })
        let expected = 1 + Self.hours(100, mbps: 1_000) + 6.0 / 60
        #expect(abs((r.rtoHours ?? 0) - expected) < 1e-9)
        #expect(r.restoreOrder == 1)
    }

    @Test func twoRestoresSharingTheChannelEachTakeTwiceAsLong() throws {
        var s = Setup()
        s.tenants = 2
        let plan = try Self.plan(s)
        let east = try #require(plan.continuity?.systems.filter { $0.pool == "east" })
        #expect(east.count == 2)
        for r in east { #expect(abs((r.restoreHours ?? 0) - 2 * Self.hours(100, mbps: 1_000)) < 1e-9) }
        s.streams = 1
        let sequential = try #require(try Self.plan(s).continuity?.systems.filter { $0.pool == "east" })
        let one = Self.hours(100, mbps: 1_000)
        #expect(abs((sequential[0].restoreHours ?? 0) - one) < 1e-9)
        #expect(abs((sequential[1].restoreHours ?? 0) - 2 * one) < 1e-9)
    }

    @Test func continuousReplicationHasTheIntervalAsRPO() throws {
        var s = Setup()
        s.schedule = "continuous"
        let plan = try Self.plan(s)
        let link = try Self.eastLink(plan)
        #expect(abs(link.volumeGiB - 100 * 0.02 * 15 / 1_440) < 1e-12)
        #expect(link.windowHours == 0.25)
        #expect(plan.continuity?.systems.allSatisfy { $0.rpoHours.map { abs($0 - 0.25) < 1e-9 } == true } == true)
    }

    @Test func fluidSharingMatchesSequentialAndEqualSplits() {
        // Copies every 24 h at 10 GiB/h: 20 GiB a night, 300 GiB every 7th. The full (30 h)
        // takes the next night's 20 GiB on top: done 32 h after it starts, 54 h after the
        // copy before it (24 + 300/10); with every copy fitting its cycle the gap is the cycle.
        #expect(FluidSharing.copyGaps(jobs: 1, ticks: 21, measured: 7, cycle: 24, rate: 10) { t, _ in t % 7 == 0 ? 300 : 20 } == [54])
        #expect(FluidSharing.copyGaps(jobs: 2, ticks: 3, measured: 1, cycle: 24, rate: 10) { _, _ in 20 } == [24, 24])
        // Two sharing: each night 20 + 20 at 10 GiB/h, both done at 4 h; the full night of job 0
        // (200 GiB) shares until job 1's 20 GiB is sent (4 h), then alone: done at 22 h, 42 h
        // after its previous copy.
        let two = FluidSharing.copyGaps(jobs: 2, ticks: 21, measured: 7, cycle: 24, rate: 10) { t, k in t % 7 == 0 && k == 0 ? 200 : 20 }
        #expect(two[0].map { abs($0 - 42) < 1e-9 } == true && two[1].map { abs($0 - 24) < 1e-9 } == true, "\(two)")
        #expect(FluidSharing.finishTimes(sizes: [3, 3, 3], rate: 1) == [9, 9, 9])
        #expect(FluidSharing.finishTimes(sizes: [1, 2, 3], rate: 1, streams: 1) == [1, 3, 6])
        // Processor sharing: 1 finishes at 3 (three share), 2 at 3 + 2·1 = 5, 3 at 5 + 1 = 6.
        #expect(FluidSharing.finishTimes(sizes: [1, 2, 3], rate: 1) == [3, 5, 6])
        // Two streams: 1 and 2 share (1 done at 2); 3 joins, 2 and 3 share (2 done at 4); 3 alone, 2 left → 6.
        #expect(FluidSharing.finishTimes(sizes: [1, 2, 3], rate: 1, streams: 2) == [2, 4, 6])
    }

    @Test func arrayLossIsCheckedApartAndRequiredOnlyWhenAsked() throws {
        var s = Setup()
        s.tenants = 3
        let single = try Self.plan(s)
        let east = try #require(single.pools.first { $0.name == "east" })
        #expect(!east.ha.arrayLoss.ok)
        #expect(!east.ha.arrayLoss.required)
        #expect(east.ha.arrayLoss.systemsDown.count == 3)
        #expect(east.ha.ok)
        s.replicas = 2
        s.minimumArrays = 2
        let spread = try #require(try Self.plan(s).pools.first { $0.name == "east" })
        #expect(spread.ha.arrayLoss.ok)
        #expect(spread.ha.arrayLoss.arrays == 2)
        s.replicas = 1
        s.surviveArrayLoss = true
        let required = try #require(try Self.plan(s).pools.first { $0.name == "east" })
        #expect(!required.ha.ok)
        #expect(required.ha.unmetRequirements.contains { $0.contains("storage array") })
    }
}
