import Stochastics

/// Demand samples by `DemandSamplingMethod.aggregate`: per pool and sample, the blades that
/// could be overloaded (and those with traced VMs) draw their own noise and are counted as
/// `BladeSampler` counts every blade; the pool's sums over the others take their exact mean and
/// variance under the noise (from `PoolDemandMoments`) and one normal draw. The noise factors are
/// the same 4,096 lognormal quantiles; a blade's factor at its pool's sample k is draw k of its
/// own counter stream ("noise/POOL/i"), the pool's normal draw k of "noise/POOL", so a draw
/// depends only on the component and the sample, in every variant.
///
/// O(profiles² + blades sampled one by one × profiles + unavailable blades) per sample.
final class AggregateSampler {
    let noise: [Double]
    /// The noise factors' mean and variance (of the 4,096 quantiles, not of the lognormal) and
    /// the largest factor.
    let noiseMean: Double
    let noiseVariance: Double
    let largestFactor: Double
    /// Each profile's highest load over the calendar, and each calendar hour's load level
    /// ℓ = max_p load / highest load (see `PoolDemandMoments`).
    let peakLoad: [Double]
    let loadLevel: [Double]
    let bladeStreams: [CounterStream]
    let poolStreams: [CounterStream]
    let moments: [PoolDemandMoments]
    /// Per pool: what a sample reads of `moments`, and the version it was built at.
    var views: [PoolDemandView]
    /// Per pool: samples taken so far (the counter of the next draws).
    var samples: [UInt64]
    /// Per pool: the standard normal deviate of its next sample's draw, made by `prepareDraws`
    /// (valid while `samples` has not moved since).
    private var nextDeviate: [Double]
    private var nextDeviateSample: [UInt64]
    /// Per blade, copied from the model once: usable cores, draw above idle at full use (watts)
    /// and κ (`PoolDemandMoments.kappa`).
    let usableCores: [Double]
    let activeWatts: [Double]
    let kappa: [Double]
    /// Each pool's sums over its ranked blades and how far its candidates reach in the ranking,
    /// kept per load class until its moments are rebuilt.
    var cache: LoadClassCache
    /// Scratch of the current sample: the blades sampled one by one that are overloaded, with
    /// their demand (cores).
    var overloaded: [(blade: Int, demand: Double)] = []
    /// Scratch of the current sample: the risk-ranked blades that could be overloaded at their
    /// demand before noise (cores), in rank order.
    private(set) var candidates: [(blade: Int, demand: Double)] = []

    init(_ setup: ProcessSetup, noise: [Double]) {
        let model = setup.model
        self.noise = noise
        let mean = noise.reduce(0, +) / Double(noise.count)
        noiseMean = mean
        noiseVariance = noise.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(noise.count)
        largestFactor = noise.max() ?? 1
        let peaks = model.curves.map { Double($0.max() ?? 0) }
        peakLoad = peaks
        let length = model.curves.first?.count ?? 1
        loadLevel = (0..<length).map { hour in
            model.curves.indices.reduce(0.0) { level, p in
                peaks[p] > 0 ? Swift.max(level, Double(model.curves[p][hour]) / peaks[p]) : level
            }
        }
        bladeStreams = (0..<model.bladeCount).map {
            CounterStream(seed: setup.seed, stream: setup.replication, keyHash: model.streamKeyHash(.noise, $0))
        }
        poolStreams = model.poolNames.indices.map {
            CounterStream(seed: setup.seed, stream: setup.replication, keyHash: model.poolNoiseKeyHash($0))
        }
        moments = model.poolNames.indices.map { _ in PoolDemandMoments(profiles: model.curves.count) }
        samples = [UInt64](repeating: 0, count: model.poolNames.count)
        nextDeviate = [Double](repeating: 0, count: model.poolNames.count)
        nextDeviateSample = [UInt64](repeating: .max, count: model.poolNames.count)
        views = moments.map(\.view)
        cache = LoadClassCache(curves: model.curves, pools: model.poolNames.count)
        usableCores = model.bladeUsableCores
        activeWatts = (0..<model.bladeCount).map { model.bladePeakWatts[$0] - model.bladeIdleWatts[$0] }
        kappa = (0..<model.bladeCount).map { PoolDemandMoments.kappa($0, model) }
    }

    /// What a sample of a pool adds up over its available blades: demand and capacity (cores),
    /// draw above idle (watts); `overloaded` lists the overloaded blades. Unavailable blades are
    /// left to the caller (`views[pool].unavailable`).
    struct Sums {
        var demand = 0.0
        var capacity = 0.0
        var watts = 0.0
    }

    /// Draws every pool's normal deviate for its next sample, in one loop: each is a latency
    /// chain of about 70 cycles (the counter hash, the quantile's rational function) with nothing
    /// to overlap it inside a sample, while the pools' chains are independent and overlap here.
    /// The same values a sample would draw itself (a draw depends only on its pool and counter).
    func prepareDraws() {
        guard noiseVariance > 0 else { return }
        for p in samples.indices {
            nextDeviate[p] = NormalQuantile.standard(poolStreams[p].uniformPositive(samples[p]))
            nextDeviateSample[p] = samples[p]
        }
    }

