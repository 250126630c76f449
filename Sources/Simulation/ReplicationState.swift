import SimKernel

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

/// What started an outage of a tenant's system: the VM whose loss took an instance below its
/// quorum stopped because of this.
public enum DowntimeCause: Int, CaseIterable, Sendable {
    /// Its blade failed.
    case blade
    /// Its blade's chassis failed.
    case chassis
    /// Its storage array failed.
    case array
    /// Its site failed.
    case site
    /// It had no blade with room: at the start, at its tenant's join, or with its blade not yet delivered.
    case capacity

    public var name: String {
        switch self {
        case .blade: "blade"
        case .chassis: "chassis"
        case .array: "storage_array"
        case .site: "site"
        case .capacity: "capacity"
        }
    }
}

/// Why a stranded VM waits for a blade, for the report's split of stranded time.
enum StrandingCause: UInt8 {
    /// Failures left too little room.
    case failure
    /// A blade of its pool was due and had not arrived (`simulate --timeline`).
    case lateDelivery
    /// Blades of its pool were in standby or waking (power management).
    case bladesInStandby
}

/// The world every process of a replication shares: the condition of the hardware, where each
/// VM is and what it is doing, the blades' allocations and demand weights, and service
/// availability. Processes change it only through its methods, which keep its bookkeeping
/// identities (`invariantViolations`) and record `StateChange`s for the other processes.
/// All times in seconds; arrays indexed like the model's.
struct ReplicationState {
    let model: SimulationModel
    let horizon: Double

    // MARK: Hardware condition
    /// What is broken, and why each blade takes no VMs (`BladeConditions`). Changed only by the
    /// state's own methods (failures and repairs in `ReplicationState+Hardware.swift`, standby
    /// and waking in `+Power`, arrivals in `+Deliveries`), never by a process directly.
    var condition: BladeConditions

    // MARK: Blades' load
    var bladeAllocVCPU: [Double]
    var bladeAllocMemory: [Double]
    /// Peak cores of running VMs per profile, blades × profiles (`profileCount` per row).
    var bladeWeights: [Double]
    let profileCount: Int
    /// VMs placed on each blade (running, booting, or stopped by their storage).
    var bladeVMs: [[Int32]]
    /// Changes of a blade's demand weights, VMs, availability or power counted by
    /// `demandChanged(blade:)` so far, and per pool and per blade the count at its last change: a
    /// demand sample knows its pool's sums are stale when the pool's count moved, and a blade
    /// changed since a moment when the count was c exactly when its own is above c (so the
    /// pool's moments re-read only those blades' weights).
    var demandChanges: UInt64 = 0
    var poolDemandChange: [UInt64]
    var bladeDemandChange: [UInt64]

    // MARK: VMs
    var vmState: [VMState]
    var vmBlade: [Int32]
    var vmDownSince: [Double]
    var vmStrandedSince: [Double]
    /// Since the VM last went down: seconds it waited for its storage, and for a blade with room
    /// (the parts of a restart latency that are not HA's own), and when its storage went down.
    var vmStorageWait: [Double]
    var vmCapacityWait: [Double]
    var vmStorageDownSince: [Double]
    /// The pending boot of a booting VM (cancelled if its host or storage is lost first).
    var vmBootEvent: [EventID?]
    /// CPU demand relative to the sized demand, for this year's population.
    var vmDemandScale: [Double]
    /// VMs of each pool waiting for detection or a blade.
    var pending: [[Int32]]

    // MARK: Service availability
    var instanceRunning: [Int32]
    var tsDownInstances: [Int32]
    var tsDownSince: [Double]
    /// What started each tenant-system's current outage.
    var tsDownCause: [DowntimeCause]
    /// Whether each tenant-system serves at its pool's DR partner (restored there after a site
    /// loss): its outage has ended though its VMs at home are down, and it fails back when they
    /// are all up again.
    var tsAtPartner: [Bool]

    // MARK: Copies at the partner (`continuity:`)
    /// For each protected system (`ContinuityModel.systems`), the time its newest complete copy
    /// at the partner is consistent as of, seconds; −∞ when it has none (lost with an array).
    /// Every system starts with a copy as of time 0 (seeded before the run).
    var copySnapshot: [Double]

