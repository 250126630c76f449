import Stochastics

/// Each VM's measured usage in a few numbers (issue 32): how many samples over what span, the
/// usual interval and the gaps, and percentiles of CPU (reference cores) and memory (GiB).
/// Percentiles interpolate linearly between order statistics (Hyndman & Fan type 7: NumPy's
/// default "linear", R's default, GSL's `gsl_stats_quantile_from_sorted_data`).
public struct UsageSummary: Sendable, Equatable {
    /// p50, p95, p99 and the maximum of one measure.
    public struct Quantiles: Sendable, Equatable {
        public var p50: Double
        public var p95: Double
        public var p99: Double
        public var max: Double

        /// The quantiles of `values` (nil when there are none). O(n log n).
        public init?(_ values: [Double]) {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            p50 = SampleStatistics.quantile(sorted: sorted, 0.50)
            p95 = SampleStatistics.quantile(sorted: sorted, 0.95)
            p99 = SampleStatistics.quantile(sorted: sorted, 0.99)
            max = sorted[sorted.count - 1]
        }

        /// The p-quantile for p in {0.50, 0.95, 0.99, 1}.
        public func at(_ p: UsagePercentile) -> Double {
            switch p {
            case .p50: p50
            case .p95: p95
            case .p99: p99
            case .max: max
            }
        }
    }

    public var vm: String
    public var samples: Int
    /// Seconds UTC of the first and last sample.
    public var first: Int64
    public var last: Int64
    /// The median time between samples (0 with one sample), seconds.
    public var intervalSeconds: Int64
    /// Times between samples longer than 1.5 intervals.
    public var gaps: Int
    public var cpu: Quantiles?
    public var memory: Quantiles?
    public var cpuSamples: Int
    public var memorySamples: Int

    /// The summary of each VM of `series`, in its order.
    public static func of(_ series: UsageSeries) -> [UsageSummary] {
        series.vms.map { vm in
            let cpu = vm.cpuReferenceCores.compactMap { $0 }, memory = vm.memoryGiB.compactMap { $0 }
            let steps = zip(vm.times.dropFirst(), vm.times).map { $0 - $1 }.sorted()
            let interval = steps.isEmpty ? 0 : steps[(steps.count - 1) / 2]
            return UsageSummary(vm: vm.name, samples: vm.times.count, first: vm.times.first ?? 0, last: vm.times.last ?? 0,
                                intervalSeconds: interval, gaps: steps.filter { Double($0) > 1.5 * Double(interval) }.count,
                                cpu: Quantiles(cpu), memory: Quantiles(memory), cpuSamples: cpu.count, memorySamples: memory.count)
        }
    }
}

/// The percentile a sizing uses.
public enum UsagePercentile: String, Sendable, CaseIterable {
    case p50, p95, p99, max
}