    /// Samples pool `pool` at calendar hour `hour`; `load` holds the profiles' loads at that hour.
    /// Of the blades whose risk bound says they could be overloaded, those whose demand times the
    /// largest factor exceeds their capacity are sampled one by one and taken off the moments.
    func sample(pool index: Int, hour: Int, now: Double, load: UnsafeBufferPointer<Double>, _ state: inout ReplicationState) -> Sums {
        if views[index].version != state.poolDemandChange[index] {
            moments[index].rebuild(blades: state.model.poolBlades[index], peakLoad: peakLoad, &state)
            views[index] = moments[index].view
            views[index].version = state.poolDemandChange[index]
            cache.rebuilt(pool: index)
        }
        let k = samples[index]
        samples[index] += 1
        if !overloaded.isEmpty { overloaded.removeAll(keepingCapacity: true) }
        let pool = views[index]
        var sums = Sums(capacity: pool.capacity, watts: 0)
        for b in pool.traced {
            one(Int(b), demand: demand(Int(b), load: load, &state) + state.traceDemand(onBlade: Int(b), at: now), sample: k, &sums)
        }
        let slot = cache.slot(pool: index, hour: hour)
        let kept = slot.flatMap { cache.kept($0, pool: index) }
        let testEnd = findCandidates(pool, level: loadLevel[hour] * largestFactor, load: load, weights: state.bladeWeights,
                                     stride: state.profileCount, limit: kept.map { Int($0.testEnd) } ?? Int.max)
        var sampledOnce = PoolDemandMoments.Sums()
        for (b, d) in candidates {
            sampledOnce.add(demand: d, kappa: kappa[b])
            one(b, demand: d, sample: k, &sums)
        }
        var rest: PoolDemandMoments.Sums
        if let kept {
            rest = kept.sums
        } else {
            rest = pool.sums(load: load, profiles: load.count)
            if let slot { cache.keep(slot, pool: index, .init(sums: rest, testEnd: Int32(testEnd))) }
        }
        rest.demand -= sampledOnce.demand
        rest.kappaDemand -= sampledOnce.kappaDemand
        rest.square -= sampledOnce.square
        rest.kappaSquare -= sampledOnce.kappaSquare
        addRest(rest, pool: index, sample: k, &sums)
        return sums
    }

    /// Blade `b`'s profile demand at loads `load`, cores.
    private func demand(_ b: Int, load: UnsafeBufferPointer<Double>, _ state: inout ReplicationState) -> Double {
        let row = b * state.profileCount
        var d = 0.0
        for p in 0..<load.count { d += state.bladeWeights[row + p] * load[p] }
        return d
    }

    /// `candidates` anew: the blades of `pool` whose risk bound times `level` exceeds 1 (a
    /// prefix of `byRisk`), among the first `limit`, and whose demand at `load` times the largest
    /// factor exceeds their usable cores, with that demand (summed in profile order, as `demand`
    /// sums it). Returns one past the last candidate's rank (0 without one): a `limit` at least
    /// that gives the same candidates. O(blades tested × profiles), on plain memory: this is the
    /// hot loop of a busy hour.
    private func findCandidates(_ pool: PoolDemandView, level: Double, load: UnsafeBufferPointer<Double>,
                                weights: [Double], stride: Int, limit: Int) -> Int {
        // (Emptying an empty array still goes through `replaceSubrange`: 2.7% of the event loop.)
        if !candidates.isEmpty { candidates.removeAll(keepingCapacity: true) }
        let factor = largestFactor, profiles = load.count, risk = pool.risk, byRisk = pool.byRisk
        let end = Swift.min(limit, risk.count)
        var testEnd = 0
        weights.withUnsafeBufferPointer { weights in
            usableCores.withUnsafeBufferPointer { cores in
                var i = 0
                while i < end, risk[i] * level > 1 {
                    let b = Int(byRisk[i])
                    i += 1
                    let row = weights.baseAddress! + b * stride
                    var d = 0.0
                    for p in 0..<profiles { d += row[p] * load[p] }
                    if d * factor > cores[b] {
                        candidates.append((b, d))
                        testEnd = i
                    }
                }
            }
        }
        return testEnd
    }

    /// Blade `b`'s own sample of demand `d` (before noise): times its noise factor, its draw
    /// above idle, and whether it is overloaded; the same arithmetic as `BladeSampler`.
    private func one(_ b: Int, demand d: Double, sample k: UInt64, _ sums: inout Sums) {
        var d = d
        if noise.count > 1 { d *= noise[Int(bladeStreams[b].bits(k) >> 52)] }
        let cores = usableCores[b]
        sums.demand += d
        sums.watts += activeWatts[b] * Swift.min(Swift.max(d / cores, 0), 1)
        if d > cores { overloaded.append((b, d)) }
    }

    /// Adds the sums over the blades not sampled one by one: each at its mean, plus a common
    /// normal deviation with the sum's exact variance; the draw's deviation is the demand's times
    /// the regression Σ κ d² / Σ d² (exact when the blades share κ, as blades of one model do).
    private func addRest(_ rest: PoolDemandMoments.Sums, pool: Int, sample k: UInt64, _ sums: inout Sums) {
        let square = Swift.max(rest.square, 0)
        var deviation = 0.0
        if noiseVariance > 0, square > 0 {
            let z = nextDeviateSample[pool] == k ? nextDeviate[pool] : NormalQuantile.standard(poolStreams[pool].uniformPositive(k))
            deviation = (noiseVariance * square).squareRoot() * z
        }
        sums.demand += Swift.max(0, noiseMean * rest.demand + deviation)
        let slope = square > 0 ? rest.kappaSquare / square : 0
        sums.watts += Swift.max(0, noiseMean * rest.kappaDemand + slope * deviation)
    }
}
