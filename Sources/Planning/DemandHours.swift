import CapacityModel

/// The hours of the year at which a pool's CPU demand can peak, and the load factor of each
/// profile at those hours.
///
/// A VM's CPU demand at hour h is peakCores × f_p(h), where f_p is its profile's calendar curve,
/// capped at the policy's design quantile of that curve (1 for `peak`). A blade's demand is the
/// sum over its VMs, so the hour at which it peaks depends on its mix of profiles. Only hours
/// whose vector (f_1(h), …, f_P(h)) is not dominated by another hour's can be a peak for some
/// mix (Pareto-maximal hours); checking the blade's capacity at those hours is exact. The set is
/// usually tiny (4 hours for the bundled catalog), because profiles share a daily shape.
/// When it is large, the planner starts from the `limit` hours of largest total load and adds any
/// hour a blade turns out to exceed (`violatedHour`), so the result stays exact.
public struct DemandHours: Sendable {
    /// Representative hours (hour-of-year indices), the columns of the CPU dimensions.
    public private(set) var hours: [Int]
    /// factor[p][j]: profile p's capped load at hours[j].
    public private(set) var factor: [[Double]]
    /// Distinct hour vectors of the whole year (for verification), row-major, P values each.
    let distinctRows: [Double]
    let distinctHours: [Int]
    /// Each profile's capped curve over the year.
    let capped: [[Double]]
    public let profileCount: Int

    /// - Parameters:
    ///   - calendar: the reference year's curves.
    ///   - caps: per profile, the design cap (1 for peak).
    ///   - limit: most hours to start from.
    public init(calendar: DemandCalendar, caps: [Double], limit: Int = 48) {
        let p = calendar.hourly.count
        profileCount = p
        let capped = (0..<p).map { i in calendar.hourly[i].map { Swift.min(Double($0), caps[i]) } }
        self.capped = capped
        // Distinct rows, in hour order of first appearance.
        var seen: [[Double]: Int] = [:]
        var rows: [Double] = []
        var rowHours: [Int] = []
        for h in 0..<calendar.hourCount {
            let row = (0..<p).map { capped[$0][h] }
            if seen[row] == nil {
                seen[row] = h
                rows.append(contentsOf: row)
                rowHours.append(h)
            }
        }
        distinctRows = rows
        distinctHours = rowHours
        // Pareto-maximal rows: scan by decreasing sum; a row is kept unless a kept row dominates it.
        let count = rowHours.count
        let sums = (0..<count).map { Self.rowSum(rows, $0, p) }
        let order = (0..<count).sorted { sums[$0] > sums[$1] || (sums[$0] == sums[$1] && $0 < $1) }
        var kept: [Int] = []
        for r in order {
            let dominated = kept.contains { k in
                (0..<p).allSatisfy { rows[k * p + $0] >= rows[r * p + $0] }
            }
            if !dominated { kept.append(r) }
        }
        // Always include each profile's own peak hour; then fill up to the limit by total load.
        var chosen: [Int] = []
        for profile in 0..<p {
            if let best = kept.max(by: { rows[$0 * p + profile] < rows[$1 * p + profile] || (rows[$0 * p + profile] == rows[$1 * p + profile] && $0 > $1) }),
               !chosen.contains(best) {
                chosen.append(best)
            }
        }
        for r in kept where chosen.count < Swift.max(limit, p) && !chosen.contains(r) { chosen.append(r) }
        chosen.sort { rowHours[$0] < rowHours[$1] }
        hours = chosen.map { rowHours[$0] }
        factor = (0..<p).map { profile in chosen.map { rows[$0 * p + profile] } }
    }

    static func rowSum(_ rows: [Double], _ r: Int, _ p: Int) -> Double {
        var s = 0.0
        for k in 0..<p { s += rows[r * p + k] }
        return s
    }

    /// The hour at which a blade carrying `weights[p]` peak cores of each profile exceeds
    /// `limit` cores by the most, if any hour of the year does; nil when none does.
    /// - Complexity: O(distinct hours × profiles).
    public func violatedHour(weights: [Double], limit: Double) -> Int? {
        let p = profileCount
        var worst = limit * (1 + 1e-9)
        var worstHour: Int?
        for r in 0..<distinctHours.count {
            var load = 0.0
            for k in 0..<p { load += weights[k] * distinctRows[r * p + k] }
            if load > worst {
                worst = load
                worstHour = distinctHours[r]
            }
        }
        return worstHour
    }

    /// Adds an hour to the representative set.
    public mutating func add(hour: Int) {
        guard !hours.contains(hour) else { return }
        hours.append(hour)
        for p in 0..<profileCount { factor[p].append(capped[p][hour]) }
    }

    /// The highest demand over the year of a blade carrying `weights[p]` peak cores per profile.
    public func peakDemand(weights: [Double]) -> Double {
        let p = profileCount
        var worst = 0.0
        for r in 0..<distinctHours.count {
            var load = 0.0
            for k in 0..<p { load += weights[k] * distinctRows[r * p + k] }
            worst = Swift.max(worst, load)
        }
        return worst
    }

    /// The mean of each profile's uncapped curve over the year (for energy).
    public static func meanLoad(_ calendar: DemandCalendar) -> [Double] {
        calendar.hourly.map { curve in curve.reduce(0.0) { $0 + Double($1) } / Double(curve.count) }
    }
}
