import Testing
@testable import CapacityModel

@Suite struct CalendarTests {
    /// Reference lists from the Python `holidays` package (years whose holidays follow the
    /// standing rules; the one-off moves of 2019-2021 are out of scope).
    static let reference: [Int: [String]] = [
        2010: ["01-01", "01-11", "02-11", "03-21", "03-22", "04-29", "05-03", "05-04", "05-05", "07-19", "09-20", "09-23", "10-11", "11-03", "11-23", "12-23"],
        2011: ["01-01", "01-10", "02-11", "03-21", "04-29", "05-03", "05-04", "05-05", "07-18", "09-19", "09-23", "10-10", "11-03", "11-23", "12-23"],
        2015: ["01-01", "01-12", "02-11", "03-21", "04-29", "05-03", "05-04", "05-05", "05-06", "07-20", "09-21", "09-22", "09-23", "10-12", "11-03", "11-23", "12-23"],
        2023: ["01-01", "01-02", "01-09", "02-11", "02-23", "03-21", "04-29", "05-03", "05-04", "05-05", "07-17", "08-11", "09-18", "09-23", "10-09", "11-03", "11-23"],
        2024: ["01-01", "01-08", "02-11", "02-12", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06", "07-15", "08-11", "08-12", "09-16", "09-22", "09-23", "10-14", "11-03", "11-04", "11-23"],
        2025: ["01-01", "01-13", "02-11", "02-23", "02-24", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06", "07-21", "08-11", "09-15", "09-23", "10-13", "11-03", "11-23", "11-24"],
    ]

    @Test(arguments: [2010, 2011, 2015, 2023, 2024, 2025])
    func holidaysMatchReference(year: Int) {
        let got = JapaneseHolidays.holidays(in: year).sorted().map { d -> String in
            let s = d.description
            return String(s.suffix(5))
        }
        #expect(got == Self.reference[year]!)
    }

    @Test func dateArithmeticRoundTrips() {
        #expect(CalendarDate(year: 2011, month: 3, day: 11).weekday == 5)   // a Friday
        #expect(CalendarDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        for z in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(CalendarDate(daysSinceEpoch: z).daysSinceEpoch == z)
        }
        #expect(CalendarDate(year: 2024, month: 2, day: 28).adding(days: 1) == CalendarDate(year: 2024, month: 2, day: 29))
    }

    @Test func businessDaysOf2011() {
        let calendar = DemandCalendar(year: 2011, profiles: [])
        // Weekdays that are neither holidays nor 12-29 … 01-03 (computed independently in Python).
        #expect(calendar.businessDay.filter { $0 }.count == 243)
    }

    @Test func profileIsNormalisedAndFollowsItsRules() {
        let loc = SourceLocation(file: "t", line: 1, column: 1)
        var business = [Double](repeating: 0.1, count: 24)
        business[11] = 1
        let profile = DemandProfile(
            id: "p", businessDay: business, otherDay: [Double](repeating: 0.05, count: 24),
            seasons: [.init(name: "peak", fromMonth: 3, fromDay: 25, toMonth: 4, toDay: 7, factor: 4)],
            batch: .init(startHour: 22, endHour: 5, level: 0.5, businessDaysOnly: false), location: loc)
        let c = DemandCalendar(year: 2011, profiles: [profile])
        let curve = c.hourly[0]
        #expect(curve.max() == 1)
        // 2011-03-25 is a Friday in the season: 11:00 is the yearly peak (4 × 1, normalised to 1).
        let day = CalendarDate(year: 2011, month: 3, day: 25).daysSinceEpoch - CalendarDate(year: 2011, month: 1, day: 1).daysSinceEpoch
        #expect(curve[day * 24 + 11] == 1)
        // An ordinary business day at 11:00 is 1/4 of the peak; at 23:00 the batch level 0.5/4.
        #expect(abs(Double(curve[10 * 24 + 11]) - 0.25) < 1e-6)
        #expect(abs(Double(curve[10 * 24 + 23]) - 0.125) < 1e-6)
        // A Sunday (2011-01-09) at noon: other-day load 0.05/4.
        #expect(abs(Double(curve[8 * 24 + 12]) - 0.0125) < 1e-6)
        #expect(c.quantile(profile: 0, 1) == 1)
        #expect(c.quantile(profile: 0, 0) == Double(curve.min()!))
    }

    @Test func seasonsWrapPastTheYearEnd() {
        let s = DemandProfile.Season(name: "w", fromMonth: 12, fromDay: 20, toMonth: 1, toDay: 10, factor: 2)
        #expect(s.covers(month: 12, day: 31) && s.covers(month: 1, day: 1) && s.covers(month: 1, day: 10))
        #expect(!s.covers(month: 1, day: 11) && !s.covers(month: 12, day: 19))
    }
}
