import SimKernel
import Stochastics

/// Service availability and the measurements of a replication.
///
/// A tenant's system is up while every one of its instances has at least `quorum` replicas
/// running; its downtime, outages and restart latencies are counted from that.
extension Replication {
    mutating func stopServing(_ v: Int, at now: Double) {
        let inst = Int(model.vmInstance[v])
        instanceRunning[inst] -= 1
        if instanceRunning[inst] == model.instanceQuorum[inst] - 1 { instanceDown(inst, at: now) }
    }

    mutating func startServing(_ v: Int, at now: Double) {
        let inst = Int(model.vmInstance[v])
        instanceRunning[inst] += 1
        if instanceRunning[inst] == model.instanceQuorum[inst] { instanceUp(inst, at: now) }
    }

    mutating func instanceDown(_ inst: Int, at now: Double) {
        let ts = Int(model.instanceTenantSystem[inst])
        tsDownInstances[ts] += 1
        if tsDownInstances[ts] == 1 {
            tsDownSince[ts] = now
            outcome.outages[ts] += 1
        }
    }

    mutating func instanceUp(_ inst: Int, at now: Double) {
        let ts = Int(model.instanceTenantSystem[inst])
        tsDownInstances[ts] -= 1
        if tsDownInstances[ts] == 0 { outcome.downtimeSeconds[ts] += now - tsDownSince[ts] }
    }

    /// Samples demand on every blade of a pool: overloads count as contention against the
    /// tenants whose VMs run there; the pool's utilisation feeds its daily statistics.
    mutating func demandTick(pool: Int, _ kernel: inout Kernel) {
        let now = kernel.now
        tickNumber += 1
        let curveLength = model.curves.first?.count ?? 1
        let hour = Int(now / 3_600) % curveLength
        var poolDemand = 0.0, poolCapacity = 0.0
        let stepHours = step / 3_600
        let blades = model.poolBlades[pool]
        profileDemand(blades: blades, hour: hour)
        for b in blades where bladeAvailable[b] {
            var demand = tickDemand[b - blades.lowerBound]
            if !model.traces.series.isEmpty {
                for v32 in bladeVMs[b] where model.vmTrace[Int(v32)] >= 0 && vmState[Int(v32)] == .running {
                    let v = Int(v32)
                    demand += model.vmVCPU[v] * model.traces.utilisation(Int(model.vmTrace[v]), at: now)
                }
            }
            // 4,096 quantiles: the top 12 bits of a 32-bit draw pick one uniformly.
            if noise.count > 1 { demand *= noise[Int(noiseStream.next32() >> 20)] }
            let capacity = model.bladeUsableCores[b]
            poolDemand += demand
            poolCapacity += capacity
            if demand > capacity {
                let overload = demand - capacity
                for v32 in bladeVMs[b] where vmState[Int(v32)] == .running {
                    let v = Int(v32)
                    let ts = Int(model.vmTenantSystem[v])
                    let share = vmDemand(v, hour: hour, now: now) / demand
                    outcome.unservedCoreHours[ts] += overload * share * stepHours
                    if tsStamp[ts] != tickNumber {
                        tsStamp[ts] = tickNumber
                        outcome.contentionMinutes[ts] += step / 60
                    }
                }
            }
        }
        let utilisation = poolCapacity > 0 ? poolDemand / poolCapacity : (poolDemand > 0 ? 1 : 0)
        dayUtilisation[pool].append(utilisation)
        if dayUtilisation[pool].count >= ticksPerDay { closeDay(pool: pool) }
        let next = now + step
        if next < horizon {
            kernel.schedule(at: next, kind: SimulationEvent.demandTick.rawValue, subject: UInt32(pool))
        }
    }

