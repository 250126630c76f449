import SimKernel

/// Blades put in standby and woken (`PowerManagement`): a blade in standby, draining or waking
/// is unavailable but not down (`BladeTime.standby`, `.draining`, `.booting`: no blade downtime);
/// one that comes back goes through `bladeReturns`, as a delivered blade does.
extension ReplicationState {
    /// Whether some delivered blade of the pool is in standby or waking. O(blades of the pool).
    func hasBladesInStandby(pool: Int) -> Bool {
        model.poolBlades[pool].contains { !condition.bladeOut[$0].isDisjoint(with: [.standby, .booting]) }
    }

    /// Whether blade `b` would be available if power management had not taken it out.
    func isAvailable(ignoringPowerOf b: Int) -> Bool { condition.bladeOut[b].subtracting(.power).isEmpty }

    /// Whether power management has blade `b` in state `reason` (`.draining`, `.standby`, `.booting`).
    func blade(_ b: Int, is reason: BladeOutOfService) -> Bool { condition.bladeOut[b].contains(reason) }

    /// Starts putting available blade `b` in standby: each of its VMs, largest first, is
    /// live-migrated to the available blade with the least free memory that takes it (best fit,
    /// so that the large holes HA restarts need are kept), and the new layout is
    /// kept if `accept` says so. Returns the seconds the migrations take one after another on the
    /// migration link, or nil, with the VMs back on `b`, if a VM is not running, finds no other
    /// blade, or the layout is refused. O(VMs on b × blades of the pool) plus `accept`.
    mutating func beginStandby(_ b: Int, at now: Double, accept: (inout ReplicationState) -> Bool) -> Double? {
        let vms = bladeVMs[b].map(Int.init)
        guard condition.bladeAvailable[b], vms.allSatisfy({ vmState[$0] == .running }) else { return nil }
        let pool = Int(model.bladePool[b])
        _ = condition.set(b, to: .draining, at: now)
        demandChanged(blade: b)
        var moved: [Int] = [], seconds = 0.0
        for v in vms.sorted(by: { (model.vmMemory[$0], -$0) > (model.vmMemory[$1], -$1) }) {
            guard let target = blade(for: v, pool: pool, .tightest) else { break }
            move(v, to: target)
            moved.append(v)
            seconds += model.vmMigrationSeconds[v]
        }
        guard moved.count == vms.count, accept(&self) else {
            _ = condition.set(b, to: [], at: now)
            for m in moved { move(m, to: b) }
            demandChanged(blade: b)
            return nil
        }
        outcome.liveMigrations[pool] += Int32(moved.count)
        return seconds
    }

    /// How many VMs of available blade `lost` HA, placing them as `HARestarts` does (priority,
    /// then largest memory first, each on `blade(for:pool:_:)`'s roomiest), could not restart on the pool's
    /// other available blades. The state is only read: the trial placement is kept in local
    /// copies. `order` is `restartOrder(pool:)` of the same state (computed once for every blade
    /// a caller tries). O(blades + VMs on `lost` × (blades tried × group size + blades)); the
    /// roomiest blade that takes a VM is nearly always among the first tried.
    func unrestartableVMs(afterLosing lost: Int, order: [Int32]) -> Int {
        restartTrial(afterLosing: lost, order: order).unplaced
    }

