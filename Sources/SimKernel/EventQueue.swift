/// A priority queue of events with a total, deterministic order: earliest time first, and
/// among equal times, the order in which they were scheduled.
///
/// An implicit 8-ary min-heap of 16-byte entries (time, and sequence number with a payload slot
/// packed into one word), owned by the queue (which is not copyable, so no copy-on-write check
/// or reference count is ever paid). The buffer is offset so that the eight children of every
/// node share one aligned pair of 64-byte cache lines. Payloads (kind, subject) stay put in a slot array and are
/// read once, when their event is popped.
/// Popping leaves a hole at the root; the next `schedule` fills it by moving the hole down to a
/// leaf along the smallest children and then sifting the new event up from there ("bottom-up"
/// heapsort's trick): a new event usually belongs near the leaves, so this saves the comparison
/// with the new event at each level, and one heap traversal per pop-then-schedule instead of two.
///
/// Cancellation is lazy and opt-in: an event scheduled with `scheduleCancellable` is tracked in
/// a set while pending; cancelling moves it to a second set, and it is skipped when it reaches
/// the top. Events scheduled with `schedule` cost no hashing at all.
///
/// Once the buffers have grown to the largest number of pending events, scheduling and popping
/// allocate nothing.
///
/// Limits: 2^24 (16.7 million) events pending at once; 2^40 (1.1 × 10^12) events scheduled
/// over the queue's life.
///
/// - Complexity: `schedule` and `popNext` O(log n); `cancel` O(1) expected.
public struct EventQueue: ~Copyable {
    /// Heap entries; `base[0]` is the root. The allocation starts 3 entries before `base`.
    @usableFromInline var base: UnsafeMutablePointer<EventEntry>
    /// Payload of each slot: kind << 32 | subject.
    @usableFromInline var payloads: UnsafeMutablePointer<UInt64>
    /// Free payload slots (a stack) and how many are free.
    @usableFromInline var freeSlots: UnsafeMutablePointer<UInt32>
    @usableFromInline var freeCount = 0
    /// Slots handed out so far (slots below this are in use or free).
    @usableFromInline var slotHighWater = 0
    @usableFromInline var capacity: Int
    /// Occupied slots, including the hole at the root if there is one.
    @usableFromInline var slots: Int = 0
    /// Slot 0 has been popped but not yet refilled.
    @usableFromInline var hasHole = false
    /// The next sequence number to hand out.
    @usableFromInline var nextSequence: UInt64 = 0
    /// Time of the last event popped: nothing may be scheduled before it.
    @usableFromInline var lastPoppedTime: SimTime = -.infinity
    /// Sequence numbers of pending events that may still be cancelled.
    @usableFromInline var cancellable: Set<UInt64> = []
    /// Sequence numbers of cancelled events still in the heap.
    @usableFromInline var cancelled: Set<UInt64> = []
    /// cancellable.count + cancelled.count: one integer test on the hot path.
    @usableFromInline var tracked = 0

    /// Creates an empty queue with room for `capacity` pending events before it grows.
    public init(capacity: Int = 1_024) {
        precondition(capacity <= EventEntry.maximumPending, "at most 2^24 pending events")
        self.capacity = Swift.max(capacity, 4)
        base = Self.allocateHeap(self.capacity)
        payloads = .allocate(capacity: self.capacity)
        freeSlots = .allocate(capacity: self.capacity)
    }

    deinit {
        (base - (EventEntry.arity - 1)).deallocate()
        payloads.deallocate()
        freeSlots.deallocate()
    }

    /// The number of pending (scheduled, not fired, not cancelled) events.
    @inlinable public var count: Int { (hasHole ? slots - 1 : slots) - cancelled.count }

    /// Whether no event is pending.
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The number of events ever scheduled.
    @inlinable public var scheduledCount: UInt64 { nextSequence }

    /// Schedules `event` and returns its id.
    /// - Precondition: `event.time` is not before the last popped event's time (no scheduling in
    ///   the past), not negative and not NaN.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event) -> EventID {
        precondition(event.time >= lastPoppedTime && event.time >= 0,
                     "an event cannot be scheduled in the past, before time 0, or at NaN")
        let sequence = nextSequence
        nextSequence &+= 1
        let slot: Int
        if freeCount > 0 {
            freeCount -= 1
            slot = Int(freeSlots[freeCount])
        } else {
            if slotHighWater == capacity { grow() }
            slot = slotHighWater
            slotHighWater += 1
        }
        payloads[slot] = UInt64(event.kind) << 32 | UInt64(event.subject)
        insert(EventEntry(time: event.time, sequence: sequence, slot: slot))
        #if CLOUDPLAN_INTERNAL_CHECKS
        checkInvariants()
        #endif
        return EventID(time: event.time, sequence: sequence)
    }

    /// Schedules `event` so that it can later be cancelled, and returns its id.
    /// - Complexity: O(log n) plus one hash insertion.
    @inlinable @discardableResult
    public mutating func scheduleCancellable(_ event: Event) -> EventID {
        let id = schedule(event)
        cancellable.insert(id.sequence)
        tracked += 1
        return id
    }

    /// Cancels a pending event scheduled with `scheduleCancellable`. Returns false (and changes
    /// nothing) if the event has already fired, was already cancelled, or was not cancellable.
    @discardableResult
    public mutating func cancel(_ id: EventID) -> Bool {
        guard cancellable.remove(id.sequence) != nil else { return false }
        cancelled.insert(id.sequence)
        return true
    }

    /// Removes and returns the earliest pending event, or nil if none is pending.
    @inlinable public mutating func popNext() -> Event? {
        while let entry = popMin() {
            let slot = entry.slot
            freeSlots[freeCount] = UInt32(truncatingIfNeeded: slot)
            freeCount += 1
            if tracked != 0 && isCancelledOrForget(entry.sequence) { continue }
            lastPoppedTime = entry.time
            #if CLOUDPLAN_INTERNAL_CHECKS
            checkInvariants()
            #endif
            let payload = payloads[slot]
            return Event(time: entry.time, kind: UInt32(truncatingIfNeeded: payload >> 32),
                         subject: UInt32(truncatingIfNeeded: payload))
        }
        return nil
    }

    /// For a tracked event leaving the heap: true if it was cancelled. Either way it stops being tracked.
    @usableFromInline mutating func isCancelledOrForget(_ sequence: UInt64) -> Bool {
        if cancelled.remove(sequence) != nil { tracked -= 1; return true }
        if cancellable.remove(sequence) != nil { tracked -= 1 }
        return false
    }

    /// The time of the earliest pending event, without removing it.
    public mutating func nextTime() -> SimTime? {
        while let entry = peekMin() {
            if tracked != 0, cancelled.contains(entry.sequence) {
                _ = popMin()
                freeSlots[freeCount] = UInt32(truncatingIfNeeded: entry.slot)
                freeCount += 1
                _ = isCancelledOrForget(entry.sequence)
                continue
            }
            return entry.time
        }
        return nil
    }

    /// Removes every pending event; keeps the buffer.
    public mutating func removeAll() {
        slots = 0
        hasHole = false
        freeCount = 0
        slotHighWater = 0
        cancellable.removeAll(keepingCapacity: true)
        cancelled.removeAll(keepingCapacity: true)
        tracked = 0
    }
}
