import CGSL
import Foundation
import Testing
import TestSupport
@testable import Stochastics

/// `NormalQuantile.standard` against GSL's `gsl_cdf_ugaussian_Pinv`, bit for bit, and against
/// `Distribution.normal(0, 1).quantile` (what the demand sampler called before) inside (0, 1).
@Suite struct NormalQuantileTests {
    static let normal = Distribution.normal(mean: 0, standardDeviation: 1)

    static func gsl(_ p: Double) -> Double {
        _ = GSLRuntime.prepared
        return gsl_cdf_ugaussian_Pinv(p)
    }

    static func expectSameBits(_ p: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        let ours = NormalQuantile.standard(p), theirs = gsl(p)
        let same = ours.bitPattern == theirs.bitPattern || (ours.isNaN && theirs.isNaN)
        #expect(same, "p = \(p) (bits \(String(p.bitPattern, radix: 16))): \(ours) vs GSL \(theirs)", sourceLocation: sourceLocation)
    }

    /// The draws the demand sampler makes: a million counter-stream uniforms.
    @Test func counterStreamUniformsGiveGSLsBits() {
        let stream = CounterStream(seed: 2026, stream: 7, keyHash: 12)
        var differing = 0
        for k in 0..<UInt64(1_000_000) {
            let p = stream.uniformPositive(k)
            let ours = NormalQuantile.standard(p).bitPattern
            if ours != Self.gsl(p).bitPattern || ours != Self.normal.quantile(p).bitPattern { differing += 1 }
        }
        #expect(differing == 0)
    }

    /// Every region and the borders between them: log-uniform p from 1e-300 to ½ and their
    /// complements (the tail beyond r = 5 is p below e⁻²⁵ ≈ 1.4e-11), and each border's
    /// neighbours to the last bit.
    @Test func everyRegionAndBorderGiveGSLsBits() {
        var random = SeededGenerator(seed: 241)
        var differing = 0
        for _ in 0..<300_000 {
            let p = exp(-Double.random(in: 0...690, using: &random))
            for x in [p, 1 - p, p / 2] where NormalQuantile.standard(x).bitPattern != Self.gsl(x).bitPattern { differing += 1 }
        }
        #expect(differing == 0)
        let tailBorder = exp(-25.0)
        for border in [0.075, 0.925, 0.5, tailBorder, 1 - tailBorder, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude] {
            var below = border, above = border
            for _ in 0..<64 {
                Self.expectSameBits(below)
                Self.expectSameBits(above)
                below = below.nextDown
                above = above.nextUp
            }
        }
    }

    /// The ends and what lies outside: ±∞ at 0 and 1, NaN outside [0, 1] and for NaN.
    @Test func endsAndOutsideAsGSL() {
        #expect(NormalQuantile.standard(0) == -.infinity)
        #expect(NormalQuantile.standard(1) == .infinity)
        for p in [-1.0, -0.0, 1.5, 2, .nan, .infinity, -.infinity, (1.0).nextUp] { Self.expectSameBits(p) }
    }
}
