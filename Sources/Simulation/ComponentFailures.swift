import SimKernel
import Stochastics

/// Failures and repairs of blades, chassis, storage arrays and sites: each component fails
/// after a draw of its time-to-failure model, is repaired after a draw of its repair model,
/// then runs again. Each component draws its failures and repairs, in turn, from its own stream
/// (`SimulationModel.componentStream`), so that variants of a scenario that add or remove
/// components share the draws of those they have in common (common random numbers).
final class ComponentFailures: SimulationProcess {
    enum Kind: UInt32 {
        case bladeFails, bladeRepaired, chassisFails, chassisRepaired
        case arrayFails, arrayRepaired, siteFails, siteRepaired

        /// The kind of component an event is about: its index in `components` (the kinds come
        /// in pairs, failure then repair, in that order).
        var component: Int { Int(rawValue / 2) }
    }

    /// The kinds of component, in the order of `Kind`'s pairs.
    static let components: [ComponentStream] = [.blade, .chassis, .array, .site]

    let events: ProcessEvents
    let horizon: Double
    /// Each component's stream, by kind (`components` order), indexed like the model's components.
    let streams: [[RandomStream]]

    init(_ setup: ProcessSetup) {
        events = setup.events
        horizon = setup.horizon
        let model = setup.model
        func make(_ c: ComponentStream, _ count: Int) -> [RandomStream] {
            (0..<count).map { model.stream(c, $0, seed: setup.seed, replication: setup.replication) }
        }
        let counts = [model.bladeCount, model.chassisCount, model.arrayCount, model.siteIDs.count]
        streams = zip(Self.components, counts).map { make($0, $1) }
    }

    /// The first failure of every component, in the order blades, chassis, arrays, sites.
    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {
        let model = state.model
        for b in 0..<model.bladeCount { scheduleFailure(model.bladeFailures[b], .bladeFails, b, model, &kernel) }
        for c in 0..<model.chassisCount { scheduleFailure(model.chassisFailures[c], .chassisFails, c, model, &kernel) }
        for a in 0..<model.arrayCount { scheduleFailure(model.arrayFailures[a], .arrayFails, a, model, &kernel) }
        for s in 0..<model.siteIDs.count { scheduleFailure(model.siteFailure, .siteFails, s, model, &kernel) }
    }

    /// (The model is read through `state` at each use: a copy of it, `let model = state.model`,
    /// retained and released every array it holds, at every failure and repair.)
    func handle(_ kind: UInt32, subject i: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        switch Kind(rawValue: kind) {
        case .bladeFails?:
            state.outcome.bladeFailures += 1
            state.failBlade(i, &kernel)
            scheduleRepair(state.model.bladeFailures[i], .bladeRepaired, i, state.model, &kernel)
        case .bladeRepaired?:
            state.repairBlade(i, &kernel)
            scheduleFailure(state.model.bladeFailures[i], .bladeFails, i, state.model, &kernel)
        case .chassisFails?:
            state.outcome.chassisFailures += 1
            state.failChassis(i, &kernel)
            scheduleRepair(state.model.chassisFailures[i], .chassisRepaired, i, state.model, &kernel)
        case .chassisRepaired?:
            state.repairChassis(i)
            scheduleFailure(state.model.chassisFailures[i], .chassisFails, i, state.model, &kernel)
        case .arrayFails?:
            state.outcome.arrayFailures += 1
            state.failArray(i, &kernel)
            scheduleRepair(state.model.arrayFailures[i], .arrayRepaired, i, state.model, &kernel)
        case .arrayRepaired?:
            state.repairArray(i, at: kernel.now)
            scheduleFailure(state.model.arrayFailures[i], .arrayFails, i, state.model, &kernel)
        case .siteFails?:
            state.outcome.siteFailures += 1
            state.failSite(i, &kernel)
            scheduleRepair(state.model.siteFailure, .siteRepaired, i, state.model, &kernel)
        case .siteRepaired?:
            state.repairSite(i)
            scheduleFailure(state.model.siteFailure, .siteFails, i, state.model, &kernel)
        case nil:
            assertionFailure("unknown failure event \(kind)")
        }
    }

    func scheduleFailure(_ modelIndex: Int32, _ kind: Kind, _ subject: Int, _ model: borrowing SimulationModel,
                         _ kernel: inout Kernel) {
        guard modelIndex >= 0 else { return }
        let delay = model.failureModels[Int(modelIndex)].failure.sample(streams[kind.component][subject])
        let at = kernel.now + Swift.max(delay, 0)
        if at < horizon { events.schedule(kind.rawValue, subject: subject, at: at, &kernel) }
    }

    func scheduleRepair(_ modelIndex: Int32, _ kind: Kind, _ subject: Int, _ model: borrowing SimulationModel,
                        _ kernel: inout Kernel) {
        let delay = model.failureModels[Int(modelIndex)].repair.sample(streams[kind.component][subject])
        events.schedule(kind.rawValue, subject: subject, at: kernel.now + Swift.max(delay, 0), &kernel)
    }
}
