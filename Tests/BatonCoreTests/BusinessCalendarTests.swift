import XCTest
@testable import BatonCore

/// The calendar arithmetic on hand-worked cases: DST weeks both ways in three zones,
/// holidays, closed days, 24:00 and pauses over nights. Expected instants are written out
/// as UTC text and read with Foundation's parser, never computed by the code under test.
final class BusinessCalendarTests: XCTestCase {
    private func calendar(_ hours: [String], zone: TimeZone = berlin, holidays: [String] = []) throws -> BusinessCalendar {
        try BusinessCalendar(id: "test", zone: zone, hours: hours, holidays: Set(holidays.compactMap(LocalDate.init(parsing:))))
    }

    private func deadline(_ calendar: BusinessCalendar?, from start: String, _ target: Int64, pauses: [(String, String)] = []) -> Date? {
        let clock = SLACalendarClock(calendar)
        let skipped = pauses.map { (Int64(utc($0.0).timeIntervalSince1970), Int64(utc($0.1).timeIntervalSince1970)) }
        return clock.deadline(start: Int64(utc(start).timeIntervalSince1970), target: target, pauses: skipped)
            .map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    func testFridayAfternoonPlusOneHourIsMondayMorning() throws {
        // Fri 27 Nov 2026 16:30 CET + 1 h in 09:00-17:00: 30 min on Friday, 30 min on Monday.
        let business = try calendar(["mon-fri 09:00-17:00"])
        XCTAssertEqual(deadline(business, from: "2026-11-27T15:30:00Z", 3_600), utc("2026-11-30T08:30:00Z"))
        XCTAssertEqual(deadline(business, from: "2026-11-27T15:00:00Z", 3_600), utc("2026-11-27T16:00:00Z"), "ends at closing, not after it")
    }

    func testBerlinSpringForwardWeekend() throws {
        // Clocks go 02:00 → 03:00 on Sun 29 Mar 2026. Fri 15:00 CET + 4 h: 2 h Friday, 2 h Monday from 09:00 CEST (07:00Z).
        let business = try calendar(["mon-fri 09:00-17:00"])
        XCTAssertEqual(deadline(business, from: "2026-03-27T14:00:00Z", 4 * 3_600), utc("2026-03-30T09:00:00Z"))
    }

    func testBerlinFallBackWeekend() throws {
        // Clocks go 03:00 → 02:00 on Sun 25 Oct 2026. Fri 15:00 CEST + 4 h: Monday 09:00 CET is 08:00Z, + 2 h.
        let business = try calendar(["mon-fri 09:00-17:00"])
        XCTAssertEqual(deadline(business, from: "2026-10-23T13:00:00Z", 4 * 3_600), utc("2026-10-26T10:00:00Z"))
    }

    func testNewYorkDSTDaysAroundTheClockAreShortAndLong() throws {
        // A local all-day calendar: Sun 8 Mar 2026 has 23 hours, Sun 1 Nov 2026 has 25.
        let allDay = try calendar(["sun 00:00-24:00"], zone: newYork)
        let spring = SLACalendarClock(allDay).openIntervals(from: Int64(utc("2026-03-07T00:00:00Z").timeIntervalSince1970),
                                                             to: Int64(utc("2026-03-10T00:00:00Z").timeIntervalSince1970))
        XCTAssertEqual(spring.reduce(0) { $0 + $1.1 - $1.0 }, 23 * 3_600)
        let autumn = SLACalendarClock(allDay).openIntervals(from: Int64(utc("2026-10-31T00:00:00Z").timeIntervalSince1970),
                                                             to: Int64(utc("2026-11-03T00:00:00Z").timeIntervalSince1970))
        XCTAssertEqual(autumn.reduce(0) { $0 + $1.1 - $1.0 }, 25 * 3_600)
        // 09:00-17:00 stays 8 hours: Fri 6 Mar 16:00 EST + 2 h ends Mon 9 Mar 10:00 EDT (14:00Z).
        let business = try calendar(["mon-fri 09:00-17:00"], zone: newYork)
        XCTAssertEqual(deadline(business, from: "2026-03-06T21:00:00Z", 2 * 3_600), utc("2026-03-09T14:00:00Z"))
        // Fri 30 Oct 16:00 EDT + 2 h ends Mon 2 Nov 10:00 EST (15:00Z).
        XCTAssertEqual(deadline(business, from: "2026-10-30T20:00:00Z", 2 * 3_600), utc("2026-11-02T15:00:00Z"))
    }

    func testSydneyDSTBothWays() throws {
        // Sydney leaves DST on Sun 5 Apr 2026 (03:00 → 02:00) and enters it on Sun 4 Oct 2026 (02:00 → 03:00).
        let night = try calendar(["sun 01:00-04:00"], zone: zone("Australia/Sydney"))
        let counter = SLACalendarClock(night)
        func open(_ from: String, _ to: String) -> Int64 {
            counter.openIntervals(from: Int64(utc(from).timeIntervalSince1970), to: Int64(utc(to).timeIntervalSince1970))
                .reduce(0) { $0 + $1.1 - $1.0 }
        }
        XCTAssertEqual(open("2026-04-04T00:00:00Z", "2026-04-06T00:00:00Z"), 4 * 3_600, "the repeated hour counts twice")
        XCTAssertEqual(open("2026-10-03T00:00:00Z", "2026-10-05T00:00:00Z"), 2 * 3_600, "the skipped hour never comes")
        // Sun 5 Apr 01:00 AEDT is Sat 14:00Z; 3 h 30 min of the 4 h night ends at 03:30 AEST = 17:30Z.
        XCTAssertEqual(deadline(night, from: "2026-04-04T14:00:00Z", 3 * 3_600 + 1_800), utc("2026-04-04T17:30:00Z"))
        let business = try calendar(["mon-fri 09:00-17:00"], zone: zone("Australia/Sydney"))
        // Fri 2 Oct 16:00 AEST (06:00Z) + 2 h: Mon 5 Oct 10:00 AEDT is Sun 23:00Z.
        XCTAssertEqual(deadline(business, from: "2026-10-02T06:00:00Z", 2 * 3_600), utc("2026-10-04T23:00:00Z"))
    }

    func testHolidaysAreClosedAllDay() throws {
        // Wed 23 Dec 2026 16:00 CET + 2 h; Thu 24 and Fri 25 are holidays: Mon 28 Dec 10:00 CET.
        let business = try calendar(["mon-fri 09:00-17:00"], holidays: ["2026-12-24", "2026-12-25"])
        XCTAssertEqual(deadline(business, from: "2026-12-23T15:00:00Z", 2 * 3_600), utc("2026-12-28T09:00:00Z"))
        var yearly = business
        yearly.holidays = []
        yearly.yearlyHolidays = [BusinessCalendar.YearlyDay(month: 12, day: 24), BusinessCalendar.YearlyDay(month: 12, day: 25)]
        XCTAssertEqual(deadline(yearly, from: "2027-12-23T15:00:00Z", 2 * 3_600), utc("2027-12-27T09:00:00Z"), "Fri 24 and Sat 25 Dec 2027")
    }

    func testAMessageWhileClosedStartsAtTheNextOpening() throws {
        let business = try calendar(["mon-fri 09:00-17:00", "sat 10:00-12:00"])
        // Sun 29 Nov 2026 20:00 CET: nothing until Mon 09:00 CET (08:00Z); 1 h → 09:00Z.
        XCTAssertEqual(deadline(business, from: "2026-11-29T19:00:00Z", 3_600), utc("2026-11-30T09:00:00Z"))
        // Fri 18:00 CET + 3 h: Sat 10-12 (2 h), Mon 09:00-10:00.
        XCTAssertEqual(deadline(business, from: "2026-11-27T17:00:00Z", 3 * 3_600), utc("2026-11-30T09:00:00Z"))
    }

    func testTwentyFourHundredEndsTheDay() throws {
        let evening = try calendar(["mon-fri 20:00-24:00"])
        // Mon 30 Nov 23:30 CET + 1 h: 30 min to midnight, then Tue from 20:00: Tue 20:30 CET.
        XCTAssertEqual(deadline(evening, from: "2026-11-30T22:30:00Z", 3_600), utc("2026-12-01T19:30:00Z"))
        // Touching windows across midnight count as one stretch.
        let late = try calendar(["mon 20:00-24:00", "tue 00:00-02:00"])
        XCTAssertEqual(deadline(late, from: "2026-11-30T19:00:00Z", 5 * 3_600), utc("2026-12-01T00:00:00Z"))
    }

    func testPausesOverNightsDoNotCount() throws {
        let business = try calendar(["mon-fri 09:00-17:00"])
        // Mon 30 Nov 15:00 CET, 2 h target; pending from 16:00 CET to Tue 10:00 CET: 1 h Monday, 1 h from Tue 10:00.
        XCTAssertEqual(deadline(business, from: "2026-11-30T14:00:00Z", 2 * 3_600, pauses: [("2026-11-30T15:00:00Z", "2026-12-01T09:00:00Z")]),
                       utc("2026-12-01T10:00:00Z"))
        // Around the clock, the same pause moves the deadline by its whole length (18 h).
        XCTAssertEqual(deadline(nil, from: "2026-11-30T14:00:00Z", 2 * 3_600, pauses: [("2026-11-30T15:00:00Z", "2026-12-01T09:00:00Z")]),
                       utc("2026-12-01T10:00:00Z"))
        XCTAssertEqual(deadline(nil, from: "2026-11-30T14:00:00Z", 2 * 3_600), utc("2026-11-30T16:00:00Z"))
    }

    func testACalendarThatNeverOpensHasNoDeadline() {
        let never = BusinessCalendar(id: "never", zone: berlin, week: [])
        XCTAssertNil(deadline(never, from: "2026-11-30T14:00:00Z", 60))
    }

    func testHoursEntriesAndErrors() throws {
        let week = try calendar(["mon-fri 09:00-12:00", "mon,wed 11:00-18:00", "SUN 10:00-24:00"])
        XCTAssertEqual(week.week[0], [BusinessCalendar.Window(start: 540, end: 1_080)], "overlapping windows are joined")
        XCTAssertEqual(week.week[6], [BusinessCalendar.Window(start: 600, end: 1_440)])
        XCTAssertEqual(try BusinessCalendar(id: "x", zone: berlin, hours: week.hoursEntries).week, week.week, "the store's form reads back")
        for (entry, words) in [("mon-fri", "DAYS HH:MM-HH:MM"), ("fri-mon 09:00-17:00", "backwards"), ("mon 17:00-09:00", "ends before"),
                               ("funday 09:00-10:00", "funday"), ("mon 09:00-25:00", "HH:MM-HH:MM"), ("mon 24:00-24:00", "HH:MM")] {
            XCTAssertThrowsError(try calendar(["sat 10:00-11:00", entry]), entry) { error in
                let spec = error as? BusinessCalendar.SpecError
                XCTAssertEqual(spec?.index, 1, entry)
                XCTAssertTrue(spec?.message.contains(words) == true, "\(spec?.message ?? "") lacks \(words)")
            }
        }
    }

    func testHolidayEntriesReadBack() {
        let read = BusinessCalendar.parseHolidays(["2026-12-24", "--12-25"])
        XCTAssertEqual(read?.dates, [LocalDate(year: 2026, month: 12, day: 24)])
        XCTAssertEqual(read?.yearly, [BusinessCalendar.YearlyDay(month: 12, day: 25)])
        XCTAssertNil(BusinessCalendar.parseHolidays(["12/25"]))
    }
}
