/// What powers blades off and on during a simulation (`simulation.power_management.mode`).
public enum PowerManagementMode: String, Sendable, CaseIterable {
    /// Every delivered blade stays on.
    case off
    /// vSphere DPM's job: off-peak, live-migrate VMs off lightly loaded blades and put them in
    /// standby, keeping the HA reserve on; power them on again when demand rises or a blade fails.
    case dpm
}

/// How blades are put in standby and woken (`simulation.power_management:`), and how long a live
/// migration takes. Defaults and their sources are in docs/scenario-format.md.
public struct PowerManagementSettings: Sendable, Hashable {
    public var mode: PowerManagementMode
    /// Minutes between two evaluations of a pool (vSphere DRS/DPM: every 5 minutes).
    public var checkMinutes: Double
    /// Target CPU demand over capacity of the powered-on blades, and the tolerance either side:
    /// below target − tolerance a blade is put in standby (if the rest stay at or below the
    /// target), above target + tolerance blades are woken until the pool is back at the target.
    /// vSphere DPM's defaults [doc]: 63% ± 18%.
    public var targetUtilisation: Double
    public var tolerance: Double
    /// Minutes from power-on of a standby blade until it takes VMs [EST].
    public var hostBootMinutes: Double
    /// Draw of a blade in standby (its management controller), watts [EST].
    public var standbyWatts: Double
    public var migration: LiveMigrationSettings

    public init(mode: PowerManagementMode = .off, checkMinutes: Double = 15, targetUtilisation: Double = 0.63,
                tolerance: Double = 0.18, hostBootMinutes: Double = 10, standbyWatts: Double = 0,
                migration: LiveMigrationSettings = LiveMigrationSettings()) {
        self.mode = mode
        self.checkMinutes = checkMinutes
        self.targetUtilisation = targetUtilisation
        self.tolerance = tolerance
        self.hostBootMinutes = hostBootMinutes
        self.standbyWatts = standbyWatts
        self.migration = migration
    }

    /// Utilisation below which a blade may be put in standby.
    public var lowUtilisation: Double { targetUtilisation - tolerance }
    /// Utilisation above which standby blades are woken.
    public var highUtilisation: Double { targetUtilisation + tolerance }
}

/// Pre-copy live migration (vMotion): the whole memory is copied while the VM runs, then the
/// pages it dirtied meanwhile, round after round, until what is left can be sent within the
/// switchover time (or the rounds run out); then the VM stops, the rest is sent, and it resumes on
/// the target. With R the link's effective rate, D the dirty rate and ρ = D / R, round i sends
/// M ρ^i: the migration takes (M / R)(1 − ρ^(n+1)) / (1 − ρ) for n + 1 rounds.
public struct LiveMigrationSettings: Sendable, Hashable {
    /// Migration network, gigabits per second (10^9 bit/s).
    public var linkGbps: Double
    /// Share of the link a migration achieves.
    public var efficiency: Double
    /// Memory a running VM dirties, megabytes (10^6 bytes) per second.
    public var dirtyRateMBps: Double
    /// The stop-and-copy round must fit in this many milliseconds.
    public var switchoverMilliseconds: Double
    /// Pre-copy rounds before the stop-and-copy is forced.
    public var maxRounds: Int

    /// Defaults [EST]: a 10 Gbit/s vMotion network at 80%, 50 MB/s dirtied, 500 ms switchover
    /// (vMotion aims under a second), 30 rounds.
    public init(linkGbps: Double = 10, efficiency: Double = 0.8, dirtyRateMBps: Double = 50,
                switchoverMilliseconds: Double = 500, maxRounds: Int = 30) {
        self.linkGbps = linkGbps
        self.efficiency = efficiency
        self.dirtyRateMBps = dirtyRateMBps
        self.switchoverMilliseconds = switchoverMilliseconds
        self.maxRounds = maxRounds
    }

    /// Seconds to migrate a VM of `memoryGiB` GiB (2^30 bytes): the pre-copy rounds plus the
    /// stop-and-copy. O(rounds).
    public func seconds(memoryGiB: Double) -> Double {
        let rate = linkGbps * 1e9 / 8 * efficiency
        let ratio = dirtyRateMBps * 1e6 / rate
        let switchover = switchoverMilliseconds / 1_000
        var volume = memoryGiB * 1_073_741_824, total = 0.0
        for _ in 0..<maxRounds {
            let roundSeconds = volume / rate
            total += roundSeconds
            // What the VM dirtied during this round is sent next; stop once it fits the switchover.
            volume = Swift.min(volume, rate * roundSeconds * ratio)
            if volume / rate <= switchover { break }
        }
        return total + volume / rate
    }
}
