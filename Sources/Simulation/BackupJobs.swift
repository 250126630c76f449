import SimKernel
import Stochastics

/// Copies of the data to the DR partner and to the municipalities' offices (`continuity:`):
/// every policy's tick (the nightly window opening, or each replication interval) starts one
/// job per unit, and the jobs on one link direction share its backup bandwidth as a fluid
/// (`LinkChannel`). A job still running at the next tick takes that tick's volume on top (one
/// copy at a time per system) and has overrun its window. Link outages pause their channels;
/// a lost site stops the jobs from it and to it; a failed partner array loses the copies on it,
/// and the next job of each of those systems sends a full copy. Each completed copy at the
/// partner becomes the system's newest (`ReplicationState.copySnapshot`), and the time since
/// the one before is the RPO it had. Times in seconds, volumes in GiB.
final class BackupJobs: SimulationProcess {
    enum Kind: UInt32 { case tick, channelDone, linkDown, linkUp }

    let events: ProcessEvents
    let horizon: Double
    let model: ContinuityModel
    let failureModels: [(failure: Distribution, repair: Distribution)]
    var channels: [LinkChannel]
    var timers: [EventID?]
    /// Ticks so far, per group (fulls fall on every `fullEvery`-th).
    var ticks: [Int]
    /// Per unit: a full copy is owed (its copy was lost); the running job's snapshot time,
    /// deadline, and whether its overrun was counted.
    var needsFull: [Bool]
    var snapshot: [Double]
    var deadline: [Double]
    var overrunCounted: [Bool]
    /// Per system: when its last copy reached the partner, and the gaps between copies.
    var lastCopy: [Double]
    var gaps: [[Double]]
    /// Units whose copies sit on each array; groups leaving from or going to each site.
    let unitsOnArray: [Int: [Int]]
    let groupsAtSite: [Int32: [Int]]
    let lineStreams: [RandomStream]
    var lineDownSince: [Double]

    init(_ setup: ProcessSetup) {
        events = setup.events
        horizon = setup.horizon
        let full = setup.model
        let model = full.continuity ?? .empty
        self.model = model
        failureModels = full.failureModels
        channels = model.channels.map { LinkChannel(bitsPerSecond: $0.backupBitsPerSecond) }
        timers = [EventID?](repeating: nil, count: model.channels.count)
        ticks = [Int](repeating: 0, count: model.groups.count)
        needsFull = [Bool](repeating: false, count: model.units.count)
        snapshot = [Double](repeating: 0, count: model.units.count)
        deadline = [Double](repeating: 0, count: model.units.count)
        overrunCounted = [Bool](repeating: false, count: model.units.count)
        lastCopy = [Double](repeating: .nan, count: model.systems.count)
        gaps = [[Double]](repeating: [], count: model.systems.count)
        unitsOnArray = Dictionary(grouping: model.units.indices.filter { model.units[$0].copyArray >= 0 }) { Int(model.units[$0].copyArray) }
        var atSite: [Int32: [Int]] = [:]
        for (g, group) in model.groups.enumerated() {
            atSite[group.sourceSite, default: []].append(g)
            if group.targetSite >= 0 && group.targetSite != group.sourceSite { atSite[group.targetSite, default: []].append(g) }
        }
        groupsAtSite = atSite
        lineStreams = model.outageLines.indices.map { full.stream(.link, $0, seed: setup.seed, replication: setup.replication) }
        lineDownSince = [Double](repeating: .nan, count: model.outageLines.count)
    }

    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {
        for (g, group) in model.groups.enumerated() where group.firstTickSeconds < horizon {
            events.schedule(Kind.tick.rawValue, subject: g, at: group.firstTickSeconds, &kernel)
        }
        for l in model.outageLines.indices { scheduleLine(.linkDown, l, &kernel) }
    }

    func handle(_ kind: UInt32, subject: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        switch Kind(rawValue: kind) {
        case .tick?: tick(subject, &state, &kernel)
        case .channelDone?:
            timers[subject] = nil
            settle(subject, &state, &kernel)
        case .linkDown?: setLine(subject, up: false, &state, &kernel)
        case .linkUp?: setLine(subject, up: true, &state, &kernel)
        case nil: assertionFailure("unknown backup event \(kind)")
        }
    }

    /// A group's window opens (or interval passes): each unit's job starts, or grows.
    func tick(_ g: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let group = model.groups[g], now = kernel.now
        if now + group.cycleSeconds < horizon { events.schedule(Kind.tick.rawValue, subject: g, at: now + group.cycleSeconds, &kernel) }
        ticks[g] += 1
        guard siteUp(group.sourceSite, state), siteUp(group.targetSite, state) else { return }
        let scheduledFull = group.fullEvery > 0 && ticks[g] % group.fullEvery == 0
        channels[group.channel].advance(to: now)
        for u in group.units {
            let unit = model.units[u]
            if unit.copyArray >= 0 && !state.isUp(array: Int(unit.copyArray)) { continue }
            let full = needsFull[u] || scheduledFull
            if channels[group.channel].isRunning(u) && deadline[u] <= now + 1e-6 { countOverrun(u, &state) }
            needsFull[u] = false
            snapshot[u] = now
            deadline[u] = now + (full && group.fullEvery > 0 ? group.fullWindowSeconds : group.windowSeconds)
            overrunCounted[u] = false
            channels[group.channel].add(job: u, gib: full ? unit.fullGiB : unit.incrementalGiB)
        }
        settle(group.channel, &state, &kernel)
    }