    /// Fills `tickDemand` with the calendar-profile demand (cores) of each blade in `blades` at
    /// `hour`: Σ over profiles of the blade's peak cores per profile × the profile's load.
    /// The hot loop of a simulation: O(blades × profiles), on flat buffers.
    mutating func profileDemand(blades: Range<Int>, hour: Int) {
        let profiles = model.curves.count
        for p in 0..<profiles { hourLoad[p] = Double(model.curves[p][hour]) }
        if tickDemand.count < blades.count { tickDemand = [Double](repeating: 0, count: blades.count) }
        let stride = profileCount
        bladeWeights.withUnsafeBufferPointer { weights in
            hourLoad.withUnsafeBufferPointer { load in
                tickDemand.withUnsafeMutableBufferPointer { out in
                    for (i, b) in blades.enumerated() {
                        let row = b * stride
                        var demand = 0.0
                        for p in 0..<profiles { demand += weights[row + p] * load[p] }
                        out[i] = demand
                    }
                }
            }
        }
    }

    /// A running VM's own demand at this hour (before the blade's noise).
    func vmDemand(_ v: Int, hour: Int, now: Double) -> Double {
        if model.vmTrace[v] >= 0 { return model.vmVCPU[v] * model.traces.utilisation(Int(model.vmTrace[v]), at: now) }
        return peakCores(v) * Double(model.curves[Int(model.vmProfile[v])][hour])
    }

    /// Turns a day's utilisation samples into its median, 95th percentile and maximum
    /// (sorting the samples in place: no allocation per day).
    mutating func closeDay(pool: Int) {
        dayUtilisation[pool].sort()
        outcome.dailyUtilisationP50[pool].append(Float(SampleStatistics.quantile(sorted: dayUtilisation[pool], 0.5)))
        outcome.dailyUtilisationP95[pool].append(Float(SampleStatistics.quantile(sorted: dayUtilisation[pool], 0.95)))
        outcome.dailyUtilisationMax[pool].append(Float(dayUtilisation[pool].last ?? 0))
        outcome.dailyBladesDownMax[pool].append(Float(poolDayBladesDownMax[pool]))
        dayUtilisation[pool].removeAll(keepingCapacity: true)
        poolDayBladesDownMax[pool] = poolBladesDown[pool]
    }

    /// Closes every open interval at the horizon and computes restart-latency percentiles.
    mutating func finish() {
        for ts in 0..<tsDownInstances.count where tsDownInstances[ts] > 0 {
            outcome.downtimeSeconds[ts] += horizon - tsDownSince[ts]
        }
        for v in 0..<model.vmCount where vmState[v] == .stranded { endStranded(v, at: horizon) }
        for b in 0..<model.bladeCount where !bladeAvailable[b] {
            outcome.bladeDownSeconds[Int(model.bladePool[b])] += horizon - bladeDownSince[b]
        }
        for p in 0..<dayUtilisation.count where !dayUtilisation[p].isEmpty { closeDay(pool: p) }
        var byTS = [[Double]](repeating: [], count: tsDownInstances.count)
        for (ts, seconds) in zip(latencyTS, latencySeconds) { byTS[Int(ts)].append(seconds) }
        for ts in 0..<byTS.count where !byTS[ts].isEmpty {
            let sorted = byTS[ts].sorted()
            outcome.restarts[ts] = Int32(sorted.count)
            outcome.latencyP50[ts] = SampleStatistics.quantile(sorted: sorted, 0.5)
            outcome.latencyP95[ts] = SampleStatistics.quantile(sorted: sorted, 0.95)
            outcome.latencyMax[ts] = sorted.last!
        }
    }
}

/// What one replication measured. Per tenant-system arrays are indexed like
/// `SimulationModel.tenantSystems`; per pool arrays like `poolNames`.
struct ReplicationOutcome: Sendable {
    var downtimeSeconds: [Double]
    var outages: [Int32]
    var restarts: [Int32]
    /// Restart latency (failure to service back) percentiles in seconds; NaN without restarts.
    var latencyP50: [Double]
    var latencyP95: [Double]
    var latencyMax: [Double]
    var strandedSeconds: [Double]
    var contentionMinutes: [Double]
    var unservedCoreHours: [Double]
    var dailyUtilisationP50: [[Float]]
    var dailyUtilisationP95: [[Float]]
    var dailyUtilisationMax: [[Float]]
    var dailyBladesDownMax: [[Float]]
    var bladeDownSeconds: [Double]
    var bladeFailures = 0
    var chassisFailures = 0
    var arrayFailures = 0
    var siteFailures = 0
    var failbacks = 0
    var events: UInt64 = 0
    var eventLoopSeconds: Double = 0

