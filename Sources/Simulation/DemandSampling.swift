import SimKernel
import Stochastics

/// Demand sampled in every pool each `demand_step_minutes`: each available blade's demand is
/// the calendar profiles' load on its running VMs (or their traces), times lognormal noise drawn
/// for the blade; an overload counts as contention and unserved core-hours against the tenants
/// whose VMs run there, and the pool's utilisation feeds its daily statistics. The blades' energy
/// is sampled alike: each blade's draw at the sample holds for the step. `demand_sampling` says
/// whether every blade draws (`BladeSampler`) or only those that could be overloaded
/// (`AggregateSampler`).
final class DemandSampling: SimulationProcess {
    enum Kind: UInt32 {
        /// Demand is sampled in a pool (subject).
        case tick
    }

    let events: ProcessEvents
    let horizon: Double
    /// Seconds between samples, and samples per day.
    let step: Double
    let ticksPerDay: Int
    /// The blades' loop, by `DemandSamplingMethod`: exactly one is set (two constants rather
    /// than an enum, whose payload a sample would retain and release). Either draws its noise
    /// factors from the 4,096 equally likely quantiles of a lognormal with mean 1 and
    /// coefficient of variation `demand_noise_cv`.
    let perBlade: BladeSampler?
    let aggregate: AggregateSampler?
    var tickNumber = 0
    /// Pool samples taken so far, and per tenant-system the sample that last counted contention
    /// against it.
    var tsStamp: [Int]
    /// Each profile's load at each calendar hour, hour-major (`profiles` values an hour), as
    /// `Double`: a sample reads its hour's row in place.
    let loadTable: [Double]
    let profiles: Int
    let curveLength: Int
    /// Per pool: utilisation samples of the current day, `ticksPerDay` slots a pool (flat, so
    /// that a sample writes one value and nothing is allocated), and how many are filled.
    var dayUtilisation: [Double]
    var daySamples: [Int]
    /// Scratch of `closeDay`: a day's samples, sorted.
    var daySorted: [Double] = []

    init(_ setup: ProcessSetup) {
        let model = setup.model
        events = setup.events
        horizon = setup.horizon
        step = model.settings.demandStepMinutes * 60
        ticksPerDay = Swift.max(1, Int((86_400 / step).rounded()))
        let cv = model.settings.demandNoiseCV
        var noise = [1.0]
        if cv > 0 {
            let d = Distribution.lognormal(mean: 1, coefficientOfVariation: cv)
            noise = (0..<4_096).map { d.quantile((Double($0) + 0.5) / 4_096) }
        }
        switch model.settings.demandSampling {
        case .perBlade:
            let streams = cv > 0 ? (0..<model.bladeCount).map { model.stream(.noise, $0, seed: setup.seed, replication: setup.replication) } : []
            perBlade = BladeSampler(model: model, noise: noise, streams: streams,
                                    largestPool: model.poolBlades.map(\.count).max() ?? 0)
            aggregate = nil
        case .aggregate:
            perBlade = nil
            aggregate = AggregateSampler(setup, noise: noise)
        }
        profiles = model.curves.count
        curveLength = model.curves.first?.count ?? 1
        var table = [Double](repeating: 0, count: Swift.max(profiles * curveLength, 1))
        for (p, curve) in model.curves.enumerated() {
            for (hour, load) in curve.enumerated() { table[hour * profiles + p] = Double(load) }
        }
        loadTable = table
        tsStamp = [Int](repeating: -1, count: model.tenantSystems.count)
        dayUtilisation = [Double](repeating: 0, count: model.poolNames.count * ticksPerDay)
        daySamples = [Int](repeating: 0, count: model.poolNames.count)
    }

    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {
        if !state.model.poolNames.isEmpty { events.schedule(Kind.tick.rawValue, subject: 0, at: 0, &kernel) }
    }

