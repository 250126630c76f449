import CapacityModel
import SimKernel

/// Power management, vSphere DPM's job (`simulation.power_management`, mode `dpm`): every
/// `check_minutes` each pool's CPU demand over the coming check and boot time (the calendar
/// profiles' peak in that window; traced VMs at their current use) is set against the capacity of
/// its powered-on blades.
/// - Below target − tolerance, in a calm pool (nothing waiting, no blade down, no blade draining
///   or waking), the blade with the least memory allocated is put in standby if the rest stay at
///   or below the target and still hold the HA reserve: its VMs are live-migrated away one after
///   another (`LiveMigrationSettings`), then it powers off. One blade per check; after a
///   refusal the pool waits one check, then two, four… (at most a day) before trying again.
/// - Above target + tolerance, or when the reserve no longer holds (tenants joined, demand grew),
///   blades are woken (a draining one at once, one in standby after `host_boot_minutes`) until
///   the pool is back at the target with its reserve.
/// - A blade that goes down, or VMs that find no blade, wake one blade at once.
/// The HA reserve is checked twice: in aggregate, like vSphere's percentage admission control
/// (the memory and vCPU allocated in the pool fit within the failover limits of the powered-on
/// blades less the `poolReserveBlades` largest), and, before a blade goes to standby, exactly for
/// every single blade loss: the VMs HA's own placement (groups included) could not restart may
/// not grow (a layout whose every single loss is covered stays so). Restarts that wait for a blade while blades are in standby are
/// counted apart (`StrandingCause.bladesInStandby`); energy is measured by `DemandSampling`.
final class PowerManagement: SimulationProcess {
    enum Kind: UInt32 {
        /// A pool (subject) is evaluated.
        case check
        /// A draining blade's (subject) migrations are done: it powers off.
        case drained
        /// A waking blade (subject) has booted.
        case booted
    }

    let events: ProcessEvents
    let settings: PowerManagementSettings
    let enabled: Bool
    let horizon: Double
    /// Seconds between checks, and from power-on to a usable blade.
    let checkSeconds: Double
    let bootSeconds: Double
    /// When each blade's pending `drained` or `booted` event is due (a stale one is ignored).
    var pendingAt: [Double]
    /// Blades woken from standby whose `.bladeUp` has not been heard yet (they get load then).
    var woken: [Bool]
    /// Per pool: no standby is tried before this time after one was refused, and the wait after
    /// the next refusal (doubling from one check up to a day; back to one check on success).
    var retryAt: [Double]
    var backoff: [Double]

    init(_ setup: ProcessSetup) {
        events = setup.events
        settings = setup.model.settings.powerManagement
        enabled = settings.mode == .dpm
        horizon = setup.horizon
        checkSeconds = settings.checkMinutes * 60
        bootSeconds = settings.hostBootMinutes * 60
        pendingAt = [Double](repeating: .nan, count: enabled ? setup.model.bladeCount : 0)
        woken = [Bool](repeating: false, count: pendingAt.count)
        let pools = enabled ? setup.model.poolNames.count : 0
        retryAt = [Double](repeating: 0, count: pools)
        backoff = [Double](repeating: checkSeconds, count: pools)
    }

    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {
        guard enabled else { return }
        for p in 0..<state.model.poolNames.count { events.schedule(Kind.check.rawValue, subject: p, at: 0, &kernel) }
    }

    func handle(_ kind: UInt32, subject: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        switch Kind(rawValue: kind) {
        case .check?:
            check(pool: subject, &state, &kernel)
            let next = kernel.now + checkSeconds
            if next < horizon { events.schedule(Kind.check.rawValue, subject: subject, at: next, &kernel) }
        case .drained?:
            if pendingAt[subject] == kernel.now { state.completeStandby(subject, at: kernel.now) }
        case .booted?:
            if pendingAt[subject] == kernel.now { state.completeWake(subject, &kernel) }
        case nil:
            assertionFailure("unknown power management event \(kind)")
        }
    }

    func notice(_ change: StateChange, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        guard enabled else { return }
        switch change {
        case .bladeDown(let b):
            wakeOne(pool: Int(state.model.bladePool[b]), &state, &kernel)
        case .placementNeeded(let pool):
            if !state.model.poolBlades[pool].contains(where: { state.blade($0, is: .booting) }) {
                wakeOne(pool: pool, &state, &kernel)
            }
        case .bladeUp(let b):
            if woken[b] {
                woken[b] = false
                balance(onto: b, &state)
            }
        case .restartsNeeded, .bootNeeded, .bladeConditionChanged, .storageReturning, .arrayFailed, .siteFailed, .siteRepaired:
            break
        }
    }

