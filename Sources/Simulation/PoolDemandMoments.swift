/// A pool's demand sums as functions of the profiles' loads, for `DemandSamplingMethod.aggregate`:
/// which blades are sampled one by one at a load level, and the moments of the others' demand.
///
/// A blade's profile demand at a sample is d = Σ_p W_p L_p (cores; W its peak cores per profile,
/// L the profiles' loads), at most ℓ × Σ_p W_p Lmax_p where ℓ = max_p L_p / Lmax_p is the
/// sample's load level. So a blade whose `risk` (that bound per usable core at ℓ = 1) times ℓ
/// times the largest noise factor is at most 1 can be neither overloaded nor above full
/// utilisation, whatever its noise: its draw is linear in its demand, and only the pool's sums of
/// demand and draw need it. Those sums over the blades past position k in `byRisk` are quadratic
/// forms in L, kept as suffix sums so that any k is one row.
///
/// Built from the state in O(blades × profiles²) when the pool's `poolDemandVersion` moves;
/// evaluated in O(profiles²) per sample.
struct PoolDemandMoments {
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
    /// Row k (0...byRisk.count), over blades byRisk[k...]: Σ W_p and Σ κ W_p (P each), then
    /// Σ W_p W_q and Σ κ W_p W_q over p ≤ q (P(P+1)/2 each, off-diagonal terms doubled), where
    /// κ = (peak − idle watts) / usable cores.
    var suffix: [Double] = []
    /// Doubles per row of `suffix`.
    let rowLength: Int
    let profiles: Int

    init(profiles: Int) {
        self.profiles = profiles
        rowLength = 2 * profiles + profiles * (profiles + 1)
        version = nil
    }

    /// Rebuilds from the state of pool `pool` (blades `blades`); `peakLoad` is each profile's
    /// highest load over the calendar.
    mutating func rebuild(blades: Range<Int>, peakLoad: [Double], _ state: inout ReplicationState) {
        let model = state.model, stride = state.profileCount
        traced.removeAll(keepingCapacity: true)
        unavailable.removeAll(keepingCapacity: true)
        capacity = 0
        idleWatts = 0
        var ranked: [(risk: Double, blade: Int32)] = []
        for b in blades {
            guard state.bladeAvailable[b] else { unavailable.append(Int32(b)); continue }
            capacity += model.bladeUsableCores[b]
            idleWatts += model.bladeIdleWatts[b]
            if state.bladeVMs[b].contains(where: { model.vmTrace[Int($0)] >= 0 }) {
                traced.append(Int32(b))
                continue
            }
            var bound = 0.0
            for p in 0..<profiles { bound += state.bladeWeights[b * stride + p] * peakLoad[p] }
            let cores = model.bladeUsableCores[b]
            ranked.append((cores > 0 ? bound / cores : (bound > 0 ? .infinity : 0), Int32(b)))
        }
        ranked.sort { $0.risk != $1.risk ? $0.risk > $1.risk : $0.blade < $1.blade }
        byRisk = ranked.map(\.blade)
        risk = ranked.map(\.risk)
        fillSuffix(state: &state)
    }

    /// Fills `suffix` from the last row (zeros) up. O(blades × profiles²).
    private mutating func fillSuffix(state: inout ReplicationState) {
        let n = byRisk.count, model = state.model, width = state.profileCount, pairs = profiles * (profiles + 1) / 2
        suffix = [Double](repeating: 0, count: (n + 1) * rowLength)
        for k in stride(from: n - 1, through: 0, by: -1) {
            let b = Int(byRisk[k]), row = k * rowLength, next = row + rowLength
            let cores = model.bladeUsableCores[b]
            let kappa = cores > 0 ? (model.bladePeakWatts[b] - model.bladeIdleWatts[b]) / cores : 0
            for i in 0..<rowLength { suffix[row + i] = suffix[next + i] }
            var pair = 2 * profiles
            for p in 0..<profiles {
                let wp = state.bladeWeights[b * width + p]
                suffix[row + p] += wp
                suffix[row + profiles + p] += kappa * wp
                for q in p..<profiles {
                    let product = (p == q ? 1 : 2) * wp * state.bladeWeights[b * width + q]
                    suffix[row + pair] += product
                    suffix[row + pair + pairs] += kappa * product
                    pair += 1
                }
            }
        }
    }

    /// Over blades byRisk[k...] at loads `load`: Σ d, Σ κ d, Σ d², Σ κ d². O(profiles²).
    func safeSums(from k: Int, load: UnsafeBufferPointer<Double>) -> (demand: Double, kappaDemand: Double, square: Double, kappaSquare: Double) {
        let row = k * rowLength, pairs = profiles * (profiles + 1) / 2
        var demand = 0.0, kappaDemand = 0.0, square = 0.0, kappaSquare = 0.0
        var pair = row + 2 * profiles
        for p in 0..<profiles {
            demand += suffix[row + p] * load[p]
            kappaDemand += suffix[row + profiles + p] * load[p]
            for q in p..<profiles {
                let l = load[p] * load[q]
                square += suffix[pair] * l
                kappaSquare += suffix[pair + pairs] * l
                pair += 1
            }
        }
        return (demand, kappaDemand, square, kappaSquare)
    }
}
