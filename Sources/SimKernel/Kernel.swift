/// A model plugged into the kernel: it receives each event at its time and may schedule more.
public protocol EventHandler {
    /// Handles `event`. `kernel.now` already equals `event.time`.
    mutating func handle(_ event: Event, kernel: inout Kernel)
}

/// The simulation kernel: a clock and an event queue, and the loop that runs them.
/// It knows only time and events; everything else is the model's.
public struct Kernel: ~Copyable {
    /// The current simulated time (seconds). Set to an event's time before its handler runs.
    public var now: SimTime { clock }
    @usableFromInline var clock: SimTime = 0
    /// The pending events: reached only through the kernel's methods, so that nothing is
    /// scheduled in the past or outside the run loop's accounting.
    @usableFromInline var queue: EventQueue
    /// The number of pending events.
    public var pendingCount: Int { queue.count }
    /// The time of the next pending event, if any (cancelled events are skipped).
    public var nextEventTime: SimTime? { mutating get { queue.nextTime() } }
    /// Events handled so far.
    public var eventsProcessed: UInt64 { handled }
    @usableFromInline var handled: UInt64 = 0

    public init(capacity: Int = 1_024) {
        queue = EventQueue(capacity: capacity)
    }

    /// Schedules an event of `kind` about `subject`, `delay` seconds from now.
    /// - Precondition: delay ≥ 0.
    @inlinable @discardableResult
    public mutating func schedule(after delay: SimTime, kind: UInt32, subject: UInt32) -> EventID {
        precondition(delay >= 0, "cannot schedule in the past (delay \(delay))")
        return queue.schedule(Event(time: now + delay, kind: kind, subject: subject))
    }

    /// Schedules an event at absolute time `time`.
    /// - Precondition: time ≥ now.
    @inlinable @discardableResult
    public mutating func schedule(at time: SimTime, kind: UInt32, subject: UInt32) -> EventID {
        precondition(time >= now, "cannot schedule in the past (\(time) < \(now))")
        return queue.schedule(Event(time: time, kind: kind, subject: subject))
    }

    /// Schedules a cancellable event `delay` seconds from now.
    @inlinable @discardableResult
    public mutating func scheduleCancellable(after delay: SimTime, kind: UInt32, subject: UInt32) -> EventID {
        precondition(delay >= 0, "cannot schedule in the past (delay \(delay))")
        return queue.scheduleCancellable(Event(time: clock + delay, kind: kind, subject: subject))
    }

    /// Schedules a cancellable event at absolute time `time`.
    /// - Precondition: time ≥ now.
    @inlinable @discardableResult
    public mutating func scheduleCancellable(at time: SimTime, kind: UInt32, subject: UInt32) -> EventID {
        precondition(time >= now, "cannot schedule in the past (\(time) < \(now))")
        return queue.scheduleCancellable(Event(time: time, kind: kind, subject: subject))
    }

    /// Cancels a pending event scheduled with `scheduleCancellable`; false if it already fired,
    /// was cancelled, or was not cancellable.
    @discardableResult
    public mutating func cancel(_ id: EventID) -> Bool { queue.cancel(id) }

    /// Runs events in order until the queue is empty or the next event is after `horizon`;
    /// the clock then stands at `horizon` (or at the last event, if the queue emptied first and
    /// that was later). Returns the number of events handled in this call.
    @inlinable @discardableResult
    public mutating func run<H: EventHandler>(until horizon: SimTime, handler: inout H) -> UInt64 {
        let start = handled
        while let next = queue.nextTime(), next <= horizon {
            guard let event = queue.popNext() else { break }
            clock = event.time
            handled &+= 1
            handler.handle(event, kernel: &self)
        }
        if horizon > clock && horizon.isFinite { clock = horizon }
        return handled - start
    }

    /// Runs at most `count` events (fewer if the queue empties); returns how many ran.
    @inlinable @discardableResult
    public mutating func run<H: EventHandler>(events count: Int, handler: inout H) -> Int {
        var done = 0
        while done < count, let event = queue.popNext() {
            clock = event.time
            handled &+= 1
            handler.handle(event, kernel: &self)
            done += 1
        }
        return done
    }

    /// Handles exactly one event, if any is pending; returns it.
    @inlinable public mutating func step<H: EventHandler>(handler: inout H) -> Event? {
        guard let event = queue.popNext() else { return nil }
        clock = event.time
        handled &+= 1
        handler.handle(event, kernel: &self)
        return event
    }
}