    /// One evaluation of a pool: wake blades, or put one in standby, or nothing.
    func check(pool: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let blades = state.model.poolBlades[pool]
        let demand = predictedDemand(pool: pool, at: kernel.now, &state)
        let on = blades.reduce(0.0) { $0 + (state.condition.bladeAvailable[$1] ? state.model.bladeUsableCores[$1] : 0) }
        let waking = blades.reduce(0.0) { $0 + (state.blade($1, is: .booting) ? state.model.bladeUsableCores[$1] : 0) }
        if demand > settings.highUtilisation * (on + waking) || !reserveHolds(pool: pool, without: nil, &state) {
            wake(pool: pool, demand: demand, &state, &kernel)
        } else if demand < settings.lowUtilisation * on, kernel.now >= retryAt[pool], isCalm(pool: pool, &state),
                  let candidate = standbyCandidate(pool: pool, &state),
                  demand <= settings.targetUtilisation * (on - state.model.bladeUsableCores[candidate]),
                  reserveHolds(pool: pool, without: candidate, &state) {
            tryStandby(candidate, pool: pool, &state, &kernel)
        }
    }

    /// Puts `candidate` in standby unless that would leave more VMs without a restart after a
    /// single blade loss; a refusal backs the pool's next try off.
    func tryStandby(_ candidate: Int, pool: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let shortfall = singleFailureShortfall(pool: pool, &state)
        guard let seconds = state.beginStandby(candidate, at: kernel.now, accept: { singleFailureShortfall(pool: pool, &$0) <= shortfall }) else {
            retryAt[pool] = kernel.now + backoff[pool]
            backoff[pool] = Swift.min(2 * backoff[pool], 86_400)
            return
        }
        backoff[pool] = checkSeconds
        pendingAt[candidate] = kernel.now + seconds
        events.schedule(Kind.drained.rawValue, subject: candidate, at: kernel.now + seconds, &kernel)
    }

    /// The pool's peak CPU demand (cores) from now until a blade woken now could take VMs: the
    /// calendar profiles' load on the placed VMs at each hour of that window, plus the traced
    /// VMs' current use. O(blades × profiles + window hours × profiles).
    func predictedDemand(pool: Int, at now: Double, _ state: inout ReplicationState) -> Double {
        let model = state.model, profiles = model.curves.count, stride = state.profileCount
        var weight = [Double](repeating: 0, count: profiles)
        var traced = 0.0
        for b in model.poolBlades[pool] {
            for p in 0..<profiles { weight[p] += state.bladeWeights[b * stride + p] }
            if !model.traces.series.isEmpty { traced += state.traceDemand(onBlade: b, at: now) }
        }
        guard let length = model.curves.first?.count, length > 0 else { return traced }
        let first = Int(now / 3_600), last = Int((now + checkSeconds + bootSeconds) / 3_600)
        var peak = 0.0
        for hour in first...last {
            var demand = 0.0
            for p in 0..<profiles { demand += weight[p] * Double(model.curves[p][hour % length]) }
            peak = Swift.max(peak, demand)
        }
        return peak + traced
    }

