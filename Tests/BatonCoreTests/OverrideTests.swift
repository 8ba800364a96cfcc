import XCTest
@testable import BatonCore

/// Overrides on the design's rotation. Monday 12 January 2026 (k = 1): Europe's ben from 06:00
/// to 14:00 UTC, then the US's erin until 01:00 UTC; Tuesday the same again.
final class OverrideTests: XCTestCase {
    private func rotation(_ overrides: [Override] = []) -> Rotation {
        Rotation(regions: [
            Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana", "ben", "chiara"]),
            Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), until: LocalTime(hour: 20, minute: 0), roster: ["dave", "erin"]),
        ], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5)), overrides: overrides)
    }

    private func shift(_ region: String, _ engineer: String, _ start: String, _ end: String, override: Bool = false) -> Shift {
        Shift(region: region, engineer: engineer, start: utc(start), end: utc(end), isOverride: override)
    }

    private func cover(_ engineer: String, for replaces: String, _ start: String, _ end: String) -> Override {
        Override(engineer: engineer, replaces: replaces, start: utc(start), end: utc(end), reason: "test")
    }

    private let monday = (utc("2026-01-12T00:00:00Z"), utc("2026-01-13T00:00:00Z"))

    func testAnOverrideInsideAShiftSplitsItInThree() {
        let rotation = rotation([cover("ana", for: "ben", "2026-01-12T09:00:00Z", "2026-01-12T11:30:00Z")])
        XCTAssertEqual(rotation.shifts(from: monday.0, to: monday.1), [
            shift("europe", "ben", "2026-01-12T06:00:00Z", "2026-01-12T09:00:00Z"),
            shift("europe", "ana", "2026-01-12T09:00:00Z", "2026-01-12T11:30:00Z", override: true),
            shift("europe", "ben", "2026-01-12T11:30:00Z", "2026-01-12T14:00:00Z"),
            shift("us", "erin", "2026-01-12T14:00:00Z", "2026-01-13T01:00:00Z"),
        ])
    }

    func testAnOverrideAtAShiftsStartSplitsItInTwo() {
        let rotation = rotation([cover("ana", for: "ben", "2026-01-12T05:00:00Z", "2026-01-12T08:00:00Z")])
        XCTAssertEqual(rotation.shifts(from: monday.0, to: utc("2026-01-12T14:00:00Z")), [
            shift("europe", "ana", "2026-01-12T06:00:00Z", "2026-01-12T08:00:00Z", override: true),
            shift("europe", "ben", "2026-01-12T08:00:00Z", "2026-01-12T14:00:00Z"),
        ], "the override is clipped to the shift: it does not make ana hold point before 06:00")
    }

    func testAnOverrideSpanningSeveralShiftsReplacesOnlyItsEngineer() {
        // ben on holiday Monday noon to Wednesday noon: chiara covers his Europe shifts; the US is untouched.
        let rotation = rotation([cover("chiara", for: "ben", "2026-01-12T12:00:00Z", "2026-01-14T12:00:00Z")])
        XCTAssertEqual(rotation.shifts(from: monday.0, to: utc("2026-01-15T00:00:00Z")), [
            shift("europe", "ben", "2026-01-12T06:00:00Z", "2026-01-12T12:00:00Z"),
            shift("europe", "chiara", "2026-01-12T12:00:00Z", "2026-01-12T14:00:00Z", override: true),
            shift("us", "erin", "2026-01-12T14:00:00Z", "2026-01-13T01:00:00Z"),
            shift("europe", "chiara", "2026-01-13T06:00:00Z", "2026-01-13T14:00:00Z", override: true),
            shift("us", "erin", "2026-01-13T14:00:00Z", "2026-01-14T01:00:00Z"),
            shift("europe", "chiara", "2026-01-14T06:00:00Z", "2026-01-14T12:00:00Z", override: true),
            shift("europe", "ben", "2026-01-14T12:00:00Z", "2026-01-14T14:00:00Z"),
            shift("us", "erin", "2026-01-14T14:00:00Z", "2026-01-15T01:00:00Z"),
        ])
        XCTAssertNil(rotation.holder(at: utc("2026-01-13T03:00:00Z")), "an override does not fill a gap")
    }

    func testTheLaterOverrideWinsWhereTwoOverlap() {
        let rotation = rotation([
            cover("ana", for: "ben", "2026-01-12T08:00:00Z", "2026-01-12T12:00:00Z"),
            cover("chiara", for: "ben", "2026-01-12T10:00:00Z", "2026-01-12T13:00:00Z"),
        ])
        XCTAssertEqual(rotation.shifts(from: monday.0, to: utc("2026-01-12T14:00:00Z")), [
            shift("europe", "ben", "2026-01-12T06:00:00Z", "2026-01-12T08:00:00Z"),
            shift("europe", "ana", "2026-01-12T08:00:00Z", "2026-01-12T10:00:00Z", override: true),
            shift("europe", "chiara", "2026-01-12T10:00:00Z", "2026-01-12T13:00:00Z", override: true),
            shift("europe", "ben", "2026-01-12T13:00:00Z", "2026-01-12T14:00:00Z"),
        ])
        // The other order: ana's, added later, wins over the whole of her interval.
        let reversed = self.rotation([
            cover("chiara", for: "ben", "2026-01-12T10:00:00Z", "2026-01-12T13:00:00Z"),
            cover("ana", for: "ben", "2026-01-12T08:00:00Z", "2026-01-12T12:00:00Z"),
        ])
        XCTAssertEqual(reversed.shifts(from: monday.0, to: utc("2026-01-12T14:00:00Z")), [
            shift("europe", "ben", "2026-01-12T06:00:00Z", "2026-01-12T08:00:00Z"),
            shift("europe", "ana", "2026-01-12T08:00:00Z", "2026-01-12T12:00:00Z", override: true),
            shift("europe", "chiara", "2026-01-12T12:00:00Z", "2026-01-12T13:00:00Z", override: true),
            shift("europe", "ben", "2026-01-12T13:00:00Z", "2026-01-12T14:00:00Z"),
        ])
    }

    func testAdjacentOverridesByOnePersonAreOneShift() {
        let rotation = rotation([
            cover("ana", for: "ben", "2026-01-12T08:00:00Z", "2026-01-12T10:00:00Z"),
            cover("ana", for: "ben", "2026-01-12T10:00:00Z", "2026-01-12T11:00:00Z"),
        ])
        XCTAssertEqual(rotation.shifts(from: monday.0, to: utc("2026-01-12T14:00:00Z")), [
            shift("europe", "ben", "2026-01-12T06:00:00Z", "2026-01-12T08:00:00Z"),
            shift("europe", "ana", "2026-01-12T08:00:00Z", "2026-01-12T11:00:00Z", override: true),
            shift("europe", "ben", "2026-01-12T11:00:00Z", "2026-01-12T14:00:00Z"),
        ])
    }

    func testAnOverrideOfSomeoneNotOnShiftChangesNothing() {
        let plain = rotation().shifts(from: monday.0, to: utc("2026-01-20T00:00:00Z"))
        // ana is not on call in the week of the 12th; dave neither.
        let overridden = rotation([cover("chiara", for: "ana", "2026-01-12T00:00:00Z", "2026-01-19T00:00:00Z"),
                                   cover("ben", for: "dave", "2026-01-12T00:00:00Z", "2026-01-19T00:00:00Z")])
        XCTAssertEqual(overridden.shifts(from: monday.0, to: utc("2026-01-19T00:00:00Z")),
                       plain.filter { $0.start < utc("2026-01-19T00:00:00Z") })
        XCTAssertTrue(overridden.shifts(from: monday.0, to: utc("2026-01-19T00:00:00Z")).allSatisfy { !$0.isOverride })
        // An override outside the window changes nothing in it.
        let later = rotation([cover("ana", for: "ben", "2026-01-13T06:00:00Z", "2026-01-13T14:00:00Z")])
        XCTAssertEqual(later.shifts(from: monday.0, to: monday.1), plain.filter { $0.start < monday.1 })
    }

    func testASwapIsTwoOverrides() {
        // ben and chiara swap weeks: chiara holds Europe in ben's week of the 12th, ben in hers of the 19th.
        let rotation = rotation([cover("chiara", for: "ben", "2026-01-12T00:00:00Z", "2026-01-19T00:00:00Z"),
                                 cover("ben", for: "chiara", "2026-01-19T00:00:00Z", "2026-01-26T00:00:00Z")])
        let europe = rotation.shifts(from: monday.0, to: utc("2026-01-26T00:00:00Z")).filter { $0.region == "europe" }
        XCTAssertEqual(europe.count, 10)
        XCTAssertEqual(europe.prefix(5).map(\.engineer), Array(repeating: "chiara", count: 5))
        XCTAssertEqual(europe.suffix(5).map(\.engineer), Array(repeating: "ben", count: 5))
        XCTAssertTrue(europe.allSatisfy(\.isOverride))
    }

    func testHolderReadsTheOverride() {
        let rotation = rotation([cover("ana", for: "ben", "2026-01-12T09:00:00Z", "2026-01-12T11:30:00Z")])
        XCTAssertEqual(rotation.holder(at: utc("2026-01-12T08:59:59Z"))?.engineer, "ben")
        XCTAssertEqual(rotation.holder(at: utc("2026-01-12T09:00:00Z")), shift("europe", "ana", "2026-01-12T09:00:00Z", "2026-01-12T11:30:00Z", override: true))
        XCTAssertEqual(rotation.holder(at: utc("2026-01-12T11:29:59Z"))?.engineer, "ana")
        XCTAssertEqual(rotation.holder(at: utc("2026-01-12T11:30:00Z")), shift("europe", "ben", "2026-01-12T11:30:00Z", "2026-01-12T14:00:00Z"))
    }

    func testHandoffsAtOverrideBoundaries() {
        let rotation = rotation([cover("ana", for: "ben", "2026-01-12T09:00:00Z", "2026-01-12T11:30:00Z")])
        let handoffs = rotation.handoffs(from: monday.0, to: monday.1)
        XCTAssertEqual(handoffs.map(\.at), [utc("2026-01-12T06:00:00Z"), utc("2026-01-12T09:00:00Z"), utc("2026-01-12T11:30:00Z"), utc("2026-01-12T14:00:00Z")])
        XCTAssertEqual(handoffs.map { "\($0.outgoing?.engineer ?? "-")→\($0.incoming.engineer ?? "-")" },
                       ["dave→ben", "ben→ana", "ana→ben", "ben→erin"], "Friday 9 January is in the anchor's week: dave held point last")
        XCTAssertEqual(rotation.nextHandoff(after: utc("2026-01-12T08:00:00Z"))?.at, utc("2026-01-12T09:00:00Z"))
        XCTAssertEqual(rotation.nextHandoff(after: utc("2026-01-12T09:00:00Z"))?.at, utc("2026-01-12T11:30:00Z"))
        XCTAssertEqual(rotation.nextHandoff(after: utc("2026-01-12T09:00:00Z"))?.incoming.engineer, "ben")
    }

    func testAnOverrideByTheNextEngineerRemovesAHandoff() {
        // erin covers ben's last hour: point passes ben → erin at 13:00, and 14:00 is no handoff.
        let rotation = rotation([cover("erin", for: "ben", "2026-01-12T13:00:00Z", "2026-01-12T14:00:00Z")])
        let handoffs = rotation.handoffs(from: utc("2026-01-12T07:00:00Z"), to: monday.1)
        XCTAssertEqual(handoffs.map(\.at), [utc("2026-01-12T13:00:00Z")])
        XCTAssertEqual(handoffs.first?.incoming, shift("europe", "erin", "2026-01-12T13:00:00Z", "2026-01-12T14:00:00Z", override: true))
    }

    func testPointStatusWithOverrides() {
        let rotation = rotation([cover("ana", for: "ben", "2026-01-12T09:00:00Z", "2026-01-12T11:30:00Z")])
        let before = PointStatus(rotation: rotation, at: utc("2026-01-12T07:00:00Z"))
        XCTAssertEqual(before.current?.engineer, "ben")
        XCTAssertEqual(before.next, shift("europe", "ana", "2026-01-12T09:00:00Z", "2026-01-12T11:30:00Z", override: true))
        let during = PointStatus(rotation: rotation, at: utc("2026-01-12T10:00:00Z"))
        XCTAssertEqual(during.current?.isOverride, true)
        XCTAssertEqual(during.current?.engineer, "ana")
        XCTAssertEqual(during.next, shift("europe", "ben", "2026-01-12T11:30:00Z", "2026-01-12T14:00:00Z"))
        // In the weekend gap, with Monday's first shift overridden, the next is the override.
        let weekend = PointStatus(rotation: self.rotation([cover("chiara", for: "ana", "2026-01-19T00:00:00Z", "2026-01-19T10:00:00Z"),
                                                          cover("ben", for: "chiara", "2026-01-19T00:00:00Z", "2026-01-19T08:00:00Z")]),
                                  at: utc("2026-01-17T12:00:00Z"))
        XCTAssertNil(weekend.current)
        // 19 January is k = 2: chiara's week, so only the second override applies (the first replaces ana, not on call).
        XCTAssertEqual(weekend.next, shift("europe", "ben", "2026-01-19T06:00:00Z", "2026-01-19T08:00:00Z", override: true))
    }
}
