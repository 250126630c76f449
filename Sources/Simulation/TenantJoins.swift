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
        state.join(ts, at: kernel.now)
    }
}
