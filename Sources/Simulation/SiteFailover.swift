import SimKernel

/// Disaster recovery (`continuity.dr`): when a site is lost, each of its pools with a partner
/// fails over after the detection time. Its systems that may be restored are admitted in the
/// plan's restore order while the partner has room (its reserve blades, or what its own blades
/// that are up leave free) and a copy is there; at most `restore_streams` restores run at once
/// and share the partner's restore rate as a fluid (`LinkChannel`); each system serves at the
/// partner once restored and booted (`ReplicationState.serveAtPartner`), until its VMs at home
/// are back. The site coming back first abandons what is still restoring. Times in seconds.
final class SiteFailover: SimulationProcess {
    enum Kind: UInt32 { case detected, restoreDone, booted }

    let events: ProcessEvents
    let model: ContinuityModel
    /// Per failover: its restore channel, the restores waiting for a stream, its timer, and
    /// when its site was lost (NaN while it is up).
    var channels: [LinkChannel]
    var waiting: [[Int]]
    var timers: [EventID?]
    var lostAt: [Double]
    /// Per system: booting at the partner after its restore (a boot event is due).
    var booting: [Bool]
    let failoversAtSite: [Int32: [Int]]

    init(_ setup: ProcessSetup) {
        events = setup.events
        let model = setup.model.continuity ?? .empty
        self.model = model
        let n = model.failovers.count
        channels = (0..<n).map { _ in LinkChannel(bitsPerSecond: model.restoreBitsPerSecond) }
        waiting = [[Int]](repeating: [], count: n)
        timers = [EventID?](repeating: nil, count: n)
        lostAt = [Double](repeating: .nan, count: n)
        booting = [Bool](repeating: false, count: model.systems.count)
        let sites = model.failovers.map { setup.model.poolSite[$0.pool] }
        failoversAtSite = Dictionary(grouping: model.failovers.indices) { sites[$0] }
    }

    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {}

    func handle(_ kind: UInt32, subject: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        switch Kind(rawValue: kind) {
        case .detected?: detected(subject, &state, &kernel)
        case .restoreDone?:
            timers[subject] = nil
            settle(subject, &state, &kernel)
        case .booted?: booted(subject, &state, kernel.now)
        case nil: assertionFailure("unknown failover event \(kind)")
        }
    }

    func notice(_ change: StateChange, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        switch change {
        case .siteFailed(let s): for f in failoversAtSite[Int32(s)] ?? [] { lost(f, &state, &kernel) }
        case .siteRepaired(let s): for f in failoversAtSite[Int32(s)] ?? [] { returned(f, &state, &kernel) }
        default: break
        }
    }

    /// Failover `f`'s site is lost: count what the newest copies lack; detection starts.
    func lost(_ f: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let now = kernel.now
        lostAt[f] = now
        for s32 in model.failovers[f].systems {
            let s = Int(s32), system = model.systems[s]
            let since = state.copySnapshot[s]
            state.outcome.continuity?.disasters[s] += 1
            state.outcome.continuity?.dataLostGiB[s] += since.isFinite
                ? Swift.min(system.diskGiB, system.dailyChangeGiB * (now - since) / 86_400) : system.diskGiB
        }
        events.schedule(Kind.detected.rawValue, subject: f, at: now + model.detectionSeconds, &kernel)
    }

    /// The failover is declared: admit restores in order while there is room and a copy.
    func detected(_ f: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        guard !lostAt[f].isNaN else { return }
        let failover = model.failovers[f]
        var room = partnerRoom(failover, state)
        var admitted: [Int] = []
        for s32 in failover.candidates {
            let s = Int(s32), system = model.systems[s]
            let copyThere = state.copySnapshot[s].isFinite && !state.condition.siteFailed[Int(failover.partnerSite)]
                && (system.copyArray < 0 || state.isUp(array: Int(system.copyArray)))
            if copyThere && system.vcpu <= room.vcpu + 1e-9 && system.memoryGiB <= room.memory + 1e-9 {
                room.vcpu -= system.vcpu
                room.memory -= system.memoryGiB
                admitted.append(s)
            }
        }
        waiting[f] = admitted.reversed()
        startWaiting(f, kernel.now)
        settle(f, &state, &kernel)
    }

    /// What the partner can take now: its reserve, or the room its blades that are up leave.
    func partnerRoom(_ failover: ContinuityModel.Failover, _ state: ReplicationState) -> (vcpu: Double, memory: Double) {
        guard !failover.reserve else { return (failover.freeVCPU, failover.freeMemoryGiB) }
        var vcpu = failover.freeVCPU, memory = failover.freeMemoryGiB
        for b in state.model.poolBlades[failover.partnerPool] where !state.condition.bladeAvailable[b] {
            vcpu -= state.model.bladeFailoverVCPU[b]
            memory -= state.model.bladeFailoverMemory[b]
        }
        return (Swift.max(0, vcpu), Swift.max(0, memory))
    }

    /// Fills the free restore streams from the waiting list (next one last).
    func startWaiting(_ f: Int, _ now: Double) {
        channels[f].advance(to: now)
        while channels[f].running.count < model.restoreStreams, let s = waiting[f].popLast() {
            channels[f].add(job: s, gib: model.systems[s].restoreGiB)
        }
    }

    /// Restores that finished boot; the next waiting ones start; the timer is set again.
    func settle(_ f: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        channels[f].advance(to: kernel.now)
        for s in channels[f].takeFinished() {
            booting[s] = true
            events.schedule(Kind.booted.rawValue, subject: s, at: kernel.now + model.systems[s].bootSeconds, &kernel)
        }
        startWaiting(f, kernel.now)
        if let id = timers[f] { kernel.cancel(id) }
        timers[f] = channels[f].nextFinishTime(after: kernel.now).map {
            kernel.scheduleCancellable(at: $0, kind: events.kind(Kind.restoreDone.rawValue), subject: UInt32(f))
        }
    }

    /// System `s` serves at the partner: its RTO is the time since its site was lost.
    func booted(_ s: Int, _ state: inout ReplicationState, _ now: Double) {
        guard booting[s] else { return }
        booting[s] = false
        let rto = now - lostAt[Int(model.systems[s].failover)]
        let done = Double(state.outcome.continuity?.restores[s] ?? 0)
        let mean = state.outcome.continuity?.rtoSeconds[s] ?? .nan
        state.outcome.continuity?.rtoSeconds[s] = done == 0 ? rto : (mean * done + rto) / (done + 1)
        state.outcome.continuity?.restores[s] += 1
        let ts = Int(model.systems[s].tenantSystem)
        if ts >= 0 { state.serveAtPartner(ts, at: now) }
    }

    /// The site is back before (or while) its systems are restored: what is left is abandoned
    /// and counted as not restored.
    func returned(_ f: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        guard !lostAt[f].isNaN else { return }
        lostAt[f] = .nan
        channels[f].advance(to: kernel.now)
        for t in channels[f].running { channels[f].drop(job: t.job) }
        waiting[f].removeAll()
        if let id = timers[f] { kernel.cancel(id) }
        timers[f] = nil
        for s32 in model.failovers[f].systems { booting[Int(s32)] = false }
    }

    /// Losses after which a system did not serve at the partner.
    func finish(_ state: inout ReplicationState) {
        guard var outcome = state.outcome.continuity else { return }
        for s in outcome.disasters.indices { outcome.notRestored[s] = outcome.disasters[s] - outcome.restores[s] }
        state.outcome.continuity = outcome
    }
}
