import Foundation
import Testing
import TestSupport
@testable import CapacityModel
@testable import Planning

/// Issue 32, item 3: a tenant's VMs sized on measured use (percentile plus headroom) against
/// sizing on what they are allocated, on cases worked out by hand.
@Suite struct RightsizingTests {
    /// 20 VMs, each allocated 4 vCPU and 20 GiB, using a steady 0.5 reference cores and 8 GiB.
    /// Blades of 10 usable cores and 100 usable GiB, one vCPU a core. Measured: ⌈0.5 × 1.2⌉ = 1
    /// vCPU and ⌈8 × 1.1⌉ = 9 GiB, ten a blade (vCPUs): 2 blades. Allocated: 4 vCPU and 20 GiB,
    /// two a blade (a third would need 12 vCPU): 10 blades.
    @Test func measuredUseNeedsFewerBladesThanAllocation() throws {
        var usage = "vm,timestamp,cpu_reference_cores,memory_gib\n", inventory = "name,vcpu,memory_gib,disk_gib,host\n"
        for v in 0..<20 {
            inventory += "vm\(v),4,20,10,h\(v % 3)\n"
            for hour in 0..<24 { usage += "vm\(v),2026-01-01T\(String(format: "%02d", hour)):00:00Z,0.5,8\n" }
        }
        let tier = "{name: app, vcpu: 1, memory_gib: 1, disk_gib: 1, cpu_peak_utilisation: 0.1}"
        let s = try Synthetic.scenario(tier: tier, tenants: 1, ha: "admission: none",
                                       tenantKeys: ", before_inventory: inv.csv, usage: use.csv",
                                       files: ["use.csv": usage, "inv.csv": inventory])
        let plan = try Planner(scenario: s).plan()
        let pool = plan.pools[0]
        #expect(pool.virtualMachines.count == 20 && pool.blades == 2 && pool.bladesAllocatedBasis == 10, "\(pool.blades) \(String(describing: pool.bladesAllocatedBasis))")
        #expect(plan.rightsizing.count == 20)
        for r in plan.rightsizing {
            #expect(r.allocatedVCPU == 4 && r.cpuReferenceCores == 0.5 && r.recommendedVCPU == 1)
            #expect(r.allocatedMemoryGiB == 20 && r.memoryGiB == 8 && r.recommendedMemoryGiB == 9)
        }
        #expect(abs(pool.designCPUCores - 20 * 0.6) < 1e-9)
    }

    /// On a blade of core score 2 a VM using 1.5 reference cores (1.8 with headroom) needs one
    /// vCPU (0.9 of that blade's cores); on score 1, two.
    @Test func recommendedVCPUsCountTheBladesCores() {
        let vm = MeasuredUsage.VM(name: "x", allocatedVCPU: 8, allocatedMemoryGiB: 16, diskGiB: 10,
                                  cpu: [.p50: 1, .p95: 1.5, .p99: 2, .max: 3], memory: [:], samples: 10)
        let r = RightsizingPolicy()
        #expect(r.recommendedVCPU(vm, coreScore: 2) == 1 && r.recommendedVCPU(vm, coreScore: 1) == 2)
        #expect(r.recommendedMemoryGiB(vm) == 16)  // no memory measured: the allocation
        var p99 = RightsizingPolicy()
        p99.cpuPercentile = .p99
        p99.cpuHeadroom = 0.5
        #expect(p99.recommendedVCPU(vm, coreScore: 1) == 3 && abs(p99.demandReferenceCores(vm) - 3) < 1e-12)
    }

    /// Usage without a before_inventory, and a measured VM the inventory lacks, are each one
    /// error at the tenant's `usage` key.
    @Test func mistakesAreLocatedAtTheUsageKey() throws {
        let tier = "{name: app, vcpu: 1, memory_gib: 1, disk_gib: 1, cpu_peak_utilisation: 0.1}"
        let usage = "vm,timestamp,cpu_reference_cores,memory_gib\na,2026-01-01T00:00:00Z,1,1\nb,2026-01-01T00:00:00Z,1,1\n"
        do {
            _ = try Synthetic.scenario(tier: tier, tenants: 1, ha: "admission: none", tenantKeys: ", usage: use.csv", files: ["use.csv": usage])
            Issue.record("accepted without an inventory")
        } catch let error as ScenarioError {
            #expect(error.diagnostics.count == 1 && error.diagnostics[0].description.contains("needs the tenant's before_inventory"), "\(error)")
        }
        do {
            _ = try Synthetic.scenario(tier: tier, tenants: 1, ha: "admission: none", tenantKeys: ", before_inventory: inv.csv, usage: use.csv",
                                       files: ["use.csv": usage, "inv.csv": "name,vcpu,memory_gib\na,2,4\n"])
            Issue.record("accepted a VM the inventory lacks")
        } catch let error as ScenarioError {
            #expect(error.diagnostics.count == 1 && error.diagnostics[0].description.contains("VM 'b' is not in service"), "\(error)")
        }
    }
}

