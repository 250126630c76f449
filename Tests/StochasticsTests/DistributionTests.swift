import Foundation
import Testing
@testable import Stochastics

@Suite struct DistributionTests {
    static let cases: [Distribution] = [
        .constant(2.5),
        .exponential(mean: 3),
        .weibull(scale: 3, shape: 1.5),
        .weibull(scale: 1000, shape: 0.7),
        .lognormal(mu: 0.3, sigma: 0.5),
        .lognormal(mean: 4, coefficientOfVariation: 1.2),
        .normal(mean: -1, standardDeviation: 2),
        .poisson(mean: 2.5),
        .uniform(lower: 2, upper: 5),
    ]

    /// The sample mean of 200,000 draws lies within 5 standard errors of the exact mean.
    @Test(arguments: cases) func sampleMeanMatchesExactMean(_ d: Distribution) {
        let s = RandomStream(seed: 2024, stream: 1)
        let n = 200_000
        var acc = RunningStatistics()
        for _ in 0..<n { acc.add(d.sample(s)) }
        let se = (d.variance / Double(n)).squareRoot()
        #expect(abs(acc.mean - d.mean) <= max(5 * se, 1e-12), "mean \(acc.mean) vs \(d.mean)")
        if d.variance > 0 {
            // Variance within 10% (loose: heavy tails converge slowly).
            #expect(abs(acc.variance / d.variance - 1) < 0.1, "variance \(acc.variance) vs \(d.variance)")
        }
    }

    /// Kolmogorov-Smirnov: the empirical CDF of 20,000 draws stays within the 0.1% critical
    /// distance 1.95/sqrt(n) of the exact CDF (continuous distributions only).
    @Test(arguments: [Distribution.exponential(mean: 3), .weibull(scale: 3, shape: 1.5),
                      .lognormal(mu: 0.3, sigma: 0.5), .normal(mean: -1, standardDeviation: 2),
                      .uniform(lower: 2, upper: 5)])
    func kolmogorovSmirnov(_ d: Distribution) {
        let s = RandomStream(seed: 5, stream: 3)
        let n = 20_000
        let xs = (0..<n).map { _ in d.sample(s) }.sorted()
        var dmax = 0.0
        for (i, x) in xs.enumerated() {
            let f = d.cdf(x)
            dmax = max(dmax, abs(f - Double(i) / Double(n)), abs(f - Double(i + 1) / Double(n)))
        }
        #expect(dmax < 1.95 / Double(n).squareRoot(), "KS distance \(dmax)")
    }

    /// Exact CDF values from SciPy.
    @Test func cdfMatchesReferenceValues() {
        #expect(abs(Distribution.exponential(mean: 1).cdf(1) - (1 - exp(-1))) < 1e-14)
        #expect(abs(Distribution.weibull(scale: 3, shape: 1.5).cdf(2) - 0.41977020402532716) < 1e-12)
        #expect(abs(Distribution.lognormal(mu: 0.3, sigma: 0.5).cdf(2) - 0.7841524723713562) < 1e-12)
        #expect(abs(Distribution.poisson(mean: 2.5).cdf(4) - 0.8911780189141513) < 1e-12)
        #expect(Distribution.constant(3).cdf(2.9) == 0 && Distribution.constant(3).cdf(3) == 1)
    }

    @Test(arguments: [Distribution.exponential(mean: 3), .weibull(scale: 3, shape: 1.5),
                      .lognormal(mu: 0.3, sigma: 0.5), .normal(mean: -1, standardDeviation: 2),
                      .uniform(lower: 2, upper: 5)])
    func quantileInvertsTheCDF(_ d: Distribution) {
        for p in [0.001, 0.1, 0.5, 0.9, 0.999] {
            #expect(abs(d.cdf(d.quantile(p)) - p) < 1e-9)
        }
        #expect(d.quantile(0).isNaN && d.quantile(1).isNaN)
    }

    @Test func weibullFromMean() throws {
        let d = try Distribution.weibull(mean: 10, shape: 2)
        #expect(abs(d.mean - 10) < 1e-9)
        guard case .weibull(let scale, _) = d else { Issue.record("not a Weibull"); return }
        // Γ(1.5) = √π / 2
        #expect(abs(scale - 10 / (Double.pi.squareRoot() / 2)) < 1e-9)
    }

    @Test func parameterProblemsAreNamed() {
        #expect(Distribution.exponential(mean: 0).parameterProblem?.contains("mean") == true)
        #expect(Distribution.weibull(scale: 1, shape: -1).parameterProblem?.contains("shape") == true)
        #expect(Distribution.uniform(lower: 3, upper: 1).parameterProblem != nil)
        #expect(Distribution.lognormal(mu: 0, sigma: .nan).parameterProblem != nil)
        #expect(Distribution.normal(mean: 1, standardDeviation: 1).parameterProblem == nil)
    }
}
