/// A usage history month by month (issue 32): for forecasting, each calendar month's p95 of the
/// hourly total CPU of all the series' VMs.
public struct MonthlyUsage: Sendable, Hashable {
    /// Months since year 0 (year × 12 + month − 1) in `zone`.
    public var month: Int
    /// p95 over the month's hours of Σ VMs (each VM's mean in the hour), reference cores.
    public var cpuP95ReferenceCores: Double

    /// `month` as `2026-04`.
    public static func label(_ month: Int) -> String {
        let m = month % 12 + 1
        return "\(month / 12)-\(m < 10 ? "0" : "")\(m)"
    }
}

extension UsageSeries {
    /// Each month with samples in at least `minimumHours` of its hours (480: 20 days; a month
    /// cut by the history's start or end would distort a trend), in order; months without
    /// enough are left out (callers check that the months are consecutive). Hours and months
    /// are counted in `zone`.
    /// - Complexity: O(samples + hours log hours).
    public func monthlyCPU(zone: UsageTimeZone, minimumHours: Int = 480) -> [MonthlyUsage] {
        var total: [Int64: Double] = [:]
        for vm in vms {
            var sum: [Int64: (Double, Int)] = [:]
            for (k, t) in vm.times.enumerated() {
                guard let c = vm.cpuReferenceCores[k] else { continue }
                let hour = (t + zone.offsetSeconds) >= 0 ? (t + zone.offsetSeconds) / 3_600 : ((t + zone.offsetSeconds) - 3_599) / 3_600
                let s = sum[hour] ?? (0, 0)
                sum[hour] = (s.0 + c, s.1 + 1)
            }
            for (hour, s) in sum { total[hour, default: 0] += s.0 / Double(s.1) }
        }
        var byMonth: [Int: [Double]] = [:]
        for (hour, v) in total {
            let days = hour >= 0 ? hour / 24 : (hour - 23) / 24  // hours are already local
            let (year, month, _) = UsageTimestamp.civil(days)
            byMonth[Int(year * 12 + month - 1), default: []].append(v)
        }
        return byMonth.keys.sorted().filter { byMonth[$0]!.count >= minimumHours }.map { m in
            MonthlyUsage(month: m, cpuP95ReferenceCores: UsageSummary.Quantiles(byMonth[m]!)!.p95)
        }
    }
}
