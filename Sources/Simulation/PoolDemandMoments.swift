/// A pool's demand sums as functions of the profiles' loads, for `DemandSamplingMethod.aggregate`:
/// which blades need sampling one by one at a load level, and the moments of all blades' demand.
///
/// A blade's profile demand at a sample is d = Σ_p W_p L_p (cores; W its peak cores per profile,
/// L the profiles' loads), at most ℓ × Σ_p W_p Lmax_p where ℓ = max_p L_p / Lmax_p is the
/// sample's load level. So a blade whose `risk` (that bound per usable core at ℓ = 1) times ℓ
/// times the largest noise factor is at most 1 can be neither overloaded nor above full
/// utilisation, whatever its noise: its draw is linear in its demand, and only the pool's sums of
/// demand and draw need it. Those sums over all blades are quadratic forms in L (`sums`); the
/// sampler takes off what the blades it samples one by one contribute.
///
/// Built from the state in O(blades × profiles²) when the pool's `poolDemandVersion` moves;
/// evaluated in O(profiles²) per sample. A class: the sampler reads one at every sample, and a
/// copy of a struct of five arrays cost five retains and releases there.
final class PoolDemandMoments {
    /// The pool's `ReplicationState.poolDemandVersion` these were built at.
    var version: UInt32?
    /// Available blades with a traced VM: always sampled one by one (their demand has no bound).
    var traced: [Int32] = []
    /// Available blades without traced VMs, by `risk`, highest first, and their risks.
    var byRisk: [Int32] = []
    var risk: [Double] = []
    /// Unavailable blades: each one's draw depends on its condition at the sample.
    var unavailable: [Int32] = []
    /// The available blades' usable cores and idle draw (watts).
    var capacity = 0.0
    var idleWatts = 0.0
    /// Over the blades of `byRisk`: Σ W_p and Σ κ W_p (P each), then Σ W_p W_q and Σ κ W_p W_q
    /// over p ≤ q (P(P+1)/2 each, off-diagonal terms doubled), where κ = (peak − idle watts) /
    /// usable cores.
    var moments: [Double]
    let profiles: Int

    /// What `sums` returns: Σ d, Σ κ d, Σ d², Σ κ d² over a set of blades.
    struct Sums {
        var demand = 0.0
        var kappaDemand = 0.0
        var square = 0.0
        var kappaSquare = 0.0

        /// Adds one blade of demand `d` and slope `kappa`.
        mutating func add(demand d: Double, kappa: Double) {
            demand += d
            kappaDemand += kappa * d
            square += d * d
            kappaSquare += kappa * d * d
        }
    }

    init(profiles: Int) {
        self.profiles = profiles
        moments = [Double](repeating: 0, count: 2 * profiles + profiles * (profiles + 1))
    }

    /// A blade's κ: its draw per core of demand above idle (watts per core).
    static func kappa(_ b: Int, _ model: SimulationModel) -> Double {
        let cores = model.bladeUsableCores[b]
        return cores > 0 ? (model.bladePeakWatts[b] - model.bladeIdleWatts[b]) / cores : 0
    }

    /// Rebuilds from the state of the pool's blades `blades`; `peakLoad` is each profile's
    /// highest load over the calendar. O(blades × profiles² + blades × log blades).
    func rebuild(blades: Range<Int>, peakLoad: [Double], _ state: inout ReplicationState) {
        let model = state.model, width = state.profileCount
        traced.removeAll(keepingCapacity: true)
        unavailable.removeAll(keepingCapacity: true)
        capacity = 0
        idleWatts = 0
        var ranked: [(risk: Double, blade: Int32)] = []
        ranked.reserveCapacity(blades.count)
        let anyTraces = !model.traces.series.isEmpty
        for b in blades {
            guard state.condition.bladeAvailable[b] else { unavailable.append(Int32(b)); continue }
            capacity += model.bladeUsableCores[b]
            idleWatts += model.bladeIdleWatts[b]
            if anyTraces, state.bladeVMs[b].contains(where: { model.vmTrace[Int($0)] >= 0 }) {
                traced.append(Int32(b))
                continue
            }
            var bound = 0.0
            for p in 0..<profiles { bound += state.bladeWeights[b * width + p] * peakLoad[p] }
            let cores = model.bladeUsableCores[b]
            ranked.append((cores > 0 ? bound / cores : (bound > 0 ? .infinity : 0), Int32(b)))
        }
        ranked.sort { $0.risk != $1.risk ? $0.risk > $1.risk : $0.blade < $1.blade }
        byRisk = ranked.map(\.blade)
        risk = ranked.map(\.risk)
        for i in moments.indices { moments[i] = 0 }
        for b in byRisk { add(Int(b), state: &state) }
    }

    /// Adds blade `b`'s weights to `moments`. O(profiles²).
    private func add(_ b: Int, state: inout ReplicationState) {
        let width = state.profileCount, pairs = profiles * (profiles + 1) / 2
        let kappa = Self.kappa(b, state.model)
        var pair = 2 * profiles
        for p in 0..<profiles {
            let wp = state.bladeWeights[b * width + p]
            moments[p] += wp
            moments[profiles + p] += kappa * wp
            for q in p..<profiles {
                let product = (p == q ? 1 : 2) * wp * state.bladeWeights[b * width + q]
                moments[pair] += product
                moments[pair + pairs] += kappa * product
                pair += 1
            }
        }
    }

    /// Σ d, Σ κ d, Σ d², Σ κ d² over the blades of `byRisk` at loads `load`. O(profiles²).
    func sums(load: UnsafeBufferPointer<Double>) -> Sums {
        let profiles = profiles, pairs = profiles * (profiles + 1) / 2
        precondition(load.count >= profiles && moments.count == 2 * profiles + 2 * pairs)
        return moments.withUnsafeBufferPointer { m in
            var sums = Sums()
            var pair = 2 * profiles
            for p in 0..<profiles {
                let lp = load[p]
                sums.demand += m[p] * lp
                sums.kappaDemand += m[profiles + p] * lp
                for q in p..<profiles {
                    let l = lp * load[q]
                    sums.square += m[pair] * l
                    sums.kappaSquare += m[pair + pairs] * l
                    pair += 1
                }
            }
            return sums
        }
    }
}
