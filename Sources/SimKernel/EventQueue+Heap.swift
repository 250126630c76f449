/// One heap entry: 16 bytes, ordered by (time, sequence) as a single 128-bit unsigned number:
/// the high word is the time's bit pattern (for non-negative doubles the bit patterns order like
/// the values), the low word holds the sequence number in its high 40 bits and the payload slot
/// in its low 24. One integer comparison, which compiles without branches, orders two events.
@usableFromInline struct EventEntry {
    @usableFromInline var packed: UInt128

    @usableFromInline static let slotBits: UInt64 = 24
    @usableFromInline static let maximumPending = 1 << 24
    /// Children per node: 2^arityShift.
    @usableFromInline static let arityShift = 3
    @usableFromInline static let arity = 1 << arityShift

    /// - Precondition: time ≥ 0 (and not NaN).
    @inlinable init(time: SimTime, sequence: UInt64, slot: Int) {
        precondition(sequence < 1 << 40, "more than 2^40 events scheduled")
        let bits = (time + 0.0).bitPattern           // + 0.0 turns −0 into +0
        packed = UInt128(bits) << 64 | UInt128(sequence << Self.slotBits | UInt64(slot))
    }

    @inlinable var time: SimTime { SimTime(bitPattern: UInt64(truncatingIfNeeded: packed >> 64)) }
    @inlinable var key: UInt64 { UInt64(truncatingIfNeeded: packed) }
    @inlinable var sequence: UInt64 { key >> Self.slotBits }
    @inlinable var slot: Int { Int(truncatingIfNeeded: key & ((1 << Self.slotBits) - 1)) }

    @inlinable func precedes(_ other: EventEntry) -> Bool { packed < other.packed }

    @inlinable init(packed: UInt128) { self.packed = packed }
}

/// The 8-ary heap operations. Invariant: no entry (other than a hole at the root) precedes its
/// parent: entry[(i−1)/8] precedes or equals entry[i]. Eight 16-byte children fill two cache
/// lines; measured against 4-ary and against std::priority_queue in KernelBenchmarks.
extension EventQueue {
    /// Allocates room for `count` entries, 64-byte aligned and offset by 3 entries, so that the
    /// children of node i (4i+1 … 4i+4) start on a cache-line boundary.
    @usableFromInline static func allocateHeap(_ count: Int) -> UnsafeMutablePointer<EventEntry> {
        let offset = EventEntry.arity - 1
        let raw = UnsafeMutableRawPointer.allocate(byteCount: (count + offset) * MemoryLayout<EventEntry>.stride,
                                                   alignment: 64 * ((EventEntry.arity * 16 + 63) / 64))
        return raw.bindMemory(to: EventEntry.self, capacity: count + offset) + offset
    }

    /// Doubles every buffer (heap, payloads, free slots).
    @usableFromInline mutating func grow() {
        let newCapacity = capacity * 2
        precondition(newCapacity <= EventEntry.maximumPending * 2, "at most 2^24 pending events")
        let newBase = Self.allocateHeap(newCapacity)
        newBase.moveInitialize(from: base, count: slots)
        (base - (EventEntry.arity - 1)).deallocate()
        base = newBase
        let newPayloads = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
        newPayloads.moveInitialize(from: payloads, count: slotHighWater)
        payloads.deallocate()
        payloads = newPayloads
        let newFree = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
        newFree.moveInitialize(from: freeSlots, count: freeCount)
        freeSlots.deallocate()
        freeSlots = newFree
        capacity = newCapacity
    }

    @inlinable mutating func insert(_ entry: EventEntry) {
        if hasHole {
            hasHole = false
            fillRoot(with: entry)
            return
        }
        if slots >= capacity { grow() }
        let i = slots
        slots += 1
        siftUp(entry, from: i)
    }

    /// Places `entry` at `start` (a hole) and moves it towards the root while it precedes its parent.
    @inlinable mutating func siftUp(_ entry: EventEntry, from start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) >> EventEntry.arityShift
            let p = base[parent]
            if !entry.precedes(p) { break }
            base[i] = p
            i = parent
        }
        base[i] = entry
    }

    /// Fills the hole at the root with `entry`: the hole walks down along the smallest child to
    /// a leaf, then `entry` sifts up from there.
    ///
    /// Two versions of the walk: while the heap fits in the caches, the smallest child is chosen
    /// without branches (children come in random order, so a branch mispredicts half the time);
    /// in a heap larger than `branchFreeLimit` entries, cache misses dominate, and a predicted
    /// branch lets the processor start loading the next level before the comparison settles.
    @inlinable mutating func fillRoot(with entry: EventEntry) {
        var i = 0
        let n = slots
        if n <= Self.branchFreeLimit {
            while true {
                let first = (i << EventEntry.arityShift) + 1
                if first >= n { break }
                var best = first
                var bestKey = base[first].packed
                let last = first + EventEntry.arity <= n ? first + EventEntry.arity : n
                var c = first + 1
                while c < last {
                    let candidate = base[c].packed
                    let less = candidate < bestKey
                    best = less ? c : best
                    bestKey = less ? candidate : bestKey
                    c += 1
                }
                base[i] = EventEntry(packed: bestKey)
                i = best
            }
        } else {
            while true {
                let first = (i << EventEntry.arityShift) + 1
                if first >= n { break }
                var best = first
                var bestKey = base[first].packed
                let last = first + EventEntry.arity <= n ? first + EventEntry.arity : n
                var c = first + 1
                while c < last {
                    let candidate = base[c].packed
                    if candidate < bestKey {
                        best = c
                        bestKey = candidate
                    }
                    c += 1
                }
                base[i] = EventEntry(packed: bestKey)
                i = best
            }
        }
        siftUp(entry, from: i)
    }

    /// Heaps up to this many entries (2 MiB) use the branch-free walk.
    @usableFromInline static var branchFreeLimit: Int { 1 << 17 }

    /// Refills a hole at the root with the last entry.
    @inlinable mutating func closeHole() {
        hasHole = false
        slots -= 1
        if slots > 0 { fillRoot(with: base[slots]) }
    }

    @inlinable mutating func popMin() -> EventEntry? {
        if hasHole { closeHole() }
        guard slots > 0 else { return nil }
        hasHole = true
        return base[0]
    }

    @inlinable mutating func peekMin() -> EventEntry? {
        if hasHole { closeHole() }
        return slots > 0 ? base[0] : nil
    }

    /// Traps unless the heap order holds. Compiled into the hot paths only with
    /// `CLOUDPLAN_INTERNAL_CHECKS` (see Package.swift); tests call it directly.
    /// - Complexity: O(n).
    public func checkInvariants() {
        precondition(slots <= capacity, "heap overflow")
        guard slots > 1 else { return }
        for i in 1..<slots {
            let parent = (i - 1) >> EventEntry.arityShift
            if hasHole && parent == 0 { continue }
            precondition(!base[i].precedes(base[parent]), "heap order violated at \(i)")
        }
    }
}