    /// Samples every pool, in pool order, in one kernel event a step. The same as one event a
    /// pool at the same time: a sample changes no shared state (nothing for the processes to
    /// hear in between) and schedules nothing but the next tick, so no other event can fall
    /// between the pools' samples of one time; each sample still counts as an event
    /// (`ReplicationOutcome.events`).
    func handle(_ kind: UInt32, subject _: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        let now = kernel.now
        let hour = Int(now / 3_600) % curveLength
        let pools = state.model.poolNames.count
        loadTable.withUnsafeBufferPointer { table in
            let load = UnsafeBufferPointer(rebasing: table[(hour * profiles)..<(hour * profiles + profiles)])
            if let aggregate {
                aggregate.prepareDraws()
                for pool in 0..<pools {
                    tickNumber += 1
                    record(pool: pool, sample(aggregate, pool: pool, hour: hour, now: now, load: load, &state), &state)
                }
            } else if let perBlade {
                for pool in 0..<pools {
                    tickNumber += 1
                    record(pool: pool, sample(perBlade, pool: pool, hour: hour, now: now, load: load, &state), &state)
                }
            }
        }
        state.outcome.events &+= UInt64(pools - 1)
        let next = now + step
        if next < horizon { events.schedule(Kind.tick.rawValue, subject: 0, at: next, &kernel) }
    }

    /// Records pool `pool`'s sample: its energy for the step and its utilisation for the day.
    private func record(pool: Int, _ sums: (demand: Double, capacity: Double, watts: Double), _ state: inout ReplicationState) {
        assert(state.changes.isEmpty, "a demand sample changed the shared state")
        state.outcome.bladeEnergyKWh[pool] += sums.watts * step / 3_600_000
        let utilisation = sums.capacity > 0 ? sums.demand / sums.capacity : (sums.demand > 0 ? 1 : 0)
        dayUtilisation[pool * ticksPerDay + daySamples[pool]] = utilisation
        daySamples[pool] += 1
        if daySamples[pool] >= ticksPerDay { closeDay(pool: pool, &state) }
    }

    /// Every blade of the pool drawn and counted one by one: the pool's demand and capacity
    /// (cores) and draw (watts, summed in blade order).
    func sample(_ sampler: BladeSampler, pool: Int, hour: Int, now: Double, load: UnsafeBufferPointer<Double>,
                _ state: inout ReplicationState) -> (demand: Double, capacity: Double, watts: Double) {
        let blades = state.model.poolBlades[pool]
        if !state.model.traces.series.isEmpty {
            for b in blades where state.condition.bladeAvailable[b] {
                sampler.traced[b - blades.lowerBound] = state.traceDemand(onBlade: b, at: now)
            }
        }
        let stride = state.profileCount, withTraces = !state.model.traces.series.isEmpty
        let sums = state.bladeWeights.withUnsafeBufferPointer { weights in
            state.condition.bladeAvailable.withUnsafeBufferPointer { available in
                sampler.sample(blades: blades, weights: weights, stride: stride, load: load, available: available, withTraces: withTraces)
            }
        }
        for k in 0..<sums.unavailable {
            let i = Int(sampler.unavailable[k])
            sampler.watts[i] = unavailableWatts(blade: blades.lowerBound + i, &state)
        }
        for k in 0..<sums.overloaded {
            let i = Int(sampler.overloaded[k]), b = blades.lowerBound + i
            countOverload(blade: b, demand: sampler.demand[i], capacity: sampler.capacity[b], hour: hour, now: now, &state)
        }
        var watts = 0.0
        for i in 0..<blades.count { watts += sampler.watts[i] }
        return (sums.demand, sums.capacity, watts)
    }

    /// Only the blades that could be overloaded drawn one by one (`AggregateSampler`).
    func sample(_ sampler: AggregateSampler, pool: Int, hour: Int, now: Double, load: UnsafeBufferPointer<Double>,
                _ state: inout ReplicationState) -> (demand: Double, capacity: Double, watts: Double) {
        let sums = sampler.sample(pool: pool, hour: hour, now: now, load: load, &state)
        let view = sampler.views[pool]
        var watts = view.idleWatts + sums.watts
        for b in view.unavailable { watts += unavailableWatts(blade: Int(b), &state) }
        for k in 0..<sampler.overloaded.count {
            let (b, demand) = sampler.overloaded[k]
            countOverload(blade: b, demand: demand, capacity: state.model.bladeUsableCores[b], hour: hour, now: now, &state)
        }
        return (sums.demand, sums.capacity, watts)
    }

