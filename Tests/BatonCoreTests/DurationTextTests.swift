import XCTest
@testable import BatonCore

final class DurationTextTests: XCTestCase {
    func testCompactSeconds() {
        XCTAssertEqual(DurationText.compact(0), "0s")
        XCTAssertEqual(DurationText.compact(45), "45s")
        XCTAssertEqual(DurationText.compact(59), "59s")
    }

    func testCompactMinutes() {
        XCTAssertEqual(DurationText.compact(60), "1m")
        XCTAssertEqual(DurationText.compact(19 * 60 + 30), "19m")
        XCTAssertEqual(DurationText.compact(3_599), "59m")
    }

    func testCompactHoursAndMinutes() {
        XCTAssertEqual(DurationText.compact(3_600), "1h")
        XCTAssertEqual(DurationText.compact(3_600 + 12 * 60), "1h12m")
        XCTAssertEqual(DurationText.compact(2 * 3_600 + 13 * 60 + 59), "2h13m")
        XCTAssertEqual(DurationText.compact(86_399), "23h59m")
    }

    func testAgeFitsFiveColumns() {
        XCTAssertEqual(DurationText.age(9 * 3_600 + 59 * 60), "9h59m")
        XCTAssertEqual(DurationText.age(22 * 3_600 + 3 * 60), "22h3m")
        XCTAssertEqual(DurationText.age(22 * 3_600 + 30 * 60), "22h", "22h30m would be cut to 22h3…")
        XCTAssertEqual(DurationText.age(86_399), "23h")
        XCTAssertEqual(DurationText.age(3 * 86_400 + 4 * 3_600), "3d4h")
        XCTAssertEqual(DurationText.age(122 * 86_400 + 3 * 3_600), "122d", "not 2931h")
        XCTAssertEqual(DurationText.age(3_965 * 86_400 + 4 * 3_600), "3965d", "not 95164h, which the column cut to 9516…")
    }

    func testCompactDaysAndHours() {
        XCTAssertEqual(DurationText.compact(86_400), "1d")
        XCTAssertEqual(DurationText.compact(86_400 + 3_599), "1d")
        XCTAssertEqual(DurationText.compact(3 * 86_400 + 4 * 3_600), "3d4h")
        XCTAssertEqual(DurationText.compact(3 * 86_400 + 4 * 3_600 + 59 * 60), "3d4h")
        XCTAssertEqual(DurationText.compact(400 * 86_400), "400d")
    }

    func testCompactNegativeIsZero() {
        XCTAssertEqual(DurationText.compact(-1), "0s")
        XCTAssertEqual(DurationText.compact(-86_400), "0s")
    }

    func testCountdownAhead() {
        XCTAssertEqual(DurationText.countdown(0), "0:00")
        XCTAssertEqual(DurationText.countdown(59), "0:00")
        XCTAssertEqual(DurationText.countdown(60), "0:01")
        XCTAssertEqual(DurationText.countdown(41 * 60), "0:41")
        XCTAssertEqual(DurationText.countdown(5 * 3_600 + 7 * 60 + 30), "5:07")
        XCTAssertEqual(DurationText.countdown(99 * 3_600 + 59 * 60), "99:59")
    }

    func testCountdownPastDueRoundsTowardsTheDeadline() {
        XCTAssertEqual(DurationText.countdown(-1), "-0:01")
        XCTAssertEqual(DurationText.countdown(-60), "-0:01")
        XCTAssertEqual(DurationText.countdown(-61), "-0:02")
        XCTAssertEqual(DurationText.countdown(-12 * 60), "-0:12")
        XCTAssertEqual(DurationText.countdown(-(3_600 + 30 * 60)), "-1:30")
    }

    func testCountdownFarOffIsInDays() {
        XCTAssertEqual(DurationText.countdown(100 * 3_600), "4d")
        XCTAssertEqual(DurationText.countdown(10 * 86_400), "10d")
        XCTAssertEqual(DurationText.countdown(-100 * 3_600), "-4d")
    }
}

final class DurationParserTests: XCTestCase {
    func testSingleUnits() {
        XCTAssertEqual(DurationParser.seconds("45s"), 45)
        XCTAssertEqual(DurationParser.seconds("30m"), 1_800)
        XCTAssertEqual(DurationParser.seconds("1h"), 3_600)
        XCTAssertEqual(DurationParser.seconds("4h"), 14_400)
        XCTAssertEqual(DurationParser.seconds("1d"), 86_400)
        XCTAssertEqual(DurationParser.seconds("1w"), 604_800)
        XCTAssertEqual(DurationParser.seconds("2w"), 1_209_600)
    }

    func testCombinedUnits() {
        XCTAssertEqual(DurationParser.seconds("1h30m"), 5_400)
        XCTAssertEqual(DurationParser.seconds("1d12h"), 129_600)
        XCTAssertEqual(DurationParser.seconds("1w1d1h1m1s"), 604_800 + 86_400 + 3_600 + 60 + 1)
    }

    func testSurroundingSpacesAreAllowed() {
        XCTAssertEqual(DurationParser.seconds("  2h "), 7_200)
    }

    func testRejectsWhatIsNotADuration() {
        for text in ["", " ", "h", "10", "1x", "1H", "1.5h", "-1h", "+1h", "1 h", "h1", "1hh", "one hour", "1h30", "0m", "0s0m", "٣h"] {
            XCTAssertNil(DurationParser.seconds(text), text.debugDescription)
        }
    }

    func testAbsurdlyLargeDurationIsRejectedNotACrash() {
        XCTAssertNil(DurationParser.seconds("99999999999999999999s"), "does not fit Int64")
        XCTAssertNil(DurationParser.seconds("99999999999999w"), "overflows once multiplied")
        XCTAssertNil(DurationParser.seconds("9000000000000000000s9000000000000000000s"), "overflows once added")
    }
}
