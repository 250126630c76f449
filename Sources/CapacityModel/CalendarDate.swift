/// A date in the proleptic Gregorian calendar, with the arithmetic the demand calendar needs.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month m: Int, year y: Int) -> Int {
        [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    /// Days since 1970-01-01 (negative before), by the civil-from-days inverse.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    public var weekday: Int { ((daysSinceEpoch % 7) + 11) % 7 }

    public func adding(days n: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + n) }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public var description: String {
        func pad(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}

/// Japanese national holidays (国民の祝日) and the government offices' year-end closure
/// (12-29 to 01-03), by the rules of the Act on National Holidays as amended up to 2016:
/// Happy Monday days, equinoxes by the usual astronomical approximation (valid 1980-2099),
/// substitute holidays (振替休日) and sandwiched citizens' holidays (国民の休日).
/// The one-off moves of 2019-2021 (enthronement, Olympics) are not modelled.
public enum JapaneseHolidays {
    public static func holidays(in year: Int) -> Set<CalendarDate> {
        var days = Set<CalendarDate>()
        func fixed(_ m: Int, _ d: Int) { days.insert(CalendarDate(year: year, month: m, day: d)) }
        func nthMonday(_ n: Int, _ m: Int) {
            let first = CalendarDate(year: year, month: m, day: 1)
            let offset = (8 - first.weekday) % 7   // days to the first Monday
            days.insert(first.adding(days: offset + 7 * (n - 1)))
        }
        let y = Double(year - 1980)
        let leapTerm = Double((year - 1980) / 4)
        fixed(1, 1)
        nthMonday(2, 1)                                            // 成人の日
        fixed(2, 11)                                               // 建国記念の日
        if year >= 2020 { fixed(2, 23) }                           // 天皇誕生日 (from 2020)
        fixed(3, Int(20.8431 + 0.242194 * y - leapTerm))           // 春分の日
        fixed(4, 29)
        fixed(5, 3); fixed(5, 4); fixed(5, 5)
        nthMonday(3, 7)                                            // 海の日
        if year >= 2016 { fixed(8, 11) }                           // 山の日
        nthMonday(3, 9)                                            // 敬老の日
        fixed(9, Int(23.2488 + 0.242194 * y - leapTerm))           // 秋分の日
        nthMonday(2, 10)                                           // スポーツの日 (体育の日)
        fixed(11, 3); fixed(11, 23)
        if year >= 1989 && year <= 2018 { fixed(12, 23) }          // 天皇誕生日 (Heisei)
        // 国民の休日: a weekday between two holidays.
        for d in days {
            let next = d.adding(days: 1), after = d.adding(days: 2)
            if days.contains(after) && !days.contains(next) && next.weekday != 0 && next.year == year {
                days.insert(next)
            }
        }
        // 振替休日: a holiday on Sunday moves to the next day that is not a holiday.
        for d in days.sorted() where d.weekday == 0 {
            var sub = d.adding(days: 1)
            while days.contains(sub) { sub = sub.adding(days: 1) }
            if sub.year == year { days.insert(sub) }
        }
        return days
    }

    /// Whether municipal offices are closed: weekend, national holiday or 12-29 … 01-03.
    public static func isOfficeClosed(_ d: CalendarDate, holidays: Set<CalendarDate>) -> Bool {
        if d.weekday == 0 || d.weekday == 6 { return true }
        if (d.month == 12 && d.day >= 29) || (d.month == 1 && d.day <= 3) { return true }
        return holidays.contains(d)
    }
}
