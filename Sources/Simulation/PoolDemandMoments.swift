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
/// evaluated in O(profiles²) per sample. A sample reads its `view` (plain memory, copied at each
/// rebuild): reading the arrays of a class instance at every sample cost a retain and a release
/// each.
final class PoolDemandMoments {
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

    /// What a sample reads, on buffers this object owns: a copy of `risk`, `byRisk`, `traced`,
    /// `unavailable` and `moments` made by each rebuild (`publish`). Valid until the next rebuild
    /// or the object's end; reading it costs no reference counting.
    private(set) var view = PoolDemandView()
    private var store = PoolDemandView.Storage(capacity: 0, width: 0)

    init(profiles: Int) {
        self.profiles = profiles
        moments = [Double](repeating: 0, count: 2 * profiles + profiles * (profiles + 1))
        store = PoolDemandView.Storage(capacity: 0, width: moments.count)
        publish()
    }

    deinit { store.deallocate() }

    /// Copies the figures a sample reads into `store` and points `view` at them. O(blades).
    private func publish() {
        let needed = Swift.max(byRisk.count, traced.count, unavailable.count)
        if store.capacity < needed {
            store.deallocate()
            store = PoolDemandView.Storage(capacity: needed, width: moments.count)
        }
        view = store.view(risk: risk, byRisk: byRisk, traced: traced, unavailable: unavailable, moments: moments,
                          capacity: capacity, idleWatts: idleWatts)
    }

    /// A blade's κ: its draw per core of demand above idle (watts per core).
    static func kappa(_ b: Int, _ model: borrowing SimulationModel) -> Double {
        let cores = model.bladeUsableCores[b]
        return cores > 0 ? (model.bladePeakWatts[b] - model.bladeIdleWatts[b]) / cores : 0
    }

    /// Per blade of the pool (index b − `first`), what the last rebuild computed from its weights:
    /// the weights (NaN before any), its risk and κ, and whether it was in `byRisk`. A rebuild
    /// recomputes only the blades whose weights changed since (usually one or two: a failure, a
    /// restart, a wake).
    private var first = 0
    private var seenWeights: [Double] = []
    private var bladeRisk: [Double] = []
    private var bladeKappa: [Double] = []
    private var ranked: [Bool] = []
    /// Scratch of a rebuild: each blade's status (0 not ranked, 1 ranked as before, 2 to rank
    /// anew), the blades to rank anew, and the ranking being built.
    private var status: [UInt8] = []
    private var fresh: [(risk: Double, blade: Int32)] = []
    private var nextByRisk: [Int32] = []
    private var nextRisk: [Double] = []


    /// Rebuilds from the state of the pool's blades `blades`; `peakLoad` is each profile's
    /// highest load over the calendar. O(blades × (profiles + terms) + c × profiles² + c log c)
    /// for c blades whose weights changed. The result is the same to the bit as building
    /// from nothing: terms are computed by the same arithmetic and added in `byRisk` order, and
    /// the ranking is a strict order (risk, then blade), so merging the unchanged blades' old
    /// order with the changed ones gives the one sort.
    func rebuild(blades: Range<Int>, peakLoad: [Double], _ state: inout ReplicationState) {
        let model = state.model
        if seenWeights.count != blades.count * profiles || first != blades.lowerBound {
            first = blades.lowerBound
            seenWeights = [Double](repeating: .nan, count: blades.count * profiles)
            bladeRisk = [Double](repeating: 0, count: blades.count)
            bladeKappa = blades.map { Self.kappa($0, model) }
            ranked = [Bool](repeating: false, count: blades.count)
            status = [UInt8](repeating: 0, count: blades.count)
        }
        traced.removeAll(keepingCapacity: true)
        unavailable.removeAll(keepingCapacity: true)
        fresh.removeAll(keepingCapacity: true)
        capacity = 0
        idleWatts = 0
        let anyTraces = !model.traces.series.isEmpty
        for b in blades {
            let i = b - first
            status[i] = 0
            guard state.condition.bladeAvailable[b] else { unavailable.append(Int32(b)); continue }
            capacity += model.bladeUsableCores[b]
            idleWatts += model.bladeIdleWatts[b]
            if anyTraces, state.bladeVMs[b].contains(where: { model.vmTrace[Int($0)] >= 0 }) {
                traced.append(Int32(b))
                continue
            }
            status[i] = 1
            if refresh(b, peakLoad: peakLoad, &state) || !ranked[i] {
                status[i] = 2
                fresh.append((bladeRisk[i], Int32(b)))
            }
        }
        rank()
        sumTerms()
        publish()
    }

