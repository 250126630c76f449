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

extension FluidSharing {
    /// The longest time between two completed copies of each job in steady state, when every
    /// `cycle` each job gets a new volume (`volume(tick, job)`, ticks counted from 1) and all
    /// share `rate` as a fluid: a job still running at a tick takes that tick's volume on top
    /// (one copy at a time per job), as the simulator's backup jobs do (docs/simulation-json.md).
    /// Runs `ticks` ticks from time 0 and measures the gaps of the completions in the last
    /// `measured` of them; nil for a job that completed fewer than twice by then.
    /// - Complexity: O(ticks × jobs²) at most (each completion rescans the running jobs).
    public static func copyGaps(jobs: Int, ticks: Int, measured: Int, cycle: Double, rate: Double,
                                volume: (_ tick: Int, _ job: Int) -> Double) -> [Double?] {
        var left = [Double](repeating: 0, count: jobs)
        var lastDone = [Double?](repeating: nil, count: jobs)
        var gap = [Double?](repeating: nil, count: jobs)
        let from = Double(Swift.max(0, ticks - measured)) * cycle
        var now = 0.0
        for t in 1...Swift.max(1, ticks) {
            for k in 0..<jobs { left[k] += volume(t, k) }
            let end = Double(t) * cycle
            while now < end {
                let running = left.indices.filter { left[$0] > 0 }
                guard let smallest = running.map({ left[$0] }).min() else { break }
                let n = Double(running.count)
                let step = Swift.min(smallest * n / rate, end - now)
                now = step == end - now ? end : now + step
                let sent = step * rate / n
                for k in running {
                    left[k] -= sent
                    guard left[k] <= 1e-12 * Swift.max(1, smallest) else { continue }
                    left[k] = 0
                    if let before = lastDone[k], now >= from { gap[k] = Swift.max(gap[k] ?? 0, now - before) }
                    lastDone[k] = now
                }
            }
            now = end  // idle until the next tick
        }
        return gap
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
