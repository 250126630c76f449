/// Transfers sharing one channel as a fluid, event by event: each of the `n` running transfers
/// gets rate / n (processor sharing), as `Planning.FluidSharing` computes for transfers that
/// all start together; here they start and stop at any time, and the channel may pause (a link
/// outage). Volumes in GiB, times in seconds. Running transfers are few (the jobs of one link),
/// so they are kept in one array and scanned: O(running) per change.
struct LinkChannel {
    struct Transfer {
        /// The owner's number for it (a backup unit, a restored system).
        var job: Int
        var remainingGiB: Double
    }

    /// GiB a second the transfers share while the channel is up.
    let gibPerSecond: Double
    private(set) var running: [Transfer] = []
    /// Whether the channel carries data now (false during an outage).
    private(set) var up = true
    /// GiB carried so far, and when `running` was last brought up to date.
    private(set) var carriedGiB = 0.0
    private var updated = 0.0
    /// Volumes under this count as sent (rounding of the rate arithmetic), GiB.
    static let epsilonGiB = 1e-9

    init(bitsPerSecond: Double) {
        gibPerSecond = bitsPerSecond / (8 * 1_073_741_824)
    }

    var isIdle: Bool { running.isEmpty }

    /// Serves the running transfers from the last update to `now`.
    mutating func advance(to now: Double) {
        defer { updated = now }
        guard up, !running.isEmpty, now > updated else { return }
        let sent = (now - updated) * gibPerSecond
        let each = sent / Double(running.count)
        for k in running.indices { running[k].remainingGiB -= each }
        carriedGiB += sent
    }

    /// Adds `gib` to job `job`'s transfer (starting one if it has none). Call `advance` first.
    mutating func add(job: Int, gib: Double) {
        if let k = running.firstIndex(where: { $0.job == job }) {
            running[k].remainingGiB += gib
        } else {
            running.append(Transfer(job: job, remainingGiB: gib))
        }
    }

    /// Drops job `job`'s transfer, if running (its data no longer needs sending).
    mutating func drop(job: Int) {
        running.removeAll { $0.job == job }
    }

    /// Whether job `job` has a transfer running.
    func isRunning(_ job: Int) -> Bool { running.contains { $0.job == job } }

    /// The volume under which a running transfer counts as sent at the last update, GiB: the
    /// arithmetic's rounding (`epsilonGiB`), or what the transfer gets in the smallest step the
    /// clock can take after that time (its share of the rate × one unit in the last place of the
    /// time), whichever is larger. A transfer left with less could never be given a finish time
    /// later than now: the clock would stand still (see `nextFinishTime`).
    var finishedBelowGiB: Double {
        guard !running.isEmpty else { return Self.epsilonGiB }
        return Swift.max(Self.epsilonGiB, gibPerSecond / Double(running.count) * updated.ulp)
    }

    /// Removes and returns the finished transfers' jobs (under `finishedBelowGiB` at the last
    /// update), in the order they were added.
    mutating func takeFinished() -> [Int] {
        let below = finishedBelowGiB
        guard running.contains(where: { $0.remainingGiB <= below }) else { return [] }
        let done = running.filter { $0.remainingGiB <= below }.map(\.job)
        running.removeAll { $0.remainingGiB <= below }
        return done
    }

    /// When the next running transfer finishes, if the channel is up and busy: a time strictly
    /// after the last update (`now`), so that an event set for it always moves the clock on.
    /// Call `takeFinished` first; then every remaining transfer needs at least one step of the
    /// clock, and the time is the exact fluid finish rounded to a representable time.
    func nextFinishTime(after now: Double) -> Double? {
        guard up, let least = running.map(\.remainingGiB).min() else { return nil }
        let seconds = Swift.max(0, least) * Double(running.count) / gibPerSecond
        return Swift.max(now + seconds, now.nextUp)
    }

    /// Pauses (an outage) or resumes the channel. Call `advance` first.
    mutating func setUp(_ isUp: Bool) { up = isUp }
}
