/// CPU utilisation traces replayed as demand: series of samples in [0, 1], each covering
/// `intervalSeconds`, repeated when the simulation outlasts them.
public struct TraceLibrary: Sendable {
    /// Samples of every series, concatenated.
    var samples: [Float] = []
    /// Start and length of each series in `samples`.
    var series: [(start: Int, count: Int)] = []
    /// Seconds per sample of each series.
    var interval: [Double] = []
    /// First series index and count of each loaded file.
    var files: [String: (first: Int, count: Int)] = [:]

    public init() {}

    public var seriesTotal: Int { series.count }

    /// Adds the series of one file (one per VM of the trace).
    public mutating func add(file: String, series newSeries: [[Float]], intervalSeconds: Double) {
        let first = series.count
        for s in newSeries where !s.isEmpty {
            series.append((samples.count, s.count))
            samples.append(contentsOf: s)
            interval.append(intervalSeconds)
        }
        files[file] = (first, series.count - first)
    }

    func firstSeries(file: String) -> Int? { files[file]?.first }
    func seriesCount(file: String) -> Int { files[file]?.count ?? 0 }

    /// Utilisation of series `k` at simulated time `t` (seconds), cycling through the samples.
    @inline(__always) func utilisation(_ k: Int, at t: Double) -> Double {
        let s = series[k]
        let i = Int(t / interval[k]) % s.count
        return Double(samples[s.start + i])
    }
}
