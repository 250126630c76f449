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

extension CoreScoreTests {
    /// `blade: cheapest` with a per-core licence (issue 33). 8 VMs of 4 vCPU busy at 100%: on
    /// the 1×11-core blade (10 usable, ¥1M) two a blade, 4 blades; on the 2×12-core one (23
    /// usable, ¥2.5M) five a blade, 2 blades. At ¥100,000 a licensed core and 32 cores a server
    /// at least, the small blades license 4 × 32 = 128 cores and the large 2 × 32 = 64: the large
    /// ones are cheaper. Without the minimum (44 against 48 cores) the small ones are.
    @Test func theCheapestBladeCountsTheLicences() throws {
        let tier = "{name: app, vcpu: 4, memory_gib: 1, disk_gib: 1, cpu_peak_utilisation: 1.0}"
        let big = "    - {id: big, sockets: 2, cores_per_socket: 12, memory_gib: 101, power_idle_w: 100, power_peak_w: 200, price_yen: 2500000}"
        func economics(_ licensing: String) -> String {
            """
            economics:
              lease_years: 5
              cost_lines:
                - {line: hypervisor, source: "[EST] test", after: {per_core: 100000}\(licensing)}
            """
        }
        func plan(_ licensing: String) throws -> PoolPlan {
            try Planner(scenario: Synthetic.scenario(tier: tier, tenants: 8, ha: "admission: none", cpuOvercommit: 4, extraBlades: big,
                                                     poolBlade: "cheapest", economics: economics(licensing))).plan().pools[0]
        }
        let licensed = try plan(", licensing: {minimum_cores_per_server: 32}")
        #expect(licensed.pool.blade.id == "big" && licensed.blades == 2 && licensed.lineAmounts[0] == Yen(64 * 100_000))
        #expect(Dictionary(uniqueKeysWithValues: licensed.bladeAlternatives.map { ($0.model, $0.blades) }) == ["b": 4, "big": 2])
        // The licence bill of each model, as the minimums say: 4 × 32 and 2 × 32 licensed cores.
        #expect(Dictionary(uniqueKeysWithValues: licensed.bladeAlternatives.map { ($0.model, $0.licence) })
                == ["b": Yen(128 * 100_000), "big": Yen(64 * 100_000)])
        #expect(licensed.bladeAlternatives.allSatisfy { $0.yearlyCost.value >= licensed.yearlyCost.total.value })
        let plain = try plan("")
        #expect(plain.pool.blade.id == "b" && plain.blades == 4 && plain.lineAmounts[0] == Yen(44 * 100_000))
    }
}
