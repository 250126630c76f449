/// Transfers sharing one channel as a fluid: at most `streams` run at once, each of the `n`
/// running gets rate / n (processor sharing); the others wait in the given order and start as
/// running ones finish. The planner's transfer and restore times; the simulator's link model
/// does the same event by event, and the tests hold the two to each other.
public enum FluidSharing {
    /// Finish time of each job (same unit as size / rate), jobs all ready at time 0.
    /// - Parameters:
    ///   - sizes: each job's volume (≥ 0), in admission order.
    ///   - rate: the channel's rate (> 0), volume per time unit.
    ///   - streams: jobs that may run at once (≥ 1).
    /// - Complexity: O(n × streams).
    public static func finishTimes(sizes: [Double], rate: Double, streams: Int = .max) -> [Double] {
        var finish = [Double](repeating: 0, count: sizes.count)
        var running: [(job: Int, left: Double)] = []
        var next = 0, now = 0.0
        let limit = Swift.max(1, streams)
        while next < sizes.count || !running.isEmpty {
            while running.count < limit && next < sizes.count {
                running.append((next, sizes[next]))
                next += 1
            }
            let n = Double(running.count)
            let smallest = running.map(\.left).min() ?? 0
            now += smallest * n / rate
            for k in running.indices { running[k].left -= smallest }
            for r in running where r.left <= 1e-12 * Swift.max(1, smallest) { finish[r.job] = now }
            running.removeAll { $0.left <= 1e-12 * Swift.max(1, smallest) }
        }
        return finish
    }
}

/// Conversions of the data paths: GiB = 2^30 bytes, Mbps = 10^6 bit/s.
public enum DataRate {
    public static let bytesPerGiB = 1_073_741_824.0

    /// Hours to move `gib` GiB at `bitsPerSecond`: gib × 2^30 × 8 / rate / 3,600.
    public static func hours(gib: Double, bitsPerSecond: Double) -> Double {
        gib * bytesPerGiB * 8 / bitsPerSecond / 3_600
    }

    /// GiB moved in an hour at `bitsPerSecond`.
    public static func gibPerHour(bitsPerSecond: Double) -> Double { bitsPerSecond * 3_600 / (8 * bytesPerGiB) }
}