    /// What an unavailable blade draws for this sample, watts, by its `BladeTime`: nothing if it
    /// is not delivered or down (it, its chassis or its site); idle while it drains or wakes;
    /// the standby draw in standby, whose blade-seconds are counted at the same samples (so that
    /// the saving is exact against a run without standby).
    func unavailableWatts(blade b: Int, _ state: inout ReplicationState) -> Double {
        switch state.condition.bladeOut[b].time {
        case .inService, .notDelivered, .siteDown, .chassisDown, .bladeFailed: return 0
        case .draining, .booting: return state.model.bladeIdleWatts[b]
        case .standby:
            state.outcome.standbyBladeSeconds[Int(state.model.bladePool[b])] += step
            return state.model.settings.powerManagement.standbyWatts
        }
    }

    /// Shares an overloaded blade's unserved cores among its running VMs by their own demand.
    func countOverload(blade b: Int, demand: Double, capacity: Double, hour: Int, now: Double,
                                _ state: inout ReplicationState) {
        let overload = demand - capacity
        let stepHours = step / 3_600
        for v32 in state.bladeVMs[b] where state.vmState[Int(v32)] == .running {
            let v = Int(v32)
            let ts = Int(state.model.vmTenantSystem[v])
            let share = vmDemand(v, hour: hour, now: now, &state) / demand
            state.outcome.unservedCoreHours[ts] += overload * share * stepHours
            if tsStamp[ts] != tickNumber {
                tsStamp[ts] = tickNumber
                state.outcome.contentionMinutes[ts] += step / 60
            }
        }
    }

    /// A running VM's own demand at this hour (before the blade's noise; state only read).
    func vmDemand(_ v: Int, hour: Int, now: Double, _ state: inout ReplicationState) -> Double {
        let trace = Int(state.model.vmTrace[v])
        if trace >= 0 { return state.model.vmVCPU[v] * state.model.traces.utilisation(trace, at: now) }
        return state.peakCores(v) * Double(state.model.curves[Int(state.model.vmProfile[v])][hour])
    }

    /// Turns a day's utilisation samples into its median, 95th percentile and maximum (sorting
    /// a copy in `daySorted`, which keeps its capacity: no allocation per day).
    func closeDay(pool: Int, _ state: inout ReplicationState) {
        let count = daySamples[pool], start = pool * ticksPerDay
        if daySorted.count != count { daySorted = [Double](repeating: 0, count: count) }
        if count <= Self.insertionSortLimit {
            dayUtilisation.withUnsafeBufferPointer { day in
                daySorted.withUnsafeMutableBufferPointer { Self.insertionSort(day[start..<(start + count)], into: $0) }
            }
        } else {
            // Insertion sort is quadratic: a day of 1-minute samples (1,440) takes the library's
            // sort, which is stable too, so the order is the same.
            for k in 0..<count { daySorted[k] = dayUtilisation[start + k] }
            daySorted.sort()
        }
        state.outcome.dailyUtilisationP50[pool].append(Float(SampleStatistics.quantile(sorted: daySorted, 0.5)))
        state.outcome.dailyUtilisationP95[pool].append(Float(SampleStatistics.quantile(sorted: daySorted, 0.95)))
        state.outcome.dailyUtilisationMax[pool].append(Float(daySorted.last ?? 0))
        state.outcome.dailyBladesDownMax[pool].append(Float(state.condition.poolDayBladesDownMax[pool]))
        daySamples[pool] = 0
        state.startDay(pool: pool)
    }

    /// Days of at most this many samples are sorted by insertion alone.
    static let insertionSortLimit = 96

    /// `values` sorted ascending into `sorted` (of the same count), stably: a day holds a few
    /// dozen samples (24 at the default step), where insertion sort is the fastest; the general
    /// sort was 3% of the event loop. O(n²) comparisons at worst, O(n) on sorted input.
    static func insertionSort(_ values: Slice<UnsafeBufferPointer<Double>>, into sorted: UnsafeMutableBufferPointer<Double>) {
        var n = 0
        for x in values {
            var i = n
            while i > 0, x < sorted[i - 1] {
                sorted[i] = sorted[i - 1]
                i -= 1
            }
            sorted[i] = x
            n += 1
        }
    }

    func finish(_ state: inout ReplicationState) {
        for p in 0..<daySamples.count where daySamples[p] > 0 { closeDay(pool: p, &state) }
    }
}
