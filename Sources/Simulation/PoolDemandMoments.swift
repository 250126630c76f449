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
/// Built from the state in O(blades × profiles²) when the pool's `poolDemandChange` moves;
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
        exact = ExactTermSums(width: moments.count)
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
    /// The ranked blades' terms summed exactly (see `ExactTermSums`); `moments` is read from it
    /// while it is in range.
    private var exact: ExactTermSums
    /// `ReplicationState.demandChanges` at the last rebuild.
    private var lastChange: UInt64 = 0
    /// Scratch of a rebuild: each blade's status (0 not ranked, 1 ranked as before, 2 to rank
    /// anew), the blades to rank anew, and the ranking being built.
    private var status: [UInt8] = []
    private var fresh: [(risk: Double, blade: Int32)] = []
    private var nextByRisk: [Int32] = []
    private var nextRisk: [Double] = []


    /// Rebuilds from the state of the pool's blades `blades`; `peakLoad` is each profile's
    /// highest load over the calendar. O(blades × profiles + c × (terms + log c)) for c blades
    /// whose weights or ranking changed: their old terms are taken off the exact sums and their
    /// new ones added (the sums do not depend on the order). The result is the same to the bit as
    /// building from nothing: the exact sums are a function of the ranked blades, and the
    /// ranking is a strict order (risk, then blade), so merging the unchanged blades' old order
    /// with the changed ones gives the one sort.
    func rebuild(blades: Range<Int>, peakLoad: [Double], _ state: inout ReplicationState) {
        if seenWeights.count != blades.count * profiles || first != blades.lowerBound {
            first = blades.lowerBound
            seenWeights = [Double](repeating: .nan, count: blades.count * profiles)
            bladeRisk = [Double](repeating: 0, count: blades.count)
            bladeKappa = blades.map { Self.kappa($0, state.model) }
            ranked = [Bool](repeating: false, count: blades.count)
            status = [UInt8](repeating: 0, count: blades.count)
            exact.reset()
        }
        traced.removeAll(keepingCapacity: true)
        unavailable.removeAll(keepingCapacity: true)
        fresh.removeAll(keepingCapacity: true)
        capacity = 0
        idleWatts = 0
        // (The model is read through `state`: a copy, `let model = state.model`, retained and
        // released every array it holds at every rebuild.)
        let anyTraces = !state.model.traces.series.isEmpty
        let since = lastChange
        lastChange = state.demandChanges
        for b in blades {
            let i = b - first
            status[i] = 0
            defer { ranked[i] = status[i] != 0 }
            guard state.condition.bladeAvailable[b] else {
                unavailable.append(Int32(b))
                if ranked[i] { addTerms(i, adding: false) }
                continue
            }
            capacity += state.model.bladeUsableCores[b]
            idleWatts += state.model.bladeIdleWatts[b]
            if anyTraces, state.bladeVMs[b].contains(where: { state.model.vmTrace[Int($0)] >= 0 }) {
                traced.append(Int32(b))
                if ranked[i] { addTerms(i, adding: false) }
                continue
            }
            status[i] = 1
            // A ranked blade's weights are re-read only if it changed since the last rebuild.
            let changed = (!ranked[i] || state.bladeDemandChange[b] > since) && weightsChanged(b, &state)
            if changed || !ranked[i] {
                if changed && ranked[i] { addTerms(i, adding: false) }
                if changed { takeWeights(b, peakLoad: peakLoad, &state) }
                addTerms(i, adding: true)
                status[i] = 2
                fresh.append((bladeRisk[i], Int32(b)))
            }
        }
        rank()
        if !exact.inRange {
            // A term left the exact range (in this rebuild or an earlier one): the sums are made
            // again from the ranked blades, so that they still depend on those alone; they are
            // used if back in range, else the terms are summed as doubles.
            exact.reset()
            for b in byRisk { addTerms(Int(b) - first, adding: true) }
        }
        if exact.inRange {
            moments.withUnsafeMutableBufferPointer { exact.write(into: $0) }
        } else {
            sumTerms()
        }
        publish()
    }

    /// Whether blade `b`'s weights differ, bit for bit, from those its terms were last made of.
    /// (`state` is inout only so that it is not copied: a copy of the state is 3.7 KB.)
    private func weightsChanged(_ b: Int, _ state: inout ReplicationState) -> Bool {
        let i = b - first, stride = state.profileCount
        for p in 0..<profiles where seenWeights[i * profiles + p].bitPattern != state.bladeWeights[b * stride + p].bitPattern {
            return true
        }
        return false
    }

    /// Takes blade `b`'s current weights and computes its risk from them.
    private func takeWeights(_ b: Int, peakLoad: [Double], _ state: inout ReplicationState) {
        let i = b - first, stride = state.profileCount
        var bound = 0.0
        for p in 0..<profiles {
            seenWeights[i * profiles + p] = state.bladeWeights[b * stride + p]
            bound += state.bladeWeights[b * stride + p] * peakLoad[p]
        }
        let cores = state.model.bladeUsableCores[b]
        bladeRisk[i] = cores > 0 ? bound / cores : (bound > 0 ? .infinity : 0)
    }

    /// Adds blade `b − first`'s terms (of its kept weights) to the exact sums, or takes them off.
    private func addTerms(_ i: Int, adding: Bool) {
        let profiles = profiles
        seenWeights.withUnsafeBufferPointer { weights in
            exact.add(weights: UnsafeBufferPointer(rebasing: weights[(i * profiles)..<(i * profiles + profiles)]),
                      kappa: bladeKappa[i], adding: adding)
        }
    }

    /// `byRisk` and `risk` anew: the old ranking's blades that are still eligible and unchanged
    /// (`status` 1), merged with `fresh` sorted, written in place into the previous ranking's
    /// arrays (swapped in; they keep their capacity: nothing is allocated). O(blades + c log c).
    private func rank() {
        fresh.sort { $0.risk != $1.risk ? $0.risk > $1.risk : $0.blade < $1.blade }
        let bound = byRisk.count + fresh.count
        if nextByRisk.count < bound {
            nextByRisk.append(contentsOf: repeatElement(0, count: bound - nextByRisk.count))
            nextRisk.append(contentsOf: repeatElement(0, count: bound - nextRisk.count))
        }
        let first = first
        var n = 0
        nextByRisk.withUnsafeMutableBufferPointer { outBlade in
            nextRisk.withUnsafeMutableBufferPointer { outRisk in
                func put(_ blade: Int32, _ risk: Double) {
                    outBlade[n] = blade
                    outRisk[n] = risk
                    n += 1
                }
                var f = 0
                for k in byRisk.indices where status[Int(byRisk[k]) - first] == 1 {
                    let b = byRisk[k], r = risk[k]
                    while f < fresh.count, fresh[f].risk > r || (fresh[f].risk == r && fresh[f].blade < b) {
                        put(fresh[f].blade, fresh[f].risk)
                        f += 1
                    }
                    put(b, r)
                }
                while f < fresh.count {
                    put(fresh[f].blade, fresh[f].risk)
                    f += 1
                }
            }
        }
        swap(&byRisk, &nextByRisk)
        swap(&risk, &nextRisk)
        byRisk.removeLast(byRisk.count - n)
        risk.removeLast(risk.count - n)
    }

    /// A blade's terms of `moments`, in their order, for weights W (one a profile) and slope κ:
    /// W_p, κ W_p, then for p ≤ q c W_p W_q and κ c W_p W_q, with c = 1 on the diagonal, else 2.
    /// `body` gets each term's index and value. O(profiles²).
    @inline(__always)
    static func forEachTerm(weights w: UnsafeBufferPointer<Double>, kappa: Double, _ body: (Int, Double) -> Void) {
        let profiles = w.count, pairs = profiles * (profiles + 1) / 2
        var pair = 2 * profiles
        for p in 0..<profiles {
            let wp = w[p]
            body(p, wp)
            body(profiles + p, kappa * wp)
            for q in p..<profiles {
                let product = (p == q ? wp : 2 * wp) * w[q]
                body(pair, product)
                body(pair + pairs, kappa * product)
                pair += 1
            }
        }
    }

    /// `moments` = the ranked blades' terms added as doubles in `byRisk` order, for a pool whose
    /// terms left the exact sums' range. O(blades × terms).
    private func sumTerms() {
        let profiles = profiles, first = first
        moments.withUnsafeMutableBufferPointer { m in
            for j in m.indices { m[j] = 0 }
            seenWeights.withUnsafeBufferPointer { weights in
                for b in byRisk {
                    let i = Int(b) - first
                    Self.forEachTerm(weights: UnsafeBufferPointer(rebasing: weights[(i * profiles)..<(i * profiles + profiles)]),
                                     kappa: bladeKappa[i]) { j, term in m[j] += term }
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
    /// The pool's `ReplicationState.poolDemandChange` the moments were built at (set by the
    /// sampler that holds the view).
    var version: UInt64?

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
