#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal quantile by Wichura's algorithm AS 241 (PPND16; M. J. Wichura, "The
/// Percentage Points of the Normal Distribution", Applied Statistics 37 (1988) 477-484), relative
/// error about 1e-16: a rational function of degree 7/7 in p − ½ near the median, else in
/// √(−log min(p, 1 − p)) (one pair for that root up to 5, another beyond). The coefficients are
/// the paper's.
///
/// It is the algorithm behind GSL's `gsl_cdf_ugaussian_Pinv`, evaluated the same way (each
/// polynomial by Horner's rule from its highest coefficient, numerator over denominator, no fused
/// multiply-add), so it returns the same bits (`NormalQuantileTests` compares millions of points
/// in every region); being inlined, it costs a demand sample a fraction of the call into GSL
/// (about 40% of it, 2026-12-07). O(1), no allocation.
public enum NormalQuantile {
    /// The p-quantile of N(0, 1): −∞ at 0, +∞ at 1, NaN outside [0, 1] or for NaN.
    @inlinable
    public static func standard(_ p: Double) -> Double {
        if p == 1 { return .infinity }
        if p == 0 { return -.infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 { return q * central(0.180625 - q * q) }
        let r = (-log(p < 0.5 ? p : 1 - p)).squareRoot()
        let x = r <= 5 ? intermediate(r - 1.6) : tail(r - 5)
        return p < 0.5 ? -x : x
    }

    /// The rational function for |p − ½| ≤ 0.425, at r = 0.180625 − (p − ½)².
    @inlinable
    static func central(_ r: Double) -> Double {
        rational(r, SIMD8(3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
                          45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727),
                 SIMD8(1.0, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
                       21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561))
    }

    /// The rational function for √(−log min(p, 1 − p)) up to 5, at that root less 1.6.
    @inlinable
    static func intermediate(_ r: Double) -> Double {
        rational(r, SIMD8(1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
                          1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4),
                 SIMD8(1.0, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
                       0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9))
    }

    /// The rational function for √(−log min(p, 1 − p)) above 5, at that root less 5.
    @inlinable
    static func tail(_ r: Double) -> Double {
        rational(r, SIMD8(6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
                          0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7),
                 SIMD8(1.0, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
                       7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15))
    }

    /// Σ a_i rⁱ / Σ b_i rⁱ (coefficients lowest degree first), each polynomial by Horner's rule
    /// from its highest coefficient.
    @inlinable
    static func rational(_ r: Double, _ a: SIMD8<Double>, _ b: SIMD8<Double>) -> Double {
        var u = a[7], v = b[7]
        for i in (0..<7).reversed() {
            u = r * u + a[i]
            v = r * v + b[i]
        }
        return u / v
    }
}
