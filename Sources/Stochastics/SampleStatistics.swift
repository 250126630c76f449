/// Summary statistics of a sample: mean, variance, quantiles and Student-t confidence intervals.
public enum SampleStatistics {
    /// The arithmetic mean; NaN for an empty sample.
    /// - Complexity: O(n).
    public static func mean(_ xs: some Collection<Double>) -> Double {
        guard !xs.isEmpty else { return .nan }
        var acc = RunningStatistics()
        for x in xs { acc.add(x) }
        return acc.mean
    }

    /// The unbiased sample variance (divisor n − 1); NaN for fewer than two values.
    public static func variance(_ xs: some Collection<Double>) -> Double {
        var acc = RunningStatistics()
        for x in xs { acc.add(x) }
        return acc.variance
    }

    /// The p-quantile of an ascending sorted sample, by linear interpolation between order
    /// statistics at rank p·(n−1) (Hyndman & Fan type 7, as GSL's
    /// `gsl_stats_quantile_from_sorted_data`, R's default and NumPy's "linear").
    /// - Precondition: `sorted` is ascending; 0 ≤ p ≤ 1.
    /// - Complexity: O(1).
    public static func quantile(sorted: some RandomAccessCollection<Double>, _ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "quantile level must be in [0, 1]")
        guard !sorted.isEmpty else { return .nan }
        let rank = p * Double(sorted.count - 1)
        let lo = Int(rank.rounded(.down))
        let hi = Swift.min(lo + 1, sorted.count - 1)
        let frac = rank - Double(lo)
        let a = sorted[sorted.index(sorted.startIndex, offsetBy: lo)]
        let b = sorted[sorted.index(sorted.startIndex, offsetBy: hi)]
        return frac == 0 ? a : a + (b - a) * frac
    }

    /// Quantiles of an unsorted sample (sorts a copy).
    /// - Complexity: O(n log n).
    public static func quantiles(_ xs: [Double], _ ps: [Double]) -> [Double] {
        let sorted = xs.sorted()
        return ps.map { quantile(sorted: sorted, $0) }
    }

    /// The two-sided Student-t confidence interval of the mean at `level` (0.95 for 95%).
    /// For fewer than two values the half-width is NaN.
    public static func confidenceInterval(_ xs: some Collection<Double>, level: Double = 0.95) -> ConfidenceInterval {
        var acc = RunningStatistics()
        for x in xs { acc.add(x) }
        return acc.confidenceInterval(level: level)
    }
}

/// A mean with the half-width of its confidence interval.
public struct ConfidenceInterval: Sendable, Equatable {
    /// The sample mean.
    public var mean: Double
    /// Half the width of the interval: it is [mean − halfWidth, mean + halfWidth].
    public var halfWidth: Double
    /// The confidence level (0.95 for 95%).
    public var level: Double
    /// The number of observations.
    public var count: Int

    public init(mean: Double, halfWidth: Double, level: Double, count: Int) {
        self.mean = mean; self.halfWidth = halfWidth; self.level = level; self.count = count
    }

    public var lower: Double { mean - halfWidth }
    public var upper: Double { mean + halfWidth }

    /// Whether `value` lies in the closed interval.
    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }
}

/// Streaming mean and variance by Welford's algorithm (numerically stable, O(1) per value),
/// with minimum and maximum. Two accumulators merge exactly (Chan et al. 1979), so shards of
/// a run combine into what one pass would have produced, up to floating-point rounding.
public struct RunningStatistics: Sendable, Equatable {
    public private(set) var count: Int = 0
    public private(set) var mean: Double = .nan
    /// Sum of squared deviations from the mean.
    public private(set) var sumSquaredDeviations: Double = 0
    public private(set) var minimum: Double = .infinity
    public private(set) var maximum: Double = -.infinity

    public init() {}

    /// Adds one observation.
    public mutating func add(_ x: Double) {
        count += 1
        if count == 1 {
            mean = x
            sumSquaredDeviations = 0
        } else {
            let delta = x - mean
            mean += delta / Double(count)
            sumSquaredDeviations += delta * (x - mean)
        }
        if x < minimum { minimum = x }
        if x > maximum { maximum = x }
    }

    /// Adds every observation of `other`.
    public mutating func merge(_ other: RunningStatistics) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let n = Double(count), m = Double(other.count)
        let delta = other.mean - mean
        mean += delta * m / (n + m)
        sumSquaredDeviations += other.sumSquaredDeviations + delta * delta * n * m / (n + m)
        count += other.count
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    /// Unbiased sample variance; NaN for fewer than two observations.
    public var variance: Double { count > 1 ? sumSquaredDeviations / Double(count - 1) : .nan }
    /// Sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }

    /// The Student-t quantiles of 95% intervals (0.975) for 1…1,024 degrees of freedom, computed
    /// once: a simulation's result asks for one per estimate (half a million on japan-all), each
    /// a root search of GSL's inverse distribution function. The same values, bit for bit.
    static let t975: [Double] = (1...1_024).map { tQuantile(level: 0.95, degreesOfFreedom: $0) }

    /// The two-sided Student-t quantile of `level` (0.5 + level / 2) for `nu` degrees of freedom;
    /// NaN where GSL fails.
    static func tQuantile(level: Double, degreesOfFreedom nu: Int) -> Double {
        (try? SpecialFunctions.studentTQuantile(0.5 + level / 2, degreesOfFreedom: Double(nu))) ?? .nan
    }

    /// The Student-t confidence interval of the mean.
    public func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval {
        guard count > 1 else {
            return ConfidenceInterval(mean: count == 1 ? mean : .nan, halfWidth: .nan, level: level, count: count)
        }
        let t = level == 0.95 && count - 1 <= Self.t975.count ? Self.t975[count - 2]
            : Self.tQuantile(level: level, degreesOfFreedom: count - 1)
        return ConfidenceInterval(mean: mean, halfWidth: t * standardDeviation / Double(count).squareRoot(),
                                  level: level, count: count)
    }
}
