/// A pool's sums over its ranked blades (`PoolDemandView.sums`) for each load class, kept until
/// the pool's moments are rebuilt.
///
/// A load class is a set of calendar hours whose profile loads are equal bit for bit (japan-all's
/// calendar: 267 classes in 8,784 hours); a pool's moments last about 340 samples there (1,260
/// rebuilds a replication-year), so 91% of its samples find their class kept. A kept entry is
/// what the computation would return again (the same arithmetic on the same numbers), so results
/// do not change to the bit. With the sums it keeps how far down the risk ranking the class's
/// candidates reach (`Entry.testEnd`): the blades below the last one whose demand could exceed
/// its capacity are not candidates at any hour of the class, so a sample that finds its class
/// kept tests only that prefix (japan-all: 7.5 blades tested a sample, 0.6 of them needed).
/// (Keeping the candidate blades themselves was tried: the copy cost every sample more than the
/// test it saved in busy hours.)
///
/// Memory: pools × classes entries of 40 bytes; off (`enabled` false) past `slotLimit` entries.
struct LoadClassCache {
    /// Each calendar hour's class, and how many classes.
    let loadClass: [Int32]
    let classCount: Int
    let enabled: Bool
    /// Per pool: 1 + rebuilds of its moments so far (an entry is current when stamped with it).
    private var rebuilds: [UInt32]
    /// Per pool × class: the rebuild stamp the entry was computed at (0: never), and the entry.
    private var stamp: [UInt32]
    private var entries: [Entry]

    /// What is kept of a pool at a load class: its sums over the ranked blades, and the end of
    /// the ranking's prefix that holds every candidate (one past the last candidate's rank; 0
    /// when there is none).
    struct Entry {
        var sums: PoolDemandMoments.Sums
        var testEnd: Int32
    }

    /// Most entries: 2¹⁸ (9 MB a running replication).
    static let slotLimit = 1 << 18

    /// Classes of `curves` (profiles × hours) for `pools` pools.
    init(curves: [[Float]], pools: Int) {
        (loadClass, classCount) = Self.loadClasses(curves)
        let slots = pools * classCount
        enabled = slots <= Self.slotLimit
        rebuilds = [UInt32](repeating: 1, count: pools)
        stamp = [UInt32](repeating: 0, count: enabled ? slots : 0)
        entries = [Entry](repeating: Entry(sums: .init(), testEnd: 0), count: enabled ? slots : 0)
    }

    /// Pool `pool`'s moments were rebuilt: its entries are stale.
    mutating func rebuilt(pool: Int) { rebuilds[pool] &+= 1 }

    /// The entry of pool `pool` at calendar hour `hour`, or nil when the cache is off.
    func slot(pool: Int, hour: Int) -> Int? {
        enabled ? pool * classCount + Int(loadClass[hour]) : nil
    }

    /// The kept entry of `slot` if current.
    func kept(_ slot: Int, pool: Int) -> Entry? {
        stamp[slot] == rebuilds[pool] ? entries[slot] : nil
    }

    /// Keeps `slot`'s entry, computed from pool `pool`'s current moments.
    mutating func keep(_ slot: Int, pool: Int, _ entry: Entry) {
        stamp[slot] = rebuilds[pool]
        entries[slot] = entry
    }

    /// Each hour's class of equal load rows across `curves` (compared bit for bit), numbered in
    /// order of first appearance, and the number of classes. O(hours × profiles).
    static func loadClasses(_ curves: [[Float]]) -> (classes: [Int32], count: Int) {
        let hours = curves.first?.count ?? 1
        var known: [[UInt32]: Int32] = [:]
        let classes = (0..<hours).map { hour in
            let row = curves.map { $0.isEmpty ? 0 : $0[hour].bitPattern }
            if let c = known[row] { return c }
            let c = Int32(known.count)
            known[row] = c
            return c
        }
        return (classes, Swift.max(known.count, 1))
    }
}
