/// One queued event: the time's bit pattern and a tag holding the sequence number (high 40
/// bits) and the payload slot (low 24). For non-negative doubles the bit patterns order like the
/// values, so (key, tag) compared as unsigned integers is (time, sequence).
@usableFromInline struct RadixEntry {
    @usableFromInline var key: UInt64
    @usableFromInline var tag: UInt64

    @inlinable init(key: UInt64, tag: UInt64) {
        self.key = key
        self.tag = tag
    }
}

/// A growable buffer of entries (one bucket of the radix heap).
@usableFromInline struct RadixBucket {
    @usableFromInline var base: UnsafeMutablePointer<RadixEntry>
    @usableFromInline var count: Int
    @usableFromInline var capacity: Int

    @usableFromInline init() {
        capacity = 16
        base = .allocate(capacity: 16)
        count = 0
    }

    @inlinable mutating func append(_ e: RadixEntry) {
        if count == capacity { grow() }
        base[count] = e
        count += 1
    }

    @usableFromInline mutating func grow() {
        let bigger = UnsafeMutablePointer<RadixEntry>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
