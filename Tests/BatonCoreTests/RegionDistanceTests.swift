import XCTest
@testable import BatonCore

/// The weeks in which two regions' clocks are closer or further apart than usual. Europe and the
/// US are 6 h apart most of the year, 5 h between the US change and Europe's: 8–29 March and
/// 25 October–1 November 2026, 14–28 March and 31 October–7 November 2027.
final class RegionDistanceTests: XCTestCase {
    private let regions = [
        Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana"]),
        Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), roster: ["dave"]),
    ]

    private func sentences(_ monday: String, _ regions: [Region]? = nil) -> [String] {
        RegionDistance.unusual(regions ?? self.regions, from: utc(monday + "T00:00:00Z")).map(\.sentence)
    }

    func testTheWeekAfterTheUSSprangForward2026() {
        XCTAssertEqual(sentences("2026-03-09"), ["Europe–US: 5 h apart this week, usually 6 h"])
        XCTAssertEqual(RegionDistance.unusual(regions, from: utc("2026-03-09T00:00:00Z")),
                       [RegionDistance(first: "Europe", second: "US", hours: 5, usualHours: 6)])
        XCTAssertEqual(sentences("2026-03-16"), ["Europe–US: 5 h apart this week, usually 6 h"])
        XCTAssertEqual(sentences("2026-03-23"), ["Europe–US: 5 h apart this week, usually 6 h"], "Europe changes on Sunday the 29th")
    }

    func testTheWeekThatHoldsTheUSChange() {
        // The US changes on Sunday 8 March 2026, the last day of the week from the 2nd.
        XCTAssertEqual(sentences("2026-03-02"), ["Europe–US: 5 h apart this week, usually 6 h"])
        XCTAssertEqual(sentences("2026-02-23"), [])
    }

    func testTheWeekAfterEuropeFellBack2026() {
        XCTAssertEqual(sentences("2026-10-26"), ["Europe–US: 5 h apart this week, usually 6 h"])
        XCTAssertEqual(sentences("2026-10-19"), ["Europe–US: 5 h apart this week, usually 6 h"], "Europe falls back on Sunday the 25th")
        XCTAssertEqual(sentences("2026-10-12"), [])
    }

    func testUsualWeeksSayNothing() {
        XCTAssertEqual(sentences("2026-11-23"), [])
        XCTAssertEqual(sentences("2026-11-02"), [], "both on winter time from 1 November")
        XCTAssertEqual(sentences("2026-03-30"), [], "both on summer time from 29 March")
        XCTAssertEqual(sentences("2026-07-13"), [])
        XCTAssertEqual(sentences("2027-11-22"), [])
        XCTAssertEqual(sentences("2027-01-11"), [])
    }

    func test2027() {
        XCTAssertEqual(sentences("2027-03-15"), ["Europe–US: 5 h apart this week, usually 6 h"])
        XCTAssertEqual(sentences("2027-03-22"), ["Europe–US: 5 h apart this week, usually 6 h"])
        XCTAssertEqual(sentences("2027-03-29"), [], "Europe sprang forward on 28 March")
        XCTAssertEqual(sentences("2027-11-01"), ["Europe–US: 5 h apart this week, usually 6 h"])
        XCTAssertEqual(sentences("2027-11-08"), [], "the US fell back on 7 November")
        XCTAssertEqual(sentences("2027-03-01"), [])
    }

    func testTheOrderFollowsTheConfig() {
        XCTAssertEqual(sentences("2026-03-09", regions.reversed()), ["US–Europe: 5 h apart this week, usually 6 h"])
    }

    func testRegionsWithoutDaylightSavingTimeAndHalfHours() {
        // India keeps +5:30: 4.5 h from Berlin in winter, 3.5 h in summer. Seasons, not unusual weeks.
        let india = Region(id: "india", timeZone: zone("Asia/Kolkata"), takesPoint: LocalTime(hour: 9, minute: 0), roster: ["ira"])
        XCTAssertEqual(sentences("2026-01-12", [regions[0], india]), [])
        XCTAssertEqual(sentences("2026-07-13", [regions[0], india]), [])
        XCTAssertEqual(sentences("2026-03-30", [regions[0], india]), [])
        // Newfoundland is 1.5 h ahead of New York all year, but changes at the same moments: never unusual.
        let stJohns = Region(id: "nl", name: "NL", timeZone: zone("America/St_Johns"), takesPoint: LocalTime(hour: 9, minute: 0), roster: ["n"])
        XCTAssertEqual(sentences("2026-03-09", [regions[1], stJohns]), [])
        // Berlin and St John's: 4.5 h usually, 3.5 h while only North America has sprung forward.
        XCTAssertEqual(sentences("2026-03-09", [regions[0], stJohns]), ["Europe–NL: 3.5 h apart this week, usually 4.5 h"])
        // UTC and India never change: nothing to say.
        let utcRegion = Region(id: "utc", name: "UTC", timeZone: utcZone, takesPoint: LocalTime(hour: 9, minute: 0), roster: ["u"])
        XCTAssertEqual(sentences("2026-03-09", [utcRegion, india]), [])
    }

    func testOppositeHemispheresWarnOnlyBetweenTheirChanges() {
        // Berlin and Sydney: 8 h in the northern summer, 10 h in the southern one, 9 h in between
        // (29 March to 5 April and 4 to 25 October 2026). Only the in-between weeks are unusual.
        let apac = Region(id: "apac", name: "APAC", timeZone: zone("Australia/Sydney"), takesPoint: LocalTime(hour: 9, minute: 0), roster: ["kiri"])
        XCTAssertEqual(sentences("2026-01-12", [regions[0], apac]), [], "10 h all southern summer is a season")
        XCTAssertEqual(sentences("2026-11-23", [regions[0], apac]), [])
        XCTAssertEqual(sentences("2026-07-13", [regions[0], apac]), [])
        XCTAssertEqual(sentences("2026-03-30", [regions[0], apac]), ["Europe–APAC: 9 h apart this week, usually 8 h"])
        XCTAssertEqual(sentences("2026-10-05", [regions[0], apac]), ["Europe–APAC: 9 h apart this week, usually 8 h"])
        XCTAssertEqual(sentences("2026-10-19", [regions[0], apac]), ["Europe–APAC: 9 h apart this week, usually 8 h"])
        XCTAssertEqual(sentences("2026-10-26", [regions[0], apac]), [])
    }

    func testThreeRegionsNameEveryUnusualPair() {
        let london = Region(id: "uk", name: "UK", timeZone: zone("Europe/London"), takesPoint: LocalTime(hour: 8, minute: 0), roster: ["lou"])
        XCTAssertEqual(sentences("2026-03-09", regions + [london]),
                       ["Europe–US: 5 h apart this week, usually 6 h", "US–UK: 4 h apart this week, usually 5 h"])
    }
}
