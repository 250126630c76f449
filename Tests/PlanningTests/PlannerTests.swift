import Testing
@testable import CapacityModel
@testable import Planning
@testable import Placement

/// Sizing on cases whose answers follow from arithmetic. Blades have 10 usable cores and 100
/// usable GiB (the synthetic blade keeps 1 core and 1 GiB for the hypervisor).
@Suite struct PlannerTests {
    /// Each VM takes 60 GiB: no two share a blade.
    let bigVM = "{name: app, vcpu: 2, memory_gib: 60, disk_gib: 10, cpu_peak_utilisation: 0.1}"

    @Test func noReserveMeansOneBladePerUnsharableVM() throws {
        let s = try Synthetic.scenario(tier: bigVM, tenants: 4, ha: "admission: none")
        let plan = try Planner(scenario: s).plan()
        #expect(plan.pools[0].blades == 4)
        #expect(plan.pools[0].bladeLowerBound == 4)
        #expect(plan.haOK)
    }

    @Test func hostFailuresAddExactlyTheBladesNeeded() throws {
        for k in 1...3 {
            let s = try Synthetic.scenario(tier: bigVM, tenants: 4, ha: "host_failures: \(k)")
            let plan = try Planner(scenario: s).plan()
            // Every failed blade's 60 GiB VM needs an empty blade: 4 + k.
            #expect(plan.pools[0].blades == 4 + k, "k = \(k)")
            #expect(plan.pools[0].ha.bladeFailures.ok && plan.pools[0].ha.bladeFailures.exhaustive)
            #expect(plan.pools[0].ha.bladeFailures.casesTotal == CaseCount.binomial(4 + k, k))
        }
    }

    @Test func smallVMsShareTheReserve() throws {
        // 12 VMs of 30 GiB: 3 a blade → 4 blades. Spread over 5 blades, each holds ≤ 3 and has
        // room for the VMs of any one failed blade among the other four (12 VMs on 4 blades).
        let tier = "{name: app, vcpu: 1, memory_gib: 30, disk_gib: 10, cpu_peak_utilisation: 0.1}"
        let s = try Synthetic.scenario(tier: tier, tenants: 12, ha: "host_failures: 1")
        let plan = try Planner(scenario: s).plan()
        #expect(plan.pools[0].bladesWithoutReserve == 4)
        #expect(plan.pools[0].blades == 5)
    }

    @Test func percentageAdmissionReservesItsShare() throws {
        // 10 VMs of 25 GiB = 250 GiB; with 50% reserved the blades must hold 500 GiB: 5 blades.
        let tier = "{name: app, vcpu: 1, memory_gib: 25, disk_gib: 10, cpu_peak_utilisation: 0.1}"
        let s = try Synthetic.scenario(tier: tier, tenants: 10, ha: "admission: percentage\n      percentage_reserved: 0.5")
        let plan = try Planner(scenario: s).plan()
        #expect(plan.pools[0].blades == 5)
        #expect(plan.pools[0].ha.ok)
        #expect((plan.pools[0].ha.reservedFraction ?? 0) >= 0.5 - 1e-9)
    }

    @Test func dedicatedFailoverHostsStayEmpty() throws {
        let s = try Synthetic.scenario(tier: bigVM, tenants: 3, ha: "admission: dedicated_hosts\n      dedicated_hosts: 2")
        let plan = try Planner(scenario: s).plan()
        let p = plan.pools[0]
        #expect(p.blades == 5)
        #expect(Set(p.bladeOf).count == 3)
        #expect(p.layout == .spare)
    }

