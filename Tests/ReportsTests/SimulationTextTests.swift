import Testing
@testable import Reports
@testable import Simulation

/// How the simulation report writes what it measured.
@Suite struct SimulationTextTests {
    /// 1.1 minutes down in 5 years is 99.999958% available: enough decimals that it is not 100%.
    @Test func availabilityShowsAnyDowntime() {
        let minutes = 5 * 365 * 24 * 60.0
        let a = 1 - 1.1 / minutes
        let text = SimulationDocument.availability(Estimate([a, a])).display
        #expect(text == "99.999958%", "\(text)")
        #expect(SimulationDocument.availability(Estimate([1, 1])).display == "100%")
        #expect(SimulationDocument.availability(Estimate([0.99, 0.98])).display == "98.5000 ±6.3531%")
        // One replication: no half-width, so no ±.
        #expect(SimulationDocument.availability(Estimate([0.999])).display == "99.9000%")
    }

    /// Intervals stay in the quantity's range: 98.5% ±6.35% is 92.15-100%, a downtime of
    /// 5 ±63.5 minutes is 0-68.5, and an interval inside the range keeps its ± form.
    @Test func intervalsAreClippedToTheRange() {
        let a = Estimate([0.99, 0.98], range: 0...1)
        #expect(a.isClipped && a.high == 1 && abs(a.low - (a.mean - a.halfWidth)) < 1e-15)
        #expect(SimulationDocument.availability(a).display == "98.5000% (92.1469-100.0000%)")
        let down = Estimate([0, 10])
        #expect(down.low == 0 && down.high == down.mean + down.halfWidth && down.isClipped)
        #expect(SimulationDocument.est(down, decimals: 1).display == "5.0 (0.0-68.5)")
        let inside = Estimate([0.999, 0.998, 0.9985], range: 0...1)
        #expect(!inside.isClipped && SimulationDocument.availability(inside).display == "99.8500 ±0.1242%")
        let none = Estimate([0.5], range: 0...1)
        #expect(none.low.isNaN && none.high.isNaN && !none.isClipped)
        let json = SimulationReport.estimate(a, scale: 100, decimals: 4).serialised(indent: 0)
        #expect(json.contains("\"ci95_low\": 92.1469") && json.contains("\"ci95_high\": 100"), "\(json)")
    }

    @Test func lateJoinersAreNamedAsSuch() {
        var t = SimulationResult.TenantSystem(tenantCode: "01571", tenantName: "豊浦町", system: "tax", joinsAfterYears: 2,
                                              inServiceHours: 26_280, availability: Estimate([1]), downtimeMinutes: Estimate([0]),
                                              outages: Estimate([0]), restartLatencyP50Minutes: Estimate([]),
                                              restartLatencyP95Minutes: Estimate([]), restartLatencyMaxMinutes: Estimate([]),
                                              strandedVMHours: Estimate([0]), contentionMinutes: Estimate([0]),
                                              unservedCoreHours: Estimate([0]))
        #expect(SimulationDocument.tenantLabel(t, localizer: Localizer()) == "01571 豊浦町 (joins after 2 y)")
        t.joinsAfterYears = 0.5
        #expect(SimulationDocument.tenantLabel(t, localizer: Localizer()) == "01571 豊浦町 (joins after 0.50 y)")
        t.joinsAfterYears = 0
        #expect(SimulationDocument.tenantLabel(t, localizer: Localizer()) == "01571 豊浦町")
    }
}
