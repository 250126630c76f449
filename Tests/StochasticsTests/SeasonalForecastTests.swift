import Foundation
@testable import Stochastics
import Testing
import TestSupport

/// Issue 32, item 4: trends and seasons planted in seeded series are recovered.
@Suite struct SeasonalForecastTests {
    /// An exact line with a yearly sine: recovered to rounding, zero residual, the interval
    /// collapses onto the mean.
    @Test func anExactSeriesIsRecoveredExactly() throws {
        let values = (0..<18).map { m in 100 + 2 * Double(m) + 10 * sin(2 * Double.pi * Double(m) / 12) }
        let f = try SeasonalForecast(values)
        #expect(f.harmonics == 1 && abs(f.coefficients[0] - 100) < 1e-8 && abs(f.coefficients[1] - 2) < 1e-9)
        #expect(abs(f.coefficients[2] - 10) < 1e-8 && abs(f.coefficients[3]) < 1e-8)
        #expect(abs(f.mean(30) - (160 + 10 * sin(2 * Double.pi * 30 / 12))) < 1e-7)
        #expect(f.residualVariance < 1e-12 && abs(f.quantile(30, 0.95) - f.mean(30)) < 1e-5)
        #expect(SeasonalForecast.backtestMAPE(values)! < 1e-9)
    }

    /// Seeded series of 24 to 48 months: trend 0.5-3 a month, season amplitude 5-20, phase at
    /// random, noise σ = 2. The slope comes back within 4 standard errors (≈ 0.1 at 24 months)
    /// and the amplitude within 3; about 95% of next year's values fall inside the 95% interval.
    @Test(arguments: 0..<8)
    func plantedTrendAndSeasonAreRecovered(seed: Int) throws {
        var g = SeededGenerator(seed: UInt64(3_200 + seed))
        let n = 24 + seed * 3
        let slope = Double.random(in: 0.5...3, using: &g), amplitude = Double.random(in: 5...20, using: &g)
        let phase = Double.random(in: 0..<(2 * Double.pi), using: &g)
        func truth(_ m: Double) -> Double { 200 + slope * m + amplitude * sin(2 * Double.pi * m / 12 + phase) }
        func noise() -> Double {  // Box-Muller, σ = 2
            let u = Double.random(in: Double.ulpOfOne..<1, using: &g), v = Double.random(in: 0..<1, using: &g)
            return 2 * (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        let values = (0..<n).map { truth(Double($0)) + noise() }
        let f = try SeasonalForecast(values)
        #expect(abs(f.coefficients[1] - slope) < 0.12, "slope \(f.coefficients[1]) vs \(slope)")
        let fittedAmplitude = (f.coefficients[2] * f.coefficients[2] + f.coefficients[3] * f.coefficients[3]).squareRoot()
        #expect(abs(fittedAmplitude - amplitude) < 3, "amplitude \(fittedAmplitude) vs \(amplitude)")
        var inside = 0, total = 0
        for m in n..<(n + 12) {
            for _ in 0..<20 {
                let y = truth(Double(m)) + noise()
                let lo = f.quantile(Double(m), 0.025), hi = f.quantile(Double(m), 0.975)
                inside += lo <= y && y <= hi ? 1 : 0
                total += 1
            }
        }
        #expect(Double(inside) / Double(total) > 0.85, "\(inside) of \(total)")
        #expect(SeasonalForecast.backtestMAPE(values)! < 5)
    }

    @Test func tooShortASeriesIsRefused() {
        #expect(throws: SeasonalForecast.FitError.tooShort(11)) { try SeasonalForecast([Double](repeating: 1, count: 11)) }
        #expect(SeasonalForecast.backtestMAPE([Double](repeating: 1, count: 17)) == nil)
    }
}
