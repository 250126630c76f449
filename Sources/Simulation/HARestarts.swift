import SimKernel
import Stochastics

/// HA restarts: a pool's failed VMs wait for detection, then restart on surviving blades in
/// restart-priority order (largest memory first within a priority), each on the blade with the
/// most free memory within the failover limits that holds no other member of its redundancy
/// group, taking its boot time on one of the blade's restart slots. VMs that fit nowhere wait
/// (stranded) until capacity returns. With failback, VMs move back home when their blade returns.
final class HARestarts: SimulationProcess {
    enum Kind: UInt32 {
        /// HA has noticed the failed VMs of a pool (subject): restarts begin.
        case failureDetected
        /// A VM (subject) finished booting (cancellable: its host may fail first).
        case restartCompleted
    }

    let events: ProcessEvents
    let restartSlots: Int
    /// When each of a blade's restart slots is next free, blades × restartSlots.
    var bladeSlots: [Double]
    /// Restart latencies (failure to service back), with their tenant-system and their parts
    /// (`RestartPhase` order: detection, storage, capacity, queueing, boot), seconds.
    var latencyTS: [Int32] = []
    var latencySeconds: [Double] = []
    var latencyParts: [Double] = []
    /// Seconds each booting VM waited for a restart slot.
    var bootQueue: [Double]
    /// Scratch of `placePending`: the pool's blades by room.
    var room = RoomiestBlades()

    init(_ setup: ProcessSetup) {
        events = setup.events
        restartSlots = setup.model.settings.restartsPerBlade
        bladeSlots = [Double](repeating: 0, count: setup.model.bladeCount * restartSlots)
        bootQueue = [Double](repeating: 0, count: setup.model.vmCount)
    }

    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {}

    func handle(_ kind: UInt32, subject: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        switch Kind(rawValue: kind) {
        case .failureDetected?: failureDetected(pool: subject, &state, &kernel)
        case .restartCompleted?: restartCompleted(vm: subject, &state, &kernel)
        case nil: assertionFailure("unknown HA event \(kind)")
        }
    }

    func notice(_ change: StateChange, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        switch change {
        case .restartsNeeded(let pool):
            kernel.schedule(after: state.model.poolDetectionSeconds[pool], kind: events.kind(Kind.failureDetected.rawValue),
                            subject: UInt32(pool))
        case .bladeUp(let b):
            for k in 0..<restartSlots { bladeSlots[b * restartSlots + k] = kernel.now }
            if state.model.settings.failback { failBack(to: b, &state) }
            placePending(pool: Int(state.model.bladePool[b]), &state, &kernel)
        case .placementNeeded(let pool):
            placePending(pool: pool, &state, &kernel)
        case .bootNeeded(let v):
            startBoot(v, on: Int(state.vmBlade[v]), &state, &kernel)
        case .bladeDown, .bladeConditionChanged, .storageReturning, .arrayFailed, .siteFailed, .siteRepaired:
            break
        }
    }

    func failureDetected(pool: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let detection = state.model.poolDetectionSeconds[pool]
        for v32 in state.pending[pool] {
            let v = Int(v32)
            if state.vmState[v] == .awaitingDetection && state.vmDownSince[v] + detection <= kernel.now + 1e-9 {
                state.detected(v)
            }
        }
        placePending(pool: pool, &state, &kernel)
    }

    /// Tries to restart every detected VM of the pool, highest priority first, each on the
    /// roomiest blade that takes it (`ReplicationState.blade(for:pool:_:)`, through `room`).
    func placePending(pool: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        guard !state.pending[pool].isEmpty else { return }
        var ready = state.pending[pool].filter { state.vmState[Int($0)] == .stranded }
        guard !ready.isEmpty else { return }
        let rank = state.model.vmRestartRank
        ready.sort { rank[Int($0)] < rank[Int($1)] }
        room.start(pool: pool, &state)
        for v32 in ready {
            let v = Int(v32)
            if let b = room.choose(v, &state) {
                state.endStranded(v, at: kernel.now)
                startBoot(v, on: b, &state, &kernel)
                room.update(b, &state)
            } else if state.vmStrandedSince[v].isNaN {
                state.markStranded(v, at: kernel.now)
            }
        }
        state.prunePending(pool: pool)
    }

    /// Powers the VM on on blade `b`, on the blade's earliest free restart slot.
    func startBoot(_ v: Int, on b: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        var slot = b * restartSlots
        for k in (b * restartSlots)..<((b + 1) * restartSlots) where bladeSlots[k] < bladeSlots[slot] { slot = k }
        let begin = Swift.max(kernel.now, bladeSlots[slot])
        bootQueue[v] = begin - kernel.now
        let done = begin + state.model.vmBootSeconds[v]
        bladeSlots[slot] = done
        state.beginBoot(v, on: b, event: kernel.scheduleCancellable(at: done, kind: events.kind(Kind.restartCompleted.rawValue),
                                                                    subject: UInt32(v)))
    }

    func restartCompleted(vm v: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        guard state.vmState[v] == .booting else { return }
        state.completeBoot(v, at: kernel.now)
        let latency = kernel.now - state.vmDownSince[v]
        latencyTS.append(state.model.vmTenantSystem[v])
        latencySeconds.append(latency)
        let storage = state.vmStorageWait[v], capacity = state.vmCapacityWait[v]
        let queue = bootQueue[v], boot = state.model.vmBootSeconds[v]
        // What is left is detection (and any wait for it): the phases add up to the latency.
        // One append each: an array literal here would allocate once per restart.
        latencyParts.append(Swift.max(0, latency - storage - capacity - queue - boot))
        latencyParts.append(storage)
        latencyParts.append(capacity)
        latencyParts.append(queue)
        latencyParts.append(boot)
    }

    /// With failback: running VMs whose home is `b` move back to it (live migration, no outage),
    /// if it has room.
    func failBack(to b: Int, _ state: inout ReplicationState) {
        let model = state.model
        let pool = Int(model.bladePool[b])
        for v32 in model.bladeHomeVMs[b] where model.vmPool[Int(v32)] == Int32(pool) {
            let v = Int(v32)
            guard state.vmState[v] == .running, state.vmBlade[v] != Int32(b), state.fits(v, on: b) else { continue }
            state.move(v, to: b)
            state.outcome.failbacks += 1
        }
    }

    /// Restart counts and latency percentiles per tenant-system.
    func finish(_ state: inout ReplicationState) {
        var byTS = [[Double]](repeating: [], count: state.model.tenantSystems.count)
        for (ts, seconds) in zip(latencyTS, latencySeconds) { byTS[Int(ts)].append(seconds) }
        let phases = RestartPhase.allCases.count
        var partSums = [Double](repeating: 0, count: byTS.count * phases)
        for (k, ts) in latencyTS.enumerated() {
            for p in 0..<phases { partSums[Int(ts) * phases + p] += latencyParts[k * phases + p] }
        }
        for ts in 0..<byTS.count where !byTS[ts].isEmpty {
            for p in 0..<phases { state.outcome.latencyPartMeans[p][ts] = partSums[ts * phases + p] / Double(byTS[ts].count) }
            let sorted = byTS[ts].sorted()
            state.outcome.restarts[ts] = Int32(sorted.count)
            state.outcome.latencyP50[ts] = SampleStatistics.quantile(sorted: sorted, 0.5)
            state.outcome.latencyP95[ts] = SampleStatistics.quantile(sorted: sorted, 0.95)
            state.outcome.latencyMax[ts] = sorted.last!
        }
    }
}
