/// One queued event: the time's bit pattern, its sequence number and its payload (kind << 32 |
/// subject), 24 bytes read together. For non-negative doubles the bit patterns order like the
/// values, so (key, sequence) compared as unsigned integers is (time, sequence).
@usableFromInline struct RadixEntry {
    @usableFromInline var key: UInt64
    @usableFromInline var sequence: UInt64
    @usableFromInline var payload: UInt64

    @inlinable init(key: UInt64, sequence: UInt64, payload: UInt64) {
        self.key = key
        self.sequence = sequence
        self.payload = payload
    }
}

/// A bucket of the radix heap above bucket 0: a singly linked list of blocks from an
/// `EntryBlockPool`, and its least key. Every block but the tail is full. An empty list has
/// `head == -1`. 16 bytes: a bucket's bookkeeping is one memory access.
@usableFromInline struct BlockList {
    @usableFromInline var head: Int32 = -1
    /// `end`, stored in 32 bits (the pool holds fewer than 2^31 entries).
    @usableFromInline var storedEnd: Int32 = 0
    /// The least key in the list (UInt64.max when empty), so a redistribution reads its bucket once.
    @usableFromInline var least: UInt64 = .max

    /// Pool index one past the last entry: inside the tail block, or at the end of a full tail
    /// block (a multiple of the block size, as for an empty list), so one test finds both cases
    /// in which an append needs a new block.
    @inlinable var end: Int {
        get { Int(storedEnd) }
        set { storedEnd = Int32(truncatingIfNeeded: newValue) }
    }

    @inlinable init() {}

    /// The tail block. - Precondition: the list is not empty.
    @inlinable var tail: Int32 { Int32(truncatingIfNeeded: (end &- 1) / EntryBlockPool.blockSize) }

    /// Entries in block `b` of this list.
    @inlinable func count(of b: Int32) -> Int {
        b == tail ? (end &- 1) % EntryBlockPool.blockSize &+ 1 : EntryBlockPool.blockSize
    }
}

/// Fixed-size blocks of entries shared by all buckets, with a free list.
///
/// The buckets' sizes keep changing as simulated time advances; growing each bucket's own array
/// would allocate whenever one reached a new high. Blocks of a shared pool are reused instead:
/// every block of a list but its tail is full, so at most ⌈pending / blockSize⌉ + one block per
/// bucket are in use, and a pool created that large never allocates again.
@usableFromInline struct EntryBlockPool {
    /// Entries per block (32 × 24 bytes = 768 bytes); a power of two.
    @usableFromInline static let blockSize = 32
    @usableFromInline var entries: UnsafeMutablePointer<RadixEntry>
    /// The block after each block in its list (or in the free list); −1 ends a list.
    @usableFromInline var next: UnsafeMutablePointer<Int32>
    @usableFromInline var blockCount: Int
    @usableFromInline var firstFree: Int32
    /// Blocks on the free list.
    @usableFromInline var freeCount = 0

    /// A pool with room for `entries` entries spread over `lists` lists, each with a partly
    /// filled tail block.
    @usableFromInline init(entries count: Int, lists: Int) {
        blockCount = (count + Self.blockSize - 1) / Self.blockSize + lists
        entries = .allocate(capacity: blockCount * Self.blockSize)
        next = .allocate(capacity: blockCount)
        firstFree = -1
        chainFree(from: 0)
    }

    @usableFromInline func deallocate() {
        entries.deallocate()
        next.deallocate()
    }

    /// Puts blocks `start..<blockCount` on the free list.
    @usableFromInline mutating func chainFree(from start: Int) {
        for b in stride(from: blockCount - 1, through: start, by: -1) {
            next[b] = firstFree
            firstFree = Int32(b)
        }
        freeCount += blockCount - start
    }

    /// Returns every block to the free list.
    @usableFromInline mutating func freeAll() {
        firstFree = -1
        freeCount = 0
        chainFree(from: 0)
    }

    /// Takes a free block (growing the pool when none is left) and ends its chain.
    @inlinable mutating func take() -> Int32 {
        if firstFree < 0 { grow() }
        let b = firstFree
        firstFree = next[Int(b)]
        next[Int(b)] = -1
        freeCount &-= 1
        return b
    }

    /// Returns block `b` to the free list.
    @inlinable mutating func give(_ b: Int32) {
        next[Int(b)] = firstFree
        firstFree = b
        freeCount &+= 1
    }

    /// Appends `entry` to `list`.
    @inlinable mutating func append(_ entry: RadixEntry, to list: inout BlockList) {
        if list.end & (Self.blockSize &- 1) == 0 { newTail(&list) }
        entries[list.end] = entry
        list.end &+= 1
    }

