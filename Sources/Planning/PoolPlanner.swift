import CapacityModel
import Economics
import Placement

/// Why a pool could not be planned.
public struct PlanningError: Error, Sendable, CustomStringConvertible {
    public var pool: String
    public var message: String
    /// The scenario key the error is about, when there is one.
    public var location: SourceLocation?
    public var description: String { "pool '\(pool)': \(message)" }

    public init(pool: String, message: String, location: SourceLocation?) {
        self.pool = pool
        self.message = message
        self.location = location
    }
}

/// Sizes one pool: blades (with HA reserve and chassis), storage arrays, racks, power and cost.
///
/// 1. Each VM's CPU demand is taken at the pool's representative hours (`DemandHours`), so VMs
///    whose profiles peak at different times of the year share a blade's headroom.
/// 2. The best packing without reserve gives the blade count to start from.
/// 3. Blade counts are tried upward; for each, VMs are spread evenly over the blades (as a
///    cluster balancer would) and the HA rule is checked by re-placing the VMs of every failure
///    case on the survivors at the failover utilisation. The first count that passes is the plan.
/// 4. Every blade's demand is checked at every hour of the year; an hour that some blade exceeds
///    becomes a new dimension and sizing starts again (this keeps step 1 exact).
struct PoolPlanner {
    let scenario: Scenario
    let pool: Pool
    let calendar: DemandCalendar
    let vms: [VirtualMachine]
    /// Moves the improvement stage may make on the no-reserve packing (deterministic budget).
    let improvementMoves: Int

    init(scenario: Scenario, pool: Pool, calendar: DemandCalendar, improvementMoves: Int, basis: SizingBasis = .measured,
         demandScale: [Int: Double] = [:]) {
        self.scenario = scenario
        self.pool = pool
        self.calendar = calendar
        self.improvementMoves = improvementMoves
        var builder = WorkloadBuilder(scenario: scenario)
        builder.basis = basis
        builder.demandScale = demandScale
        vms = builder.virtualMachines(tenants: pool.tenantIndices, overYears: scenario.economics.leaseYears, pool: pool)
    }

    var blade: BladeModel { pool.blade }
    var chassisModel: ChassisModel { pool.chassis }
    var arrayModel: StorageArrayModel { pool.storage }
    var rack: RackModel { pool.rack }
    var policy: Policy { pool.policy }
    var site: Site { pool.site }

    func fail(_ message: String, at location: SourceLocation? = nil) -> PlanningError {
        PlanningError(pool: pool.name, message: message, location: location)
    }

    func plan() throws(PlanningError) -> PoolPlan {
        let caps = calendar.designFactors(policy.designDemand)
        var hours = DemandHours(calendar: calendar, caps: caps)
        for _ in 0..<64 {
            let bladeProblem = BladeProblem(vms: vms, hours: hours, blade: blade, policy: policy)
            let sized = try sizeBlades(bladeProblem)
            // Exactness: no blade may exceed its demand capacity at any hour of the year.
            let weights = bladeProblem.profileWeights(sized.layout)
            var added = false
            for w in weights {
                if let h = hours.violatedHour(weights: w, limit: bladeProblem.normal.demandCores) {
                    hours.add(hour: h)
                    added = true
                }
            }
            if !added { return try finish(bladeProblem, sized, hours: hours, caps: caps) }
        }
        throw fail("demand hours did not converge")
    }

    struct SizedBlades {
        var layout: Packing
        var layoutKind: BladeLayout
        var chassisCount: Int
        var minimal: PackingSolution
        var bladeCheck: FailureCheck
        var chassisCheck: FailureCheck
        var reserved: Double?
    }

    var spreadOverChassis: Bool { policy.spreadRedundancyAcross == .chassis }

    /// Chassis for `blades` blades: enough slots, and two when the policy spreads replicas over
    /// chassis or must survive a chassis failure (more when a group is larger).
    func chassisCount(blades: Int, largestGroup: Int) -> Int {
        var c = (blades + chassisModel.slots - 1) / chassisModel.slots
        if spreadOverChassis { c = Swift.max(c, largestGroup) }
        if spreadOverChassis || policy.ha.tolerateChassisFailure { c = Swift.max(c, 2) }
        return Swift.max(c, 1)
    }

