import Foundation
import Testing
@testable import Stochastics

/// Exact intervals against published values and their defining identities.
@Suite struct ExactIntervalTests {
    /// "0 outages in 500 replication-years: at most 0.6% a year at 95%" (−ln 0.05 / 500).
    @Test func noEventGivesTheOneSidedUpperBound() {
        let r = ExactInterval.poissonRate(events: 0, exposure: 500)
        #expect(r.rate == 0 && r.low == 0)
        #expect(abs(r.high - 0.0059915) < 1e-6, "\(r.high)")
    }

    /// Garwood's 95% interval for 5 events is 1.6235 to 11.6683 (tables of exact Poisson
    /// limits); the bounds solve P(X ≥ 5 | low) = P(X ≤ 5 | high) = 2.5%.
    @Test func poissonBoundsMatchTablesAndTheirDefinition() {
        let r = ExactInterval.poissonRate(events: 5, exposure: 10)
        #expect(abs(r.rate - 0.5) < 1e-12)
        #expect(abs(r.low * 10 - 1.6235) < 1e-3 && abs(r.high * 10 - 11.6683) < 1e-3, "\(r)")
        #expect(abs((1 - SpecialFunctions.poissonCDF(4, mean: r.low * 10)) - 0.025) < 1e-9)
        #expect(abs(SpecialFunctions.poissonCDF(5, mean: r.high * 10) - 0.025) < 1e-9)
    }

    /// Clopper-Pearson for 3 of 10 is 0.0667 to 0.6525; the bounds solve the binomial tails.
    @Test func clopperPearsonMatchesItsDefinition() {
        let r = ExactInterval.clopperPearson(successes: 3, trials: 10)
        #expect(abs(r.low - 0.0667) < 1e-4 && abs(r.high - 0.6525) < 1e-4, "\(r)")
        #expect(abs((1 - SpecialFunctions.binomialCDF(2, trials: 10, probability: r.low)) - 0.025) < 1e-9)
        #expect(abs(SpecialFunctions.binomialCDF(3, trials: 10, probability: r.high) - 0.025) < 1e-9)
        let none = ExactInterval.clopperPearson(successes: 0, trials: 10)
        #expect(none.low == 0 && abs(none.high - (1 - pow(0.05, 0.1))) < 1e-12)
        let all = ExactInterval.clopperPearson(successes: 10, trials: 10)
        #expect(all.high == 1 && abs(all.low - pow(0.05, 0.1)) < 1e-12)
    }
}
