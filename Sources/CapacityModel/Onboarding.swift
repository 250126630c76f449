/// How a tenant that joins after the start moves its data into the pool before it goes live
/// (`onboarding:`): over a link of a stated bandwidth, at an efficiency, for so many hours a day.
/// Until the scenario describes WAN links (issue 12), this one link stands for them all.
public struct OnboardingSettings: Sendable, Hashable {
    /// Link bandwidth, megabits per second (10^6 bit/s).
    public var bandwidthMbps: Double
    /// Share of the bandwidth the transfer achieves (protocol overhead, other traffic).
    public var efficiency: Double
    /// Hours a day the transfer may run.
    public var hoursPerDay: Double

    /// Defaults [EST]: 100 Mbps, 70% efficiency, 24 hours a day.
    public init(bandwidthMbps: Double = 100, efficiency: Double = 0.7, hoursPerDay: Double = 24) {
        self.bandwidthMbps = bandwidthMbps
        self.efficiency = efficiency
        self.hoursPerDay = hoursPerDay
    }

    /// Days to move `dataGiB` GiB (2^30 bytes).
    public func migrationDays(dataGiB: Double) -> Double {
        let seconds = dataGiB * 1_073_741_824 * 8 / (bandwidthMbps * 1e6 * efficiency)
        return seconds / (hoursPerDay * 3_600)
    }
}
