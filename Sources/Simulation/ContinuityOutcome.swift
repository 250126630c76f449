/// What one replication measured of backup and disaster recovery (`BackupJobs`,
/// `SiteFailover`). Per system arrays are indexed like `ContinuityModel.systems`, per channel
/// like `channels`, per outage line like `outageLines`. Seconds and GiB; NaN where nothing
/// happened to measure.
struct ContinuityOutcome: Sendable {
    /// Time between completed copies at the partner: median, 95th percentile and longest (the
    /// longest includes the stretch from the last copy to the horizon).
    var rpoP50Seconds: [Double]
    var rpoP95Seconds: [Double]
    var rpoMaxSeconds: [Double]
    /// Copies completed at the partner, and those that finished after their window closed.
    var copies: [Int32]
    var overruns: [Int32]
    /// Site losses of the system's pool, restores at the partner that brought it back (and the
    /// mean hours from the loss to serving there), and losses after which it was not restored.
    var disasters: [Int32]
    var restores: [Int32]
    var rtoSeconds: [Double]
    var notRestored: [Int32]
    /// Data changed since the newest copy at the partner when the site was lost (the whole disk
    /// without a copy), summed over the replication's site losses.
    var dataLostGiB: [Double]
    /// GiB each channel carried, and its copies that overran their window.
    var channelCarriedGiB: [Double]
    var channelOverruns: [Int32]
    /// Outages of each WAN link with outages, and their seconds.
    var linkOutages: [Int32]
    var linkOutageSeconds: [Double]

    init(_ model: ContinuityModel) {
        let n = model.systems.count, c = model.channels.count, l = model.outageLines.count
        rpoP50Seconds = [Double](repeating: .nan, count: n)
        rpoP95Seconds = [Double](repeating: .nan, count: n)
        rpoMaxSeconds = [Double](repeating: .nan, count: n)
        copies = [Int32](repeating: 0, count: n)
        overruns = [Int32](repeating: 0, count: n)
        disasters = [Int32](repeating: 0, count: n)
        restores = [Int32](repeating: 0, count: n)
        rtoSeconds = [Double](repeating: .nan, count: n)
        notRestored = [Int32](repeating: 0, count: n)
        dataLostGiB = [Double](repeating: 0, count: n)
        channelCarriedGiB = [Double](repeating: 0, count: c)
        channelOverruns = [Int32](repeating: 0, count: c)
        linkOutages = [Int32](repeating: 0, count: l)
        linkOutageSeconds = [Double](repeating: 0, count: l)
    }
}
