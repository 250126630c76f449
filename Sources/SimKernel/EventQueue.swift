/// A priority queue of events with a total, deterministic order: earliest time first, and
/// among equal times, the order in which they were scheduled.
///
/// A multi-level radix heap over the bit patterns of the event times (the radix heap of Ahuja,
/// Mehlhorn, Orlin & Tarjan, "Faster algorithms for the shortest path problem", J. ACM 37(2),
/// 1990, with the multi-level buckets of Denardo & Fox, "Shortest-route methods: 1. Reaching,
/// pruning, and buckets", Operations Research 27(1), 1979). A simulation's queue is monotone:
/// nothing is scheduled before the last event popped (the reference). Non-negative doubles order
/// like their bit patterns; read as 8 digits of 8 bits, an event's time differs from the
/// reference first at some digit (its level), where its digit is the larger. It waits in bucket
/// (level, digit): 8 × 256 buckets, ordered so that every event in a lower bucket is earlier.
/// Scheduling appends to a bucket; popping takes the front of bucket 0 (times equal to the
/// reference), and when that is empty, re-distributes the lowest non-empty bucket around its
/// least time (kept per bucket), which becomes the reference. That bucket's events share every
/// digit down to its level, so each moves to a lower level: at most 8 moves in an event's life
/// (a one-bit radix heap allows 64; on the hold model at 1e3 / 1e5 / 1e6 pending it made 5.2 /
/// 8.5 / 10.2 moves per event, this one 1.6 / 2.4 / 3.0). The other buckets stay valid, since their events differ from the old and
/// the new reference at the same digit. Buckets are filled and scanned sequentially: a few cache
/// misses per event where a binary heap of a million events takes one per level. Equal times
/// keep scheduling order without sorting: events with equal times always share a bucket (its
/// index depends only on the time and the reference), new ones are appended after older ones,
/// and a redistribution moves a time's events together and in order, so each time's events stay
/// in sequence order and bucket 0 needs no sorting.
///
/// Payloads (kind, subject) travel inside the entries: popping an event reads one 24-byte entry
/// that was written sequentially, never a separate array at a random place (a cache miss per
/// event at a million pending).
///
/// Cancellation is lazy and opt-in: an event scheduled with `scheduleCancellable` is tracked in
/// a set while pending; cancelling moves it to a second set, and it is skipped when it reaches
/// the front. Events scheduled with `schedule` cost no hashing at all.
///
/// Buckets 1…2048 are lists of 768-byte blocks (32 entries) from one shared pool sized from
/// `capacity` plus one block per bucket, so the memory is about 24 bytes per pending event plus
/// 1.6 MiB of address space (touched only as buckets fill), and the queue allocates nothing once
/// it holds as many events as it ever will (or as `capacity` said); bucket 0 grows only when more
/// events than ever before share one time.
///
/// Limits: 2^24 (16.7 million) events pending at once (the blocks are indexed by Int32); times
/// must be ≥ 0.
///
/// - Complexity: `schedule` O(1); `popNext` O(1) amortised plus at most 8 moves per event over
///   its life; `cancel` O(1) expected.
public struct EventQueue: ~Copyable {
    /// Bucket 0: events at exactly the reference time, in sequence order from its `head`.
    @usableFromInline var zero: ZeroBucket
    /// Buckets 1..<bucketCount (index 0 unused), as lists of blocks from `pool`.
    @usableFromInline var lists: UnsafeMutablePointer<BlockList>
    @usableFromInline var pool: EntryBlockPool
    /// Which buckets hold events.
    @usableFromInline var occupied: BucketOccupancy
    /// Bit pattern of the last popped time (the radix heap's reference point).
    @usableFromInline var last: UInt64 = 0
    /// Entries stored, cancelled ones included.
    @usableFromInline var stored = 0
    /// The next sequence number to hand out.
    @usableFromInline var nextSequence: UInt64 = 0
    /// Time of the last event popped: nothing may be scheduled before it.
    @usableFromInline var lastPoppedTime: SimTime = -.infinity
    /// Sequence numbers of pending events that may still be cancelled.
    @usableFromInline var cancellable: Set<UInt64> = []
    /// Sequence numbers of cancelled events still queued.
    @usableFromInline var cancelled: Set<UInt64> = []
    /// cancellable.count + cancelled.count: one integer test on the hot path.
    @usableFromInline var tracked = 0

    @usableFromInline static let maximumPending = 1 << 24

    /// Creates an empty queue with room for `capacity` pending events before anything grows.
    public init(capacity: Int = 1_024) {
        precondition(capacity <= Self.maximumPending, "at most 2^24 pending events")
        zero = ZeroBucket()
        lists = .allocate(capacity: Self.bucketCount)
        lists.initialize(repeating: BlockList(), count: Self.bucketCount)
        occupied = BucketOccupancy()
        pool = EntryBlockPool(entries: Swift.max(capacity, 4), lists: Self.bucketCount)
    }

