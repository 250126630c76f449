import SimKernel
import Stochastics

/// Blades bought during the lease (`simulate --timeline`): each blade the timeline installs
/// after the start is absent until its order arrives, at its planned month plus the order's
/// delay (`simulation.delivery_delay`, one draw per order from the pool's own delivery stream, none by default).
/// VMs that wait for a blade while an order is overdue count as stranded by a late delivery.
final class Deliveries: SimulationProcess {
    enum Kind: UInt32 {
        /// Blade (subject) arrives.
        case arrives
    }

    let events: ProcessEvents
    let horizon: Double
    /// Arrival time of each blade (+∞ if it never does); the due time is the model's.
    var arrival: [Double] = []

    init(_ setup: ProcessSetup) {
        events = setup.events
        horizon = setup.horizon
        let model = setup.model
        guard model.bladeDueSeconds.contains(where: { $0 > 0 }) else { return }
        let streams = (0..<model.poolNames.count).map {
            RandomStream(seed: setup.seed, stream: setup.replication, key: "delivery/\(model.poolNames[$0])")
        }
        let delay = model.deliveryDelay
        // One draw per order: the blades of a pool due at the same time, in due order.
        var orderDelay: [Int: [Double: Double]] = [:]
        arrival = model.bladeDueSeconds.enumerated().map { b, due in
            guard due > 0, due.isFinite else { return due }
            let pool = Int(model.bladePool[b])
            if let d = orderDelay[pool]?[due] { return due + d }
            let d = delay.map { Swift.max(0, $0.sample(streams[pool])) } ?? 0
            orderDelay[pool, default: [:]][due] = d
            return due + d
        }
    }

    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {
        let due = state.model.bladeDueSeconds
        state.awaitDeliveries(due.indices.filter { due[$0] > 0 }, &kernel)
        for b in due.indices where due[b] > 0 {
            if arrival[b] < horizon { events.schedule(Kind.arrives.rawValue, subject: b, at: arrival[b], &kernel) }
        }
    }

    func handle(_ kind: UInt32, subject b: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        if Kind(rawValue: kind) == .arrives { state.deliver(b, &kernel) }
    }
}
