/// An event as the kernel sees it: when it happens and two opaque numbers that only the model
/// interprets (what kind of event, and about which entity). The kernel never looks inside.
public struct Event: Sendable, Equatable {
    /// When the event happens (seconds).
    public var time: SimTime
    /// The model's event type code.
    public var kind: UInt32
    /// The model's entity index (a blade, a VM, a tenant...).
    public var subject: UInt32

    @inlinable public init(time: SimTime, kind: UInt32, subject: UInt32) {
        self.time = time
        self.kind = kind
        self.subject = subject
    }
}

/// Names one scheduled event so that it can be cancelled. Events are ordered by
/// (time, sequence): `sequence` counts schedulings from 0, so ties run in scheduling order.
public struct EventID: Sendable, Hashable, Comparable {
    public let time: SimTime
    public let sequence: UInt64

    @inlinable @usableFromInline init(time: SimTime, sequence: UInt64) {
        self.time = time
        self.sequence = sequence
    }

    @inlinable public static func < (a: EventID, b: EventID) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
}
