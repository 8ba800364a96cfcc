import XCTest
@testable import BatonCore

/// Expected instants come from the published DST dates: the EU changes at 01:00 UTC on the
/// last Sundays of March and October, the US at 02:00 local on the second Sunday of March
/// and the first Sunday of November.
final class ZonedTimeTests: XCTestCase {
    private func instant(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int, _ zone: TimeZone) -> Date {
        ZonedTime.instant(LocalDate(year: y, month: m, day: d), LocalTime(hour: h, minute: min), in: zone)
    }

    func testUTCIsTheWallClock() {
        XCTAssertEqual(instant(2026, 11, 23, 14, 0, utcZone), Date(timeIntervalSince1970: 1_795_442_400))
        XCTAssertEqual(instant(1970, 1, 1, 0, 0, utcZone), Date(timeIntervalSince1970: 0))
    }

    func testBerlinWinterAndSummer() {
        XCTAssertEqual(instant(2026, 1, 12, 7, 0, berlin), utc("2026-01-12T06:00:00Z"))
        XCTAssertEqual(instant(2026, 7, 13, 7, 0, berlin), utc("2026-07-13T05:00:00Z"))
    }

    func testNewYorkWinterAndSummer() {
        XCTAssertEqual(instant(2026, 1, 12, 9, 0, newYork), utc("2026-01-12T14:00:00Z"))
        XCTAssertEqual(instant(2026, 7, 13, 9, 0, newYork), utc("2026-07-13T13:00:00Z"))
        XCTAssertEqual(instant(2026, 1, 12, 20, 0, newYork), utc("2026-01-13T01:00:00Z"), "the UTC date can be the next day")
    }

    // MARK: Europe/Berlin 2026: 29 March and 25 October

    func testBerlinSpringForward2026() {
        XCTAssertEqual(instant(2026, 3, 28, 7, 0, berlin), utc("2026-03-28T06:00:00Z"))
        XCTAssertEqual(instant(2026, 3, 29, 1, 59, berlin), utc("2026-03-29T00:59:00Z"))
        XCTAssertEqual(instant(2026, 3, 29, 3, 0, berlin), utc("2026-03-29T01:00:00Z"))
        XCTAssertEqual(instant(2026, 3, 29, 7, 0, berlin), utc("2026-03-29T05:00:00Z"))
    }

    func testBerlinTimeInTheSpringGapBecomesTheTransition() {
        XCTAssertEqual(instant(2026, 3, 29, 2, 0, berlin), utc("2026-03-29T01:00:00Z"))
        XCTAssertEqual(instant(2026, 3, 29, 2, 30, berlin), utc("2026-03-29T01:00:00Z"))
        XCTAssertEqual(instant(2026, 3, 29, 2, 59, berlin), utc("2026-03-29T01:00:00Z"))
    }

    func testBerlinFallBack2026() {
        XCTAssertEqual(instant(2026, 10, 24, 7, 0, berlin), utc("2026-10-24T05:00:00Z"))
        XCTAssertEqual(instant(2026, 10, 25, 1, 59, berlin), utc("2026-10-24T23:59:00Z"))
        XCTAssertEqual(instant(2026, 10, 25, 3, 0, berlin), utc("2026-10-25T02:00:00Z"))
        XCTAssertEqual(instant(2026, 10, 25, 7, 0, berlin), utc("2026-10-25T06:00:00Z"))
    }

    func testBerlinTimeInTheAutumnOverlapTakesTheFirstOccurrence() {
        // 02:00 to 02:59 happen first in CEST (UTC+2), then again in CET (UTC+1).
        XCTAssertEqual(instant(2026, 10, 25, 2, 0, berlin), utc("2026-10-25T00:00:00Z"))
        XCTAssertEqual(instant(2026, 10, 25, 2, 30, berlin), utc("2026-10-25T00:30:00Z"))
        XCTAssertEqual(instant(2026, 10, 25, 2, 59, berlin), utc("2026-10-25T00:59:00Z"))
    }

    // MARK: America/New_York 2026: 8 March and 1 November

    func testNewYorkSpringForward2026() {
        XCTAssertEqual(instant(2026, 3, 7, 9, 0, newYork), utc("2026-03-07T14:00:00Z"))
        XCTAssertEqual(instant(2026, 3, 8, 1, 59, newYork), utc("2026-03-08T06:59:00Z"))
        XCTAssertEqual(instant(2026, 3, 8, 3, 0, newYork), utc("2026-03-08T07:00:00Z"))
        XCTAssertEqual(instant(2026, 3, 8, 9, 0, newYork), utc("2026-03-08T13:00:00Z"))
    }

    func testNewYorkTimeInTheSpringGapBecomesTheTransition() {
        XCTAssertEqual(instant(2026, 3, 8, 2, 0, newYork), utc("2026-03-08T07:00:00Z"))
        XCTAssertEqual(instant(2026, 3, 8, 2, 30, newYork), utc("2026-03-08T07:00:00Z"))
    }

