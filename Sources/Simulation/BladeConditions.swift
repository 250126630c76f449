/// The condition of a replication's hardware, kept by the shared state (`ReplicationState.condition`):
/// whether each blade, chassis, storage array and site is broken, and each blade's reasons for
/// taking no VMs (`BladeOutOfService`), from which its availability, the pool's blades down and
/// every blade-second's `BladeTime` follow. Its arrays change only through its methods, which
/// keep the identities `violations` checks; only `ReplicationState` calls them (processes go
/// through the state's methods, which also stop and restart the VMs). Times in seconds.
struct BladeConditions {
    private let bladePool: [Int32]
    private let bladeChassis: [Int32]
    private let poolSite: [Int32]
    private let arrayPool: [Int32]

    /// Components that are broken now (a blade's chassis and site reach its reasons when the
    /// state refreshes it: a repaired chassis' blades come back one at a time).
    private(set) var bladeFailed: [Bool]
    private(set) var chassisFailed: [Bool]
    private(set) var arrayFailed: [Bool]
    private(set) var siteFailed: [Bool]
    /// Why each blade takes no VMs; empty while it is in service.
    private(set) var bladeOut: [BladeOutOfService]
    /// Cached `bladeOut[b].isEmpty`, read on every placement and demand sample.
    private(set) var bladeAvailable: [Bool]
    /// When each blade's current reasons began.
    private(set) var bladeOutSince: [Double]
    /// Per pool: blades down now (`BladeTime.isDowntime`), and the most since the day began.
    private(set) var poolBladesDown: [Int32]
    private(set) var poolDayBladesDownMax: [Int32]
    /// Per pool, blade-seconds by `BladeTime` (pools × `BladeTime.allCases.count`), up to each
    /// blade's last change; `close(at:)` adds the rest.
    private(set) var poolBladeSeconds: [Double]

    init(model: SimulationModel) {
        bladePool = model.bladePool
        bladeChassis = model.bladeChassis
        poolSite = model.poolSite
        arrayPool = model.arrayPool
        let blades = model.bladeCount, pools = model.poolNames.count
        bladeFailed = [Bool](repeating: false, count: blades)
        chassisFailed = [Bool](repeating: false, count: model.chassisCount)
        arrayFailed = [Bool](repeating: false, count: model.arrayCount)
        siteFailed = [Bool](repeating: false, count: model.siteIDs.count)
        bladeOut = [BladeOutOfService](repeating: [], count: blades)
        bladeAvailable = [Bool](repeating: true, count: blades)
        bladeOutSince = [Double](repeating: 0, count: blades)
        poolBladesDown = [Int32](repeating: 0, count: pools)
        poolDayBladesDownMax = [Int32](repeating: 0, count: pools)
        poolBladeSeconds = [Double](repeating: 0, count: pools * BladeTime.allCases.count)
    }

    func site(ofBlade b: Int) -> Int { Int(poolSite[Int(bladePool[b])]) }

    /// The hardware reasons blade `b` has by its components' condition now.
    func hardwareReasons(of b: Int) -> BladeOutOfService {
        var reasons: BladeOutOfService = []
        if bladeFailed[b] { reasons.insert(.failed) }
        if chassisFailed[Int(bladeChassis[b])] { reasons.insert(.chassisDown) }
        if siteFailed[site(ofBlade: b)] { reasons.insert(.siteDown) }
        return reasons
    }

    /// Whether array `a` and its site are up.
    func isUp(array a: Int) -> Bool {
        !arrayFailed[a] && !siteFailed[Int(poolSite[Int(arrayPool[a])])]
    }

    mutating func setBlade(_ b: Int, failed: Bool) { bladeFailed[b] = failed }
    mutating func setChassis(_ c: Int, failed: Bool) { chassisFailed[c] = failed }
    mutating func setArray(_ a: Int, failed: Bool) { arrayFailed[a] = failed }
    mutating func setSite(_ s: Int, failed: Bool) { siteFailed[s] = failed }

    /// What a change of a blade's reasons did to its availability.
    enum AvailabilityChange { case unchanged, lost, regained }

    /// Gives blade `b` the reasons `reasons` from `now`: the time since its last change counts
    /// as its old reasons' `BladeTime`; the pool's blades-down counts follow. O(1).
    mutating func set(_ b: Int, to reasons: BladeOutOfService, at now: Double) -> AvailabilityChange {
        let old = bladeOut[b]
        guard reasons != old else { return .unchanged }
        let pool = Int(bladePool[b])
        poolBladeSeconds[pool * BladeTime.allCases.count + old.time.rawValue] += now - bladeOutSince[b]
        bladeOutSince[b] = now
        bladeOut[b] = reasons
        bladeAvailable[b] = reasons.isEmpty
        let wasDown = old.time.isDowntime, isDown = reasons.time.isDowntime
        if isDown && !wasDown {
            poolBladesDown[pool] += 1
            poolDayBladesDownMax[pool] = Swift.max(poolDayBladesDownMax[pool], poolBladesDown[pool])
        } else if wasDown && !isDown {
            poolBladesDown[pool] -= 1
        }
        if old.isEmpty == reasons.isEmpty { return .unchanged }
        return reasons.isEmpty ? .regained : .lost
    }

    /// A new day: the pool's most blades down starts from those down now.
    mutating func startDay(pool: Int) { poolDayBladesDownMax[pool] = poolBladesDown[pool] }

    /// Counts every blade's time from its last change to `horizon`; nothing may change after.
    mutating func close(at horizon: Double) {
        for b in bladeOut.indices {
            let pool = Int(bladePool[b])
            poolBladeSeconds[pool * BladeTime.allCases.count + bladeOut[b].time.rawValue] += horizon - bladeOutSince[b]
            bladeOutSince[b] = horizon
        }
    }

    /// Pool `pool`'s blade-seconds of `time`.
    func seconds(pool: Int, _ time: BladeTime) -> Double { poolBladeSeconds[pool * BladeTime.allCases.count + time.rawValue] }

    /// The identities of the condition, as messages (empty when consistent), at time `now`
    /// with no change waiting to be heard: each blade's hardware reasons are its components',
    /// its availability is its reasons', the blades-down counts are the blades down, and every
    /// blade's seconds so far add up to `now`. O(blades + pools).
    func violations(at now: Double) -> [String] {
        var problems: [String] = []
        var down = [Int32](repeating: 0, count: poolBladesDown.count)
        var accounted = [Double](repeating: 0, count: poolBladesDown.count)
        for b in bladeOut.indices {
            let pool = Int(bladePool[b])
            if bladeOut[b].intersection(.hardware) != hardwareReasons(of: b) {
                problems.append("blade \(b) reasons \(bladeOut[b].rawValue) disagree with its components \(hardwareReasons(of: b).rawValue)")
            }
            if bladeAvailable[b] != bladeOut[b].isEmpty { problems.append("blade \(b) availability cache stale") }
            if bladeOut[b].time.isDowntime { down[pool] += 1 }
            accounted[pool] += now - bladeOutSince[b]
        }
        if down != poolBladesDown { problems.append("blades down per pool \(poolBladesDown) ≠ \(down)") }
        let kinds = BladeTime.allCases.count
        for p in accounted.indices {
            let total = accounted[p] + poolBladeSeconds[(p * kinds)..<((p + 1) * kinds)].reduce(0, +)
            let blades = Double(bladePool.lazy.filter { $0 == Int32(p) }.count)
            if abs(total - blades * now) > 1e-6 * Swift.max(1, blades * now) {
                problems.append("pool \(p) blade-seconds \(total) ≠ blades × time \(blades * now)")
            }
        }
        return problems
    }
}
