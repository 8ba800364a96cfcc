import XCTest
@testable import BatonCore

final class ICalendarHolidaysTests: XCTestCase {
    /// Shaped like the public holiday feeds: CRLF lines, folding, all-day events, yearly rules.
    let feed = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//holidays//EN",
        "BEGIN:VEVENT", "UID:1@test", "DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261227",
        "SUMMARY:Christmas, a long", " folded summary", "END:VEVENT",
        "BEGIN:VEVENT", "UID:2@test", "DTSTART;VALUE=DATE:20260501", "RRULE:FREQ=YEARLY", "SUMMARY:Labour Day", "END:VEVENT",
        "BEGIN:VEVENT", "UID:3@test", "DTSTART:20261003T100000Z", "SUMMARY:a meeting, not a holiday", "END:VEVENT",
        "BEGIN:VEVENT", "UID:4@test", "DTSTART;VALUE=DATE:20260101", "RRULE:FREQ=YEARLY;COUNT=2", "END:VEVENT",
        "END:VCALENDAR", "",
    ].joined(separator: "\r\n")

    func testAllDayEventsAndYearlyRules() throws {
        let read = try ICalendarHolidays.parse(feed)
        XCTAssertEqual(read.dates, Set(["2026-12-24", "2026-12-25", "2026-12-26", "2026-01-01", "2027-01-01"].compactMap(LocalDate.init(parsing:))))
        XCTAssertEqual(read.yearly, [BusinessCalendar.YearlyDay(month: 5, day: 1)])
    }

    func testRulesItCannotHoldAreErrorsNamingTheLine() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261126\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\nEND:VEVENT\nEND:VCALENDAR\n"
        XCTAssertThrowsError(try ICalendarHolidays.parse(text)) { error in
            XCTAssertEqual((error as? ICalendarHolidays.ParseError)?.line, 4)
        }
        XCTAssertThrowsError(try ICalendarHolidays.parse("not a calendar"))
        XCTAssertThrowsError(try ICalendarHolidays.parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2026-12\nEND:VEVENT\n")) { error in
            XCTAssertEqual((error as? ICalendarHolidays.ParseError)?.line, 3)
        }
    }
}
