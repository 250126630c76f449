import SimKernel

/// Blades that arrive during the run (`Deliveries`): not there, due, arrived.
extension ReplicationState {
    /// At the start, the blades in `absent` have not arrived. The founding VMs the plan put on
    /// them go, largest first, to the arrived blade of their pool with the most free memory that
    /// takes them (no downtime: they never ran there), or wait stranded for one.
    mutating func awaitDeliveries(_ absent: [Int], _ kernel: inout Kernel) {
        guard !absent.isEmpty else { return }
        if bladeDelivered.isEmpty { bladeDelivered = [Bool](repeating: true, count: model.bladeCount) }
        var displaced: [Int] = []
        for b in absent {
            bladeDelivered[b] = false
            bladeAvailable[b] = false
            demandChanged(blade: b)
            displaced += bladeVMs[b].map(Int.init).filter { vmState[$0] == .running }
        }
        displaced.sort { (model.vmMemory[$0], -$0) > (model.vmMemory[$1], -$1) }
        var pools = Set<Int>()
        for v in displaced {
            let pool = Int(model.vmPool[v])
            if let target = blade(for: v, pool: pool, .roomiest) {
                move(v, to: target)
                continue
            }
            detach(v)
            stopServing(v, at: kernel.now, cause: .capacity)
            markDown(v, at: kernel.now)
            strand(v)
            markStranded(v, at: kernel.now)
            pools.insert(pool)
        }
        for p in pools.sorted() { changes.append(.placementNeeded(pool: p)) }
    }

    /// Whether some blade of the pool is due by `now` and has not arrived (a late delivery).
    /// O(blades of the pool).
    func isWaitingForDelivery(pool: Int, at now: Double) -> Bool {
        guard !bladeDelivered.isEmpty else { return false }
        return model.poolBlades[pool].contains { !bladeDelivered[$0] && model.bladeDueSeconds[$0] <= now }
    }

    /// Blade `b` arrives. It is available unless it, its chassis or its site is down, in which
    /// case it counts as down from now.
    mutating func deliver(_ b: Int, _ kernel: inout Kernel) {
        bladeDelivered[b] = true
        bladeReturns(b, &kernel)
    }

    /// Blade `b`, absent until now (not delivered, or in standby), is there again: available,
    /// with the VMs the plan put on it moved back (live migration: the plan's layout leaves room
    /// on the other blades for those who joined or moved meanwhile); or, if it, its chassis or
    /// its site is down, counted down from now. O(VMs the plan put on it).
    mutating func bladeReturns(_ b: Int, _ kernel: inout Kernel) {
        let pool = Int(model.bladePool[b])
        if isAvailable(blade: b) {
            bladeAvailable[b] = true
            demandChanged(blade: b)
            for v32 in model.bladeHomeVMs[b] {
                let v = Int(v32)
                if vmState[v] == .running && Int(vmBlade[v]) != b && fits(v, on: b) { move(v, to: b) }
            }
            changes.append(.bladeUp(b))
        } else {
            bladeDownSince[b] = kernel.now
            poolBladesDown[pool] += 1
            poolDayBladesDownMax[pool] = Swift.max(poolDayBladesDownMax[pool], poolBladesDown[pool])
        }
    }
}
