/// A number of failure cases, exact however large: C(3149, 16) ≈ 4.6 × 10^42 has no `Int`.
///
/// Stored as base-10^9 limbs, least significant first, with no leading zero limb (zero is no
/// limbs). Only what counting cases needs: small factors, exact small divisors, comparison.
public struct CaseCount: Sendable, Hashable, Comparable, CustomStringConvertible {
    private static let base: UInt64 = 1_000_000_000
    private var limbs: [UInt64]

    public init(_ value: Int) {
        precondition(value >= 0, "a count is not negative")
        limbs = []
        var v = UInt64(value)
        while v > 0 { limbs.append(v % Self.base); v /= Self.base }
    }

    /// C(n, k), exactly.
    /// - Complexity: O(k · digits of the result).
    public static func binomial(_ n: Int, _ k: Int) -> CaseCount {
        guard k >= 0, k <= n else { return CaseCount(0) }
        let k = Swift.min(k, n - k)
        var result = CaseCount(1)
        // C(n, i + 1) = C(n, i) · (n − i) / (i + 1), an integer at every step.
        for i in 0..<k {
            result.multiply(by: UInt64(n - i))
            result.divide(by: UInt64(i + 1))
        }
        return result
    }

    /// The value when it fits in an `Int`.
    public var intValue: Int? {
        var value = 0
        for limb in limbs.reversed() {
            let (scaled, o1) = value.multipliedReportingOverflow(by: Int(Self.base))
            let (sum, o2) = scaled.addingReportingOverflow(Int(limb))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    /// Decimal digits, no sign, no separators.
    public var description: String {
        guard let top = limbs.last else { return "0" }
        var out = String(top)
        for limb in limbs.dropLast().reversed() {
            let digits = String(limb)
            out += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return out
    }

    public static func < (a: CaseCount, b: CaseCount) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for (x, y) in zip(a.limbs.reversed(), b.limbs.reversed()) where x != y { return x < y }
        return false
    }

    /// - Precondition: factor < 2^34 (so that limb × factor + carry fits in 64 bits).
    private mutating func multiply(by factor: UInt64) {
        precondition(factor < 1 << 34)
        var carry: UInt64 = 0
        for j in limbs.indices {
            let product = limbs[j] * factor + carry
            limbs[j] = product % Self.base
            carry = product / Self.base
        }
        while carry > 0 { limbs.append(carry % Self.base); carry /= Self.base }
        if factor == 0 { limbs = [] }
    }

    /// Exact division by a small divisor (the caller knows it divides).
    private mutating func divide(by divisor: UInt64) {
        var remainder: UInt64 = 0
        for j in limbs.indices.reversed() {
            let value = remainder * Self.base + limbs[j]
            limbs[j] = value / divisor
            remainder = value % divisor
        }
        precondition(remainder == 0, "inexact division")
        while limbs.last == 0 { limbs.removeLast() }
    }
}
