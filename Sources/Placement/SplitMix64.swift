/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny seeded generator whose sequence depends only
/// on its seed, for searches and instance generators that must repeat exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }

    /// A random number in [0, 1): the next value's high 53 bits.
    @inline(__always)
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A random whole number in 0..<n (0 < n < 2³²) from the next value's high 32 bits, by
    /// multiplying and shifting rather than dividing (for hot loops; the bias is below n / 2³²).
    @inline(__always)
    public mutating func below(_ n: Int) -> Int {
        Int(((next() >> 32) &* UInt64(n)) >> 32)
    }
}
