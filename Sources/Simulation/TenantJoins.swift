import SimKernel

/// Tenants that join the pool after the start (`joins_after_years`).
///
/// The plan sized and placed every tenant for full membership, so a joiner's VMs normally start
/// on their planned blades at once. Where a planned blade is down or full of restarted VMs, HA
/// places the VM like a restart (the most free memory within failover limits), or it waits
/// stranded; where its array is down it waits for the array. Its availability is measured from
/// the join, so a system that cannot start then counts an outage from that moment.
final class TenantJoins: SimulationProcess {
    enum Kind: UInt32 {
        /// A late-joining tenant-system's (subject) VMs start on their planned blades.
        case joins
    }

    let events: ProcessEvents
    let horizon: Double

    init(_ setup: ProcessSetup) {
        events = setup.events
        horizon = setup.horizon
    }

    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {
        for (ts, join) in state.model.tsJoinSeconds.enumerated() where join > 0 && join < horizon {
            events.schedule(Kind.joins.rawValue, subject: ts, at: join, &kernel)
        }
    }

    func handle(_ kind: UInt32, subject ts: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let now = kernel.now
        let model = state.model
        var pools = Set<Int>()
        for v32 in model.tsVMs[ts] {
            let v = Int(v32)
            let home = Int(model.vmHomeBlade[v])
            state.markDown(v, at: now)
            let homeTakesIt = state.condition.bladeAvailable[home] && state.fits(v, on: home)
            if !state.isUp(array: Int(model.vmArray[v])) {
                if homeTakesIt { state.assign(v, to: home) }
                state.vmState[v] = .storageDown
            } else if homeTakesIt {
                state.assign(v, to: home)
                state.vmState[v] = .running
                state.addDemand(v)
                state.instanceRunning[Int(model.vmInstance[v])] += 1
            } else {
                state.strand(v)
                pools.insert(Int(model.vmPool[v]))
            }
        }
        // Instances that could not reach their quorum are down from the join.
        var seen = Set<Int32>()
        for v32 in model.tsVMs[ts] {
            let inst = model.vmInstance[Int(v32)]
            if seen.insert(inst).inserted && state.instanceRunning[Int(inst)] < model.instanceQuorum[Int(inst)] {
                state.instanceDown(Int(inst), at: now, cause: .capacity)
            }
        }
        for p in pools.sorted() { state.changes.append(.placementNeeded(pool: p)) }
    }
}
