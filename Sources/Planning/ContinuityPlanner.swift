import CapacityModel

/// One tenant's system in one pool, summed over the first replica of its VMs (standbys hold
/// copies of the same data and are not backed up twice).
struct ProtectedSystem: Sendable {
    var pool: Int
    var tenant: Int
    var system: Int
    var diskGiB = 0.0
    var dailyChangeGiB = 0.0
    var vcpu = 0.0
    var memoryGiB = 0.0
    var bootMinutes = 0.0
    var restartPriority = Int.max
}

/// Plans `continuity:` over the sized pools: link loads, retention, RPO and RTO. Pure
/// arithmetic on the plan (no packing): O(systems × restore streams).
struct ContinuityPlanner {
    let scenario: Scenario
    let settings: ContinuitySettings
    let pools: [PoolPlan]

    /// Every protected system, pool by pool, tenants in pool order, systems in catalog order.
    func protectedSystems() -> [ProtectedSystem] {
        var result: [ProtectedSystem] = []
        for (p, plan) in pools.enumerated() {
            var index: [[Int]: Int] = [:]
            var local: [ProtectedSystem] = []
            for vm in plan.virtualMachines where vm.replica == 0 {
                let key = [vm.tenant, vm.system]
                let k = index[key] ?? { index[key] = local.count; local.append(ProtectedSystem(pool: p, tenant: vm.tenant, system: vm.system)); return local.count - 1 }()
                let change = scenario.catalog.systems[vm.system].tiers[vm.tier].dailyChangeFraction
                local[k].diskGiB += vm.diskGiB
                local[k].dailyChangeGiB += vm.diskGiB * change
                local[k].vcpu += vm.vcpu
                local[k].memoryGiB += vm.memoryGiB
                local[k].bootMinutes = Swift.max(local[k].bootMinutes, vm.bootMinutes)
                local[k].restartPriority = Swift.min(local[k].restartPriority, vm.restartPriority)
            }
            let order = Dictionary(plan.pool.tenantIndices.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            result += local.sorted { (order[$0.tenant] ?? 0, $0.system) < (order[$1.tenant] ?? 0, $1.system) }
        }
        return result
    }

    func plan() -> ContinuityPlan {
        let systems = protectedSystems()
        let loads = LinkLoadPlanner(scenario: scenario, settings: settings, pools: pools).plan(systems)
        var recovery = systems.map { s in
            let policy = settings.policies[settings.systemPolicy[s.system]]
            let partner = settings.dr.pools.first { $0.pool == s.pool }.map { pools[$0.partner].name }
            return SystemRecovery(tenant: scenario.tenants[s.tenant].code, system: scenario.catalog.systems[s.system].id,
                                  pool: pools[s.pool].name, tenantIndex: s.tenant, systemIndex: s.system, poolIndex: s.pool,
                                  vcpu: s.vcpu, memoryGiB: s.memoryGiB, partner: partner, policy: policy.id,
                                  priority: settings.dr.prioritySystems.contains(s.system), restoreOrder: nil, restoreRank: nil,
                                  diskGiB: s.diskGiB, dailyChangeGiB: s.dailyChangeGiB, rpoHours: loads.rpo[systemsKey(s)] ?? nil,
                                  rtoHours: nil, notRestored: nil, restoreGiB: s.diskGiB * policy.reduction, restoreHours: nil,
                                  bootHours: s.bootMinutes / 60, municipalCopy: settings.municipalCopy.contains(s.system),
                                  rpoOK: nil, rtoOK: nil)
        }
        var partners: [PartnerCapacityCheck] = []
        for entry in settings.dr.pools {
            partners.append(restore(entry, systems: systems, recovery: &recovery))
        }
        for i in recovery.indices {
            if recovery[i].partner == nil { recovery[i].notRestored = "its pool has no partner (continuity.dr.pools)" }
            recovery[i].rpoOK = settings.dr.rpoTargetHours.map { t in recovery[i].rpoHours.map { $0 <= t + 1e-9 } ?? false }
            // Systems left out of the minimum business on purpose have no RTO to meet.
            let excluded = settings.dr.priorityOnly && !recovery[i].priority
            recovery[i].rtoOK = excluded ? nil
                : settings.dr.rtoTargetHours.map { t in recovery[i].rtoHours.map { $0 <= t + 1e-9 } ?? false }
        }
        return ContinuityPlan(links: loads.rows, pools: retention(systems), systems: recovery, partners: partners,
                              detectionHours: settings.dr.detectionHours, rpoTargetHours: settings.dr.rpoTargetHours,
                              rtoTargetHours: settings.dr.rtoTargetHours)
    }

    func systemsKey(_ s: ProtectedSystem) -> [Int] { [s.pool, s.tenant, s.system] }

    /// The order a pool's systems are restored in: the priority systems in their listed order,
    /// then the others by restart priority and catalog order; tenants in pool order within each.
    func restoreOrder(_ indices: [Int], _ systems: [ProtectedSystem]) -> [Int] {
        let listed = Dictionary(settings.dr.prioritySystems.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return indices.enumerated().sorted { a, b in
            let x = systems[a.element], y = systems[b.element]
            let kx = listed[x.system].map { [0, $0, 0] } ?? [1, x.restartPriority, x.system]
            let ky = listed[y.system].map { [0, $0, 0] } ?? [1, y.restartPriority, y.system]
            return kx != ky ? kx.lexicographicallyPrecedes(ky) : a.offset < b.offset
        }.map(\.element)
    }

    /// A site disaster at `entry`'s pool: which systems the partner has room for, in restore
    /// order, and when each serves again (restores sharing `restore_streams` on the channel).
    func restore(_ entry: DRPool, systems: [ProtectedSystem], recovery: inout [SystemRecovery]) -> PartnerCapacityCheck {
        let partner = pools[entry.partner]
        let cap = partner.failoverCapacity
        let freeVCPU = entry.capacity == .reserve ? Double(entry.reserveBlades) * cap.allocatableVCPU
            : Double(partner.blades) * cap.allocatableVCPU - partner.allocatedVCPU
        let freeMemory = entry.capacity == .reserve ? Double(entry.reserveBlades) * cap.allocatableMemoryGiB
            : Double(partner.blades) * cap.allocatableMemoryGiB - partner.allocatedMemoryGiB
        let mine = restoreOrder(systems.indices.filter { systems[$0].pool == entry.pool }, systems)
        var usedVCPU = 0.0, usedMemory = 0.0
        var admitted: [Int] = []
        var rank = 0
        for i in mine {
            let s = systems[i], policy = settings.policies[settings.systemPolicy[s.system]]
            if settings.dr.priorityOnly && !recovery[i].priority {
                recovery[i].notRestored = "not in the minimum business (dr.priority_only)"
                continue
            }
            if policy.target != .partner {
                recovery[i].notRestored = "its copies are at the lost site (target: \(policy.target.rawValue))"
                continue
            }
            recovery[i].restoreRank = rank
            rank += 1
            if usedVCPU + s.vcpu > freeVCPU + 1e-9 || usedMemory + s.memoryGiB > freeMemory + 1e-9 {
                recovery[i].notRestored = "no room at the partner (\(Int(s.vcpu)) vCPU, \(Int(s.memoryGiB)) GiB needed)"
            } else {
                usedVCPU += s.vcpu
                usedMemory += s.memoryGiB
                admitted.append(i)
            }
        }
        let rate = settings.dr.localRestoreMbps * 1e6
        let finish = FluidSharing.finishTimes(sizes: admitted.map { recovery[$0].restoreGiB },
                                              rate: DataRate.gibPerHour(bitsPerSecond: rate),
                                              streams: settings.dr.restoreStreams)
        for (k, i) in admitted.enumerated() {
            recovery[i].restoreOrder = k + 1
            recovery[i].restoreHours = finish[k]
            recovery[i].rtoHours = settings.dr.detectionHours + finish[k] + recovery[i].bootHours
        }
        return PartnerCapacityCheck(pool: pools[entry.pool].name, partner: partner.name, capacity: entry.capacity,
                                    reserveBlades: entry.reserveBlades, freeVCPU: Swift.max(0, freeVCPU),
                                    freeMemoryGiB: Swift.max(0, freeMemory),
                                    neededVCPU: mine.reduce(0) { $0 + systems[$1].vcpu },
                                    neededMemoryGiB: mine.reduce(0) { $0 + systems[$1].memoryGiB },
                                    restored: admitted.count, systems: mine.count, restoreMbps: settings.dr.localRestoreMbps)
    }
}
