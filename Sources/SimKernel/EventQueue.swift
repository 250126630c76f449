/// A priority queue of events with a total, deterministic order: earliest time first, and
/// among equal times, the order in which they were scheduled.
///
/// An implicit 4-ary min-heap over one contiguous buffer of 24-byte entries. Popping leaves a
/// hole at the root that the next `schedule` fills with a single sift-down, so the usual
/// pop-then-schedule step of a simulation costs one heap traversal instead of two.
/// Cancellation is lazy and opt-in: an event scheduled with `scheduleCancellable` is tracked in
/// a set while pending; cancelling moves it to a second set, and it is skipped when it reaches
/// the top. Events scheduled with `schedule` cost no hashing at all.
///
/// The queue owns its buffer and is not copyable. Once the buffer has grown to the largest number
/// of pending events, scheduling and popping allocate nothing.
///
/// - Complexity: `schedule` and `popNext` O(log n); `cancel` O(1) expected.
public struct EventQueue: ~Copyable {
    @usableFromInline let heap: EventHeap
    /// Sequence numbers of pending events that may still be cancelled.
    @usableFromInline var cancellable: Set<UInt64> = []
    /// Sequence numbers of cancelled events still in the heap.
    @usableFromInline var cancelled: Set<UInt64> = []
    /// The next sequence number to hand out.
    @usableFromInline var nextSequence: UInt64 = 0
    /// The last event popped, as (time, sequence); events at or before it have fired.
    @usableFromInline var lastPopped: EventID?

    /// Creates an empty queue with room for `capacity` pending events before it grows.
    public init(capacity: Int = 1_024) {
        heap = EventHeap(capacity: capacity)
    }

    /// The number of pending (scheduled, not fired, not cancelled) events.
    @inlinable public var count: Int { heap.count - cancelled.count }

    /// Whether no event is pending.
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The number of events ever scheduled.
    @inlinable public var scheduledCount: UInt64 { nextSequence }

    /// Schedules `event` and returns its id.
    /// - Precondition: `event.time` is not before the last popped event's time (no scheduling in the past).
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event) -> EventID {
        if let last = lastPopped {
            precondition(event.time >= last.time, "an event cannot be scheduled in the past")
        }
        precondition(!event.time.isNaN, "event time is NaN")
        let sequence = nextSequence
        nextSequence &+= 1
        heap.insert(EventEntry(time: event.time, sequence: sequence, kind: event.kind, subject: event.subject))
        #if CLOUDPLAN_INTERNAL_CHECKS
        heap.checkInvariants()
        #endif
        return EventID(time: event.time, sequence: sequence)
    }

    /// Schedules `event` so that it can later be cancelled, and returns its id.
    /// - Complexity: O(log n) plus one hash insertion.
    @inlinable @discardableResult
    public mutating func scheduleCancellable(_ event: Event) -> EventID {
        let id = schedule(event)
        cancellable.insert(id.sequence)
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
        while let entry = heap.popMin() {
            if !cancellable.isEmpty || !cancelled.isEmpty {
                if cancelled.remove(entry.sequence) != nil { continue }
                cancellable.remove(entry.sequence)
            }
            lastPopped = EventID(time: entry.time, sequence: entry.sequence)
            #if CLOUDPLAN_INTERNAL_CHECKS
            heap.checkInvariants()
            #endif
            return Event(time: entry.time, kind: entry.kind, subject: entry.subject)
        }
        return nil
    }

    /// The time of the earliest pending event, without removing it.
    public mutating func nextTime() -> SimTime? {
        while let entry = heap.peekMin() {
            if !cancelled.isEmpty, cancelled.contains(entry.sequence) {
                _ = heap.popMin()
                cancelled.remove(entry.sequence)
                continue
            }
            return entry.time
        }
        return nil
    }

    /// Removes every pending event; keeps the buffer.
    public mutating func removeAll() {
        heap.removeAll()
        cancellable.removeAll(keepingCapacity: true)
        cancelled.removeAll(keepingCapacity: true)
    }
}