    deinit {
        zero.base.deallocate()
        lists.deallocate()
        occupied.deallocate()
        pool.deallocate()
    }

    /// The number of pending (scheduled, not fired, not cancelled) events.
    @inlinable public var count: Int { stored - cancelled.count }

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
        precondition(stored < Self.maximumPending, "at most 2^24 pending events")
        let sequence = nextSequence
        nextSequence &+= 1
        insert(RadixEntry(key: (event.time + 0.0).bitPattern, sequence: sequence,
                          payload: UInt64(event.kind) << 32 | UInt64(event.subject)))
        #if CLOUDPLAN_INTERNAL_CHECKS
        checkInvariants()
        #endif
        return EventID(time: event.time, sequence: sequence)
    }

    /// Schedules `event` so that it can later be cancelled, and returns its id.
    /// - Complexity: O(1) plus one hash insertion.
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
        while refill() {
            let entry = removeFront()
            if tracked != 0 && isCancelledOrForget(entry.sequence) { continue }
            let time = SimTime(bitPattern: entry.key)
            lastPoppedTime = time
            #if CLOUDPLAN_INTERNAL_CHECKS
            checkInvariants()
            #endif
            return Event(time: time, kind: UInt32(truncatingIfNeeded: entry.payload >> 32),
                         subject: UInt32(truncatingIfNeeded: entry.payload))
        }
        return nil
    }

    /// Removes the front entry of bucket 0. - Precondition: `refill()` returned true.
    @inlinable mutating func removeFront() -> RadixEntry {
        let entry = zero.base[zero.head]
        zero.head &+= 1
        stored -= 1
        return entry
    }

    /// For a tracked event leaving the queue: true if it was cancelled. Either way it stops being tracked.
    @usableFromInline mutating func isCancelledOrForget(_ sequence: UInt64) -> Bool {
        if cancelled.remove(sequence) != nil { tracked -= 1; return true }
        if cancellable.remove(sequence) != nil { tracked -= 1 }
        return false
    }

    /// The time of the earliest pending event, without removing it.
    public mutating func nextTime() -> SimTime? {
        while refill() {
            let entry = zero.base[zero.head]
            if tracked != 0, cancelled.contains(entry.sequence) {
                _ = isCancelledOrForget(removeFront().sequence)
                continue
            }
            return SimTime(bitPattern: entry.key)
        }
        return nil
    }

    /// Removes every pending event; keeps the buffers.
    public mutating func removeAll() {
        for b in 1..<Self.bucketCount { lists[b] = BlockList() }
        pool.freeAll()
        zero.count = 0
        zero.head = 0
        occupied.removeAll()
        stored = 0
        cancellable.removeAll(keepingCapacity: true)
        cancelled.removeAll(keepingCapacity: true)
        tracked = 0
    }
}

extension EventQueue {
    /// The bucket of `key` relative to the last popped time: 0 if equal, else 1 + the index of
    /// the highest differing bit.
    @inlinable static func bucket(_ key: UInt64, _ last: UInt64) -> Int {
        key == last ? 0 : bucketAbove(key, last)
    }

    /// Bits per digit of the multi-level radix heap, digits per level, levels, and buckets (bucket 0 included).
    @usableFromInline static let digitBits = 8
    @usableFromInline static let digitCount = 1 << digitBits
    @usableFromInline static let levelCount = (64 + digitBits - 1) / digitBits
    @usableFromInline static let bucketCount = 1 + levelCount * digitCount

    /// The bucket of `key` > `last`: 1 + level × digitCount + key's digit at that level, the
    /// level being the highest digit in which the two differ.
    @inlinable @inline(__always) static func bucketAbove(_ key: UInt64, _ last: UInt64) -> Int {
        let level = (63 &- (key ^ last).leadingZeroBitCount) / digitBits
        let digit = Int(truncatingIfNeeded: key &>> UInt64(truncatingIfNeeded: level &* digitBits)) & (digitCount &- 1)
        return 1 &+ level &* digitCount &+ digit
    }

    @inlinable mutating func insert(_ entry: RadixEntry) {
        if entry.key < last { rebase(to: entry.key) }
        file(entry)
        stored += 1
    }

    /// Puts `entry` (≥ the reference) in the bucket its key names.
    @inlinable mutating func file(_ entry: RadixEntry) {
        let b = Self.bucket(entry.key, last)
        if b == 0 {
            zero.append(entry)
        } else {
            if lists[b].head < 0 { occupied.insert(b) }
            pool.append(entry, to: &lists[b])
            if entry.key < lists[b].least { lists[b].least = entry.key }
        }
    }

    /// Makes bucket 0 non-empty from its head if any event is stored; false if none is.
    @inlinable mutating func refill() -> Bool {
        if zero.head < zero.count { return true }
        zero.count = 0
        zero.head = 0
        if occupied.isEmpty { return false }
        redistributeLowestBucket()
        return true
    }

