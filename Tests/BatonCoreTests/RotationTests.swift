import XCTest
@testable import BatonCore

final class RotationTests: XCTestCase {
    private let anchor = LocalDate(year: 2026, month: 1, day: 5)  // a Monday

    private func europe(until: LocalTime? = nil, roster: [String] = ["ana", "ben", "chiara"]) -> Region {
        Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), until: until, roster: roster)
    }

    private func us(until: LocalTime? = LocalTime(hour: 20, minute: 0), roster: [String] = ["dave", "erin"]) -> Region {
        Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), until: until, roster: roster)
    }

    /// The rotation of the design: Europe from 07:00 Berlin, the US from 09:00 New York until 20:00.
    private func rotation(_ regions: [Region]? = nil, length: Int = 7) -> Rotation {
        Rotation(regions: regions ?? [europe(), us()], settings: RotationSettings(anchor: anchor, lengthDays: length))
    }

    private func shift(_ region: String, _ engineer: String?, _ start: String, _ end: String) -> Shift {
        Shift(region: region, engineer: engineer, start: utc(start), end: utc(end))
    }

    // MARK: who holds point

    func testEuropeHoldsPointInTheMorning() {
        // Monday 12 January 2026 is one week after the anchor: the second roster entries.
        XCTAssertEqual(rotation().holder(at: utc("2026-01-12T10:00:00Z")),
                       shift("europe", "ben", "2026-01-12T06:00:00Z", "2026-01-12T14:00:00Z"))
    }

    func testUSTakesPointAtNineInNewYork() {
        XCTAssertEqual(rotation().holder(at: utc("2026-01-12T15:00:00Z")),
                       shift("us", "erin", "2026-01-12T14:00:00Z", "2026-01-13T01:00:00Z"))
    }

    func testHandoffInstantBelongsToTheIncomingShift() {
        XCTAssertEqual(rotation().holder(at: utc("2026-01-12T14:00:00Z"))?.region, "us")
        XCTAssertEqual(rotation().holder(at: utc("2026-01-12T13:59:59Z"))?.region, "europe")
        XCTAssertEqual(rotation().holder(at: utc("2026-01-12T06:00:00Z"))?.region, "europe")
        XCTAssertNil(rotation().holder(at: utc("2026-01-12T05:59:59Z")))
    }

    func testUntilLeavesAGapOvernight() {
        XCTAssertEqual(rotation().holder(at: utc("2026-01-13T00:59:59Z"))?.region, "us")
        XCTAssertNil(rotation().holder(at: utc("2026-01-13T01:00:00Z")))
        XCTAssertNil(rotation().holder(at: utc("2026-01-13T03:00:00Z")))
        XCTAssertEqual(rotation().holder(at: utc("2026-01-13T06:00:00Z"))?.region, "europe")
    }

    func testWithoutUntilTheLastRegionHoldsPointUntilTheNextStart() {
        let open = rotation([europe(), us(until: nil)])
        XCTAssertEqual(open.holder(at: utc("2026-01-13T03:00:00Z")),
                       shift("us", "erin", "2026-01-12T14:00:00Z", "2026-01-13T06:00:00Z"))
    }

    func testNobodyHoldsPointAtTheWeekend() {
        let rotation = rotation()
        // Friday 16 January's US shift runs to 20:00 New York, 01:00 UTC on Saturday.
        XCTAssertEqual(rotation.holder(at: utc("2026-01-17T00:30:00Z")),
                       shift("us", "erin", "2026-01-16T14:00:00Z", "2026-01-17T01:00:00Z"))
        XCTAssertNil(rotation.holder(at: utc("2026-01-17T12:00:00Z")))
        XCTAssertNil(rotation.holder(at: utc("2026-01-18T12:00:00Z")))
        XCTAssertNil(rotation.holder(at: utc("2026-01-19T05:00:00Z")))
        XCTAssertEqual(rotation.holder(at: utc("2026-01-19T06:00:00Z")),
                       shift("europe", "chiara", "2026-01-19T06:00:00Z", "2026-01-19T14:00:00Z"))
    }

    func testWithoutUntilFridaysShiftRunsThroughTheWeekend() {
        let open = rotation([europe(), us(until: nil)])
        XCTAssertEqual(open.holder(at: utc("2026-01-17T12:00:00Z")),
                       shift("us", "erin", "2026-01-16T14:00:00Z", "2026-01-19T06:00:00Z"))
    }

    func testWeekendDaysCanBeIncluded() {
        var weekend = europe()
        weekend.days = [6, 7]
        let rotation = rotation([weekend])
        XCTAssertEqual(rotation.holder(at: utc("2026-01-17T12:00:00Z")),
                       shift("europe", "ben", "2026-01-17T06:00:00Z", "2026-01-18T06:00:00Z"))
        XCTAssertEqual(rotation.holder(at: utc("2026-01-18T12:00:00Z"))?.start, utc("2026-01-18T06:00:00Z"))
        // Sunday's shift lasts until Saturday's start: nothing else takes point in between.
        XCTAssertEqual(rotation.holder(at: utc("2026-01-21T12:00:00Z"))?.end, utc("2026-01-24T06:00:00Z"))
    }

    // MARK: shifts

    func testShiftsOfOneDay() {
        XCTAssertEqual(rotation().shifts(from: utc("2026-01-12T00:00:00Z"), to: utc("2026-01-13T00:00:00Z")), [
            shift("europe", "ben", "2026-01-12T06:00:00Z", "2026-01-12T14:00:00Z"),
            shift("us", "erin", "2026-01-12T14:00:00Z", "2026-01-13T01:00:00Z"),
        ])
    }

    func testShiftsIncludeTheOneInForceAtTheStart() {
        let shifts = rotation().shifts(from: utc("2026-01-12T10:00:00Z"), to: utc("2026-01-12T10:00:01Z"))
        XCTAssertEqual(shifts, [shift("europe", "ben", "2026-01-12T06:00:00Z", "2026-01-12T14:00:00Z")])
    }

    func testShiftsOfAWeek() {
        let shifts = rotation().shifts(from: utc("2026-01-12T00:00:00Z"), to: utc("2026-01-19T00:00:00Z"))
        XCTAssertEqual(shifts.count, 10)
        XCTAssertEqual(shifts.map(\.region), Array(repeating: ["europe", "us"], count: 5).flatMap { $0 })
        XCTAssertEqual(Set(shifts.compactMap(\.engineer)), ["ben", "erin"])
        for (index, shift) in shifts.enumerated() {
            let day = TimeInterval(index / 2) * 86_400
            let base = utc("2026-01-12T00:00:00Z").addingTimeInterval(day)
            if shift.region == "europe" {
                XCTAssertEqual(shift.start, base.addingTimeInterval(6 * 3_600))
                XCTAssertEqual(shift.end, base.addingTimeInterval(14 * 3_600))
            } else {
                XCTAssertEqual(shift.start, base.addingTimeInterval(14 * 3_600))
                XCTAssertEqual(shift.end, base.addingTimeInterval(25 * 3_600))
            }
        }
    }

    func testShiftsOfAnEmptyOrBackwardsIntervalAreNone() {
        XCTAssertEqual(rotation().shifts(from: utc("2026-01-12T10:00:00Z"), to: utc("2026-01-12T10:00:00Z")), [])
        XCTAssertEqual(rotation().shifts(from: utc("2026-01-13T10:00:00Z"), to: utc("2026-01-12T10:00:00Z")), [])
        XCTAssertEqual(rotation([]).shifts(from: utc("2026-01-12T00:00:00Z"), to: utc("2026-01-19T00:00:00Z")), [])
        XCTAssertNil(rotation([]).holder(at: utc("2026-01-12T10:00:00Z")))
    }

    func testShiftsInAWeekendGapAreNone() {
        XCTAssertEqual(rotation().shifts(from: utc("2026-01-17T02:00:00Z"), to: utc("2026-01-19T05:00:00Z")), [])
    }

    func testNextShift() {
        XCTAssertEqual(rotation().nextShift(after: utc("2026-01-17T12:00:00Z")),
                       shift("europe", "chiara", "2026-01-19T06:00:00Z", "2026-01-19T14:00:00Z"))
        XCTAssertEqual(rotation().nextShift(after: utc("2026-01-12T10:00:00Z"))?.start, utc("2026-01-12T14:00:00Z"))
        XCTAssertEqual(rotation().nextShift(after: utc("2026-01-12T14:00:00Z"))?.start, utc("2026-01-13T06:00:00Z"),
                       "a shift starting exactly now is not next")
    }

    func testPointStatus() {
        let weekend = PointStatus(rotation: rotation(), at: utc("2026-01-17T12:00:00Z"))
        XCTAssertNil(weekend.current)
        XCTAssertEqual(weekend.next?.region, "europe")
        XCTAssertEqual(weekend.next?.start, utc("2026-01-19T06:00:00Z"))

        let morning = PointStatus(rotation: rotation(), at: utc("2026-01-12T10:00:00Z"))
        XCTAssertEqual(morning.current?.engineer, "ben")
        XCTAssertEqual(morning.next?.engineer, "erin")
    }

    // MARK: daylight saving time

    func testHandoffsWhileOnlyTheUSHasSprungForward() {
        // 16 March 2026: New York on EDT (UTC-4), Berlin still on CET (UTC+1). k = 10.
        XCTAssertEqual(rotation().shifts(from: utc("2026-03-16T00:00:00Z"), to: utc("2026-03-17T00:00:00Z")), [
            shift("europe", "ben", "2026-03-16T06:00:00Z", "2026-03-16T13:00:00Z"),
            shift("us", "dave", "2026-03-16T13:00:00Z", "2026-03-17T00:00:00Z"),
        ])
    }

    func testHandoffsOnTheUSSpringForwardWeekend() {
        // Friday 6 March: EST. Monday 9 March: EDT.
        let rotation = rotation()
        XCTAssertEqual(rotation.holder(at: utc("2026-03-06T14:30:00Z"))?.start, utc("2026-03-06T14:00:00Z"))
        XCTAssertEqual(rotation.holder(at: utc("2026-03-07T00:30:00Z"))?.end, utc("2026-03-07T01:00:00Z"))
        XCTAssertEqual(rotation.holder(at: utc("2026-03-09T13:30:00Z"))?.region, "us")
        XCTAssertEqual(rotation.holder(at: utc("2026-03-09T13:30:00Z"))?.start, utc("2026-03-09T13:00:00Z"))
        XCTAssertEqual(rotation.holder(at: utc("2026-03-09T23:59:00Z"))?.region, "us")
        XCTAssertNil(rotation.holder(at: utc("2026-03-10T00:00:00Z")), "20:00 EDT is midnight UTC")
    }

    func testHandoffsOnceBothHaveSprungForward() {
        // 30 March 2026: both on summer time. k = 12.
        XCTAssertEqual(rotation().shifts(from: utc("2026-03-30T00:00:00Z"), to: utc("2026-03-31T00:00:00Z")), [
            shift("europe", "ana", "2026-03-30T05:00:00Z", "2026-03-30T13:00:00Z"),
            shift("us", "dave", "2026-03-30T13:00:00Z", "2026-03-31T00:00:00Z"),
        ])
    }

    func testHandoffsWhileOnlyEuropeHasFallenBack() {
        // 26 October 2026: Berlin on CET again, New York still on EDT. k = 42.
        XCTAssertEqual(rotation().shifts(from: utc("2026-10-26T00:00:00Z"), to: utc("2026-10-27T00:00:00Z")), [
            shift("europe", "ana", "2026-10-26T06:00:00Z", "2026-10-26T13:00:00Z"),
            shift("us", "dave", "2026-10-26T13:00:00Z", "2026-10-27T00:00:00Z"),
        ])
    }

    func testHandoffsOnceBothHaveFallenBack() {
        // 2 November 2026: both on winter time. k = 43.
        XCTAssertEqual(rotation().shifts(from: utc("2026-11-02T00:00:00Z"), to: utc("2026-11-03T00:00:00Z")), [
            shift("europe", "ben", "2026-11-02T06:00:00Z", "2026-11-02T14:00:00Z"),
            shift("us", "erin", "2026-11-02T14:00:00Z", "2026-11-03T01:00:00Z"),
        ])
    }

    func testHandoffsIn2027() {
        // 15 March 2027: US on EDT, Europe on CET. 1 November 2027: Europe on CET, US on EDT until the 7th.
        let march = rotation().shifts(from: utc("2027-03-15T00:00:00Z"), to: utc("2027-03-16T00:00:00Z"))
        XCTAssertEqual(march.map(\.start), [utc("2027-03-15T06:00:00Z"), utc("2027-03-15T13:00:00Z")])
        let april = rotation().shifts(from: utc("2027-03-29T00:00:00Z"), to: utc("2027-03-30T00:00:00Z"))
        XCTAssertEqual(april.map(\.start), [utc("2027-03-29T05:00:00Z"), utc("2027-03-29T13:00:00Z")])
        let november = rotation().shifts(from: utc("2027-11-01T00:00:00Z"), to: utc("2027-11-02T00:00:00Z"))
        XCTAssertEqual(november.map(\.start), [utc("2027-11-01T06:00:00Z"), utc("2027-11-01T13:00:00Z")])
        XCTAssertEqual(november.last?.end, utc("2027-11-02T00:00:00Z"))
        let later = rotation().shifts(from: utc("2027-11-08T00:00:00Z"), to: utc("2027-11-09T00:00:00Z"))
        XCTAssertEqual(later.map(\.start), [utc("2027-11-08T06:00:00Z"), utc("2027-11-08T14:00:00Z")])
    }

    func testAnUntilGapThatOpensAndClosesWithDaylightSavingTime() {
        // Europe stops at 14:30 Berlin. In January that is 13:30 UTC and the US starts at 14:00 UTC: a gap.
        // In mid March the US starts at 13:00 UTC, before Europe's until: no gap.
        let rotation = rotation([europe(until: LocalTime(hour: 14, minute: 30)), us()])
        XCTAssertEqual(rotation.holder(at: utc("2026-01-12T13:29:00Z"))?.region, "europe")
        XCTAssertNil(rotation.holder(at: utc("2026-01-12T13:45:00Z")))
        XCTAssertEqual(rotation.holder(at: utc("2026-01-12T14:00:00Z"))?.region, "us")
        XCTAssertEqual(rotation.holder(at: utc("2026-03-16T12:59:00Z"))?.end, utc("2026-03-16T13:00:00Z"))
        XCTAssertEqual(rotation.holder(at: utc("2026-03-16T13:15:00Z"))?.region, "us")
    }

    func testUntilEarlierThanTheStartEndsTheNextDay() {
        let night = Region(id: "night", timeZone: utcZone, takesPoint: LocalTime(hour: 22, minute: 0), days: [1, 2, 3, 4, 5, 6, 7],
                           until: LocalTime(hour: 6, minute: 0), roster: ["nora"])
        let rotation = rotation([night])
        XCTAssertEqual(rotation.holder(at: utc("2026-01-13T03:00:00Z")),
                       shift("night", "nora", "2026-01-12T22:00:00Z", "2026-01-13T06:00:00Z"))
        XCTAssertNil(rotation.holder(at: utc("2026-01-13T12:00:00Z")))
    }

    func testAStartInTheSpringGapBeginsAtTheTransition() {
        let early = Region(id: "early", timeZone: berlin, takesPoint: LocalTime(hour: 2, minute: 30), days: [1, 2, 3, 4, 5, 6, 7], roster: ["ana"])
        let rotation = rotation([early])
        // Saturday 28 March 02:30 CET is 01:30 UTC; Sunday's 02:30 does not exist, so it starts at 01:00 UTC.
        XCTAssertEqual(rotation.holder(at: utc("2026-03-29T00:59:00Z")),
                       shift("early", "ana", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z"))
        XCTAssertEqual(rotation.holder(at: utc("2026-03-29T01:00:00Z")),
                       shift("early", "ana", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"))
    }

    func testAStartInTheAutumnOverlapIsTheFirstOccurrence() {
        let early = Region(id: "early", timeZone: berlin, takesPoint: LocalTime(hour: 2, minute: 30), days: [1, 2, 3, 4, 5, 6, 7], roster: ["ana"])
        // Sunday 25 October's shift runs 25 hours: from the first 02:30 (CEST) to Monday's 02:30 (CET).
        XCTAssertEqual(rotation([early]).holder(at: utc("2026-10-25T12:00:00Z")),
                       shift("early", "ana", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"))
    }

    // MARK: the roster

    func testRosterAdvancesEachRotationLength() {
        let rotation = rotation()
        let region = europe()
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 1, day: 5)), "ana")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 1, day: 11)), "ana")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 1, day: 12)), "ben")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 1, day: 19)), "chiara")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 1, day: 26)), "ana")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 11, day: 23)), "ben", "k = 46")
    }

    func testRosterBeforeTheAnchorCountsBackwards() {
        let rotation = rotation()
        let region = europe()
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 1, day: 4)), "chiara", "k = -1")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2025, month: 12, day: 29)), "chiara", "k = -1")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2025, month: 12, day: 28)), "ben", "k = -2")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2025, month: 12, day: 22)), "ben", "k = -2")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2025, month: 12, day: 15)), "ana", "k = -3")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2025, month: 12, day: 14)), "chiara", "k = -4")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2024, month: 1, day: 8)), "ben", "k = -104")
    }

    func testRosterWithALongerLength() {
        let rotation = rotation(length: 14)
        let region = europe()
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 1, day: 18)), "ana", "13 days: k = 0")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 1, day: 19)), "ben", "14 days: k = 1")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 1, day: 4)), "chiara", "-1 day: k = -1")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2025, month: 12, day: 22)), "chiara", "-14 days: k = -1")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2025, month: 12, day: 21)), "ben", "-15 days: k = -2")
    }

    func testDailyRosterAcrossTheSpringForwardWeekend() {
        let rotation = rotation(length: 1)
        let region = europe(roster: ["a", "b", "c", "d"])
        // 27 March 2026 is 81 days after the anchor; 81 mod 4 = 1.
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 3, day: 27)), "b")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 3, day: 28)), "c")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 3, day: 29)), "d")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 3, day: 30)), "a")
        XCTAssertEqual(rotation.engineer(of: region, on: LocalDate(year: 2026, month: 3, day: 31)), "b")
    }

    func testEmptyRosterHasNoEngineer() {
        let rotation = rotation([europe(roster: [])])
        XCTAssertNil(rotation.engineer(of: europe(roster: []), on: anchor))
        let holder = rotation.holder(at: utc("2026-01-12T10:00:00Z"))
        XCTAssertEqual(holder?.region, "europe")
        XCTAssertNil(holder?.engineer)
    }

    func testZeroLengthIsTreatedAsOneDay() {
        let rotation = rotation(length: 0)
        XCTAssertEqual(rotation.engineer(of: europe(), on: LocalDate(year: 2026, month: 1, day: 6)), "ben")
    }

    func testRosterCountsLocalDaysNotUTCDays() {
        // Auckland is UTC+13 in January: Monday 12 January 08:00 there is Sunday 11 January 19:00 UTC.
        // The shift belongs to the local Monday, one week after the anchor.
        let auckland = Region(id: "apac", timeZone: zone("Pacific/Auckland"), takesPoint: LocalTime(hour: 8, minute: 0), roster: ["kiri", "liam", "mei"])
        let rotation = rotation([auckland])
        XCTAssertEqual(rotation.holder(at: utc("2026-01-11T20:00:00Z")),
                       shift("apac", "liam", "2026-01-11T19:00:00Z", "2026-01-12T19:00:00Z"))
        XCTAssertEqual(rotation.holder(at: utc("2026-01-04T20:00:00Z"))?.engineer, "kiri", "the anchor's own Monday")
        // Friday 9 January's shift runs until Monday's start, across the weekend.
        XCTAssertEqual(rotation.holder(at: utc("2026-01-10T12:00:00Z")),
                       shift("apac", "kiri", "2026-01-08T19:00:00Z", "2026-01-11T19:00:00Z"))
    }

    func testRegionDefaultName() {
        XCTAssertEqual(Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), roster: []).name, "US")
        XCTAssertEqual(Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 9, minute: 0), roster: []).name, "Europe")
        XCTAssertEqual(Region(id: "emea", name: "EMEA", timeZone: berlin, takesPoint: LocalTime(hour: 9, minute: 0), roster: []).name, "EMEA")
    }
}
