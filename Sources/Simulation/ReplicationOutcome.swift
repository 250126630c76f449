/// The phases of a restart latency, from a VM going down to it serving again.
public enum RestartPhase: Int, CaseIterable, Sendable {
    /// HA noticing the failure (`detection_seconds`), and anything not in another phase.
    case detection
    /// Its storage array (or site) being repaired.
    case storage
    /// No blade with room (stranded).
    case capacity
    /// Waiting for one of the blade's restart slots.
    case queueing
    /// The VM's own boot (`boot_minutes`).
    case boot

    public var name: String {
        switch self {
        case .detection: "detection"
        case .storage: "waiting_for_storage"
        case .capacity: "waiting_for_capacity"
        case .queueing: "queueing"
        case .boot: "boot"
        }
    }
}

/// What one replication measured. Per tenant-system arrays are indexed like
/// `SimulationModel.tenantSystems`; per pool arrays like `poolNames`. Each process writes its
/// own counters (see `SimulationProcess.finish`).
struct ReplicationOutcome: Sendable {
    var downtimeSeconds: [Double]
    /// `downtimeSeconds` split by what started each outage: causes × tenant-systems.
    var downtimeByCause: [[Double]]
    var outages: [Int32]
    var restarts: [Int32]
    /// Restart latency (failure to service back) percentiles in seconds; NaN without restarts.
    var latencyP50: [Double]
    var latencyP95: [Double]
    var latencyMax: [Double]
    /// Mean restart latency by phase (`RestartPhase`), phases × tenant-systems; NaN without restarts.
    var latencyPartMeans: [[Double]]
    var strandedSeconds: [Double]
    /// The part of `strandedSeconds` that began while a blade of the pool was overdue (a late
    /// delivery), not a failure.
    var deliveryStrandedSeconds: [Double]
    /// The part of `strandedSeconds` that began while blades of the pool were in standby.
    var standbyStrandedSeconds: [Double]
    var contentionMinutes: [Double]
    var unservedCoreHours: [Double]
    var dailyUtilisationP50: [[Float]]
    var dailyUtilisationP95: [[Float]]
    var dailyUtilisationMax: [[Float]]
    var dailyBladesDownMax: [[Float]]
    /// Per pool, blade-seconds by `BladeTime` (pools × `BladeTime.allCases.count`): they add up
    /// to the pool's blades × the horizon.
    var bladeSeconds: [Double]
    /// Per pool: energy the blades drew, kWh (sampled with the demand), and blade-seconds in
    /// standby (sampled alike, so that the saving is exact against a run without standby).
    var bladeEnergyKWh: [Double]
    var standbyBladeSeconds: [Double]
    /// Per pool: VMs whose restart or start waited for a blade while blades were in standby.
    var restartsDelayedByStandby: [Int32]
    /// Per pool: power management's actions.
    var powerOffs: [Int32]
    var powerOns: [Int32]
    var liveMigrations: [Int32]
    var bladeFailures = 0
    var chassisFailures = 0
    var arrayFailures = 0
    var siteFailures = 0
    var failbacks = 0
    /// Events handled: the kernel's, with each pool's demand sample counted as one (the pools'
    /// samples of one time share a kernel event; `DemandSampling` adds the others).
    var events: UInt64 = 0
    var eventLoopSeconds: Double = 0
    /// Backup and disaster recovery; nil without `continuity:`.
    var continuity: ContinuityOutcome?

    init(tenantSystems n: Int, pools: Int) {
        downtimeSeconds = [Double](repeating: 0, count: n)
        downtimeByCause = [[Double]](repeating: [Double](repeating: 0, count: n), count: DowntimeCause.allCases.count)
        outages = [Int32](repeating: 0, count: n)
        restarts = [Int32](repeating: 0, count: n)
        latencyP50 = [Double](repeating: .nan, count: n)
        latencyP95 = [Double](repeating: .nan, count: n)
        latencyMax = [Double](repeating: .nan, count: n)
        latencyPartMeans = [[Double]](repeating: [Double](repeating: .nan, count: n), count: RestartPhase.allCases.count)
        strandedSeconds = [Double](repeating: 0, count: n)
        deliveryStrandedSeconds = [Double](repeating: 0, count: n)
        standbyStrandedSeconds = [Double](repeating: 0, count: n)
        contentionMinutes = [Double](repeating: 0, count: n)
        unservedCoreHours = [Double](repeating: 0, count: n)
        dailyUtilisationP50 = [[Float]](repeating: [], count: pools)
        dailyUtilisationP95 = [[Float]](repeating: [], count: pools)
        dailyUtilisationMax = [[Float]](repeating: [], count: pools)
        dailyBladesDownMax = [[Float]](repeating: [], count: pools)
        bladeSeconds = [Double](repeating: 0, count: pools * BladeTime.allCases.count)
        bladeEnergyKWh = [Double](repeating: 0, count: pools)
        standbyBladeSeconds = [Double](repeating: 0, count: pools)
        restartsDelayedByStandby = [Int32](repeating: 0, count: pools)
        powerOffs = [Int32](repeating: 0, count: pools)
        powerOns = [Int32](repeating: 0, count: pools)
        liveMigrations = [Int32](repeating: 0, count: pools)
    }

    /// Counts `seconds` of downtime of tenant-system `ts`, in total and against `cause`.
    mutating func addDowntime(_ seconds: Double, ts: Int, cause: DowntimeCause) {
        downtimeSeconds[ts] += seconds
        downtimeByCause[cause.rawValue][ts] += seconds
    }
}

extension ReplicationOutcome {
    /// Pool `pool`'s blade-seconds of `time`.
    func bladeSeconds(pool: Int, _ time: BladeTime) -> Double { bladeSeconds[pool * BladeTime.allCases.count + time.rawValue] }

    /// Pool `pool`'s blade availability: the share of its blades' time in the pool (delivered)
    /// that they were not down; NaN if no blade was ever in it.
    func bladeAvailability(pool: Int) -> Double {
        let all = BladeTime.allCases
        let present = all.reduce(0.0) { $0 + ($1 == .notDelivered ? 0 : bladeSeconds(pool: pool, $1)) }
        let down = all.reduce(0.0) { $0 + ($1.isDowntime ? bladeSeconds(pool: pool, $1) : 0) }
        return present > 0 ? 1 - down / present : .nan
    }
}
