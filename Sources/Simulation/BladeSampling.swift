import Stochastics

/// The blades' demand noise generators on flat memory: blade `b`'s xoshiro256** state is words
/// `4b..<4b+4`, copied from its `RandomStream` (`ComponentStream.noise`), so that a draw is a few
/// inlined instructions instead of a call through GSL, with the same outputs as
/// `RandomStream.next32()` (the upper 32 bits of the generator's 64-bit output).
struct NoiseGenerators {
    private(set) var words: [UInt64]

    /// One generator per stream, in the streams' order, each starting where its stream is now.
    init(_ streams: [RandomStream]) {
        words = []
        words.reserveCapacity(streams.count * 4)
        for s in streams { words.append(contentsOf: s.stateWords) }
    }

    /// One step of xoshiro256** (Blackman and Vigna 2018) on the four words at `state`:
    /// advances them and returns the upper 32 bits of the output.
    @inline(__always)
    static func next32(_ state: UnsafeMutablePointer<UInt64>) -> UInt32 {
        let s1 = state[1]
        let product = s1 &* 5
        let result = ((product << 7) | (product >> 57)) &* 9
        let t = s1 << 17
        state[2] ^= state[0]
        state[3] ^= s1
        state[1] = s1 ^ state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = (state[3] << 45) | (state[3] >> 19)
        return UInt32(truncatingIfNeeded: result >> 32)
    }
}

/// One demand sample of a pool's blades, on plain memory: the hot loop of a simulation
/// (O(blades × profiles) per sample, no allocation, no call out of the loop).
///
/// For each blade of the pool in order it draws the blade's noise (whether the blade is up or
/// not, so that every blade's stream advances once per sample), and for an available blade
/// computes its demand, cores: Σ_p weight × load, plus its traced demand, times the noise; and its
/// draw, watts, linear from idle to peak in utilisation capped at 1. It adds demand and capacity
/// to the pool's sums in blade order (so the sums round as that order does) and lists the blades
/// the caller finishes itself: unavailable ones (whose draw depends on their condition) and
/// overloaded ones (demand above capacity).
///
/// Owns copies of the blades' constant figures, their generators and its scratch buffers, all
/// allocated once per replication; outputs are indexed by the blade's position in its pool.
final class BladeSampler {
    /// Per blade: usable cores, idle and peak draw (watts).
    let capacity: UnsafeMutableBufferPointer<Double>
    let idleWatts: UnsafeMutableBufferPointer<Double>
    let peakWatts: UnsafeMutableBufferPointer<Double>
    /// Equally likely noise factors; one entry means no noise (nothing is drawn).
    let noise: UnsafeMutableBufferPointer<Double>
    /// Four xoshiro256** words per blade (empty without noise).
    let generators: UnsafeMutableBufferPointer<UInt64>
    /// Scratch by position in the pool: demand (cores), draw (watts), traced demand (cores).
    let demand: UnsafeMutableBufferPointer<Double>
    let watts: UnsafeMutableBufferPointer<Double>
    let traced: UnsafeMutableBufferPointer<Double>
    /// Scratch: positions of unavailable and of overloaded blades, `Sums` says how many.
    let unavailable: UnsafeMutableBufferPointer<Int32>
    let overloaded: UnsafeMutableBufferPointer<Int32>

    /// What a sample adds up: the pool's demand and capacity, cores, over available blades, and
    /// how many positions of `unavailable` and `overloaded` it filled.
    struct Sums {
        var demand = 0.0
        var capacity = 0.0
        var unavailable = 0
        var overloaded = 0
    }

    /// `largestPool` blades of scratch; `streams` one per blade, or none without noise.
    init(model: SimulationModel, noise: [Double], streams: [RandomStream], largestPool: Int) {
        capacity = Self.copy(model.bladeUsableCores)
        idleWatts = Self.copy(model.bladeIdleWatts)
        peakWatts = Self.copy(model.bladePeakWatts)
        self.noise = Self.copy(noise)
        generators = Self.copy(NoiseGenerators(streams).words)
        demand = .allocate(capacity: largestPool)
        watts = .allocate(capacity: largestPool)
        traced = .allocate(capacity: largestPool)
        traced.initialize(repeating: 0)
        unavailable = .allocate(capacity: largestPool)
        overloaded = .allocate(capacity: largestPool)
    }

    deinit {
        for buffer in [capacity, idleWatts, peakWatts, noise, demand, watts, traced] { buffer.deallocate() }
        generators.deallocate()
        unavailable.deallocate()
        overloaded.deallocate()
    }

    private static func copy<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: values.count)
        _ = buffer.initialize(from: values)
        return buffer
    }

    /// Samples blades `blades` (`weights` blade × `stride` + profile, `load` per profile;
    /// `traced` by position is added when `withTraces`): fills `demand` and `watts` by position
    /// (an unavailable blade's draw is left to the caller) and the two lists.
    func sample(blades: Range<Int>, weights: UnsafeBufferPointer<Double>, stride: Int,
                load: UnsafeBufferPointer<Double>, available: UnsafeBufferPointer<Bool>, withTraces: Bool) -> Sums {
        var sums = Sums()
        let noisy = noise.count > 1
        let profiles = load.count
        let words = generators.baseAddress
        for b in blades {
            let i = b - blades.lowerBound
            // 4,096 quantiles: the top 12 bits of a 32-bit draw pick one uniformly.
            let factor = noisy ? noise[Int(NoiseGenerators.next32(words! + 4 * b) >> 20)] : 1
            guard available[b] else {
                unavailable[sums.unavailable] = Int32(i)
                sums.unavailable += 1
                continue
            }
            let row = b * stride
            var d = 0.0
            for p in 0..<profiles { d += weights[row + p] * load[p] }
            if withTraces { d += traced[i] }
            if noisy { d *= factor }
            let cores = capacity[b]
            sums.demand += d
            sums.capacity += cores
            demand[i] = d
            watts[i] = idleWatts[b] + (peakWatts[b] - idleWatts[b]) * Swift.min(Swift.max(d / cores, 0), 1)
            if d > cores {
                overloaded[sums.overloaded] = Int32(i)
                sums.overloaded += 1
            }
        }
        return sums
    }
}
