import SimKernel

/// Blades that arrive during the run (`Deliveries`): not there, due, arrived.
extension ReplicationState {
    /// At the start, the blades in `absent` have not arrived. The founding VMs the plan put on
    /// them go, largest first, to the arrived blade of their pool with the most free memory that
    /// takes them (no downtime: they never ran there), or wait stranded for one.
    mutating func awaitDeliveries(_ absent: [Int], _ kernel: inout Kernel) {
        guard !absent.isEmpty else { return }
        var displaced: [Int] = []
        for b in absent {
            _ = condition.set(b, to: condition.bladeOut[b].union(.notDelivered), at: kernel.now)
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
        model.poolBlades[pool].contains { blade($0, is: .notDelivered) && model.bladeDueSeconds[$0] <= now }
    }

    /// Blade `b` arrives. It is available unless it, its chassis or its site is down, in which
    /// case it counts as down from now.
    mutating func deliver(_ b: Int, _ kernel: inout Kernel) {
        bladeReturns(b, from: .notDelivered, &kernel)
    }
}
