import SimKernel

/// One simulated process of a replication: failures and repairs, HA restarts, demand sampling,
/// purchases arriving, tenants joining, population change, power management; next, backup
/// jobs and replication to a partner site.
///
/// A process owns its state, its random streams, its event kinds and its counters. It changes the
/// world every process shares, `ReplicationState`, through that type's methods, which record what
/// changed as `StateChange`s. Once the event that caused them has been handled, the shared state
/// and then every process hear every change, in the order they happened; a change made while
/// hearing one is heard right after it (depth first), before the changes that were already
/// waiting. So processes react to one another without knowing one another, in the same order as
/// if each reaction were a direct call.
///
/// Processes are classes: a replication holds them in one list and calls them in place, without
/// copying their state.
///
/// To add a process: one file with one type conforming to this protocol, one line in
/// `Replication.registry`, its scenario keys in `SimulationSettings` and its counters in
/// `ReplicationOutcome` and the report.
protocol SimulationProcess: AnyObject {
    /// Schedules its first events (at time 0, before any event runs).
    func start(_ state: inout ReplicationState, _ kernel: inout Kernel)
    /// Handles one of its own events; `kind` is its own numbering (see `ProcessEvents`).
    func handle(_ kind: UInt32, subject: Int, _ state: inout ReplicationState, _ kernel: inout Kernel)
    /// Reacts to a change of the shared state.
    func notice(_ change: StateChange, _ state: inout ReplicationState, _ kernel: inout Kernel)
    /// Closes what is open at the horizon and writes its counters into `state.outcome`.
    func finish(_ state: inout ReplicationState)
}

extension SimulationProcess {
    func notice(_ change: StateChange, _ state: inout ReplicationState, _ kernel: inout Kernel) {}
    func finish(_ state: inout ReplicationState) {}
}

/// What a process needs to set itself up: the model, the run's horizon and random streams.
struct ProcessSetup {
    let model: SimulationModel
    /// Simulated seconds.
    let horizon: Double
    let seed: UInt64
    let replication: Int
    /// The process's own event numbering.
    let events: ProcessEvents
}

/// A process's event kinds in the kernel: its registry number in the high 16 bits, its own kind
/// in the low 16, so that a replication routes each event to the process that scheduled it.
struct ProcessEvents: Sendable, Equatable {
    let process: UInt32

    static func process(of kind: UInt32) -> Int { Int(kind >> 16) }
    static func local(of kind: UInt32) -> UInt32 { kind & 0xFFFF }

    /// The kernel's kind for this process's event `local`.
    func kind(_ local: UInt32) -> UInt32 { process << 16 | local }

    /// Schedules this process's event `local` about `subject` at `time` (seconds).
    func schedule(_ local: UInt32, subject: Int, at time: Double, _ kernel: inout Kernel) {
        kernel.schedule(at: time, kind: kind(local), subject: UInt32(subject))
    }
}

/// A change of the shared state that other processes may react to.
enum StateChange: Equatable {
    /// A blade became available (it, its chassis and its site are up).
    case bladeUp(Int)
    /// A blade became unavailable; its VMs stopped.
    case bladeDown(Int)
    /// VMs of a pool stopped with their host and wait for HA to detect it.
    case restartsNeeded(pool: Int)
    /// VMs of a pool wait for a blade (stranded): HA should try to place them now.
    case placementNeeded(pool: Int)
    /// A VM whose storage came back should boot again on the blade it is still assigned to.
    case bootNeeded(vm: Int)
    /// A blade's chassis or site changed condition: the shared state refreshes the blade's
    /// availability when it hears this (one blade at a time, each heard by all before the next).
    case bladeConditionChanged(Int)
    /// An array came back with its site: the shared state lets its VMs start when it hears this
    /// (after the site's blades came back).
    case storageReturning(array: Int)
    /// A storage array failed (heard after its VMs stopped): the copies kept on it are lost.
    case arrayFailed(Int)
    /// A site was lost (heard after its blades and arrays went down), or came back (heard after
    /// its blades and arrays did): disaster recovery reacts to these.
    case siteFailed(Int)
    case siteRepaired(Int)
}