    /// What the replication measured; each process writes its own counters.
    var outcome: ReplicationOutcome
    /// Changes not yet heard by the processes (see `SimulationProcess`).
    var changes: [StateChange] = []
    /// Why each stranded VM's wait began (meaningful while `vmStrandedSince` is set).
    var vmStrandedCause: [StrandingCause]

    /// Every founding member's VM runs where the plan put it; instances below their quorum are
    /// down from the start.
    init(model: SimulationModel, horizon: Double) {
        self.model = model
        self.horizon = horizon
        let blades = model.bladeCount, vms = model.vmCount, pools = model.poolNames.count
        condition = BladeConditions(model: model)
        vmStrandedCause = [StrandingCause](repeating: .failure, count: vms)
        profileCount = Swift.max(model.curves.count, 1)
        bladeAllocVCPU = [Double](repeating: 0, count: blades)
        bladeAllocMemory = [Double](repeating: 0, count: blades)
        bladeWeights = [Double](repeating: 0, count: blades * profileCount)
        bladeVMs = [[Int32]](repeating: [], count: blades)
        poolDemandChange = [UInt64](repeating: 0, count: pools)
        bladeDemandChange = [UInt64](repeating: 0, count: blades)
        vmState = [VMState](repeating: .running, count: vms)
        vmBlade = model.vmHomeBlade
        vmDownSince = [Double](repeating: 0, count: vms)
        vmStrandedSince = [Double](repeating: .nan, count: vms)
        vmStorageWait = [Double](repeating: 0, count: vms)
        vmCapacityWait = [Double](repeating: 0, count: vms)
        vmStorageDownSince = [Double](repeating: 0, count: vms)
        vmBootEvent = [EventID?](repeating: nil, count: vms)
        vmDemandScale = model.demandScale(afterYears: 0)
        pending = [[Int32]](repeating: [], count: pools)
        instanceRunning = [Int32](repeating: 0, count: model.instanceQuorum.count)
        tsDownInstances = [Int32](repeating: 0, count: model.tenantSystems.count)
        tsDownSince = [Double](repeating: 0, count: model.tenantSystems.count)
        tsDownCause = [DowntimeCause](repeating: .capacity, count: model.tenantSystems.count)
        tsAtPartner = [Bool](repeating: false, count: model.tenantSystems.count)
        copySnapshot = [Double](repeating: 0, count: model.continuity?.systems.count ?? 0)
        outcome = ReplicationOutcome(tenantSystems: model.tenantSystems.count, pools: pools)
        outcome.continuity = model.continuity.map(ContinuityOutcome.init)
        for v in 0..<vms {
            if model.tsJoinSeconds[Int(model.vmTenantSystem[v])] > 0 {
                vmState[v] = .notJoined
                vmBlade[v] = -1
                continue
            }
            assign(v, to: Int(model.vmHomeBlade[v]))
            addDemand(v)
            instanceRunning[Int(model.vmInstance[v])] += 1
        }
        for (i, running) in instanceRunning.enumerated()
        where running < model.instanceQuorum[i] && model.tsJoinSeconds[Int(model.instanceTenantSystem[i])] == 0 {
            instanceDown(i, at: 0, cause: .capacity)
        }
    }

    /// Closes the intervals still open at the horizon: outages, strandings, blades' conditions.
    mutating func closeAtHorizon() {
        for ts in 0..<tsDownInstances.count where tsDownInstances[ts] > 0 && !tsAtPartner[ts] {
            outcome.addDowntime(horizon - tsDownSince[ts], ts: ts, cause: tsDownCause[ts])
        }
        for v in 0..<model.vmCount where vmState[v] == .stranded { endStranded(v, at: horizon) }
        condition.close(at: horizon)
        outcome.bladeSeconds = condition.poolBladeSeconds
    }
}

// MARK: - VMs on blades

extension ReplicationState {
    /// Whether VM `v` fits on blade `b` within its failover allocation limits.
    func fits(_ v: Int, on b: Int) -> Bool {
        bladeAllocVCPU[b] + model.vmVCPU[v] <= model.bladeFailoverVCPU[b] + 1e-9
            && bladeAllocMemory[b] + model.vmMemory[v] <= model.bladeFailoverMemory[b] + 1e-9
    }

