/// A pool's available blades and their free failover memory shares, kept while HA restarts many
/// VMs in a row: the blade `ReplicationState.blade(for:pool:.roomiest)` chooses for each, found
/// without testing every blade.
///
/// The roomiest available blade (the most free share, the lowest index among equals) is the
/// scan's choice whenever it takes the VM: no eligible blade has more room or, with as much, a
/// lower index. So each VM costs one pass over plain shares, and the full scan runs only when
/// that blade cannot take it (nearly never) or when a share is NaN (a blade without failover
/// memory, where the scan keeps the first one it meets). O(blades) a VM instead of O(blades ×
/// group size).
struct RoomiestBlades {
    private var blades: [Int32] = []
    private var free: [Double] = []
    private var anyUndefined = false
    private var pool = -1

    /// Takes pool `pool`'s available blades and their shares from the state. O(blades).
    mutating func start(pool: Int, _ state: inout ReplicationState) {
        self.pool = pool
        blades.removeAll(keepingCapacity: true)
        free.removeAll(keepingCapacity: true)
        anyUndefined = false
        for b in state.model.poolBlades[pool] where state.condition.bladeAvailable[b] {
            let share = state.failoverFreeShare(b)
            anyUndefined = anyUndefined || share.isNaN
            blades.append(Int32(b))
            free.append(share)
        }
    }

    /// The blade the scan chooses for VM `v`, or nil when none takes it.
    func choose(_ v: Int, _ state: inout ReplicationState) -> Int? {
        if !anyUndefined, !blades.isEmpty {
            var best = 0
            for k in 1..<blades.count where free[k] > free[best] { best = k }
            let b = Int(blades[best])
            if state.fits(v, on: b) && state.groupAllows(v, on: b) { return b }
        }
        return state.blade(for: v, pool: pool, .roomiest)
    }

    /// Blade `b`'s share again, after a VM landed on it.
    mutating func update(_ b: Int, _ state: inout ReplicationState) {
        guard let k = blades.firstIndex(of: Int32(b)) else { return }
        free[k] = state.failoverFreeShare(b)
        anyUndefined = anyUndefined || free[k].isNaN
    }
}
