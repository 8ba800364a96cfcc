import XCTest
@testable import BatonCore

/// Instants as typed on the command line. Expectations come from Foundation's ISO 8601 parser.
final class InstantTextTests: XCTestCase {
    private func parse(_ text: String, _ zone: TimeZone = berlin) -> Date? { InstantText.parse(text, in: zone) }

    func testRFC3339InUTC() {
        XCTAssertEqual(parse("2026-11-24T09:00:00Z"), utc("2026-11-24T09:00:00Z"))
        XCTAssertEqual(parse("2026-11-24T09:00:00z"), utc("2026-11-24T09:00:00Z"))
        XCTAssertEqual(parse("2026-11-24T09:00Z"), utc("2026-11-24T09:00:00Z"))
        XCTAssertEqual(parse("2026-11-24T09:00:59Z", newYork), utc("2026-11-24T09:00:59Z"), "a zone in the text wins over the viewer's")
        XCTAssertEqual(parse("  2026-11-24T09:00:00Z  "), utc("2026-11-24T09:00:00Z"))
        XCTAssertEqual(parse("2028-02-29T23:59:59Z"), utc("2028-02-29T23:59:59Z"))
    }

    func testRFC3339WithOffsets() {
        XCTAssertEqual(parse("2026-11-24T10:00+01:00"), utc("2026-11-24T09:00:00Z"))
        XCTAssertEqual(parse("2026-11-24T10:00:30+01:00"), utc("2026-11-24T09:00:30Z"))
        XCTAssertEqual(parse("2026-11-24T04:00-05:00"), utc("2026-11-24T09:00:00Z"))
        XCTAssertEqual(parse("2026-11-24T04:00-0500"), utc("2026-11-24T09:00:00Z"))
        XCTAssertEqual(parse("2026-11-24T14:45+05:45"), utc("2026-11-24T09:00:00Z"))
        XCTAssertEqual(parse("2026-11-24T00:30+01:00"), utc("2026-11-23T23:30:00Z"), "the UTC date can be the day before")
        XCTAssertEqual(parse("2026-11-24T09:00+00:00"), utc("2026-11-24T09:00:00Z"))
    }

    func testLocalDateIsMidnightInTheZone() {
        XCTAssertEqual(parse("2026-11-24"), utc("2026-11-23T23:00:00Z"))
        XCTAssertEqual(parse("2026-07-14"), utc("2026-07-13T22:00:00Z"))
        XCTAssertEqual(parse("2026-11-24", newYork), utc("2026-11-24T05:00:00Z"))
        XCTAssertEqual(parse("2026-11-24", utcZone), utc("2026-11-24T00:00:00Z"))
    }

    func testLocalDateAndTimeInTheZone() {
        XCTAssertEqual(parse("2026-11-24 09:00"), utc("2026-11-24T08:00:00Z"))
        XCTAssertEqual(parse("2026-11-24T09:00"), utc("2026-11-24T08:00:00Z"))
        XCTAssertEqual(parse("2026-07-14 09:00"), utc("2026-07-14T07:00:00Z"))
        XCTAssertEqual(parse("2026-11-24 09:00:15", newYork), utc("2026-11-24T14:00:15Z"))
        XCTAssertEqual(parse("2026-03-09 09:00", newYork), utc("2026-03-09T13:00:00Z"), "New York on EDT, Berlin not yet")
    }

    func testLocalTimesAroundDaylightSavingTime() {
        // Berlin skips 02:00–03:00 on 29 March 2026: a time in the gap is the transition, 01:00 UTC.
        XCTAssertEqual(parse("2026-03-29 02:30"), utc("2026-03-29T01:00:00Z"))
        XCTAssertEqual(parse("2026-03-29 03:00"), utc("2026-03-29T01:00:00Z"))
        XCTAssertEqual(parse("2026-03-29 01:59"), utc("2026-03-29T00:59:00Z"))
        // New York repeats 01:00–02:00 on 1 November 2026: the first occurrence, on EDT.
        XCTAssertEqual(parse("2026-11-01 01:30", newYork), utc("2026-11-01T05:30:00Z"))
        XCTAssertEqual(parse("2026-03-08 02:30", newYork), utc("2026-03-08T07:00:00Z"))
    }

    func testBadInputIsNil() {
        for text in ["", "garbage", "2026-11-2", "2026-13-01", "2026-02-30", "2027-02-29", "2026-11-24 25:00", "2026-11-24T24:00",
                     "2026-11-24T09:60", "2026-11-24T9:00", "2026-11-24T09:00:60Z", "2026-11-24T09:00:0Z", "2026-11-24X09:00",
                     "2026-11-24T09:00+1", "2026-11-24T09:00+25:00", "2026-11-24T09:00+01:60", "2026-11-24T09:00 Z",
                     "2026-11-24T09:00ZZ", "2026-11-24T09:00:00+01:00junk", "tomorrow", "2026/11/24", "24-11-2026",
                     "2026-11-24T09:00+0:100", "2026-11-24T09:00+01::00", "２０２６-11-24"] {
            XCTAssertNil(parse(text), text.debugDescription)
        }
    }
}