    /// What every layout attempt of one sizing shares.
    struct LayoutContext {
        let bp: BladeProblem
        /// The best packing without reserve.
        let minimal: PackingSolution
        let largestGroup: Int
        /// Blade failures to survive.
        let k: Int
        /// Whether the blade-failure check is required (not for percentage admission).
        let requireBlades: Bool
    }

    /// The smallest blade count that passes the HA policy (or the fixed count, evaluated as it is).
    func sizeBlades(_ bp: BladeProblem) throws(PlanningError) -> SizedBlades {
        let groupSizes = Dictionary(bp.groups.filter { $0 >= 0 }.map { ($0, 1) }, uniquingKeysWith: +)
        let minimal: PackingSolution
        do {
            minimal = try PlacementEngine.solve(bp.problem(domainCount: 0), method: method, timeLimit: 0,
                                                iterationLimit: improvementMoves)
        } catch {
            throw fail("the VMs cannot be placed on blade '\(blade.id)': \(error)")
        }
        let k = policy.ha.hostFailuresTolerated
        let requireBlades: Bool
        switch policy.ha.admission {
        case .hostFailures, .dedicatedFailoverHosts: requireBlades = k > 0
        case .percentageReserved: requireBlades = false
        }
        let context = LayoutContext(bp: bp, minimal: minimal, largestGroup: groupSizes.values.max() ?? 1, k: k,
                                    requireBlades: requireBlades)
        if let fixed = pool.fixedBlades { return try sizeFixed(fixed, context) }
        let start = startingCount(context)
        // The balanced layouts may need a few per cent more blades than the minimal packing: an
        // eighth of it on top of the fixed margin, for pools of thousands of blades.
        let ceiling = start + k + 2 * chassisModel.slots + 16 + start / 8
        if let sized = Self.searchCount(from: start, ceiling: ceiling, { attempt($0, context) }) { return sized }
        throw fail("no layout of up to \(ceiling) blades satisfies the HA policy '\(policy.id)'")
    }

    /// A lower bound on the blade count: the no-reserve packing, the failover volume plus k
    /// (host failures), the reserved share (percentage), the largest group (chassis spread).
    func startingCount(_ c: LayoutContext) -> Int {
        let failover = c.bp.failoverProblem()
        var start = c.minimal.bins
        if case .hostFailures = policy.ha.admission {
            start = Swift.max(start, c.k + LowerBounds.volume(failover))
        }
        if case .percentageReserved(let p) = policy.ha.admission {
            let d = failover.dimensions
            var totals = [Double](repeating: 0, count: d)
            for i in 0..<failover.itemCount { for j in 0..<d { totals[j] += failover.sizes[i * d + j] } }
            let normalCap = c.bp.problem(domainCount: 0).capacity
            for j in 0..<d { start = Swift.max(start, Int((totals[j] / ((1 - p) * normalCap[j]) - 1e-9).rounded(.up))) }
        }
        if spreadOverChassis { start = Swift.max(start, c.largestGroup) }
        return start
    }

