import Testing
@testable import Reports
@testable import Simulation

/// How the simulation report writes what it measured.
@Suite struct SimulationTextTests {
    /// 1.1 minutes down in 5 years is 99.999958% available: enough decimals that it is not 100%.
    @Test func availabilityShowsAnyDowntime() {
        let minutes = 5 * 365 * 24 * 60.0
        let a = 1 - 1.1 / minutes
        let text = SimulationReport.availability(Estimate([a, a]))
        #expect(text == "99.999958 ±0.000000%", "\(text)")
        #expect(SimulationReport.availability(Estimate([1, 1])) == "100%")
        #expect(SimulationReport.availability(Estimate([0.99, 0.98])) == "98.5000 ±6.3531%")
        // One replication: no half-width, so no ±.
        #expect(SimulationReport.availability(Estimate([0.999])) == "99.9000%")
    }

    @Test func lateJoinersAreNamedAsSuch() {
        var t = SimulationResult.TenantSystem(tenantCode: "01571", tenantName: "豊浦町", system: "tax", joinsAfterYears: 2,
                                              inServiceHours: 26_280, availability: Estimate([1]), downtimeMinutes: Estimate([0]),
                                              outages: Estimate([0]), restartLatencyP50Minutes: Estimate([]),
                                              restartLatencyP95Minutes: Estimate([]), restartLatencyMaxMinutes: Estimate([]),
                                              strandedVMHours: Estimate([0]), contentionMinutes: Estimate([0]),
                                              unservedCoreHours: Estimate([0]))
        #expect(SimulationReport.tenantLabel(t) == "01571 豊浦町 (joins after 2 y)")
        t.joinsAfterYears = 0.5
        #expect(SimulationReport.tenantLabel(t) == "01571 豊浦町 (joins after 0.50 y)")
        t.joinsAfterYears = 0
        #expect(SimulationReport.tenantLabel(t) == "01571 豊浦町")
    }
}
