import SimKernel
import Stochastics

/// One replication: the state of every component and VM as time passes, and what is measured.
/// Plugged into the kernel as its `EventHandler`; all times in seconds.
struct Replication: EventHandler {
    let model: SimulationModel
    let horizon: Double
    /// Seconds between demand samples, and samples per day.
    let step: Double
    let ticksPerDay: Int
    let failureStream: RandomStream
    let repairStream: RandomStream
    let noiseStream: RandomStream
    /// Multiplicative demand noise: 4,096 equally likely quantiles of a lognormal with mean 1.
    let noise: [Double]
    let profileCount: Int
    let restartSlots: Int

    // Components.
    var bladeFailed: [Bool]
    var chassisFailed: [Bool]
    var arrayFailed: [Bool]
    var siteFailed: [Bool]
    var bladeAvailable: [Bool]
    var bladeAllocVCPU: [Double]
    var bladeAllocMemory: [Double]
    /// Peak cores of running VMs per profile, blades × profiles.
    var bladeWeights: [Double]
    /// VMs placed on each blade (running, booting, or stopped by their storage).
    var bladeVMs: [[Int32]]
    /// When each of a blade's restart slots is next free, blades × restartSlots.
    var bladeSlots: [Double]
    var bladeDownSince: [Double]

    // VMs.
    var vmState: [VMState]
    var vmBlade: [Int32]
    var vmDownSince: [Double]
    var vmStrandedSince: [Double]
    var vmBootEvent: [EventID?]
    /// CPU demand relative to the sized demand, for this year's population (`yearBegins`).
    var vmDemandScale: [Double]
    /// VMs of each pool waiting for detection or a blade.
    var pending: [[Int32]]

    // Availability.
    var instanceRunning: [Int32]
    var tsDownInstances: [Int32]
    var tsDownSince: [Double]

    // Measurements.
    var outcome: ReplicationOutcome
    var latencyTS: [Int32] = []
    var latencySeconds: [Double] = []
    var tsStamp: [Int]
    var tickNumber = 0
    /// Scratch of `demandTick`: each profile's load at the hour, each blade's profile demand.
    var hourLoad: [Double]
    var tickDemand: [Double] = []
    /// Per pool: samples of the current day, and blades down now and at most today.
    var dayUtilisation: [[Double]]
    var poolBladesDown: [Int32]
    var poolDayBladesDownMax: [Int32]

