/// Random draws indexed by a counter instead of a position in a sequence: draw `k` of a key is
/// the SplitMix64 output (Steele, Lea and Flood 2014) at step k + 1 from the key, so any draw can
/// be taken without those before it. For draws made only when needed (a blade's demand noise at
/// the samples where it could matter) yet the same in every run and every variant that asks for
/// them: the draw depends on the key and the counter, not on what else was drawn.
public struct CounterStream: Sendable {
    /// The starting state: the seed, the replication and the component's key hash mixed.
    public let key: UInt64

    /// The stream of the component whose key hashes to `keyHash` (`KeyHash`), in replication
    /// `stream` of master seed `seed`. Distinct keys give unrelated draws.
    public init(seed: UInt64, stream: Int, keyHash: UInt64) {
        var mix = seed ^ (UInt64(stream) &* 0x9e37_79b9_7f4a_7c15) ^ (keyHash &* 0xbf58_476d_1ce4_e5b9)
        key = RandomStream.splitMix64(&mix)
    }

    /// Draw `k`: 64 random bits.
    @inlinable public func bits(_ k: UInt64) -> UInt64 {
        var z = key &+ (k &+ 1) &* 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Draw `k` as a uniform number in (0, 1): never exactly 0 or 1.
    @inlinable public func uniformPositive(_ k: UInt64) -> Double {
        (Double(bits(k) >> 11) + 0.5) * 0x1.0p-53
    }
}
