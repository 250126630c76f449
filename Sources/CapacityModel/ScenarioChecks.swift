/// Checks that need the whole scenario: every VM fits its pool's blade, every pool has tenants,
/// policies are consistent. Run by the loader after every section has been read.
struct ScenarioChecks {
    let scenario: Scenario
    let sink: DiagnosticSink

    /// Most VMs one pool may hold (a guard against runaway sizes, not a modelling limit).
    static let maximumVMsPerPool = 500_000

    func run() {
        checkPolicies()
        checkJoins()
        checkUsers()
        guard checkWorkloadSize() else { return }
        checkVMsFitBlades()
    }

    /// Every pool has tenants and VMs, and not absurdly many VMs.
    func checkWorkloadSize() -> Bool {
        var ok = true
        for pool in scenario.pools {
            if pool.tenantCodes.isEmpty {
                sink.error(pool.location, "pools.\(pool.name)", "the pool has no tenants")
                ok = false
                continue
            }
            var count = 0
            for t in pool.tenantIndices {
                let tenant = scenario.tenants[t]
                for s in tenant.systems {
                    for tier in scenario.catalog.systems[s].tiers {
                        count += WorkloadBuilder.instanceSize(of: tier, population: tenant.population).instances * tier.replicas
                    }
                }
            }
            if count == 0 {
                sink.error(pool.location, "pools.\(pool.name)", "the pool's tenants run no systems, so it has no VMs")
                ok = false
            } else if count > Self.maximumVMsPerPool {
                sink.error(pool.location, "pools.\(pool.name)", "the pool would hold \(count) VMs, more than the \(Self.maximumVMsPerPool) cloudplan accepts; check populations and max_vcpu_per_instance")
                ok = false
            }
        }
        return ok
    }

    /// A line that counts users (`per_user`, `per_user_system`) needs every tenant's `users`:
    /// one error a line, naming the tenants without.
    func checkUsers() {
        var lines = scenario.economics.costLines
        if let f = scenario.procurementForms {
            lines += (f.saas?.lines ?? []).map(\.line) + (f.iaas?.lines.lines ?? []).map(\.line)
        }
        let missing = scenario.tenants.filter { $0.users == nil }.map(\.code)
        guard !missing.isEmpty else { return }
        for line in lines where line.countsUsers {
            sink.error(line.location, "cost_lines.\(line.name)",
                       "the line counts users, but \(missing.count) tenant\(missing.count == 1 ? "" : "s") give no 'users:' (\(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : ""))")
        }
    }

    /// A tenant that joins after the lease, or after the simulated horizon, is sized and paid
    /// for but never in service in that time: almost always a mistake of units or dates.
    func checkJoins() {
        let lease = scenario.economics.leaseYears
        for t in scenario.tenants where t.joinsAfterYears > 0 {
            if t.joinsAfterYears >= lease {
                sink.warning(t.location, "tenants.\(t.code).joins_after_years",
                             "\(t.name) joins after \(t.joinsAfterYears) years, at or after the end of the \(lease)-year lease: the plan sizes the pool for it, but it is in service for none of the lease")
            } else if let horizon = scenario.simulation.horizonYears, t.joinsAfterYears >= horizon {
                sink.warning(t.location, "tenants.\(t.code).joins_after_years",
                             "\(t.name) joins after \(t.joinsAfterYears) years, at or after the simulation horizon (\(horizon) years): simulate never measures it")
            }
        }
    }

    func checkPolicies() {
        for p in scenario.policies where p.ha.failoverUtilisation < p.targetCPUUtilisation {
            sink.error(p.location, "policies.\(p.id).ha.failover_utilisation",
                       "failover_utilisation (\(p.ha.failoverUtilisation)) is below target_cpu_utilisation (\(p.targetCPUUtilisation)): after a failure the survivors would have less room than in normal operation")
        }
    }

    /// One report per (pool, tier) whose VMs are too large for the pool's blade.
    func checkVMsFitBlades() {
        let builder = WorkloadBuilder(scenario: scenario)
        for pool in scenario.pools {
            let blade = pool.blade, policy = pool.policy
            let capacity = BladeCapacity(blade: blade, policy: policy)
            if capacity.usableCores <= 0 || capacity.allocatableMemoryGiB <= 0 {
                sink.error(pool.location, "pools.\(pool.name).blade",
                           "blade '\(blade.id)' has no capacity left after the hypervisor reserve of policy '\(policy.id)'")
                continue
            }
            var reported = Set<String>()
            let vms = builder.virtualMachines(tenants: pool.tenantIndices, overYears: scenario.economics.leaseYears, pool: pool)
            checkFixedBladeCount(pool, vms: vms, capacity: capacity)
            for vm in vms {
                if capacity.admits(vcpu: vm.vcpu, demandCores: vm.peakCPUCores, memoryGiB: vm.memoryGiB) { continue }
                let system = scenario.catalog.systems[vm.system]
                let tier = system.tiers[vm.tier]
                guard reported.insert("\(system.id)/\(tier.name)").inserted else { continue }
                let tenant = scenario.tenants[vm.tenant]
                let largest = scenario.hardware.blades.contains {
                    BladeCapacity(blade: $0, policy: policy).admits(vcpu: vm.vcpu, demandCores: vm.peakCPUCores, memoryGiB: vm.memoryGiB)
                } ? "" : " No blade model in the scenario is large enough."
                sink.error(tier.location, "catalog.systems.\(system.id).tiers.\(tier.name)",
                           "in pool '\(pool.name)', \(tenant.name) (\(tenant.code)) needs VMs of \(fmt(vm.vcpu)) vCPU and \(fmt(vm.memoryGiB)) GiB, larger than blade '\(blade.id)' allows under policy '\(policy.id)' (\(fmt(capacity.usableCores)) cores, \(fmt(capacity.allocatableMemoryGiB)) GiB); set max_vcpu_per_instance or max_memory_gib_per_instance to split the tier.\(largest)")
            }
        }
    }

    /// A fixed blade count below the allocation volume bound (vCPUs and memory summed over the
    /// pool's VMs, over one blade's allocatable share) can never hold the VMs. Whether a count
    /// above it packs, and meets the HA policy, needs sizing: `plan` checks that.
    func checkFixedBladeCount(_ pool: Pool, vms: [VirtualMachine], capacity: BladeCapacity) {
        guard let fixed = pool.fixedBlades, capacity.allocatableVCPU > 0, capacity.allocatableMemoryGiB > 0 else { return }
        let vcpu = vms.reduce(0) { $0 + $1.vcpu }, memory = vms.reduce(0) { $0 + $1.memoryGiB }
        let byVCPU = Int((vcpu / capacity.allocatableVCPU - 1e-9).rounded(.up))
        let byMemory = Int((memory / capacity.allocatableMemoryGiB - 1e-9).rounded(.up))
        guard fixed.count < Swift.max(byVCPU, byMemory) else { return }
        let what = byMemory >= byVCPU ? "memory (\(fmt(memory)) GiB)" : "vCPUs (\(fmt(vcpu)))"
        sink.error(fixed.location, "pools.\(pool.name).blades",
                   "'blades: \(fixed.count)' is too few: the VMs' \(what) alone need at least \(Swift.max(byVCPU, byMemory)) blades of '\(pool.blade.id)' under policy '\(pool.policy.id)', before any HA reserve")
    }

    private func fmt(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format2: x)
    }
}

extension String {
    init(format2 x: Double) {
        let scaled = (x * 100).rounded() / 100
        self = "\(scaled)"
    }
}
