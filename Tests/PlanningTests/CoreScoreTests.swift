import Testing
@testable import CapacityModel
@testable import Planning

/// Issue 32: CPU generations. Demand is in reference cores; a blade offers usable cores × its
/// core score to it, while vCPU allocation still counts physical cores.
@Suite struct CoreScoreTests {
    /// 40 VMs of 2 vCPU busy at 100% (2 reference cores each), 1 GiB: CPU-bound. Usable 10 cores
    /// a blade with 4 vCPU a core allowed: at score 1 a blade carries 5 VMs (8 blades), at score
    /// 2 it carries 10 (4 blades, half), at score 4 the 40 vCPU a blade allows (20 VMs: 2).
    @Test func doublingTheScoreHalvesACPUBoundPool() throws {
        let tier = "{name: app, vcpu: 2, memory_gib: 1, disk_gib: 1, cpu_peak_utilisation: 1.0}"
        var blades: [Double: Int] = [:]
        for score in [1.0, 2.0, 4.0] {
            let s = try Synthetic.scenario(tier: tier, tenants: 40, ha: "admission: none", coreScore: score, cpuOvercommit: 4)
            let plan = try Planner(scenario: s).plan()
            let pool = plan.pools[0]
            blades[score] = pool.blades
            #expect(abs(pool.designCPUCores - 80) < 1e-9, "demand stays 80 reference cores")
            #expect(abs(pool.usableReferenceCores - pool.usableCores * score) < 1e-9)
            #expect(abs(plan.after.referenceCores - Double(pool.blades * 11) * score) < 1e-9)
        }
        #expect(blades == [1: 8, 2: 4, 4: 2], "\(blades)")
    }

    /// 12 VMs of 30 GiB at 10% of 1 vCPU: memory-bound (3 a blade), whatever the score.
    @Test func aMemoryBoundPoolIsUnchanged() throws {
        let tier = "{name: app, vcpu: 1, memory_gib: 30, disk_gib: 10, cpu_peak_utilisation: 0.1}"
        let counts = try [1.0, 2.0, 0.5].map { score in
            try Planner(scenario: Synthetic.scenario(tier: tier, tenants: 12, ha: "admission: none", coreScore: score)).plan().pools[0].blades
        }
        #expect(counts == [4, 4, 4])
    }

    /// A slower generation (score ½) needs twice the blades for the CPU-bound pool, and the
    /// before column's reference cores are the baseline's cores × its score (1 when not given).
    @Test func aSlowerGenerationNeedsMoreBlades() throws {
        let tier = "{name: app, vcpu: 2, memory_gib: 1, disk_gib: 1, cpu_peak_utilisation: 1.0}"
        let plan = try Planner(scenario: Synthetic.scenario(tier: tier, tenants: 20, ha: "admission: none", coreScore: 0.5, cpuOvercommit: 4)).plan()
        // Blades of 10 × ½ = 5 reference cores hold two VMs of 2 (three would need 6): 10 blades
        // for 20 VMs, where score 1 needs 4 (five a blade).
        #expect(plan.pools[0].blades == 10)
        #expect(abs(plan.before.referenceCores - Double(plan.before.cores)) < 1e-9)
    }
}
