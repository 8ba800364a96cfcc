import XCTest
@testable import BatonCore

final class CalendarTextTests: XCTestCase {
    func testRFC3339() {
        XCTAssertEqual(CalendarText.rfc3339(Date(timeIntervalSince1970: 1_795_442_400)), "2026-11-23T14:00:00Z")
        XCTAssertEqual(CalendarText.rfc3339(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00Z")
        XCTAssertEqual(CalendarText.rfc3339(Date(timeIntervalSince1970: 1_795_442_400 + 2 * 3_600 + 3 * 60 + 4)), "2026-11-23T16:03:04Z")
        XCTAssertEqual(CalendarText.rfc3339(Date(timeIntervalSince1970: 951_868_799)), "2000-02-29T23:59:59Z")
        XCTAssertEqual(CalendarText.rfc3339(Date(timeIntervalSince1970: 4_102_444_800)), "2100-01-01T00:00:00Z")
    }

    func testRFC3339DropsFractionsDownwards() {
        XCTAssertEqual(CalendarText.rfc3339(Date(timeIntervalSince1970: 1_795_442_400.999)), "2026-11-23T14:00:00Z")
    }

    func testRFC3339BeforeTheEpoch() {
        XCTAssertEqual(CalendarText.rfc3339(Date(timeIntervalSince1970: -1)), "1969-12-31T23:59:59Z")
        XCTAssertEqual(CalendarText.rfc3339(Date(timeIntervalSince1970: -0.25)), "1969-12-31T23:59:59Z")
        XCTAssertEqual(CalendarText.rfc3339(Date(timeIntervalSince1970: -86_400)), "1969-12-31T00:00:00Z")
    }

    func testRFC3339AgreesWithFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = utcZone
        var seconds: Int64 = 0
        for _ in 0..<2_000 {
            seconds = (seconds &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407)
            let instant = Date(timeIntervalSince1970: TimeInterval((seconds >> 33) % 4_102_444_800))
            XCTAssertEqual(CalendarText.rfc3339(instant), formatter.string(from: instant))
        }
    }

    func testClockInAZone() {
        let instant = utc("2026-11-23T14:02:00Z")
        XCTAssertEqual(CalendarText.clock(instant, in: utcZone), "14:02")
        XCTAssertEqual(CalendarText.clock(instant, in: berlin), "15:02")
        XCTAssertEqual(CalendarText.clock(instant, in: newYork), "09:02")
        XCTAssertEqual(CalendarText.clock(utc("2026-07-01T03:30:00Z"), in: newYork), "23:30")
    }

    func testDayAndTime() {
        XCTAssertEqual(CalendarText.dayAndTime(utc("2026-11-23T14:02:00Z"), in: berlin), "Mon 23 Nov 15:02")
        XCTAssertEqual(CalendarText.dayAndTime(utc("2026-11-23T03:00:00Z"), in: newYork), "Sun 22 Nov 22:00")
        XCTAssertEqual(CalendarText.dayAndTime(utc("2026-03-01T00:00:00Z"), in: utcZone), "Sun 1 Mar 00:00")
    }

    func testDayAndTimeNamesTheYearWhenItIsNotThisOne() {
        let now = utc("2026-11-23T14:00:00Z")
        XCTAssertEqual(CalendarText.dayAndTime(utc("2026-01-02T10:00:00Z"), in: berlin, seenFrom: now), "Fri 2 Jan 11:00")
        XCTAssertEqual(CalendarText.dayAndTime(utc("2016-01-15T04:55:00Z"), in: berlin, seenFrom: now), "Fri 15 Jan 2016 05:55")
        XCTAssertEqual(CalendarText.dayAndTime(utc("2026-12-31T23:30:00Z"), in: berlin, seenFrom: now), "Fri 1 Jan 2027 00:30",
                       "the year as it is in the zone, not in UTC")
    }
}