    /// Moves the lowest non-empty bucket's events around its least time, which becomes the new
    /// reference time; that time's events land in bucket 0, the others in lower levels. Each
    /// block is returned to the pool as soon as it has been read, so the moved entries can reuse
    /// it. - Complexity: O(events in the bucket).
    @usableFromInline mutating func redistributeLowestBucket() {
        let b = occupied.lowest()
        let source = lists[b]
        let minimum = source.least
        lists[b] = BlockList()
        occupied.remove(b)
        last = minimum
        if source.end == Int(source.head) &* EntryBlockPool.blockSize &+ 1 {
            // One event (the common case when events are sparse): it is the new reference.
            zero.append(pool.entries[source.end &- 1])
            pool.give(source.head)
            return
        }
        let lists = lists
        let blockSize = EntryBlockPool.blockSize
        var entries = pool.entries
        var block = source.head
        while block >= 0 {
            let n = source.count(of: block)
            let after = pool.next[Int(block)]
            pool.give(block)
            // The block is free now and the next take() returns it to one list, which fills it
            // from position 0 with entries read from here: each write lands at or before the
            // position just read, so nothing unread is overwritten. (A pool that grows copies
            // every block, this one included, so reading goes on from the new copy.)
            var base = entries + Int(block) &* blockSize
            for i in 0..<n {
                let e = base[i]
                if e.key == minimum { zero.append(e); continue }
                let to = Self.bucketAbove(e.key, minimum)
                if lists[to].end & (blockSize &- 1) == 0 {
                    if lists[to].head < 0 { occupied.insert(to) }
                    pool.newTail(&lists[to])
                    if pool.entries != entries {
                        entries = pool.entries
                        base = entries + Int(block) &* blockSize
                    }
                }
                let end = lists[to].end
                entries[end] = e
                lists[to].end = end &+ 1
                if e.key < lists[to].least { lists[to].least = e.key }
            }
            block = after
        }
    }

    /// Lowers the reference time to `key` and re-files every stored event around it.
    ///
    /// The reference can run ahead of the last popped time when `nextTime` has looked past it
    /// (a run that stopped at its horizon) or when every event at the reference was cancelled;
    /// an event may then legally be scheduled between the two. All stored events are ≥ the old
    /// reference > `key`, so bucket 0 ends up empty.
    /// - Complexity: O(n) and one temporary array; happens at most once per such look-ahead,
    ///   never in a pop-and-schedule loop.
    @usableFromInline mutating func rebase(to key: UInt64) {
        var entries: [RadixEntry] = []
        entries.reserveCapacity(stored)
        for i in zero.head..<Swift.max(zero.head, zero.count) { entries.append(zero.base[i]) }
        zero.count = 0
        zero.head = 0
        for b in 1..<Self.bucketCount {
            pool.forEach(in: lists[b]) { entries.append($0) }
            lists[b] = BlockList()
        }
        pool.freeAll()
        occupied.removeAll()
        last = key
        for e in entries { file(e) }
    }

    /// Traps unless every event sits in the bucket its time names, bucket 0 is in sequence
    /// order and the block pool's lists are consistent. Compiled into the hot paths only with
    /// `CLOUDPLAN_INTERNAL_CHECKS`; tests call it.
    /// - Complexity: O(n + blocks).
    public func checkInvariants() {
        var total = zero.count - zero.head
        for i in zero.head..<Swift.max(zero.head, zero.count) {
            let e = zero.base[i]
            precondition(e.key == last, "event in bucket 0 belongs in \(Self.bucket(e.key, last))")
            if i > zero.head { precondition(zero.base[i - 1].sequence < e.sequence, "bucket 0 out of sequence order") }
        }
        var blocksInUse = 0
        for b in 1..<Self.bucketCount {
            let list = lists[b]
            precondition(occupied.contains(b) == (list.head >= 0), "occupancy bit \(b) wrong")
            if list.head < 0 {
                precondition(list.least == .max, "empty bucket \(b) has a least key")
                continue
            }
            var smallest = UInt64.max
            var block = list.head
            while block >= 0 {
                blocksInUse += 1
                precondition(block == list.tail || pool.next[Int(block)] >= 0, "list \(b) ends before its tail")
                block = pool.next[Int(block)]
            }
            pool.forEach(in: list) { e in
                total += 1
                smallest = Swift.min(smallest, e.key)
                precondition(Self.bucket(e.key, last) == b, "event in bucket \(b) belongs in \(Self.bucket(e.key, last))")
            }
            precondition(list.least == smallest, "bucket \(b)'s least key is wrong")
        }
        var freeBlocks = 0
        var f = pool.firstFree
        while f >= 0 { freeBlocks += 1; f = pool.next[Int(f)] }
        precondition(freeBlocks == pool.freeCount, "free list holds \(freeBlocks) blocks, count says \(pool.freeCount)")
        precondition(blocksInUse + freeBlocks == pool.blockCount, "blocks lost: \(blocksInUse) used + \(freeBlocks) free ≠ \(pool.blockCount)")
        precondition(total == stored, "stored count \(stored) ≠ \(total)")
    }
}
