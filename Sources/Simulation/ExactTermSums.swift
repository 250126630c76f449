/// A pool's moment sums (`PoolDemandMoments.moments`) kept exactly, in fixed point: each term
/// truncated to a multiple of 2⁻⁴⁸ and summed as a 128-bit integer. Integer sums do not depend on
/// the order of the additions, so a rebuild takes off the old terms of the blades that changed
/// and adds their new ones (O(changed blades × terms)) instead of adding every ranked blade's
/// terms again (O(blades × terms), a fifth of the event loop on japan-all); the sums are a
/// function of the set of ranked blades and their weights alone.
///
/// Range: a term's magnitude must stay below 2⁵² (its fixed-point value below 2¹⁰⁰, so that sums
/// of up to 2²⁶ terms cannot overflow); a term beyond it, or not finite, sets `inRange` false
/// (see `PoolDemandMoments.rebuild` for what the pool does then). Resolution: 2⁻⁴⁸ ≈ 3.6e-15
/// (cores, cores², watts × cores²) a term, far below what the sums feed (a sample's mean and
/// variance of demand, in cores and cores²).
struct ExactTermSums {
    private(set) var sums: [Int128]
    private(set) var inRange = true

    /// The largest term magnitude kept exactly (the fixed point is 2⁻⁴⁸: see `fixed`).
    static let termLimit = 0x1p52

    init(width: Int) { sums = [Int128](repeating: 0, count: width) }

    /// Every sum back to zero (and in range).
    mutating func reset() {
        for j in sums.indices { sums[j] = 0 }
        inRange = true
    }

    /// Adds a blade's terms (`PoolDemandMoments.forEachTerm` of its weights and κ), or takes them
    /// off when `adding` is false.
    mutating func add(weights: UnsafeBufferPointer<Double>, kappa: Double, adding: Bool) {
        guard inRange else { return }
        var fits = true
        sums.withUnsafeMutableBufferPointer { sums in
            PoolDemandMoments.forEachTerm(weights: weights, kappa: kappa) { j, term in
                guard abs(term) < Self.termLimit else {
                    fits = false
                    return
                }
                let value = Self.fixed(term)
                sums[j] = adding ? sums[j] &+ value : sums[j] &- value
            }
        }
        if !fits { inRange = false }
    }

    /// The sums as doubles, in `moments` (as many). Each is Double(high) 2⁶⁴ + Double(low),
    /// scaled: deterministic, within an ulp or two of the exact value.
    func write(into moments: UnsafeMutableBufferPointer<Double>) {
        let scale = 0x1p-48
        for j in sums.indices {
            let high = Double(Int64(truncatingIfNeeded: sums[j] >> 64)) * 0x1p64
            moments[j] = (high + Double(UInt64(truncatingIfNeeded: sums[j]))) * scale
        }
    }

    /// `term` × 2⁴⁸ truncated toward zero, for |term| < 2⁵²: one conversion when it fits 63
    /// bits (|term| < 2¹⁴), else split into 2⁵⁰ × high + low (the low part exact in a double)
    /// and put together in 128 bits. No rounding function: the portable x86-64 target has no
    /// rounding instruction, and a call into libm a term cost more than the sums it saved.
    @inline(__always)
    static func fixed(_ term: Double) -> Int128 {
        let x = term * 0x1p48
        if abs(x) < 0x1p62 { return Int128(Int64(x)) }
        let high = Int64(x * 0x1p-50)
        let low = Int64(x - Double(high) * 0x1p50)
        return Int128(high) << 50 + Int128(low)
    }
}