extension RightsizingTests {
    /// The runway by hand. Five VMs each using 0.2 + 0.02·m reference cores in month m of 2025
    /// (hourly, the first 20 days of each month: every month weighs the same), so each one's p95
    /// over the year is December's 0.42, and the pool's monthly series 1 + 0.1·m is an exact line
    /// with level 2.1 at the last month. A blade of 10 cores at one vCPU a core holds the five at
    /// ⌈1.2 · 0.42 · s⌉ vCPUs each while that is 2: s ≤ 2 / 0.504 = 3.968. The forecast
    /// 2.1 + 0.1·k passes 3.968 · 2.1 = 8.33 first at k = 63: 2031-03, at p50 and p95 alike (no
    /// residual).
    @Test func theRunwayIsTheHandComputedMonth() throws {
        let s = try Self.growingScenario()
        let plan = try Planner(scenario: s).plan()
        #expect(plan.pools[0].blades == 1 && plan.rightsizing.count == 5)
        #expect(plan.rightsizing.allSatisfy { abs($0.cpuReferenceCores - 0.42) < 1e-9 && $0.recommendedVCPU == 1 })
        let r = try #require(plan.runway.first)
        #expect(r.months == 12 && r.firstMonth == "2025-01" && r.lastMonth == "2025-12")
        #expect(abs(r.capacityScale - 10 / 2.52) < 0.01, "\(r.capacityScale)")
        #expect(r.monthExhaustedP50 == "2031-03" && r.monthsLeftP50 == 63 && r.monthExhaustedP95 == "2031-03", "\(r)")
        #expect(abs(r.trendPercentPerMonth - 100 * 0.1 / 2.1) < 1e-6)
    }

    /// The same pool's timeline with `demand_growth: forecast`: timeline month m is forecast month
    /// 12 + m, a factor (2.1 + 0.1·(m + 1)) / 2.1 rounded up to whole percent. It needs a second
    /// blade first at m = 62 (factor 4.00: 3 vCPUs a VM, 15 in all), the runway's 63rd month
    /// after the history; the orders follow (the second blade is in service by then).
    @Test func theTimelineGrowsByTheForecast() throws {
        let s = try Self.growingScenario(policyKeys: "procurement: {demand_growth: forecast, lead_time_weeks: 0}")
        let timeline = try TimelinePlanner(scenario: s).timeline(months: 72)
        let months = timeline.pools[0].months
        #expect(months[61].bladesNeeded == 1 && months[62].bladesNeeded == 2, "\(months[61].bladesNeeded) \(months[62].bladesNeeded)")
        #expect(months.allSatisfy { $0.bladesInstalled >= $0.bladesNeeded })
        let stated = try TimelinePlanner(scenario: Self.growingScenario()).timeline(months: 72)
        #expect(stated.pools[0].months.allSatisfy { $0.bladesNeeded == 1 })
    }

    /// Five VMs each using 0.2 + 0.02·m reference cores in month m of 2025 (hourly, the first 20 days).
    static func growingScenario(policyKeys: String = "") throws -> Scenario {
        var usage = "vm,timestamp,cpu_reference_cores\n", inventory = "name,vcpu,memory_gib\n"
        for v in 0..<5 {
            inventory += "app\(v),8,4\n"
            for m in 0..<12 {
                for day in 1...20 {
                    for hour in 0..<24 {
                        usage += "app\(v),2025-\(String(format: "%02d", m + 1))-\(String(format: "%02d", day))T\(String(format: "%02d", hour)):00:00Z,\(0.2 + 0.02 * Double(m))\n"
                    }
                }
            }
        }
        let tier = "{name: app, vcpu: 1, memory_gib: 1, disk_gib: 1, cpu_peak_utilisation: 0.1}"
        return try Synthetic.scenario(tier: tier, tenants: 1, ha: "admission: none",
                                      tenantKeys: ", before_inventory: inv.csv, usage: use.csv",
                                      files: ["use.csv": usage, "inv.csv": inventory], policyKeys: policyKeys)
    }
}