    /// Recomputes blade `b`'s risk if its weights changed; returns whether they did.
    /// (`state` is inout only so that it is not copied: a copy of the state is 3.7 KB.)
    private func refresh(_ b: Int, peakLoad: [Double], _ state: inout ReplicationState) -> Bool {
        let i = b - first, stride = state.profileCount
        var same = true
        for p in 0..<profiles where seenWeights[i * profiles + p].bitPattern != state.bladeWeights[b * stride + p].bitPattern {
            same = false
            seenWeights[i * profiles + p] = state.bladeWeights[b * stride + p]
        }
        if same { return false }
        var bound = 0.0
        for p in 0..<profiles { bound += state.bladeWeights[b * stride + p] * peakLoad[p] }
        let cores = state.model.bladeUsableCores[b]
        bladeRisk[i] = cores > 0 ? bound / cores : (bound > 0 ? .infinity : 0)
        return true
    }

    /// `byRisk` and `risk` anew: the old ranking's blades that are still eligible and unchanged
    /// (`status` 1), merged with `fresh` sorted. O(blades + c log c).
    private func rank() {
        fresh.sort { $0.risk != $1.risk ? $0.risk > $1.risk : $0.blade < $1.blade }
        nextByRisk.removeAll(keepingCapacity: true)
        nextRisk.removeAll(keepingCapacity: true)
        var f = 0
        for (k, b) in byRisk.enumerated() where status[Int(b) - first] == 1 {
            while f < fresh.count, fresh[f].risk > risk[k] || (fresh[f].risk == risk[k] && fresh[f].blade < b) {
                nextByRisk.append(fresh[f].blade)
                nextRisk.append(fresh[f].risk)
                f += 1
            }
            nextByRisk.append(b)
            nextRisk.append(risk[k])
        }
        while f < fresh.count {
            nextByRisk.append(fresh[f].blade)
            nextRisk.append(fresh[f].risk)
            f += 1
        }
        swap(&byRisk, &nextByRisk)
        swap(&risk, &nextRisk)
        for b in nextByRisk { ranked[Int(b) - first] = false }
        for b in byRisk { ranked[Int(b) - first] = true }
    }