    @Test func replicasLandOnDifferentBladesAndChassis() throws {
        let tier = "{name: db, vcpu: 1, memory_gib: 10, disk_gib: 10, replicas: 2, cpu_peak_utilisation: 0.1}"
        let s = try Synthetic.scenario(tier: tier, tenants: 6, ha: "admission: none", spread: "chassis", slots: 4)
        let plan = try Planner(scenario: s).plan()
        let p = plan.pools[0]
        #expect(p.chassis >= 2)
        var seen: [Int: Int] = [:]
        for (i, vm) in p.virtualMachines.enumerated() {
            let chassis = Int(p.bladeOf[i]) % p.chassis
            if let g = vm.redundancyGroup {
                if let other = seen[g] { #expect(other != chassis, "group \(g) shares chassis \(chassis)") }
                seen[g] = chassis
            }
        }
        #expect(seen.count == 6)
    }

    @Test func chassisToleranceSurvivesLosingAnyEnclosure() throws {
        // 8 VMs of 60 GiB, 2 slots per chassis: losing a chassis loses 2 blades; 8 + 2 = 10 blades.
        let s = try Synthetic.scenario(tier: bigVM, tenants: 8, ha: "host_failures: 1\n      tolerate_chassis_failure: true", slots: 2)
        let plan = try Planner(scenario: s).plan()
        let p = plan.pools[0]
        #expect(p.ha.chassisFailure.required && p.ha.chassisFailure.ok)
        #expect(p.blades == 10)
        #expect(p.chassis == 5)
    }

    /// Two systems whose peaks fall in different seasons share a blade's CPU: the blade may use
    /// 8 of its 10 cores; each VM needs 5 at its own peak, 10 together by the sum of peaks, but
    /// never more than 5 + 2.5 at the same hour. Sizing by coincident demand fits both on one blade.
    @Test func coincidentDemandLetsSeasonalPeaksShareABlade() throws {
        let profile = """
            - {id: winter, business_day: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1], other_day: 1, seasons: [{from: "01-01", to: "03-31", factor: 2}]}
            - {id: summer, business_day: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1], other_day: 1, seasons: [{from: "07-01", to: "09-30", factor: 2}]}
        """
        let systems = """
            - id: w
              profile: winter
              tiers: [{name: app, vcpu: 5, memory_gib: 10, disk_gib: 10, cpu_peak_utilisation: 1.0}]
            - id: su
              profile: summer
              tiers: [{name: app, vcpu: 5, memory_gib: 10, disk_gib: 10, cpu_peak_utilisation: 1.0}]
        """
        let s = try Synthetic.scenario(tier: "{name: x, vcpu: 1, memory_gib: 1, disk_gib: 1}", tenants: 1,
                                       ha: "admission: none", extraProfiles: profile, extraSystems: systems,
                                       systems: "[w, su]", targetCPU: 0.8)
        let plan = try Planner(scenario: s).plan()
        #expect(plan.pools[0].blades == 1)
        #expect(abs(plan.pools[0].designCPUCores - 7.5) < 1e-6)
        #expect(plan.pools[0].busiestBladeCPU <= 1)
    }

    @Test func planIsDeterministicAndSharesSumToTheBill() throws {
        let s = try ScenarioLoader().load(path: Synthetic.root + "/Scenarios/okitama.yaml")
        let a = try Planner(scenario: s).plan()
        let b = try Planner(scenario: s).plan()
        #expect(a.pools[0].bladeOf == b.pools[0].bladeOf)
        #expect(a.after.blades == b.after.blades)
        let shares = a.tenants.reduce(0.0) { $0 + $1.costShare.value }
        #expect(shares == a.pools[0].yearlyCost.total.value.rounded())
        // Before: one dedicated server per VM unless a VM needs more than 4 cores or 16 GiB.
        #expect(a.before.physicalServers >= a.after.virtualMachines)
        #expect(a.serverReductionPercent > 0 && a.haOK)
        // Every VM sits on a blade within the blade count, replicas on different blades.
        var groups: [Int: Int32] = [:]
        for (i, vm) in a.pools[0].virtualMachines.enumerated() {
            #expect(a.pools[0].bladeOf[i] >= 0 && Int(a.pools[0].bladeOf[i]) < a.pools[0].blades)
            if let g = vm.redundancyGroup {
                if let other = groups[g] { #expect(other != a.pools[0].bladeOf[i]) }
                groups[g] = a.pools[0].bladeOf[i]
            }
        }
    }

    /// The plan's HA verdict, re-derived independently: every single-blade failure of the
    /// Okitama layout re-placed by exhaustive search for a home for each displaced VM in turn.
    @Test func okitamaSurvivesEveryBladeFailure() throws {
        let s = try ScenarioLoader().load(path: Synthetic.root + "/Scenarios/okitama.yaml")
        let plan = try Planner(scenario: s).plan()
        let p = plan.pools[0]
        let blade = p.pool.blade, policy = p.pool.policy
        let cap = BladeCapacity(blade: blade, policy: policy, utilisationLimit: policy.ha.failoverUtilisation)
        let calendar = DemandCalendar(year: s.referenceYear, profiles: s.catalog.profiles)
        for failed in 0..<p.blades {
            // Memory and vCPU allocations must fit the survivors; CPU at the worst hour of the year.
            var memory = [Double](repeating: 0, count: p.blades), vcpu = memory
            var weights = [[Double]](repeating: [Double](repeating: 0, count: s.catalog.profiles.count), count: p.blades)
            var displaced: [Int] = []
            for (i, vm) in p.virtualMachines.enumerated() {
                let b = Int(p.bladeOf[i])
                if b == failed { displaced.append(i); continue }
                memory[b] += vm.memoryGiB; vcpu[b] += vm.vcpu; weights[b][vm.profile] += vm.peakCPUCores
            }
            func cpuPeak(_ w: [Double]) -> Double {
                (0..<calendar.hourCount).map { h in (0..<w.count).reduce(0.0) { $0 + w[$1] * Double(calendar.hourly[$1][h]) } }.max() ?? 0
            }
            for i in displaced.sorted(by: { p.virtualMachines[$0].memoryGiB > p.virtualMachines[$1].memoryGiB }) {
                let vm = p.virtualMachines[i]
                let home = (0..<p.blades).first { b in
                    guard b != failed, memory[b] + vm.memoryGiB <= cap.allocatableMemoryGiB + 1e-9,
                          vcpu[b] + vm.vcpu <= cap.allocatableVCPU + 1e-9 else { return false }
                    var w = weights[b]; w[vm.profile] += vm.peakCPUCores
                    return cpuPeak(w) <= cap.demandCores + 1e-9
                }
                #expect(home != nil, "blade \(failed): \(vm.name) has no home")
                if let b = home { memory[b] += vm.memoryGiB; vcpu[b] += vm.vcpu; weights[b][vm.profile] += vm.peakCPUCores }
            }
        }
    }
}