    /// Links a fresh block at the end of `list` (which is empty or has a full tail).
    @usableFromInline mutating func newTail(_ list: inout BlockList) {
        let b = take()
        if list.head < 0 { list.head = b } else { next[Int(list.tail)] = b }
        list.end = Int(b) * Self.blockSize
    }

    /// Doubles the pool. Lists hold block indices, not addresses, so they stay valid.
    @usableFromInline mutating func grow() {
        let old = blockCount
        blockCount = old * 2
        reallocate(&entries, keeping: old * Self.blockSize, capacity: blockCount * Self.blockSize)
        reallocate(&next, keeping: old, capacity: blockCount)
        chainFree(from: old)
    }

    /// Calls `body` with each entry of `list`, in list order.
    @inlinable func forEach(in list: BlockList, _ body: (RadixEntry) -> Void) {
        var b = list.head
        while b >= 0 {
            let n = list.count(of: b)
            let base = entries + Int(b) * Self.blockSize
            for i in 0..<n { body(base[i]) }
            b = next[Int(b)]
        }
    }
}

/// Bucket 0: the events at exactly the reference time, read from `head`, in sequence order.
/// A plain growable array that holds only pending entries: when it is full and its front half
/// has been read, the unread entries move to the front instead (events scheduled at the time
/// being handled, one popped for each scheduled, reuse the same room); it grows only when more
/// events than ever before are pending at one time.
@usableFromInline struct ZeroBucket {
    @usableFromInline var base: UnsafeMutablePointer<RadixEntry>
    @usableFromInline var count = 0
    @usableFromInline var head = 0
    @usableFromInline var capacity = 64

    @usableFromInline init() {
        base = .allocate(capacity: 64)
    }

    @inlinable mutating func append(_ e: RadixEntry) {
        if count == capacity { grow() }
        base[count] = e
        count &+= 1
    }

    /// Makes room for one more entry: compacts when at least half the buffer has been read,
    /// else doubles it. Amortised O(1) per entry.
    @usableFromInline mutating func grow() {
        if head >= capacity / 2 {
            (base).moveInitialize(from: base + head, count: count &- head)
            count &-= head
            head = 0
            return
        }
        capacity *= 2
        reallocate(&base, keeping: count, capacity: capacity)
    }
}

/// Moves the first `keeping` elements of `buffer` into a new buffer of `capacity` and frees the old one.
@usableFromInline func reallocate<T>(_ buffer: inout UnsafeMutablePointer<T>, keeping: Int, capacity: Int) {
    let bigger = UnsafeMutablePointer<T>.allocate(capacity: capacity)
    bigger.moveInitialize(from: buffer, count: keeping)
    buffer.deallocate()
    buffer = bigger
}

/// Which of the buckets 1..<EventQueue.bucketCount hold events: bit b − 1 of `words` for bucket
/// b, and bit w of `summary` when word w is not zero, so the lowest one is two trailing-zero counts away.
@usableFromInline struct BucketOccupancy {
    @usableFromInline static let wordCount = (EventQueue.bucketCount - 1 + 63) / 64
    @usableFromInline var words: UnsafeMutablePointer<UInt64>
    @usableFromInline var summary: UInt64 = 0

    @usableFromInline init() {
        precondition(Self.wordCount <= 64)
        words = .allocate(capacity: Self.wordCount)
        words.initialize(repeating: 0, count: Self.wordCount)
    }

    @usableFromInline func deallocate() { words.deallocate() }

    @inlinable var isEmpty: Bool { summary == 0 }

    /// The lowest occupied bucket. - Precondition: not empty.
    @inlinable func lowest() -> Int {
        let w = summary.trailingZeroBitCount
        return w &* 64 &+ words[w].trailingZeroBitCount &+ 1
    }

    @inlinable func contains(_ b: Int) -> Bool { (words[(b &- 1) &>> 6] >> UInt64((b &- 1) & 63)) & 1 == 1 }

    @inlinable mutating func insert(_ b: Int) {
        let w = (b &- 1) &>> 6
        words[w] |= 1 &<< UInt64((b &- 1) & 63)
        summary |= 1 &<< UInt64(w)
    }

    @inlinable mutating func remove(_ b: Int) {
        let w = (b &- 1) &>> 6
        words[w] &= ~(1 &<< UInt64((b &- 1) & 63))
        if words[w] == 0 { summary &= ~(1 &<< UInt64(w)) }
    }

    @usableFromInline mutating func removeAll() {
        words.update(repeating: 0, count: Self.wordCount)
        summary = 0
    }
}