    /// Puts VM `v` on blade `b` and adds its allocation (not its demand).
    mutating func assign(_ v: Int, to b: Int) {
        vmBlade[v] = Int32(b)
        bladeVMs[b].append(Int32(v))
        demandChanged(blade: b)
        bladeAllocVCPU[b] += model.vmVCPU[v]
        bladeAllocMemory[b] += model.vmMemory[v]
    }

    /// Takes running VM `v` off its blade (allocation and demand) and onto blade `b`.
    mutating func move(_ v: Int, to b: Int) {
        detach(v)
        assign(v, to: b)
        addDemand(v)
    }

    /// Takes running VM `v` off its blade: its demand, its allocation, its place in the list.
    mutating func detach(_ v: Int) {
        let from = Int(vmBlade[v])
        removeDemand(v)
        bladeVMs[from].removeAll { $0 == Int32(v) }
        demandChanged(blade: from)
        bladeAllocVCPU[from] -= model.vmVCPU[v]
        bladeAllocMemory[from] -= model.vmMemory[v]
        vmBlade[v] = -1
    }

    /// Peak cores of a VM's calendar-profile demand this year.
    func peakCores(_ v: Int) -> Double { model.vmPeakCores[v] * vmDemandScale[v] }

    mutating func addDemand(_ v: Int) {
        let b = Int(vmBlade[v])
        guard b >= 0 else { return }
        if model.vmTrace[v] < 0 { bladeWeights[b * profileCount + Int(model.vmProfile[v])] += peakCores(v) }
        demandChanged(blade: b)
    }

    mutating func removeDemand(_ v: Int) {
        let b = Int(vmBlade[v])
        guard b >= 0 else { return }
        if model.vmTrace[v] < 0 { bladeWeights[b * profileCount + Int(model.vmProfile[v])] -= peakCores(v) }
        demandChanged(blade: b)
    }

    /// Marks blade `b`'s pool's demand sums stale: to be called by every write of the blade's
    /// demand weights, VMs, availability or power.
    mutating func demandChanged(blade b: Int) {
        demandChanges += 1
        poolDemandChange[Int(model.bladePool[b])] = demandChanges
        bladeDemandChange[b] = demandChanges
    }

    /// Sums every blade's demand weights again from the VMs running on it (after the demand
    /// scale changed). O(VMs + blades × profiles).
    mutating func recomputeDemandWeights() {
        for i in bladeWeights.indices { bladeWeights[i] = 0 }
        for b in 0..<model.bladeCount { demandChanged(blade: b) }
        for v in 0..<model.vmCount where vmState[v] == .running { addDemand(v) }
    }

    /// Demand (cores) of the traced VMs running on blade `b` at `now`. O(VMs on b).
    func traceDemand(onBlade b: Int, at now: Double) -> Double {
        var demand = 0.0
        for v32 in bladeVMs[b] where model.vmTrace[Int(v32)] >= 0 && vmState[Int(v32)] == .running {
            let v = Int(v32)
            demand += model.vmVCPU[v] * model.traces.utilisation(Int(model.vmTrace[v]), at: now)
        }
        return demand
    }

    /// Which blade `blade(for:pool:_:)` picks among those that take a VM.
    enum BladeChoice {
        /// The most free memory: where HA restarts a VM (spreads the load).
        case roomiest
        /// The least free memory: best fit, where a blade going to standby sends its VMs (keeps
        /// the large holes HA restarts need).
        case tightest
    }

    /// The available blade of the pool, the roomiest or the tightest by free memory (as a share
    /// of its failover allocation, the lowest index among equals), that takes VM `v` within the
    /// failover limits and holds no other member of its redundancy group; nil if none can.
    /// O(blades of the pool × group size).
    func blade(for v: Int, pool: Int, _ choice: BladeChoice) -> Int? {
        var best = -1, bestFree = 0.0
        for b in model.poolBlades[pool] where condition.bladeAvailable[b] && fits(v, on: b) && groupAllows(v, on: b) {
            let free = failoverFreeShare(b)
            let better = choice == .roomiest ? free > bestFree : free < bestFree
            if best < 0 || better { (best, bestFree) = (b, free) }
        }
        return best >= 0 ? best : nil
    }

