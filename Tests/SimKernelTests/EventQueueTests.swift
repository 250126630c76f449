import Testing
@testable import SimKernel
import TestSupport


@Suite struct EventQueueTests {
    /// Against a sorted-array oracle over 500 seeds: random interleavings of schedule, pop and
    /// cancel produce exactly the (time, sequence) order of the oracle.
    @Test func matchesSortedArrayOracle() {
        for seed in 0..<500 {
            var rng = SeededGenerator(seed: UInt64(seed))
            var queue = EventQueue(capacity: 4)
            var oracle: [(id: EventID, event: Event)] = []
            var now = 0.0
            var ids: [EventID] = []
            for _ in 0..<Int(rng.next() % 300) {
                let r = rng.next() % 10
                if r < 5 {
                    // Coarse times make ties frequent.
                    let t = now + Double(rng.next() % 5)
                    let e = Event(time: t, kind: UInt32(rng.next() % 3), subject: UInt32(rng.next() % 100))
                    let plain = rng.next() % 4 == 0
                    let id = plain ? queue.schedule(e) : queue.scheduleCancellable(e)
                    oracle.append((id, e))
                    if !plain { ids.append(id) }
                } else if r < 8 {
                    oracle.sort { $0.id < $1.id }
                    let expected = oracle.isEmpty ? nil : oracle.removeFirst()
                    let got = queue.popNext()
                    #expect(got == expected?.event)
                    if let g = got { now = g.time }
                } else if !ids.isEmpty {
                    let id = ids[Int(rng.next() % UInt64(ids.count))]
                    let pending = oracle.contains { $0.id == id }
                    let cancelled = queue.cancel(id)
                    #expect(cancelled == pending)
                    oracle.removeAll { $0.id == id }
                }
                let count = queue.count
                #expect(count == oracle.count)
                queue.checkInvariants()
            }
            oracle.sort { $0.id < $1.id }
            for expected in oracle { let got = queue.popNext(); #expect(got == expected.event) }
            let last = queue.popNext()
            #expect(last == nil)
            let empty = queue.isEmpty
            #expect(empty)
        }
    }

    @Test func tiesRunInSchedulingOrder() {
        var q = EventQueue()
        for i in 0..<100 { q.schedule(Event(time: 5, kind: 0, subject: UInt32(i))) }
        for i in 0..<100 { let e = q.popNext(); #expect(e?.subject == UInt32(i)) }
    }

    @Test func cancelTwiceOrAfterFiringIsRefused() {
        var q = EventQueue()
        let a = q.scheduleCancellable(Event(time: 1, kind: 0, subject: 0))
        let b = q.scheduleCancellable(Event(time: 2, kind: 0, subject: 1))
        let c = q.schedule(Event(time: 3, kind: 0, subject: 2))
        let notCancellable = q.cancel(c)
        #expect(!notCancellable)
        let first = q.cancel(b), second = q.cancel(b)
        #expect(first && !second)
        let e = q.popNext()
        #expect(e?.subject == 0)
        let afterFiring = q.cancel(a)
        #expect(!afterFiring)
        let third = q.popNext()
        #expect(third?.subject == 2)
        let none = q.popNext()
        #expect(none == nil)
        let count = q.count
        #expect(count == 0)
    }

    @Test func nextTimeSkipsCancelledEvents() {
        var q = EventQueue()
        let a = q.scheduleCancellable(Event(time: 1, kind: 0, subject: 0))
        q.schedule(Event(time: 3, kind: 0, subject: 1))
        q.cancel(a)
        let t = q.nextTime()
        #expect(t == 3)
        let count = q.count
        #expect(count == 1)
    }

    /// Many events on few distinct times, far more than the initial block pool holds: the pool
    /// grows while buckets are redistributed, and large groups of equal times, some moved down
    /// from higher buckets and some scheduled straight into lower ones, keep sequence order.
    @Test func manyTiesAndPoolGrowthKeepOrder() {
        for seed in 0..<4 {
            var rng = SeededGenerator(seed: UInt64(seed) &+ 77)
            var queue = EventQueue(capacity: 4)
            var oracle: [(id: EventID, event: Event)] = []
            var now = 0.0
            for round in 0..<6 {
                for _ in 0..<(round.isMultiple(of: 2) ? 12_000 : 3_000) {
                    let t = now + Double(rng.next() % 8) * 0.5 + (rng.next() % 3 == 0 ? 64 : 0)
                    let e = Event(time: t, kind: 0, subject: UInt32(rng.next() % 1_000))
                    oracle.append((queue.schedule(e), e))
                }
                oracle.sort { $0.id < $1.id }
                var mismatches = 0
                for expected in oracle.prefix(5_000) {
                    let got = queue.popNext()
                    if got != expected.event { mismatches += 1 }
                    if let g = got { now = g.time }
                }
                oracle.removeFirst(Swift.min(5_000, oracle.count))
                #expect(mismatches == 0)
                queue.checkInvariants()
            }
            var mismatches = 0
            for expected in oracle where queue.popNext() != expected.event { mismatches += 1 }
            #expect(mismatches == 0)
            let empty = queue.isEmpty
            #expect(empty)
        }
    }

    /// `nextTime` may look past the last popped time; events scheduled in between must still come
    /// first, and events scheduled after the queue emptied through cancellations too.
    @Test func schedulingBetweenLastPopAndLookAheadKeepsOrder() {
        for seed in 0..<300 {
            var rng = SeededGenerator(seed: UInt64(seed) &+ 1_000)
            var queue = EventQueue(capacity: 4)
            var oracle: [(id: EventID, event: Event)] = []
            var now = 0.0
            for _ in 0..<400 {
                switch rng.next() % 6 {
                case 0, 1:
                    // Fine and coarse gaps, so events land in low and high buckets.
                    let gap = rng.next() % 2 == 0 ? Double(rng.next() % 1_000) / 1_000 : Double(rng.next() % 100_000)
                    let e = Event(time: now + gap, kind: 0, subject: UInt32(rng.next() % 1_000))
                    oracle.append((queue.schedule(e), e))
                case 2:
                    oracle.sort { $0.id < $1.id }
                    let peek = queue.nextTime()
                    #expect(peek == oracle.first?.event.time)
                case 3:
                    // A look-ahead past a point where nothing fires, as a run to a horizon does.
                    if let t = queue.nextTime() { now = Swift.max(now, (now + t) / 2) }
                case 4:
                    let e = Event(time: now, kind: 1, subject: UInt32(rng.next() % 1_000))
                    let id = queue.scheduleCancellable(e)
                    if rng.next() % 2 == 0 { queue.cancel(id) } else { oracle.append((id, e)) }
                default:
                    oracle.sort { $0.id < $1.id }
                    let expected = oracle.isEmpty ? nil : oracle.removeFirst()
                    let got = queue.popNext()
                    #expect(got == expected?.event)
                    if let g = got { now = g.time }
                }
                queue.checkInvariants()
            }
            oracle.sort { $0.id < $1.id }
            for expected in oracle { let got = queue.popNext(); #expect(got == expected.event) }
            let none = queue.popNext()
            #expect(none == nil)
        }
    }
}

/// A model that counts events and re-schedules each one with a fixed increment (the hold model).
struct HoldModel: EventHandler {
    var increments: [Double]
    var index = 0
    var order: [Double] = []
    mutating func handle(_ event: Event, kernel: inout Kernel) {
        order.append(event.time)
        kernel.schedule(after: increments[index % increments.count], kind: 0, subject: event.subject)
        index += 1
    }
}

@Suite struct KernelTests {
    @Test func runAdvancesClockAndStopsAtHorizon() {
        var kernel = Kernel()
        for i in 0..<10 { kernel.schedule(at: Double(i), kind: 0, subject: UInt32(i)) }
        var model = HoldModel(increments: [10])
        let handled = kernel.run(until: 25, handler: &model)
        // Events at 0..9 fire and re-schedule at 10..19, which fire and re-schedule at 20..29;
        // of those 20..25 fire.
        #expect(handled == 26)
        let now = kernel.now, pending = kernel.pendingCount
        #expect(now == 25)
        #expect(model.order == model.order.sorted())
        #expect(pending == 10)
        // Scheduling between the horizon and the next pending event (at 26) must run it first.
        kernel.schedule(at: 25.5, kind: 0, subject: 99)
        var probe = HoldModel(increments: [1_000])
        kernel.run(events: 2, handler: &probe)
        #expect(probe.order == [25.5, 26])
    }

    @Test func clockEqualsEventTimeInHandler() {
        struct Probe: EventHandler {
            var mismatches = 0
            var expected: [Double] = [0.5, 1.5, 7]
            var i = 0
            mutating func handle(_ event: Event, kernel: inout Kernel) {
                if kernel.now != event.time || event.time != expected[i] { mismatches += 1 }
                i += 1
            }
        }
        var kernel = Kernel()
        kernel.schedule(at: 7, kind: 1, subject: 0)
        kernel.schedule(at: 0.5, kind: 1, subject: 0)
        kernel.schedule(at: 1.5, kind: 1, subject: 0)
        var probe = Probe()
        kernel.run(until: .infinity, handler: &probe)
        #expect(probe.mismatches == 0 && probe.i == 3)
        let processed = kernel.eventsProcessed
        #expect(processed == 3)
    }
}

/// Bucket 0 holds only pending events: a model that schedules one event at the current time for
/// each one it handles (a million times, with 5 others pending at that time) keeps its buffer
/// at the size of what is pending, not of what passed through it (the buffer used to keep every
/// entry it ever held until it emptied: 24 GiB in a same-time loop), and order is kept.
@Suite struct ZeroBucketTests {
    @Test func aSameTimeLoopKeepsBucketZeroSmall() {
        var queue = EventQueue()
        for s in 0..<6 { queue.schedule(Event(time: 1, kind: 0, subject: UInt32(s))) }
        var expected: UInt32 = 0
        for i in 0..<1_000_000 {
            guard let e = queue.popNext() else { Issue.record("queue emptied at \(i)"); return }
            if e.subject != expected { Issue.record("out of order at \(i): \(e.subject) ≠ \(expected)"); return }
            expected += 1
            queue.schedule(Event(time: 1, kind: 0, subject: expected + 5))
        }
        #expect(queue.count == 6)
        #expect(queue.zero.capacity <= 64, "bucket 0 grew to \(queue.zero.capacity) entries for 6 pending")
        queue.checkInvariants()
    }
}
