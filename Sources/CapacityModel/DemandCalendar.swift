/// The hourly load of each demand profile over one reference year, normalised so that each
/// profile's yearly maximum is 1.
///
/// Hour h of day d has load max(online, batch): online = the business-day or other-day value
/// for h, times (on business days) the factors of every season covering d; batch = the batch
/// level in the batch hours (on every day or business days only). Days are those of
/// `referenceYear` (365 or 366); hours are local time (JST).
public struct DemandCalendar: Sendable {
    public let year: Int
    /// Whether each day of the year is a business day (offices open).
    public let businessDay: [Bool]
    /// The date of each day of the year.
    public let dates: [CalendarDate]
    /// Per profile, 24 × days values in [0, 1], hour-major within each day.
    public let hourly: [[Float]]

    public var dayCount: Int { dates.count }
    public var hourCount: Int { dates.count * 24 }

    /// - Complexity: O(profiles × 8,784).
    public init(year: Int, profiles: [DemandProfile]) {
        self.year = year
        let holidays = JapaneseHolidays.holidays(in: year)
        let first = CalendarDate(year: year, month: 1, day: 1)
        let count = CalendarDate.isLeap(year) ? 366 : 365
        let dates = (0..<count).map { first.adding(days: $0) }
        let business = dates.map { !JapaneseHolidays.isOfficeClosed($0, holidays: holidays) }
        self.dates = dates
        self.businessDay = business
        hourly = profiles.map { profile in
            var values = [Float](repeating: 0, count: count * 24)
            var peak: Float = 0
            for (d, date) in dates.enumerated() {
                let isBusiness = business[d]
                var seasonFactor = 1.0
                if isBusiness {
                    for s in profile.seasons where s.covers(month: date.month, day: date.day) { seasonFactor *= s.factor }
                }
                for h in 0..<24 {
                    let online = (isBusiness ? profile.businessDay[h] * seasonFactor : profile.otherDay[h])
                    var load = online
                    if let b = profile.batch, b.covers(hour: h), isBusiness || !b.businessDaysOnly {
                        load = Swift.max(load, b.level)
                    }
                    let v = Float(load)
                    values[d * 24 + h] = v
                    peak = Swift.max(peak, v)
                }
            }
            if peak > 0 { for i in values.indices { values[i] /= peak } }
            return values
        }
    }

    /// The load of `profile` at hour-of-year `hour` (wraps past the end of the year).
    @inlinable public func load(profile: Int, hour: Int) -> Float {
        let table = hourly[profile]
        return table[hour % table.count]
    }

    /// The q-quantile (0-1) of a profile's hourly load over the year (1 for the peak).
    /// Linear interpolation between order statistics (type 7).
    public func quantile(profile: Int, _ q: Double) -> Double {
        let sorted = hourly[profile].sorted()
        let rank = q * Double(sorted.count - 1)
        let lo = Int(rank.rounded(.down)), hi = Swift.min(lo + 1, sorted.count - 1)
        let frac = rank - Double(lo)
        return Double(sorted[lo]) + (Double(sorted[hi]) - Double(sorted[lo])) * frac
    }

    /// The design-demand factor of each profile under a policy: 1 for the peak, else the quantile.
    public func designFactors(_ demand: Policy.DesignDemand) -> [Double] {
        hourly.indices.map { p in
            switch demand {
            case .peak: return 1
            case .percentile(let q): return quantile(profile: p, q)
            }
        }
    }
}