    /// Whether the memory and vCPU allocated in the pool fit within the failover limits of its
    /// available (or waking) blades, less `without`, once the `poolReserveBlades` largest are
    /// lost. O(blades × reserve), no allocation beyond a stack buffer of the reserve's size.
    func reserveHolds(pool: Int, without excluded: Int?, _ state: inout ReplicationState) -> Bool {
        let model = state.model, blades = model.poolBlades[pool], reserve = model.poolReserveBlades[pool]
        var allocatedMemory = 0.0, allocatedVCPU = 0.0, memory = 0.0, vcpu = 0.0
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * Swift.max(reserve, 1)) { largest in
            largest.initialize(repeating: 0)
            for b in blades {
                allocatedMemory += state.bladeAllocMemory[b]
                allocatedVCPU += state.bladeAllocVCPU[b]
                guard state.condition.bladeAvailable[b] || state.blade(b, is: .booting), b != excluded else { continue }
                memory += model.bladeFailoverMemory[b]
                vcpu += model.bladeFailoverVCPU[b]
                Self.keepLargest(model.bladeFailoverMemory[b], in: largest, from: 0, count: reserve)
                Self.keepLargest(model.bladeFailoverVCPU[b], in: largest, from: reserve, count: reserve)
            }
            for k in 0..<reserve {
                memory -= largest[k]
                vcpu -= largest[reserve + k]
            }
            return allocatedMemory <= memory + 1e-9 && allocatedVCPU <= vcpu + 1e-9
        }
    }

    /// Keeps `buffer[from..<from + count]` the `count` largest values seen, in descending order
    /// (zeros stand for none yet). O(count).
    static func keepLargest(_ value: Double, in buffer: UnsafeMutableBufferPointer<Double>, from: Int, count: Int) {
        var value = value
        for k in from..<(from + count) where value > buffer[k] { swap(&value, &buffer[k]) }
    }

    /// With a reserve, the VMs HA could not restart, summed over each single loss of an
    /// available blade (exactly as it would place them); 0 without a reserve. Standby may not
    /// raise it. O(blades² + VMs of the pool × (blades tried × group size + blades)).
    func singleFailureShortfall(pool: Int, _ state: inout ReplicationState) -> Int {
        guard state.model.poolReserveBlades[pool] > 0 else { return 0 }
        let order = state.restartOrder(pool: pool)
        return order.reduce(0) { $0 + state.unrestartableVMs(afterLosing: Int($1), order: order) }
    }

    /// Nothing in the pool waits, is down, drains or wakes: a blade may be put in standby.
    func isCalm(pool: Int, _ state: inout ReplicationState) -> Bool {
        state.pending[pool].isEmpty && state.condition.poolBladesDown[pool] == 0
            && !state.model.poolBlades[pool].contains { state.blade($0, is: .draining) || state.blade($0, is: .booting) }
    }

    /// The available blade with the least memory allocated (the lowest index among equals),
    /// unless it is the last one.
    func standbyCandidate(pool: Int, _ state: inout ReplicationState) -> Int? {
        let available = state.model.poolBlades[pool].filter { state.condition.bladeAvailable[$0] }
        guard available.count > 1 else { return nil }
        return available.min { (state.bladeAllocMemory[$0], $0) < (state.bladeAllocMemory[$1], $1) }
    }

    /// Wakes blades until the demand is at or below the target and the reserve holds, or none is
    /// left to wake.
    func wake(pool: Int, demand: Double, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        func capacity(_ state: inout ReplicationState) -> Double {
            state.model.poolBlades[pool].reduce(0.0) {
                $0 + (state.condition.bladeAvailable[$1] || state.blade($1, is: .booting) ? state.model.bladeUsableCores[$1] : 0)
            }
        }
        while demand > settings.targetUtilisation * capacity(&state) || !reserveHolds(pool: pool, without: nil, &state) {
            guard wakeOne(pool: pool, &state, &kernel) else { return }
        }
    }

    /// Wakes one blade of the pool: a draining one at once, else one in standby whose chassis and
    /// site are up (the lowest index). Returns false if there is none.
    @discardableResult
    func wakeOne(pool: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) -> Bool {
        let blades = state.model.poolBlades[pool]
        if let b = blades.first(where: { state.blade($0, is: .draining) }) {
            pendingAt[b] = .nan
            state.cancelStandby(b, &kernel)
            return true
        }
        guard let b = blades.first(where: { state.blade($0, is: .standby) && state.isAvailable(ignoringPowerOf: $0) }) else { return false }
        state.beginWake(b, at: kernel.now)
        woken[b] = true
        pendingAt[b] = kernel.now + bootSeconds
        events.schedule(Kind.booted.rawValue, subject: b, at: kernel.now + bootSeconds, &kernel)
        return true
    }

    /// DRS's part after a wake: live-migrates running VMs onto the woken blade `b` from the
    /// blade with the highest peak demand (Σ of its VMs' peak cores), largest VM that lowers
    /// that peak first, while a move lowers it. O(moves × (blades + VMs per blade × group size)).
    func balance(onto b: Int, _ state: inout ReplicationState) {
        let model = state.model, pool = Int(model.bladePool[b]), stride = state.profileCount
        func peak(_ x: Int, _ state: inout ReplicationState) -> Double {
            (0..<stride).reduce(0.0) { $0 + state.bladeWeights[x * stride + $1] }
        }
        while state.condition.bladeAvailable[b] {
            guard let source = model.poolBlades[pool].filter({ $0 != b && state.condition.bladeAvailable[$0] })
                .max(by: { (peak($0, &state), -$0) < (peak($1, &state), -$1) }) else { return }
            let gap = peak(source, &state) - peak(b, &state)
            let movable = state.bladeVMs[source].map(Int.init).filter { v in
                state.vmState[v] == .running && model.vmTrace[v] < 0 && state.peakCores(v) > 0 && state.peakCores(v) < gap
                    && state.fits(v, on: b) && state.groupAllows(v, on: b)
            }
            guard let v = movable.max(by: { (state.peakCores($0), -$0) < (state.peakCores($1), -$1) }) else { return }
            state.move(v, to: b)
            state.outcome.liveMigrations[pool] += 1
        }
    }
}