    /// `unrestartableVMs`'s trial placement: how many VMs found no blade, and the blade each of
    /// the others went to.
    func restartTrial(afterLosing lost: Int, order: [Int32]) -> (unplaced: Int, placedOn: [Int32: Int]) {
        let pool = Int(model.bladePool[lost]), blades = model.poolBlades[pool]
        var memory = Array(bladeAllocMemory[blades]), vcpu = Array(bladeAllocVCPU[blades])
        var ranked = order.filter { Int($0) != lost }
        var placedOn: [Int32: Int] = [:]
        var unplaced = 0
        var vms: [Int32] = []
        for v in bladeVMs[lost] where vmState[Int(v)] == .running || vmState[Int(v)] == .booting { vms.append(v) }
        let rank = model.vmRestartRank
        vms.sort { rank[Int($0)] < rank[Int($1)] }
        func free(_ b: Int) -> Double { (model.bladeFailoverMemory[b] - memory[b - blades.lowerBound]) / model.bladeFailoverMemory[b] }
        for v32 in vms {
            let v = Int(v32), group = Int(model.vmGroup[v])
            // The first blade of the ranking that takes the VM is the roomiest that does (the
            // lowest index among equals), as a scan of every blade finds it.
            let k = ranked.firstIndex { b32 in
                let b = Int(b32), i = b - blades.lowerBound
                guard free(b) > -Double.infinity,
                      memory[i] + model.vmMemory[v] <= model.bladeFailoverMemory[b] + 1e-9,
                      vcpu[i] + model.vmVCPU[v] <= model.bladeFailoverVCPU[b] + 1e-9 else { return false }
                return group < 0 || !model.groupMembers[group].contains { $0 != v32 && (placedOn[$0] ?? Int(vmBlade[Int($0)])) == b }
            }
            guard let k else {
                unplaced += 1
                continue
            }
            let best = Int(ranked.remove(at: k))
            memory[best - blades.lowerBound] += model.vmMemory[v]
            vcpu[best - blades.lowerBound] += model.vmVCPU[v]
            placedOn[v32] = best
            // Back into the ranking at its new place (binary search: the rest is still ranked).
            let moved = (free: free(best), blade: best)
            var low = 0, high = ranked.count
            while low < high {
                let mid = (low + high) / 2
                if Self.triedBefore((free(Int(ranked[mid])), Int(ranked[mid])), moved) { low = mid + 1 } else { high = mid }
            }
            ranked.insert(Int32(best), at: low)
        }
        return (unplaced, placedOn)
    }

    /// The pool's available blades by free failover memory, as a share of the blade's, most
    /// first (the lowest index among equals; blades whose share is undefined last): the order in
    /// which `unrestartableVMs` tries them. O(blades log blades).
    func restartOrder(pool: Int) -> [Int32] {
        model.poolBlades[pool].filter { condition.bladeAvailable[$0] }
            .map { (free: failoverFreeShare($0), blade: $0) }
            .sorted(by: Self.triedBefore)
            .map { Int32($0.blade) }
    }

    /// The restart ranking's order: more free share first, then the lower index; an undefined
    /// share (NaN) last.
    static func triedBefore(_ a: (free: Double, blade: Int), _ b: (free: Double, blade: Int)) -> Bool {
        if a.free.isNaN != b.free.isNaN { return b.free.isNaN }
        if !a.free.isNaN, a.free != b.free { return a.free > b.free }
        return a.blade < b.blade
    }

    /// A draining blade whose migrations are done goes into standby.
    mutating func completeStandby(_ b: Int, at now: Double) {
        guard blade(b, is: .draining) else { return }
        _ = condition.set(b, to: condition.bladeOut[b].subtracting(.draining).union(.standby), at: now)
        demandChanged(blade: b)
        outcome.powerOffs[Int(model.bladePool[b])] += 1
    }

    /// A draining blade is kept on after all (it returns at once: nothing was switched off).
    mutating func cancelStandby(_ b: Int, _ kernel: inout Kernel) {
        guard blade(b, is: .draining) else { return }
        bladeReturns(b, from: .draining, &kernel)
        demandChanged(blade: b)
    }

    /// A blade in standby is powered on; it takes VMs once `completeWake` is called.
    mutating func beginWake(_ b: Int, at now: Double) {
        guard blade(b, is: .standby) else { return }
        _ = condition.set(b, to: condition.bladeOut[b].subtracting(.standby).union(.booting), at: now)
        demandChanged(blade: b)
        outcome.powerOns[Int(model.bladePool[b])] += 1
    }

    /// A waking blade has booted: it is available again (or down, if it failed meanwhile).
    mutating func completeWake(_ b: Int, _ kernel: inout Kernel) {
        guard blade(b, is: .booting) else { return }
        bladeReturns(b, from: .booting, &kernel)
        demandChanged(blade: b)
    }
}