    /// Blade `b`'s free failover memory as a share of its failover memory (NaN when it has none).
    func failoverFreeShare(_ b: Int) -> Double {
        (model.bladeFailoverMemory[b] - bladeAllocMemory[b]) / model.bladeFailoverMemory[b]
    }

    /// Whether no other member of VM `v`'s redundancy group is on blade `b`. O(group size).
    func groupAllows(_ v: Int, on b: Int) -> Bool {
        let group = Int(model.vmGroup[v])
        return group < 0 || !model.groupMembers[group].contains { Int($0) != v && vmBlade[Int($0)] == b }
    }

    /// VM `v` stops serving now: its restart latency and its parts start from here.
    mutating func markDown(_ v: Int, at now: Double) {
        vmDownSince[v] = now
        vmStorageWait[v] = 0
        vmCapacityWait[v] = 0
    }

    /// Adds a VM that waits for a blade to its pool's pending list, stranded.
    mutating func strand(_ v: Int) {
        vmState[v] = .stranded
        pending[Int(model.vmPool[v])].append(Int32(v))
    }

    mutating func endStranded(_ v: Int, at now: Double) {
        if !vmStrandedSince[v].isNaN {
            let ts = Int(model.vmTenantSystem[v])
            let wait = now - vmStrandedSince[v]
            outcome.strandedSeconds[ts] += wait
            vmCapacityWait[v] += wait
            switch vmStrandedCause[v] {
            case .failure: break
            case .lateDelivery: outcome.deliveryStrandedSeconds[ts] += wait
            case .bladesInStandby: outcome.standbyStrandedSeconds[ts] += wait
            }
            vmStrandedSince[v] = .nan
        }
    }

    /// VM `v` starts waiting for a blade now; the wait is a late delivery's if a blade of its
    /// pool is overdue, else power management's if a blade of its pool is in standby or waking.
    mutating func markStranded(_ v: Int, at now: Double) {
        vmStrandedSince[v] = now
        let pool = Int(model.vmPool[v])
        if isWaitingForDelivery(pool: pool, at: now) {
            vmStrandedCause[v] = .lateDelivery
        } else if hasBladesInStandby(pool: pool) {
            vmStrandedCause[v] = .bladesInStandby
            outcome.restartsDelayedByStandby[pool] += 1
        } else {
            vmStrandedCause[v] = .failure
        }
    }
}

// MARK: - Service availability

/// A tenant's system is up while every one of its instances has at least `quorum` replicas
/// running; its downtime and outages are counted from that.
extension ReplicationState {
    mutating func stopServing(_ v: Int, at now: Double, cause: DowntimeCause) {
        let inst = Int(model.vmInstance[v])
        instanceRunning[inst] -= 1
        if instanceRunning[inst] == model.instanceQuorum[inst] - 1 { instanceDown(inst, at: now, cause: cause) }
    }

    mutating func startServing(_ v: Int, at now: Double) {
        let inst = Int(model.vmInstance[v])
        instanceRunning[inst] += 1
        if instanceRunning[inst] == model.instanceQuorum[inst] { instanceUp(inst, at: now) }
    }

    /// Instance `inst` fell below its quorum; if its system was up, an outage of `cause` begins.
    mutating func instanceDown(_ inst: Int, at now: Double, cause: DowntimeCause) {
        let ts = Int(model.instanceTenantSystem[inst])
        tsDownInstances[ts] += 1
        if tsDownInstances[ts] == 1 && !tsAtPartner[ts] {
            tsDownSince[ts] = now
            tsDownCause[ts] = cause
            outcome.outages[ts] += 1
        }
    }

    mutating func instanceUp(_ inst: Int, at now: Double) {
        let ts = Int(model.instanceTenantSystem[inst])
        tsDownInstances[ts] -= 1
        guard tsDownInstances[ts] == 0 else { return }
        // Back at home: a system serving at its DR partner fails back without a new outage.
        if tsAtPartner[ts] { tsAtPartner[ts] = false } else { outcome.addDowntime(now - tsDownSince[ts], ts: ts, cause: tsDownCause[ts]) }
    }
}