    /// Brings channel `c` to now, completes what finished and sets the timer for the next finish.
    func settle(_ c: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        channels[c].advance(to: kernel.now)
        for u in channels[c].takeFinished() { completed(u, &state, kernel.now) }
        if let id = timers[c] { kernel.cancel(id) }
        timers[c] = channels[c].nextFinishTime(after: kernel.now).map {
            kernel.scheduleCancellable(at: $0, kind: events.kind(Kind.channelDone.rawValue), subject: UInt32(c))
        }
    }

    /// Unit `u`'s copy arrived: it is each of its systems' newest copy at the partner.
    func completed(_ u: Int, _ state: inout ReplicationState, _ now: Double) {
        let unit = model.units[u]
        if now > deadline[u] + 1e-6 { countOverrun(u, &state) }
        guard unit.offsite else { return }
        for s32 in unit.systems {
            let s = Int(s32)
            if !lastCopy[s].isNaN { gaps[s].append(now - lastCopy[s]) }
            lastCopy[s] = now
            state.copyArrived(system: s, asOf: snapshot[u])
            state.outcome.continuity?.copies[s] += 1
        }
    }

    func countOverrun(_ u: Int, _ state: inout ReplicationState) {
        guard !overrunCounted[u] else { return }
        overrunCounted[u] = true
        let unit = model.units[u]
        state.outcome.continuity?.channelOverruns[model.groups[unit.group].channel] += 1
        if unit.offsite { for s in unit.systems { state.outcome.continuity?.overruns[Int(s)] += 1 } }
    }

    func siteUp(_ site: Int32, _ state: ReplicationState) -> Bool { site < 0 || !state.condition.siteFailed[Int(site)] }

    func notice(_ change: StateChange, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        switch change {
        case .arrayFailed(let a):
            for u in unitsOnArray[a] ?? [] { stop(u, losingCopy: true, &state, &kernel) }
        case .siteFailed(let s):
            for g in groupsAtSite[Int32(s)] ?? [] {
                for u in model.groups[g].units { stop(u, losingCopy: false, &state, &kernel) }
            }
        default: break
        }
    }

    /// Stops unit `u`'s job; with `losingCopy`, its systems' copies at the partner are gone and
    /// the next job sends a full one.
    func stop(_ u: Int, losingCopy: Bool, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let c = model.groups[model.units[u].group].channel
        if channels[c].isRunning(u) {
            channels[c].advance(to: kernel.now)
            channels[c].drop(job: u)
            settle(c, &state, &kernel)
        }
        guard losingCopy else { return }
        needsFull[u] = true
        for s in model.units[u].systems { state.copiesLost(system: Int(s)) }
    }

    /// A WAN link goes down or comes back: both its directions pause or resume.
    func setLine(_ l: Int, up: Bool, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        for c in model.channels.indices where model.channels[c].outageLine == Int32(l) {
            channels[c].advance(to: kernel.now)
            channels[c].setUp(up)
            settle(c, &state, &kernel)
        }
        if up {
            state.outcome.continuity?.linkOutageSeconds[l] += kernel.now - lineDownSince[l]
            lineDownSince[l] = .nan
            scheduleLine(.linkDown, l, &kernel)
        } else {
            state.outcome.continuity?.linkOutages[l] += 1
            lineDownSince[l] = kernel.now
            scheduleLine(.linkUp, l, &kernel)
        }
    }

    /// The next outage of line `l` (before the horizon), or the end of the current one.
    func scheduleLine(_ kind: Kind, _ l: Int, _ kernel: inout Kernel) {
        let models = failureModels[Int(model.outageLines[l].failureModel)]
        let delay = Swift.max(0, (kind == .linkDown ? models.failure : models.repair).sample(lineStreams[l]))
        if kind == .linkUp || kernel.now + delay < horizon {
            events.schedule(kind.rawValue, subject: l, at: kernel.now + delay, &kernel)
        }
    }

    /// Carried volumes and open outages to the horizon; each system's RPO percentiles.
    func finish(_ state: inout ReplicationState) {
        for c in channels.indices {
            channels[c].advance(to: horizon)
            state.outcome.continuity?.channelCarriedGiB[c] = channels[c].carriedGiB
        }
        for l in lineDownSince.indices where !lineDownSince[l].isNaN {
            state.outcome.continuity?.linkOutageSeconds[l] += horizon - lineDownSince[l]
        }
        for s in gaps.indices where model.systems[s].offsite {
            let sorted = gaps[s].sorted()
            if !sorted.isEmpty {
                state.outcome.continuity?.rpoP50Seconds[s] = SampleStatistics.quantile(sorted: sorted, 0.5)
                state.outcome.continuity?.rpoP95Seconds[s] = SampleStatistics.quantile(sorted: sorted, 0.95)
            }
            // The stretch since the last copy (since the copy seeded at 0 when none arrived).
            let open = horizon - (lastCopy[s].isNaN ? 0 : lastCopy[s])
            state.outcome.continuity?.rpoMaxSeconds[s] = Swift.max(sorted.last ?? 0, open)
        }
    }
}
