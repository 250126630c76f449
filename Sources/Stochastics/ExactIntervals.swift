import Foundation

/// Confidence intervals that hold for few or no events, where the Student-t interval of a mean
/// is wider than the value or empty: exact Poisson (Garwood) for rates, Clopper-Pearson for
/// proportions. With no event the lower end is 0 and the upper end is one-sided at the level
/// ("0 outages in 500 replication-years: at most 0.6% a year at 95%": −ln 0.05 / 500).
public enum ExactInterval {
    /// A rate of `events` over `exposure` (> 0, in any unit: the rate is per that unit), with
    /// its interval at `level`: two-sided χ² bounds χ²(α/2; 2k)/2T and χ²(1 − α/2; 2k + 2)/2T,
    /// and for k = 0 the one-sided upper bound χ²(level; 2)/2T = −ln(1 − level)/T.
    public static func poissonRate(events k: Int, exposure t: Double, level: Double = 0.95)
        -> (rate: Double, low: Double, high: Double) {
        precondition(k >= 0 && t > 0 && level > 0 && level < 1, "events ≥ 0, exposure > 0, 0 < level < 1")
        let alpha = 1 - level
        guard k > 0 else { return (0, 0, -log1p(-level) / t) }
        let low = (try? SpecialFunctions.chiSquareQuantile(alpha / 2, degreesOfFreedom: Double(2 * k))) ?? .nan
        let high = (try? SpecialFunctions.chiSquareQuantile(1 - alpha / 2, degreesOfFreedom: Double(2 * k + 2))) ?? .nan
        return (Double(k) / t, low / (2 * t), high / (2 * t))
    }

    /// A proportion of `successes` in `trials` (> 0) with its Clopper-Pearson interval at
    /// `level`: Beta(α/2; k, n − k + 1) to Beta(1 − α/2; k + 1, n − k), with the one-sided bound
    /// 1 − (1 − level)^(1/n) (upper, k = 0) or (1 − level)^(1/n) (lower, k = n) at the edges.
    public static func clopperPearson(successes k: Int, trials n: Int, level: Double = 0.95)
        -> (proportion: Double, low: Double, high: Double) {
        precondition(n > 0 && k >= 0 && k <= n && level > 0 && level < 1, "0 ≤ successes ≤ trials, trials > 0")
        let alpha = 1 - level, p = Double(k) / Double(n)
        if k == 0 { return (0, 0, 1 - pow(alpha, 1 / Double(n))) }
        if k == n { return (1, pow(alpha, 1 / Double(n)), 1) }
        let low = (try? SpecialFunctions.betaQuantile(alpha / 2, Double(k), Double(n - k + 1))) ?? .nan
        let high = (try? SpecialFunctions.betaQuantile(1 - alpha / 2, Double(k + 1), Double(n - k))) ?? .nan
        return (p, low, high)
    }
}