    init(model: SimulationModel, horizon: Double, seed: UInt64, replication: Int) {
        self.model = model
        self.horizon = horizon
        step = model.settings.demandStepMinutes * 60
        ticksPerDay = Swift.max(1, Int((86_400 / step).rounded()))
        failureStream = RandomStream(seed: seed, stream: replication, substream: 0)
        repairStream = RandomStream(seed: seed, stream: replication, substream: 1)
        noiseStream = RandomStream(seed: seed, stream: replication, substream: 2)
        let cv = model.settings.demandNoiseCV
        if cv > 0 {
            let d = Distribution.lognormal(mean: 1, coefficientOfVariation: cv)
            noise = (0..<4_096).map { d.quantile((Double($0) + 0.5) / 4_096) }
        } else {
            noise = [1]
        }
        profileCount = Swift.max(model.curves.count, 1)
        hourLoad = [Double](repeating: 0, count: profileCount)
        restartSlots = model.settings.restartsPerBlade

        let blades = model.bladeCount
        bladeFailed = [Bool](repeating: false, count: blades)
        chassisFailed = [Bool](repeating: false, count: model.chassisCount)
        arrayFailed = [Bool](repeating: false, count: model.arrayCount)
        siteFailed = [Bool](repeating: false, count: model.siteIDs.count)
        bladeAvailable = [Bool](repeating: true, count: blades)
        bladeAllocVCPU = [Double](repeating: 0, count: blades)
        bladeAllocMemory = [Double](repeating: 0, count: blades)
        bladeWeights = [Double](repeating: 0, count: blades * profileCount)
        bladeVMs = [[Int32]](repeating: [], count: blades)
        bladeSlots = [Double](repeating: 0, count: blades * restartSlots)
        bladeDownSince = [Double](repeating: 0, count: blades)

        let vms = model.vmCount
        vmState = [VMState](repeating: .running, count: vms)
        vmBlade = model.vmHomeBlade
        vmDownSince = [Double](repeating: 0, count: vms)
        vmStrandedSince = [Double](repeating: .nan, count: vms)
        vmBootEvent = [EventID?](repeating: nil, count: vms)
        vmDemandScale = model.demandScale(afterYears: 0)
        pending = [[Int32]](repeating: [], count: model.poolNames.count)
        instanceRunning = [Int32](repeating: 0, count: model.instanceQuorum.count)
        tsDownInstances = [Int32](repeating: 0, count: model.tenantSystems.count)
        tsDownSince = [Double](repeating: 0, count: model.tenantSystems.count)
        outcome = ReplicationOutcome(tenantSystems: model.tenantSystems.count, pools: model.poolNames.count)
        tsStamp = [Int](repeating: -1, count: model.tenantSystems.count)
        dayUtilisation = [[Double]](repeating: [], count: model.poolNames.count)
        poolBladesDown = [Int32](repeating: 0, count: model.poolNames.count)
        poolDayBladesDownMax = [Int32](repeating: 0, count: model.poolNames.count)

        // Every founding member's VM starts running where the plan put it.
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
            instanceDown(i, at: 0)
        }
    }

    /// Schedules the first failure of every component and the first demand tick of every pool.
    mutating func start(_ kernel: inout Kernel) {
        for b in 0..<model.bladeCount { scheduleFailure(model.bladeFailures[b], .bladeFails, b, &kernel) }
        for c in 0..<model.chassisCount { scheduleFailure(model.chassisFailures[c], .chassisFails, c, &kernel) }
        for a in 0..<model.arrayCount { scheduleFailure(model.arrayFailures[a], .arrayFails, a, &kernel) }
        for s in 0..<model.siteIDs.count { scheduleFailure(model.siteFailure, .siteFails, s, &kernel) }
        for p in 0..<model.poolNames.count {
            kernel.schedule(at: 0, kind: SimulationEvent.demandTick.rawValue, subject: UInt32(p))
        }
        for (ts, join) in model.tsJoinSeconds.enumerated() where join > 0 && join < horizon {
            kernel.schedule(at: join, kind: SimulationEvent.tenantSystemJoins.rawValue, subject: UInt32(ts))
        }
        if model.populationChanges && SimDuration.year < horizon {
            kernel.schedule(at: SimDuration.year, kind: SimulationEvent.yearBegins.rawValue, subject: 1)
        }
    }

    mutating func handle(_ event: Event, kernel: inout Kernel) {
        let i = Int(event.subject)
        switch SimulationEvent(rawValue: event.kind)! {
        case .bladeFails: bladeFails(i, &kernel)
        case .bladeRepaired: bladeRepaired(i, &kernel)
        case .chassisFails: chassisFails(i, &kernel)
        case .chassisRepaired: chassisRepaired(i, &kernel)
        case .arrayFails: arrayFails(i, &kernel)
        case .arrayRepaired: arrayRepaired(i, &kernel)
        case .siteFails: siteFails(i, &kernel)
        case .siteRepaired: siteRepaired(i, &kernel)
        case .failureDetected: failureDetected(pool: i, &kernel)
        case .restartCompleted: restartCompleted(vm: i, &kernel)
        case .demandTick: demandTick(pool: i, &kernel)
        case .tenantSystemJoins: tenantSystemJoins(i, &kernel)
        case .yearBegins: yearBegins(i, &kernel)
        }
    }

    // MARK: Scheduling helpers

    mutating func scheduleFailure(_ modelIndex: Int32, _ kind: SimulationEvent, _ subject: Int, _ kernel: inout Kernel) {
        guard modelIndex >= 0 else { return }
        let delay = model.failureModels[Int(modelIndex)].failure.sample(failureStream)
        let at = kernel.now + Swift.max(delay, 0)
        if at < horizon { kernel.schedule(at: at, kind: kind.rawValue, subject: UInt32(subject)) }
    }

    mutating func scheduleRepair(_ modelIndex: Int32, _ kind: SimulationEvent, _ subject: Int, _ kernel: inout Kernel) {
        let delay = model.failureModels[Int(modelIndex)].repair.sample(repairStream)
        kernel.schedule(at: kernel.now + Swift.max(delay, 0), kind: kind.rawValue, subject: UInt32(subject))
    }
}