    /// `moments` = the ranked blades' terms, added in `byRisk` order: W_p, κ W_p, then for p ≤ q
    /// c W_p W_q and κ c W_p W_q with c = 1 on the diagonal, else 2, evaluated (c W_p) W_q.
    /// O(blades × terms). The terms are computed from the blades' weights as they are added
    /// (8 weights a blade read instead of 88 kept terms: the kept terms of every pool, 4.7 MB on
    /// japan-all, did not stay in cache between rebuilds, and reading them was most of a rebuild).
    private func sumTerms() {
        let profiles = profiles, pairs = profiles * (profiles + 1) / 2, first = first
        moments.withUnsafeMutableBufferPointer { m in
            for j in m.indices { m[j] = 0 }
            seenWeights.withUnsafeBufferPointer { weights in
                bladeKappa.withUnsafeBufferPointer { kappas in
                    for b in byRisk {
                        let i = Int(b) - first, kappa = kappas[i]
                        let w = UnsafeBufferPointer(rebasing: weights[(i * profiles)..<(i * profiles + profiles)])
                        var pair = 2 * profiles
                        for p in 0..<profiles {
                            let wp = w[p]
                            m[p] += wp
                            m[profiles + p] += kappa * wp
                            let square = wp * w[p]
                            m[pair] += square
                            m[pair + pairs] += kappa * square
                            pair += 1
                            let twice = 2 * wp
                            for q in (p + 1)..<profiles {
                                let product = twice * w[q]
                                m[pair] += product
                                m[pair + pairs] += kappa * product
                                pair += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// Σ d, Σ κ d, Σ d², Σ κ d² over the blades of `byRisk` at loads `load`. O(profiles²).
    func sums(load: UnsafeBufferPointer<Double>) -> Sums { view.sums(load: load, profiles: profiles) }
}

/// The figures of a pool's moments that a demand sample reads, on plain memory owned by its
/// `PoolDemandMoments` (see `view` there): the ranking, the traced and unavailable blades, the
/// summed terms and the available capacity and idle draw.
struct PoolDemandView {
    var risk = UnsafeBufferPointer<Double>(start: nil, count: 0)
    var byRisk = UnsafeBufferPointer<Int32>(start: nil, count: 0)
    var traced = UnsafeBufferPointer<Int32>(start: nil, count: 0)
    var unavailable = UnsafeBufferPointer<Int32>(start: nil, count: 0)
    var moments = UnsafeBufferPointer<Double>(start: nil, count: 0)
    var capacity = 0.0
    var idleWatts = 0.0
    /// The pool's `ReplicationState.poolDemandVersion` the moments were built at (set by the
    /// sampler that holds the view).
    var version: UInt32?

    /// The buffers behind views: `capacity` blades for each list, `width` terms.
    struct Storage {
        let capacity: Int
        let risk: UnsafeMutableBufferPointer<Double>
        let byRisk: UnsafeMutableBufferPointer<Int32>
        let traced: UnsafeMutableBufferPointer<Int32>
        let unavailable: UnsafeMutableBufferPointer<Int32>
        let moments: UnsafeMutableBufferPointer<Double>

        init(capacity: Int, width: Int) {
            self.capacity = capacity
            risk = .allocate(capacity: capacity)
            byRisk = .allocate(capacity: capacity)
            traced = .allocate(capacity: capacity)
            unavailable = .allocate(capacity: capacity)
            moments = .allocate(capacity: width)
        }

        func deallocate() {
            risk.deallocate()
            byRisk.deallocate()
            traced.deallocate()
            unavailable.deallocate()
            moments.deallocate()
        }

        /// Copies the lists and terms in and returns a view of them.
        func view(risk: [Double], byRisk: [Int32], traced: [Int32], unavailable: [Int32], moments: [Double],
                  capacity: Double, idleWatts: Double) -> PoolDemandView {
            func copy<T>(_ values: [T], _ into: UnsafeMutableBufferPointer<T>) -> UnsafeBufferPointer<T> {
                let filled = UnsafeMutableBufferPointer(rebasing: into[0..<values.count])
                _ = filled.update(fromContentsOf: values)
                return UnsafeBufferPointer(filled)
            }
            return PoolDemandView(risk: copy(risk, self.risk), byRisk: copy(byRisk, self.byRisk), traced: copy(traced, self.traced),
                                  unavailable: copy(unavailable, self.unavailable), moments: copy(moments, self.moments),
                                  capacity: capacity, idleWatts: idleWatts)
        }
    }

    /// Σ d, Σ κ d, Σ d², Σ κ d² over the ranked blades at loads `load`. O(profiles²).
    func sums(load: UnsafeBufferPointer<Double>, profiles: Int) -> PoolDemandMoments.Sums {
        let pairs = profiles * (profiles + 1) / 2
        precondition(load.count >= profiles && moments.count == 2 * profiles + 2 * pairs)
        let m = moments
        var sums = PoolDemandMoments.Sums()
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
