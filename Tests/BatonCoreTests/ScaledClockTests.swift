import XCTest
@testable import BatonCore

final class ScaledClockTests: XCTestCase {
    private let start = utc("2026-11-23T13:59:00Z")
    private let realStart = utc("2030-05-01T08:00:00Z")

    func testAtTheRealStartItReadsTheChosenStart() {
        XCTAssertEqual(ScaledClock(start: start, realStart: realStart, speed: 60).now(real: realStart), start)
    }

    func testSpeedOneRunsLikeTheRealClock() {
        let clock = ScaledClock(start: start, realStart: realStart)
        XCTAssertEqual(clock.now(real: realStart.addingTimeInterval(90)), utc("2026-11-23T14:00:30Z"))
    }

    func testSixtyTimesFasterPassesAMinuteEachSecond() {
        let clock = ScaledClock(start: start, realStart: realStart, speed: 60)
        XCTAssertEqual(clock.now(real: realStart.addingTimeInterval(1)), utc("2026-11-23T14:00:00Z"), "the handoff a second later")
        XCTAssertEqual(clock.now(real: realStart.addingTimeInterval(60)), utc("2026-11-23T14:59:00Z"))
        XCTAssertEqual(clock.now(real: realStart.addingTimeInterval(0.5)), utc("2026-11-23T13:59:30Z"))
    }

    func testFractionalSpeedsAndEarlierRealTimes() {
        let clock = ScaledClock(start: start, realStart: realStart, speed: 0.5)
        XCTAssertEqual(clock.now(real: realStart.addingTimeInterval(120)), utc("2026-11-23T14:00:00Z"))
        XCTAssertEqual(ScaledClock(start: start, realStart: realStart, speed: 10).now(real: realStart.addingTimeInterval(-6)),
                       utc("2026-11-23T13:58:00Z"))
    }

    func testAFrozenClock() {
        let clock = ScaledClock(start: start, realStart: realStart, speed: 0)
        XCTAssertEqual(clock.now(real: realStart.addingTimeInterval(3_600)), start)
    }
}