    /// Gallops up from `start` (1, 2, 4, … blades more), then bisects between the last count
    /// that failed and the first that passed: O(log) attempts instead of one per blade.
    static func searchCount<T>(from start: Int, ceiling: Int, _ attempt: (Int) -> T?) -> T? {
        var m = start
        var lastFailed = m - 1
        var step = 1
        var passed: (Int, T)?
        while m <= ceiling {
            if let sized = attempt(m) { passed = (m, sized); break }
            lastFailed = m
            // The ceiling itself is tried before giving up (it used to be skipped whenever a
            // step overshot it).
            m = m < ceiling ? Swift.min(m + step, ceiling) : ceiling + 1
            step *= 2
        }
        guard var (hi, best) = passed else { return nil }
        var lo = lastFailed + 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if let sized = attempt(mid) { hi = mid; best = sized } else { lo = mid + 1 }
        }
        return best
    }

    /// A purchase evaluated as it is: the first layout that passes the HA checks, else the
    /// preferred layout with its checks reported as failing.
    func sizeFixed(_ fixed: (count: Int, location: SourceLocation), _ c: LayoutContext) throws(PlanningError) -> SizedBlades {
        let n0 = c.minimal.bins
        guard fixed.count >= n0 else {
            throw fail("'blades: \(fixed.count)' is too few: the VMs need at least \(n0) blade\(n0 == 1 ? "" : "s") of '\(blade.id)' at the policy's targets, before any HA reserve",
                       at: fixed.location)
        }
        guard let sized = attempt(fixed.count, c) ?? attempt(fixed.count, c, acceptingFailures: true) else {
            throw fail("no layout on 'blades: \(fixed.count)' keeps redundancy groups apart", at: fixed.location)
        }
        return sized
    }

    /// The first layout on `m` blades that passes the required checks, if any; with
    /// `acceptingFailures`, the first layout at all (the no-reserve packing on `m` blades if
    /// no other exists), its checks reported as they came out.
    func attempt(_ m: Int, _ context: LayoutContext, acceptingFailures: Bool = false) -> SizedBlades? {
        let bp = context.bp, k = context.k
        let c = chassisCount(blades: m, largestGroup: context.largestGroup)
        let problem = bp.problem(domainCount: spreadOverChassis ? c : 0)
        var candidates = layouts(problem, blades: m, spares: k)
        if acceptingFailures && candidates.isEmpty && !spreadOverChassis {
            var packed = context.minimal.packing
            packed.binCount = m
            candidates = [(.packed, packed)]
        }
        for candidate in candidates {
            let checker = FailureChecker(bladeProblem: bp, packing: candidate.packing)
            // The chassis check has few cases and fails most often: run it first.
            let chassisCheck = checker.chassis(count: c, required: policy.ha.tolerateChassisFailure)
            if !acceptingFailures && chassisCheck.required && !chassisCheck.ok { continue }
            let bladeCheck = checker.blades(k: Swift.max(k, 1), required: context.requireBlades)
            if !acceptingFailures && context.requireBlades && !bladeCheck.ok { continue }
            var reserved: Double?
            if case .percentageReserved = policy.ha.admission {
                reserved = reservedFraction(problem, candidate.packing)
            }
            return SizedBlades(layout: candidate.packing, layoutKind: candidate.kind, chassisCount: c,
                               minimal: context.minimal, bladeCheck: bladeCheck, chassisCheck: chassisCheck,
                               reserved: reserved)
        }
        return nil
    }

    var method: PackingMethod { policy.placement.method() }

    /// Candidate layouts on exactly `blades` blades, in order of preference:
    /// - "balanced": VMs spread evenly over all blades, as a cluster balancer keeps them;
    /// - "spare": VMs packed on blades − k blades, k blades kept free. Any k failed blades'
    ///   VMs then restart on the free ones, so this passes the k-blade check whenever it exists.
    /// With dedicated failover hosts only the spare layout is allowed.
    func layouts(_ problem: PackingProblem, blades m: Int, spares k: Int) -> [(kind: BladeLayout, packing: Packing)] {
        var result: [(BladeLayout, Packing)] = []
        var dedicated = false
        if case .dedicatedFailoverHosts = policy.ha.admission { dedicated = true }
        if !dedicated, let p = FixedBinPacking.balanced(problem, bins: m) { result.append((.balanced, p)) }
        if k > 0, m - k >= 1, var p = FixedBinPacking.balanced(problem, bins: m - k) {
            // The free blades are the last k; chassis take blades round-robin, so they spread.
            p.binCount = m
            result.append((.spare, p))
        }
        return result
    }

    /// Smallest share of capacity left free over the dimensions (percentage admission).
    func reservedFraction(_ problem: PackingProblem, _ layout: Packing) -> Double {
        let d = problem.dimensions
        var totals = [Double](repeating: 0, count: d)
        for i in 0..<problem.itemCount { for j in 0..<d { totals[j] += problem.sizes[i * d + j] } }
        return (0..<d).map { 1 - totals[$0] / (problem.capacity[$0] * Double(layout.binCount)) }.min() ?? 1
    }

    // MARK: Storage, racks, power, cost

    func sizeStorage(hours: DemandHours, caps: [Double]) throws(PlanningError) -> (StorageSizing, Packing) {
        let sp = policy.storage
        let capacity = [arrayModel.usableGiB * sp.capacityUtilisation]
            + [Double](repeating: arrayModel.frontendIOPS(readFraction: sp.readFraction) * sp.iopsUtilisation,
                       count: hours.hours.count)
        var sizes: [Double] = []
        for vm in vms {
            sizes.append(vm.diskGiB * (1 + sp.snapshotReserve))
            for j in 0..<hours.hours.count { sizes.append(vm.peakIOPS * hours.factor[vm.profile][j]) }
        }
        var groups: [Int32] = []
        if sp.minimumArrays >= 2 {
            var renumber: [Int: Int32] = [:]
            groups = vms.map { vm in
                guard let g = vm.redundancyGroup else { return -1 }
                if let r = renumber[g] { return r }
                let r = Int32(renumber.count)
                renumber[g] = r
                return r
            }
        }
        let problem = PackingProblem(name: "arrays", capacity: capacity, sizes: sizes,
                                     constraints: PackingConstraints(groups: groups))
        let oversized = problem.oversizedItems
        if let i = oversized.first {
            throw fail("VM \(vms[i].name) needs more disk or IOPS than one '\(arrayModel.id)' array provides")
        }
        let minimal: PackingSolution
        do {
            minimal = try PlacementEngine.solve(problem, method: .heuristic(.firstFitDecreasing, .max))
        } catch {
            throw fail("the VMs' disks cannot be placed on '\(arrayModel.id)' arrays: \(error)")
        }
        let count = Swift.max(sp.minimumArrays, minimal.bins)
        let layout = FixedBinPacking.balanced(problem, bins: count) ?? minimal.packing
        let required = vms.reduce(0) { $0 + $1.diskGiB * (1 + sp.snapshotReserve) }
        // Coincident IOPS at the busiest representative hour.
        var designIOPS = 0.0
        for j in 0..<hours.hours.count {
            designIOPS = Swift.max(designIOPS, vms.reduce(0) { $0 + $1.peakIOPS * hours.factor[$1.profile][j] })
        }
        let byCapacity = Int((required / capacity[0] - 1e-9).rounded(.up))
        let limitedBy: StorageLimit = count == sp.minimumArrays && minimal.bins < sp.minimumArrays ? .minimum
            : (byCapacity >= minimal.bins ? .capacity : .iops)
        return (StorageSizing(requiredGiB: required, usableGiB: arrayModel.usableGiB * Double(count),
                              designIOPS: designIOPS, frontendIOPS: arrayModel.frontendIOPS(readFraction: sp.readFraction) * Double(count),
                              limitedBy: limitedBy), layout)
    }

    /// Racks by first fit decreasing of equipment heights (a chassis or array never spans racks).
    func rackCount(chassis: Int, arrays: Int) -> Int { Self.rackCount(chassis: chassis, arrays: arrays, in: pool) }

    /// Racks of the pool's model holding `chassis` chassis and `arrays` arrays (first fit
    /// decreasing by height).
    static func rackCount(chassis: Int, arrays: Int, in pool: Pool) -> Int {
        var heights = [Int](repeating: pool.chassis.rackUnits, count: chassis)
            + [Int](repeating: pool.storage.rackUnits, count: arrays)
        heights.sort(by: >)
        var free: [Int] = []
        for h in heights {
            if let r = free.firstIndex(where: { $0 >= h }) { free[r] -= h } else { free.append(pool.rack.units - h) }
        }
        return free.count
    }

    /// `plan` with the money of `scenario` (whose pool is `pool`): the same counts, each priced
    /// at this scenario's unit prices, cost lines and site (`Planner.reprice`). O(members).
    static func reprice(_ plan: PoolPlan, pool: Pool, scenario: Scenario) -> PoolPlan {
        var p = plan
        p.pool = pool
        let quantities = CostLineAmounts.afterQuantities(scenario, tenants: pool.tenantIndices, vms: plan.virtualMachines,
                                                         blades: plan.blades, model: pool.blade)
        p.lineAmounts = CostLineAmounts.after(scenario, quantities: quantities)
        p.lineOneOffs = CostLineAmounts.afterOneOff(scenario, quantities: quantities)
        p.bill = PoolBillOfMaterials(blades: plan.blades, bladePrice: pool.blade.price, chassis: plan.chassis,
                                     chassisPrice: pool.chassis.price, storageArrays: plan.storageArrays,
                                     storageArrayPrice: pool.storage.price, racks: plan.racks, rackPrice: pool.rack.price,
                                     averageITPower: plan.averageITPower)
        p.purchase = p.bill.purchase
        p.yearlyCost = CostModel.poolCost(p.bill, site: pool.site, economics: scenario.economics, lines: p.lineAmounts.reduce(.zero, +))
        p.facilityPUE = pool.site.pue
        return p
    }

    func finish(_ bp: BladeProblem, _ sized: SizedBlades, hours: DemandHours, caps: [Double]) throws(PlanningError) -> PoolPlan {
        let layout = sized.layout
        let m = layout.binCount
        let (storage, arrayLayout) = try sizeStorage(hours: hours, caps: caps)
        let arrays = arrayLayout.binCount
        let racks = rackCount(chassis: sized.chassisCount, arrays: arrays)
        // Power: each blade at its design utilisation (coincident peak) and at its yearly mean.
        let weights = bp.profileWeights(layout)
        let means = DemandHours.meanLoad(calendar)
        var designPower = Watts.zero, averagePower = Watts.zero
        var busiest = 0.0
        let cores = blade.referenceCores
        for w in weights {
            let peak = hours.peakDemand(weights: w)
            let mean = zip(w, means).reduce(0) { $0 + $1.0 * $1.1 }
            designPower = designPower + blade.power(atUtilisation: peak / cores)
            averagePower = averagePower + blade.power(atUtilisation: mean / cores)
            busiest = Swift.max(busiest, peak / bp.normal.usableReferenceCores)
        }
        let fixed = chassisModel.power * Double(sized.chassisCount) + arrayModel.power * Double(arrays)
        designPower = designPower + fixed
        averagePower = averagePower + fixed
        // Pool-wide coincident demand.
        var poolWeights = [Double](repeating: 0, count: hours.profileCount)
        for vm in vms { poolWeights[vm.profile] += vm.peakCPUCores }
        let designCores = hours.peakDemand(weights: poolWeights)

        let quantities = CostLineAmounts.afterQuantities(scenario, tenants: pool.tenantIndices,
                                                         vms: vms, blades: m, model: blade)
        let lines = CostLineAmounts.after(scenario, quantities: quantities)
        let bill = PoolBillOfMaterials(blades: m, bladePrice: blade.price, chassis: sized.chassisCount,
                                       chassisPrice: chassisModel.price, storageArrays: arrays,
                                       storageArrayPrice: arrayModel.price, racks: racks, rackPrice: rack.price,
                                       averageITPower: averagePower)
        let admission: String
        switch policy.ha.admission {
        case .hostFailures(let k): admission = "tolerate \(k) blade failure\(k == 1 ? "" : "s")"
        case .percentageReserved(let p): admission = "reserve \(Int((p * 100).rounded()))% of CPU and memory"
        case .dedicatedFailoverHosts(let k): admission = "\(k) dedicated failover blade\(k == 1 ? "" : "s")"
        }
        var requiredReserved: Double?
        if case .percentageReserved(let p) = policy.ha.admission { requiredReserved = p }
        let ha = HAReport(admission: admission + (policy.ha.tolerateChassisFailure ? ", and any one chassis" : ""),
                          bladeFailures: sized.bladeCheck, chassisFailure: sized.chassisCheck,
                          reservedFraction: sized.reserved, requiredReservedFraction: requiredReserved,
                          arrayLoss: ArrayLossCheck.check(vms: vms, arrayOf: arrayLayout.assignment, arrays: arrays,
                                                          tenants: scenario.tenants, catalog: scenario.catalog,
                                                          required: policy.storage.surviveArrayLoss))
        return PoolPlan(
            pool: pool, virtualMachines: vms, failoverCapacity: bp.failover,
            bladeOf: layout.assignment, arrayOf: arrayLayout.assignment, blades: m, bladesFixed: pool.fixedBlades != nil,
            bladesWithoutReserve: sized.minimal.bins, bladeLowerBound: sized.minimal.lowerBound,
            chassis: sized.chassisCount, storageArrays: arrays, racks: racks,
            usableCores: bp.normal.usableCores * Double(m), usableReferenceCores: bp.normal.usableReferenceCores * Double(m), designCPUCores: designCores,
            allocatedVCPU: vms.reduce(0) { $0 + $1.vcpu }, allocatedMemoryGiB: vms.reduce(0) { $0 + $1.memoryGiB },
            bladeMemoryGiB: blade.memoryGiB * Double(m), busiestBladeCPU: busiest, storage: storage,
            designITPower: designPower, averageITPower: averagePower, facilityPUE: site.pue, ha: ha,
            purchase: bill.purchase, yearlyCost: CostModel.poolCost(bill, site: site, economics: scenario.economics,
                                                                    lines: lines.reduce(.zero, +)),
            demandHours: hours.hours, placementMethod: sized.minimal.method, layout: sized.layoutKind,
            bill: bill, lineAmounts: lines, lineOneOffs: CostLineAmounts.afterOneOff(scenario, quantities: quantities))
    }
}
