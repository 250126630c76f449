/// Timestamps of usage exports, as seconds since 1970-01-01 00:00 UTC (issue 32). No daylight
/// saving: a timestamp without an offset is in the export's zone, UTC or JST (+09:00).
public enum UsageTimeZone: String, Sendable, CaseIterable {
    case utc, jst

    /// Seconds to add to UTC to get the zone's local time.
    public var offsetSeconds: Int64 { self == .utc ? 0 : 9 * 3_600 }
}

public enum UsageTimestamp {
    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days-from-civil
    /// arithmetic, written here from its description). - Precondition: 1 ≤ month ≤ 12.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1, (1900...2200).contains(year) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// Seconds UTC of a local date and time in `zone` (or at `offset` seconds east of UTC).
    static func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int64) -> Int64 {
        days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3_600 + minute * 60 + second) - offset
    }

    /// `2026-12-06T13:05:00Z`, `2026-12-06 13:05:00+09:00`, `2026-12-06T13:05` (seconds and the
    /// offset optional; without one, `zone`). Nil when it is not one.
    static func iso(_ text: String, zone: UsageTimeZone) -> Int64? {
        let s = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= s.count, range.allSatisfy({ s[$0] >= 48 && s[$0] <= 57 }) else { return nil }
            return range.reduce(0) { $0 * 10 + Int(s[$1] - 48) }
        }
        guard s.count >= 16, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"), s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: " "),
              s[13] == UInt8(ascii: ":"), let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16) else { return nil }
        var i = 16, second = 0
        if i < s.count, s[i] == UInt8(ascii: ":") {
            guard let sec = number(17..<19) else { return nil }
            second = sec
            i = 19
            if i < s.count, s[i] == UInt8(ascii: ".") {  // fractions of a second are dropped
                i += 1
                while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
            }
        }
        var offset = zone.offsetSeconds
        if i < s.count {
            if s[i] == UInt8(ascii: "Z") && i + 1 == s.count {
                offset = 0
            } else if (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) && i + 6 == s.count && s[i + 3] == UInt8(ascii: ":"),
                      let h = number((i + 1)..<(i + 3)), let m = number((i + 4)..<(i + 6)), h <= 14, m < 60 {
                offset = Int64(h * 3_600 + m * 60) * (s[i] == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        guard isValid(year: year, month: month, day: day), hour < 24, minute < 60, second < 60 else { return nil }
        return seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// PowerCLI's US style: `12/6/2026 1:05:00 PM` or `12/06/2026 13:05:00` (month first; seconds
    /// optional), in `zone`. Nil when it is not one.
    static func us(_ text: String, zone: UsageTimeZone) -> Int64? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let date = parts[0].split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard date.count == 3, let month = date[0], let day = date[1], let year = date[2],
              time.count == 2 || time.count == 3, let h = time[0], let minute = time[1] else { return nil }
        let second = time.count == 3 ? time[2] : 0
        guard let second else { return nil }
        var hour = h
        if parts.count == 3 {
            let marker = parts[2].uppercased()
            guard marker == "AM" || marker == "PM", (1...12).contains(h) else { return nil }
            hour = h % 12 + (marker == "PM" ? 12 : 0)
        }
        guard isValid(year: year, month: month, day: day), (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        return seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: zone.offsetSeconds)
    }

    /// `seconds` as `2026-12-06T04:05:00Z`.
    public static func format(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (year, month, day) = civil(days)
        func two(_ x: Int64) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))Z"
    }

    /// The proleptic Gregorian year, month and day of `days` after 1970-01-01 (the inverse of
    /// `days(year:month:day:)`). O(1).
    static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
