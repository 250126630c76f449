import SimKernel
import Stochastics

/// Failures and repairs of blades, chassis, storage arrays and sites: each component fails
/// after a draw of its time-to-failure model, is repaired after a draw of its repair model,
/// then runs again. Draws come from the replication's failure and repair substreams (0 and 1).
final class ComponentFailures: SimulationProcess {
    enum Kind: UInt32 {
        case bladeFails, bladeRepaired, chassisFails, chassisRepaired
        case arrayFails, arrayRepaired, siteFails, siteRepaired
    }

    let events: ProcessEvents
    let horizon: Double
    let failureStream: RandomStream
    let repairStream: RandomStream

    init(_ setup: ProcessSetup) {
        events = setup.events
        horizon = setup.horizon
        failureStream = RandomStream(seed: setup.seed, stream: setup.replication, substream: 0)
        repairStream = RandomStream(seed: setup.seed, stream: setup.replication, substream: 1)
    }

    /// The first failure of every component, in the order blades, chassis, arrays, sites.
    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {
        let model = state.model
        for b in 0..<model.bladeCount { scheduleFailure(model.bladeFailures[b], .bladeFails, b, model, &kernel) }
        for c in 0..<model.chassisCount { scheduleFailure(model.chassisFailures[c], .chassisFails, c, model, &kernel) }
        for a in 0..<model.arrayCount { scheduleFailure(model.arrayFailures[a], .arrayFails, a, model, &kernel) }
        for s in 0..<model.siteIDs.count { scheduleFailure(model.siteFailure, .siteFails, s, model, &kernel) }
    }

    func handle(_ kind: UInt32, subject i: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let model = state.model
        switch Kind(rawValue: kind) {
        case .bladeFails?:
            state.bladeFailed[i] = true
            state.outcome.bladeFailures += 1
            state.refresh(blade: i, &kernel)
            scheduleRepair(model.bladeFailures[i], .bladeRepaired, i, model, &kernel)
        case .bladeRepaired?:
            state.bladeFailed[i] = false
            state.refresh(blade: i, &kernel)
            scheduleFailure(model.bladeFailures[i], .bladeFails, i, model, &kernel)
        case .chassisFails?:
            state.chassisFailed[i] = true
            state.outcome.chassisFailures += 1
            for b in model.chassisBlades[i] { state.refresh(blade: Int(b), &kernel) }
            scheduleRepair(model.chassisFailures[i], .chassisRepaired, i, model, &kernel)
        case .chassisRepaired?:
            state.chassisFailed[i] = false
            // Blades return one at a time: HA restarts onto each before the next is back.
            for b in model.chassisBlades[i] { state.changes.append(.bladeConditionChanged(Int(b))) }
            scheduleFailure(model.chassisFailures[i], .chassisFails, i, model, &kernel)
        case .arrayFails?:
            let wasUp = state.isUp(array: i)
            state.arrayFailed[i] = true
            state.outcome.arrayFailures += 1
            if wasUp { state.storageLost(i, &kernel) }
            scheduleRepair(model.arrayFailures[i], .arrayRepaired, i, model, &kernel)
        case .arrayRepaired?:
            state.arrayFailed[i] = false
            if state.isUp(array: i) { state.storageReturned(i) }
            scheduleFailure(model.arrayFailures[i], .arrayFails, i, model, &kernel)
        case .siteFails?:
            siteFails(i, &state, &kernel)
        case .siteRepaired?:
            siteRepaired(i, &state, &kernel)
        case nil:
            assertionFailure("unknown failure event \(kind)")
        }
    }

    /// A site takes its pools' arrays and blades down at once.
    func siteFails(_ s: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let model = state.model
        let arraysUp = model.sitePools[s].flatMap { model.poolArrays[Int($0)] }.filter { state.isUp(array: $0) }
        state.siteFailed[s] = true
        state.outcome.siteFailures += 1
        for a in arraysUp { state.storageLost(a, &kernel) }
        for p in model.sitePools[s] { for b in model.poolBlades[Int(p)] { state.refresh(blade: b, &kernel) } }
        scheduleRepair(model.siteFailure, .siteRepaired, s, model, &kernel)
    }

    /// A repaired site's blades come back first, one at a time; its arrays' VMs start after.
    func siteRepaired(_ s: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let model = state.model
        state.siteFailed[s] = false
        for p in model.sitePools[s] { for b in model.poolBlades[Int(p)] { state.changes.append(.bladeConditionChanged(b)) } }
        for p in model.sitePools[s] {
            for a in model.poolArrays[Int(p)] where state.isUp(array: a) { state.changes.append(.storageReturning(array: a)) }
        }
        scheduleFailure(model.siteFailure, .siteFails, s, model, &kernel)
    }

    func scheduleFailure(_ modelIndex: Int32, _ kind: Kind, _ subject: Int, _ model: SimulationModel,
                         _ kernel: inout Kernel) {
        guard modelIndex >= 0 else { return }
        let delay = model.failureModels[Int(modelIndex)].failure.sample(failureStream)
        let at = kernel.now + Swift.max(delay, 0)
        if at < horizon { events.schedule(kind.rawValue, subject: subject, at: at, &kernel) }
    }

    func scheduleRepair(_ modelIndex: Int32, _ kind: Kind, _ subject: Int, _ model: SimulationModel,
                        _ kernel: inout Kernel) {
        let delay = model.failureModels[Int(modelIndex)].repair.sample(repairStream)
        events.schedule(kind.rawValue, subject: subject, at: kernel.now + Swift.max(delay, 0), &kernel)
    }
}
