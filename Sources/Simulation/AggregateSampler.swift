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
    var moments: [PoolDemandMoments]
    /// Per pool: samples taken so far (the counter of the next draws).
    var samples: [UInt64]
    /// Scratch of the current sample: the blades sampled one by one that are overloaded, with
    /// their demand (cores).
    var overloaded: [(blade: Int, demand: Double)] = []

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
        moments = [PoolDemandMoments](repeating: PoolDemandMoments(profiles: model.curves.count), count: model.poolNames.count)
        samples = [UInt64](repeating: 0, count: model.poolNames.count)
    }

    /// What a sample of a pool adds up over its available blades: demand and capacity (cores),
    /// draw above idle (watts); `overloaded` lists the overloaded blades. Unavailable blades are
    /// left to the caller (`moments[pool].unavailable`).
    struct Sums {
        var demand = 0.0
        var capacity = 0.0
        var watts = 0.0
    }

    /// Samples pool `pool` at calendar hour `hour`; `load` holds the profiles' loads at that hour.
    func sample(pool: Int, hour: Int, now: Double, load: UnsafeBufferPointer<Double>, _ state: inout ReplicationState) -> Sums {
        if moments[pool].version != state.poolDemandVersion[pool] {
            moments[pool].rebuild(blades: state.model.poolBlades[pool], peakLoad: peakLoad, &state)
            moments[pool].version = state.poolDemandVersion[pool]
        }
        let k = samples[pool]
        samples[pool] += 1
        overloaded.removeAll(keepingCapacity: true)
        var sums = Sums(capacity: moments[pool].capacity, watts: 0)
        for b in moments[pool].traced {
            one(Int(b), sample: k, load: load, withTrace: true, now: now, &sums, &state)
        }
        let level = loadLevel[hour] * largestFactor
        var first = 0
        while first < moments[pool].risk.count, moments[pool].risk[first] * level > 1 {
            one(Int(moments[pool].byRisk[first]), sample: k, load: load, withTrace: false, now: now, &sums, &state)
            first += 1
        }
        addSafe(pool: pool, from: first, sample: k, load: load, &sums)
        return sums
    }

    /// Blade `b`'s own sample: its demand times its noise factor, its draw above idle, and
    /// whether it is overloaded; the same arithmetic as `BladeSampler`.
    private func one(_ b: Int, sample k: UInt64, load: UnsafeBufferPointer<Double>, withTrace: Bool, now: Double,
                     _ sums: inout Sums, _ state: inout ReplicationState) {
        let model = state.model, row = b * state.profileCount
        var d = 0.0
        for p in 0..<load.count { d += state.bladeWeights[row + p] * load[p] }
        if withTrace { d += state.traceDemand(onBlade: b, at: now) }
        if noise.count > 1 { d *= noise[Int(bladeStreams[b].bits(k) >> 52)] }
        let cores = model.bladeUsableCores[b]
        sums.demand += d
        sums.watts += (model.bladePeakWatts[b] - model.bladeIdleWatts[b]) * Swift.min(Swift.max(d / cores, 0), 1)
        if d > cores { overloaded.append((b, d)) }
    }

    /// Adds the sums over byRisk[first...]: each at its mean, plus a common normal deviation with
    /// the sum's exact variance; the draw's deviation is the demand's times the regression
    /// Σ κ d² / Σ d² (exact when the pool's blades share κ, as blades of one model do).
    private func addSafe(pool: Int, from first: Int, sample k: UInt64, load: UnsafeBufferPointer<Double>, _ sums: inout Sums) {
        let safe = moments[pool].safeSums(from: first, load: load)
        var deviation = 0.0
        if noiseVariance > 0, safe.square > 0 {
            let z = Distribution.normal(mean: 0, standardDeviation: 1).quantile(poolStreams[pool].uniformPositive(k))
            deviation = (noiseVariance * safe.square).squareRoot() * z
        }
        sums.demand += Swift.max(0, noiseMean * safe.demand + deviation)
        let slope = safe.square > 0 ? safe.kappaSquare / safe.square : 0
        sums.watts += Swift.max(0, noiseMean * safe.kappaDemand + slope * deviation)
    }
}
