/// One heap entry: 24 bytes, ordered by (time, sequence).
@usableFromInline struct EventEntry {
    @usableFromInline var time: SimTime
    @usableFromInline var sequence: UInt64
    @usableFromInline var kind: UInt32
    @usableFromInline var subject: UInt32

    @inlinable init(time: SimTime, sequence: UInt64, kind: UInt32, subject: UInt32) {
        self.time = time
        self.sequence = sequence
        self.kind = kind
        self.subject = subject
    }

    @inlinable func precedes(_ other: EventEntry) -> Bool {
        time < other.time || (time == other.time && sequence < other.sequence)
    }
}

/// A 4-ary min-heap of `EventEntry` over one manually managed buffer.
///
/// Invariant: for every i > 0 (and i not the hole), entry[(i-1)/4] precedes or equals entry[i].
/// When `hasHole` is set, slot 0 is logically empty and `count` excludes it; `slots` is the
/// number of initialised slots (count + 1 with a hole).
///
/// A final class (owned by exactly one `EventQueue`, which is not copyable), so the buffer is
/// reached through one reference without copy-on-write checks.
@usableFromInline final class EventHeap {
    @usableFromInline var base: UnsafeMutablePointer<EventEntry>
    @usableFromInline var capacity: Int
    /// Number of occupied slots, including the hole at the root if there is one.
    @usableFromInline var slots: Int = 0
    /// Slot 0 has been popped but not yet refilled.
    @usableFromInline var hasHole = false

    @usableFromInline init(capacity: Int) {
        self.capacity = Swift.max(capacity, 4)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inlinable var count: Int { hasHole ? slots - 1 : slots }

    @inlinable func removeAll() {
        slots = 0
        hasHole = false
    }

    @usableFromInline func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<EventEntry>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: slots)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inlinable func insert(_ entry: EventEntry) {
        if hasHole {
            hasHole = false
            siftDown(entry, from: 0)
            return
        }
        if slots == capacity { grow() }
        var i = slots
        slots += 1
        while i > 0 {
            let parent = (i - 1) >> 2
            let p = base[parent]
            if !entry.precedes(p) { break }
            base[i] = p
            i = parent
        }
        base[i] = entry
    }

    /// Places `entry` in the hole at `start` and moves it down until the heap order holds.
    @inlinable func siftDown(_ entry: EventEntry, from start: Int) {
        var i = start
        let n = slots
        while true {
            let first = (i << 2) + 1
            if first >= n { break }
            var best = first
            var bestEntry = base[first]
            let last = Swift.min(first + 4, n)
            var c = first + 1
            while c < last {
                let candidate = base[c]
                if candidate.precedes(bestEntry) {
                    best = c
                    bestEntry = candidate
                }
                c += 1
            }
            if !bestEntry.precedes(entry) { break }
            base[i] = bestEntry
            i = best
        }
        base[i] = entry
    }

    /// Refills a hole at the root with the last entry.
    @inlinable func fillHole() {
        hasHole = false
        slots -= 1
        if slots > 0 {
            let last = base[slots]
            siftDown(last, from: 0)
        }
    }

    @inlinable func popMin() -> EventEntry? {
        if hasHole { fillHole() }
        guard slots > 0 else { return nil }
        hasHole = true
        return base[0]
    }

    @inlinable func peekMin() -> EventEntry? {
        if hasHole { fillHole() }
        return slots > 0 ? base[0] : nil
    }
}
