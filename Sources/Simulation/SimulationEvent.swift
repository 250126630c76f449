/// The event kinds of the simulation model; `Event.subject` is the component or VM index.
enum SimulationEvent: UInt32 {
    case bladeFails = 1, bladeRepaired
    case chassisFails, chassisRepaired
    case arrayFails, arrayRepaired
    case siteFails, siteRepaired
    /// HA has noticed the failed VMs of a pool: restarts begin.
    case failureDetected
    /// A VM finished booting (cancellable: its host may fail first).
    case restartCompleted
    /// Demand is sampled in a pool.
    case demandTick
    /// A late-joining tenant-system's VMs start on their planned blades.
    case tenantSystemJoins
    /// A new year of the run (subject: its number): demand follows the populations.
    case yearBegins
}

/// What a VM is doing.
enum VMState: UInt8 {
    case running
    /// Powered on, not yet serving.
    case booting
    /// Its host failed; HA has not yet started restarting it.
    case awaitingDetection
    /// HA wants to restart it but no blade has room.
    case stranded
    /// Its storage array (or site) is down: it cannot run anywhere until that is repaired.
    case storageDown
    /// Its tenant has not joined the pool yet: it exists nowhere and is not measured.
    case notJoined
}