    func testNewYorkFallBack2026() {
        XCTAssertEqual(instant(2026, 10, 31, 9, 0, newYork), utc("2026-10-31T13:00:00Z"))
        XCTAssertEqual(instant(2026, 11, 1, 0, 59, newYork), utc("2026-11-01T04:59:00Z"))
        XCTAssertEqual(instant(2026, 11, 1, 2, 0, newYork), utc("2026-11-01T07:00:00Z"))
        XCTAssertEqual(instant(2026, 11, 1, 9, 0, newYork), utc("2026-11-01T14:00:00Z"))
    }

    func testNewYorkTimeInTheAutumnOverlapTakesTheFirstOccurrence() {
        XCTAssertEqual(instant(2026, 11, 1, 1, 0, newYork), utc("2026-11-01T05:00:00Z"))
        XCTAssertEqual(instant(2026, 11, 1, 1, 30, newYork), utc("2026-11-01T05:30:00Z"))
        XCTAssertEqual(instant(2026, 11, 1, 1, 59, newYork), utc("2026-11-01T05:59:00Z"))
    }

    // MARK: 2027: EU 28 March and 31 October, US 14 March and 7 November

    func testTransitions2027() {
        XCTAssertEqual(instant(2027, 3, 27, 7, 0, berlin), utc("2027-03-27T06:00:00Z"))
        XCTAssertEqual(instant(2027, 3, 28, 2, 30, berlin), utc("2027-03-28T01:00:00Z"))
        XCTAssertEqual(instant(2027, 3, 28, 7, 0, berlin), utc("2027-03-28T05:00:00Z"))
        XCTAssertEqual(instant(2027, 10, 30, 7, 0, berlin), utc("2027-10-30T05:00:00Z"))
        XCTAssertEqual(instant(2027, 10, 31, 2, 30, berlin), utc("2027-10-31T00:30:00Z"))
        XCTAssertEqual(instant(2027, 10, 31, 7, 0, berlin), utc("2027-10-31T06:00:00Z"))

        XCTAssertEqual(instant(2027, 3, 13, 9, 0, newYork), utc("2027-03-13T14:00:00Z"))
        XCTAssertEqual(instant(2027, 3, 14, 2, 30, newYork), utc("2027-03-14T07:00:00Z"))
        XCTAssertEqual(instant(2027, 3, 14, 9, 0, newYork), utc("2027-03-14T13:00:00Z"))
        XCTAssertEqual(instant(2027, 11, 6, 9, 0, newYork), utc("2027-11-06T13:00:00Z"))
        XCTAssertEqual(instant(2027, 11, 7, 1, 30, newYork), utc("2027-11-07T05:30:00Z"))
        XCTAssertEqual(instant(2027, 11, 7, 9, 0, newYork), utc("2027-11-07T14:00:00Z"))
    }

    func testSouthernHemisphere() {
        // Australia/Sydney: on 5 April 2026 03:00 AEDT (UTC+11) falls back to 02:00 AEST (UTC+10);
        // on 4 October 2026 02:00 AEST springs forward to 03:00 AEDT.
        let sydney = zone("Australia/Sydney")
        XCTAssertEqual(instant(2026, 1, 12, 9, 0, sydney), utc("2026-01-11T22:00:00Z"))
        XCTAssertEqual(instant(2026, 7, 13, 9, 0, sydney), utc("2026-07-12T23:00:00Z"))
        XCTAssertEqual(instant(2026, 4, 5, 2, 30, sydney), utc("2026-04-04T15:30:00Z"), "first of the two 02:30s")
        XCTAssertEqual(instant(2026, 10, 4, 2, 30, sydney), utc("2026-10-03T16:00:00Z"), "in the gap: the transition")
    }

    func testZonesWithoutDaylightSavingTime() {
        XCTAssertEqual(instant(2026, 3, 29, 2, 30, zone("Asia/Kolkata")), utc("2026-03-28T21:00:00Z"))
        XCTAssertEqual(instant(2026, 6, 1, 0, 0, zone("Asia/Tokyo")), utc("2026-05-31T15:00:00Z"))
    }

    /// At noon no zone here has a gap or an overlap, so Foundation's calendar is an
    /// independent oracle for every day of ten years.
    func testNoonAgreesWithFoundationEveryDayForTenYears() {
        for identifier in ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns"] {
            let tz = zone(identifier)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = tz
            let first = LocalDate(year: 2020, month: 1, day: 1).dayNumber
            let last = LocalDate(year: 2029, month: 12, day: 31).dayNumber
            for day in first...last {
                let date = LocalDate(dayNumber: day)
                let expected = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12, minute: 0))!
                let got = ZonedTime.instant(date, LocalTime(hour: 12, minute: 0), in: tz)
                if got != expected { XCTFail("\(identifier) \(date) 12:00: expected \(expected), got \(got)"); break }
            }
        }
    }
}
