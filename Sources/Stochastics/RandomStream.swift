import CGSL

/// A seeded stream of pseudo-random numbers: the xoshiro256** generator, run by GSL.
///
/// Streams are derived from one master seed: stream `s` starts `s` long jumps (2^192 steps)
/// after the seeded state, and its substream `t` a further `t` jumps (2^128 steps). So every
/// (seed, stream, substream) gets its own sequence, disjoint from every other for 2^128 draws,
/// whatever order or thread the streams are created in. Use one stream per replication and one
/// substream per random process (failures, repairs, demand noise) inside it.
///
/// Not thread-safe: a stream belongs to one task at a time.
public final class RandomStream {
    @usableFromInline let generator: UnsafeMutablePointer<gsl_rng>

    /// The master seed this stream was derived from.
    public let seed: UInt64
    /// The stream index (one per replication).
    public let stream: Int
    /// The substream index (one per random process within a replication).
    public let substream: Int

    /// Creates the stream `stream`, substream `substream`, of master seed `seed`.
    /// - Complexity: O(stream + substream) jumps of 256 generator steps each.
    public convenience init(seed: UInt64, stream: Int = 0, substream: Int = 0) {
        self.init(seed: seed, stream: stream, substream: substream, jumping: true)
    }

    /// The generator seeded with `seed`, advanced to (stream, substream) if `jumping`.
    private init(seed: UInt64, stream: Int, substream: Int, jumping: Bool) {
        precondition(stream >= 0 && substream >= 0, "stream and substream indices are non-negative")
        _ = GSLRuntime.prepared
        guard let rng = gsl_rng_alloc(cloudplan_rng_xoshiro256ss()) else {
            fatalError("out of memory allocating a random number generator")
        }
        generator = rng
        self.seed = seed
        self.stream = stream
        self.substream = substream
        gsl_rng_set(rng, UInt(seed))
        guard jumping else { return }
        for _ in 0..<stream { cloudplan_rng_long_jump(rng) }
        for _ in 0..<substream { cloudplan_rng_jump(rng) }
    }

    /// Creates the stream of component `key` (such as "blade/okitama/3") in stream `stream` of
    /// master seed `seed`: its four state words are SplitMix64 outputs seeded with the seed, the
    /// stream and the FNV-1a hash of the key. So a component keeps its own draws whatever other
    /// components a variant of the scenario adds or removes (common random numbers). Distinct keys
    /// give unrelated sequences (overlap has probability about draws² / 2^256, not none).
    /// - Complexity: O(key length).
    public convenience init(seed: UInt64, stream: Int, key: String) {
        var hash = KeyHash()
        hash.add(key)
        self.init(seed: seed, stream: stream, keyHash: hash.value)
    }

    /// The stream of the key whose FNV-1a hash is `keyHash` (see `KeyHash`): the same as
    /// `init(seed:stream:key:)` without building the key.
    public convenience init(seed: UInt64, stream: Int, keyHash hash: UInt64) {
        self.init(seed: seed, stream: stream, substream: 0, jumping: false)
        var mix = seed ^ (UInt64(stream) &* 0x9e37_79b9_7f4a_7c15) ^ (hash &* 0xbf58_476d_1ce4_e5b9)
        var words: [UInt64] = []
        for _ in 0..<4 { words.append(Self.splitMix64(&mix)) }
        if words.allSatisfy({ $0 == 0 }) { words[0] = 1 }
        setStateWords(words)
    }

    /// One SplitMix64 step (Steele, Lea and Flood 2014): advances `state` and returns its output.
    static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    deinit { gsl_rng_free(generator) }

    /// A new stream for substream `index` of this stream's (seed, stream).
    public func substream(_ index: Int) -> RandomStream {
        RandomStream(seed: seed, stream: stream, substream: index)
    }

    /// A uniform draw in [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(generator) }

    /// A uniform draw in (0, 1): never exactly zero (safe to take a logarithm of).
    @inlinable public func uniformPositive() -> Double { gsl_rng_uniform_pos(generator) }

    /// A uniform integer in 0..<upperBound.
    /// - Precondition: 0 < upperBound <= 2^32.
    public func integer(below upperBound: Int) -> Int {
        precondition(upperBound > 0 && upperBound <= 1 << 32, "integer(below:) takes 1...2^32")
        return Int(gsl_rng_uniform_int(generator, UInt(upperBound)))
    }

    /// The generator's four state words (for tests and reproducibility checks).
    public var stateWords: [UInt64] {
        var words = [UInt64](repeating: 0, count: 4)
        words.withUnsafeMutableBufferPointer { cloudplan_rng_state_words(generator, $0.baseAddress!) }
        return words
    }

    /// Replaces the generator's state; the words must not all be zero.
    public func setStateWords(_ words: [UInt64]) {
        precondition(words.count == 4 && words.contains { $0 != 0 }, "four words, not all zero")
        words.withUnsafeBufferPointer { cloudplan_rng_set_state_words(generator, $0.baseAddress!) }
    }

    /// The next raw 32-bit output (the upper half of the generator's 64-bit output).
    public func next32() -> UInt32 { UInt32(truncatingIfNeeded: gsl_rng_get(generator)) }
}

extension RandomStream {
    /// Advances 2^128 steps (one substream). For tests of the jump polynomial.
    func jumpForTesting() { cloudplan_rng_jump(generator) }
    /// Advances 2^192 steps (one stream). For tests of the long-jump polynomial.
    func longJumpForTesting() { cloudplan_rng_long_jump(generator) }
}

/// The 64-bit FNV-1a hash of a stream's key, fed piece by piece (no string is built).
public struct KeyHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte: byte) }
    }

    /// Adds the decimal digits of `n` ≥ 0, as `add(String(n))` would.
    public mutating func add(decimal n: Int) {
        var divisor = 1
        while divisor <= n / 10 { divisor *= 10 }
        var rest = n
        while divisor > 0 {
            add(byte: UInt8(48 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    public mutating func add(byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
}
