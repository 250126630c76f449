import Foundation
import Testing
@testable import Stochastics

@Suite struct StatisticsTests {
    @Test func quantilesMatchNumPyLinear() {
        // numpy.quantile([3,1,4,1,5,9,2,6], [0.1, 0.5, 0.9]) = [1.0, 3.5, 6.9]
        let q = SampleStatistics.quantiles([3, 1, 4, 1, 5, 9, 2, 6], [0.1, 0.5, 0.9])
        #expect(abs(q[0] - 1.0) < 1e-12 && abs(q[1] - 3.5) < 1e-12 && abs(q[2] - 6.9) < 1e-12)
        #expect(SampleStatistics.quantile(sorted: [4.0], 0.37) == 4)
        #expect(SampleStatistics.quantile(sorted: [Double](), 0.5).isNaN)
    }

    @Test func meanAndVarianceMatchTwoPassFormulas() {
        let s = RandomStream(seed: 11)
        for n in [2, 3, 10, 1000] {
            let xs = (0..<n).map { _ in 1e6 + s.uniform() }   // large offset: Welford must stay stable
            let m = xs.reduce(0, +) / Double(n)
            let v = xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)
            #expect(abs(SampleStatistics.mean(xs) - m) < 1e-9)
            #expect(abs(SampleStatistics.variance(xs) - v) / v < 1e-6)
        }
    }

    @Test func mergingAccumulatorsEqualsOnePass() {
        let s = RandomStream(seed: 12)
        let xs = (0..<1000).map { _ in s.uniform() * 10 }
        var whole = RunningStatistics()
        xs.forEach { whole.add($0) }
        var a = RunningStatistics(), b = RunningStatistics()
        xs[..<377].forEach { a.add($0) }
        xs[377...].forEach { b.add($0) }
        a.merge(b)
        #expect(a.count == whole.count)
        #expect(abs(a.mean - whole.mean) < 1e-12)
        #expect(abs(a.variance - whole.variance) < 1e-10)
        #expect(a.minimum == whole.minimum && a.maximum == whole.maximum)
    }

    @Test func quantileFunctionsMatchReference() throws {
        #expect(abs(try SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: 10) - 2.228138851986274) < 1e-9)
        #expect(abs(try SpecialFunctions.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(try SpecialFunctions.gamma(5) - 24) < 1e-12)
        #expect(abs(SpecialFunctions.binomialCDF(3, trials: 10, probability: 0.3) - 0.6496107184000002) < 1e-12)
        #expect(abs(SpecialFunctions.poissonCDF(4, mean: 2.5) - 0.8911780189141513) < 1e-12)
    }

    @Test func gslFailuresBecomeSwiftErrors() {
        #expect(throws: GSLError.self) { try SpecialFunctions.gamma(0) }
        #expect(throws: GSLError.self) { try SpecialFunctions.gamma(-2) }
        #expect(throws: GSLError.self) { try SpecialFunctions.studentTQuantile(1.5, degreesOfFreedom: 3) }
        do {
            _ = try SpecialFunctions.gamma(-2)
        } catch {
            #expect(error.code == GSLError.domainError)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func erlangBMatchesClosedForm() {
        // B(c, a) = (a^c / c!) / Σ_{k≤c} a^k / k!
        for c in 0...12 {
            for a in [0.5, 1.0, 3.0, 8.0] {
                var num = 1.0, den = 1.0, term = 1.0
                if c > 0 { for k in 1...c { term *= a / Double(k); den += term } }
                num = term
                #expect(abs(SpecialFunctions.erlangB(servers: c, offeredLoad: a) - num / den) < 1e-12)
            }
        }
        #expect(abs(SpecialFunctions.erlangB(servers: 2, offeredLoad: 1) - 0.2) < 1e-15)
    }

    /// Over 2,000 seeded samples of 10 normal values, the 95% interval covers the true mean in
    /// 95% ± 3 binomial standard deviations (≈ 1.5%) of them.
    @Test func confidenceIntervalsHaveTheirCoverage() {
        let s = RandomStream(seed: 77)
        let d = Distribution.normal(mean: 5, standardDeviation: 3)
        var covered = 0
        let trials = 2_000
        for _ in 0..<trials {
            let ci = SampleStatistics.confidenceInterval((0..<10).map { _ in d.sample(s) }, level: 0.95)
            if ci.contains(5) { covered += 1 }
        }
        let rate = Double(covered) / Double(trials)
        let sd = (0.95 * 0.05 / Double(trials)).squareRoot()
        #expect(abs(rate - 0.95) < 3 * sd, "coverage \(rate)")
    }

    /// The 95% quantiles computed once equal GSL's, asked each time, to the bit (every count of
    /// the table and one beyond it), and match published values: t(0.975, 1) = 12.7062,
    /// t(0.975, 9) = 2.2622, t(0.975, 29) = 2.0452.
    @Test func tableOfTQuantilesIsGSLs() {
        for nu in 1...1_025 {
            var values = RunningStatistics()
            for x in 0...nu { values.add(Double(x % 3)) }
            let direct = RunningStatistics.tQuantile(level: 0.95, degreesOfFreedom: nu)
            let expected = direct * values.standardDeviation / Double(values.count).squareRoot()
            #expect(values.confidenceInterval(level: 0.95).halfWidth.bitPattern == expected.bitPattern, "\(nu) degrees of freedom")
        }
        for (nu, t) in [(1, 12.7062), (9, 2.2622), (29, 2.0452)] {
            #expect(abs(RunningStatistics.t975[nu - 1] - t) < 1e-4)
        }
    }
}