    init(tenantSystems n: Int, pools: Int) {
        downtimeSeconds = [Double](repeating: 0, count: n)
        outages = [Int32](repeating: 0, count: n)
        restarts = [Int32](repeating: 0, count: n)
        latencyP50 = [Double](repeating: .nan, count: n)
        latencyP95 = [Double](repeating: .nan, count: n)
        latencyMax = [Double](repeating: .nan, count: n)
        strandedSeconds = [Double](repeating: 0, count: n)
        contentionMinutes = [Double](repeating: 0, count: n)
        unservedCoreHours = [Double](repeating: 0, count: n)
        dailyUtilisationP50 = [[Float]](repeating: [], count: pools)
        dailyUtilisationP95 = [[Float]](repeating: [], count: pools)
        dailyUtilisationMax = [[Float]](repeating: [], count: pools)
        dailyBladesDownMax = [[Float]](repeating: [], count: pools)
        bladeDownSeconds = [Double](repeating: 0, count: pools)
    }
}

extension Replication {
    /// Every bookkeeping identity of the state, as messages (empty when consistent): blade
    /// allocations equal their VMs' sizes, running counts match, no VM runs on a blade that is
    /// down, pending lists hold only waiting VMs, demand weights sum the running VMs. For tests;
    /// O(VMs + blades × profiles).
    func invariantViolations() -> [String] {
        var problems: [String] = []
        var vcpu = [Double](repeating: 0, count: model.bladeCount), memory = vcpu
        var running = [Int32](repeating: 0, count: instanceRunning.count)
        for v in 0..<model.vmCount {
            let b = Int(vmBlade[v])
            if b >= 0 {
                vcpu[b] += model.vmVCPU[v]
                memory[b] += model.vmMemory[v]
                if !bladeVMs[b].contains(Int32(v)) { problems.append("VM \(v) not listed on blade \(b)") }
                if !bladeAvailable[b] { problems.append("VM \(v) on unavailable blade \(b)") }
            }
            switch vmState[v] {
            case .running:
                running[Int(model.vmInstance[v])] += 1
                if b < 0 { problems.append("running VM \(v) has no blade") }
            case .booting:
                if b < 0 || vmBootEvent[v] == nil { problems.append("booting VM \(v) without blade or event") }
            case .awaitingDetection, .stranded:
                if b >= 0 { problems.append("waiting VM \(v) holds blade \(b)") }
                if !pending[Int(model.vmPool[v])].contains(Int32(v)) { problems.append("waiting VM \(v) not pending") }
            case .storageDown:
                if isUp(array: Int(model.vmArray[v])) { problems.append("VM \(v) storage-down with its array up") }
            case .notJoined:
                if b >= 0 { problems.append("VM \(v) placed before its tenant joined") }
            }
        }
        for b in 0..<model.bladeCount {
            if abs(vcpu[b] - bladeAllocVCPU[b]) > 1e-6 || abs(memory[b] - bladeAllocMemory[b]) > 1e-6 {
                problems.append("blade \(b) allocation \(bladeAllocVCPU[b])/\(bladeAllocMemory[b]) ≠ \(vcpu[b])/\(memory[b])")
            }
            if bladeAvailable[b] != isAvailable(blade: b) { problems.append("blade \(b) availability cache stale") }
        }
        if running != instanceRunning { problems.append("instance running counts differ") }
        // Demand weights: exactly the running, untraced VMs at this year's scale.
        var weights = [Double](repeating: 0, count: bladeWeights.count)
        for v in 0..<model.vmCount where vmState[v] == .running && model.vmTrace[v] < 0 && vmBlade[v] >= 0 {
            weights[Int(vmBlade[v]) * profileCount + Int(model.vmProfile[v])] += peakCores(v)
        }
        if let i = weights.indices.first(where: { abs(weights[$0] - bladeWeights[$0]) > 1e-6 }) {
            problems.append("blade \(i / profileCount) profile \(i % profileCount) demand weight \(bladeWeights[i]) ≠ \(weights[i])")
        }
        return problems
    }
}
