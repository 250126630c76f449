import SimKernel

/// One replication: the shared state and the processes that change it, plugged into the
/// kernel as its `EventHandler`. All times in seconds.
///
/// Each event goes to the process that scheduled it (`ProcessEvents`); the changes of the shared
/// state it caused are then heard by every process, in order, until none is left.
struct Replication: EventHandler {
    /// The processes of every replication, in the order they start and hear changes. A new
    /// process is one line here (see `SimulationProcess`).
    static let registry: [@Sendable (ProcessSetup) -> any SimulationProcess] = [
        ComponentFailures.init,
        HARestarts.init,
        DemandSampling.init,
        // Before the joins: blades due when a tenant joins are there when its VMs start.
        Deliveries.init,
        TenantJoins.init,
        PopulationChange.init,
        PowerManagement.init,
        BackupJobs.init,
        SiteFailover.init,
    ]

    var state: ReplicationState
    let processes: [any SimulationProcess]
    /// Changes still to be heard, the next one last (reused: no allocation per event).
    var agenda: [StateChange] = []

    /// - Parameter extra: processes registered after the standard ones (tests use it to observe).
    init(model: SimulationModel, horizon: Double, seed: UInt64, replication: Int,
         extra: [@Sendable (ProcessSetup) -> any SimulationProcess] = []) {
        state = ReplicationState(model: model, horizon: horizon)
        processes = (Self.registry + extra).enumerated().map { i, make in
            make(ProcessSetup(model: model, horizon: horizon, seed: seed, replication: replication,
                              events: ProcessEvents(process: UInt32(i))))
        }
    }

    /// The kernel's event kind of process `P`'s own event `local` (for tests that inject events).
    func kind<P: SimulationProcess>(_ process: P.Type, _ local: UInt32) -> UInt32 {
        let index = processes.firstIndex { $0 is P } ?? 0
        return ProcessEvents(process: UInt32(index)).kind(local)
    }

    /// Every process schedules its first events.
    mutating func start(_ kernel: inout Kernel) {
        for process in processes { process.start(&state, &kernel) }
        deliverChanges(&kernel)
    }

    mutating func handle(_ event: Event, kernel: inout Kernel) {
        let process = ProcessEvents.process(of: event.kind)
        processes[process].handle(ProcessEvents.local(of: event.kind), subject: Int(event.subject), &state, &kernel)
        if !state.changes.isEmpty { deliverChanges(&kernel) }
    }

    /// The shared state, then every process, hears every change in the order they were made;
    /// the changes made while hearing one come right after it (depth first).
    mutating func deliverChanges(_ kernel: inout Kernel) {
        agenda.append(contentsOf: state.changes.reversed())
        state.changes.removeAll(keepingCapacity: true)
        while let change = agenda.popLast() {
            state.hear(change, &kernel)
            for process in processes { process.notice(change, &state, &kernel) }
            agenda.append(contentsOf: state.changes.reversed())
            state.changes.removeAll(keepingCapacity: true)
        }
    }

    /// Closes every open interval at the horizon; each process writes its counters.
    mutating func finish() {
        state.closeAtHorizon()
        for process in processes { process.finish(&state) }
    }

    var outcome: ReplicationOutcome { state.outcome }
    func invariantViolations(at now: Double) -> [String] { state.invariantViolations(at: now) }
}
