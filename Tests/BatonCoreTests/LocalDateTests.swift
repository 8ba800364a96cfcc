import XCTest
@testable import BatonCore

final class LocalDateTests: XCTestCase {
    func testKnownDayNumbers() {
        XCTAssertEqual(LocalDate(year: 1970, month: 1, day: 1).dayNumber, 0)
        XCTAssertEqual(LocalDate(year: 1970, month: 1, day: 2).dayNumber, 1)
        XCTAssertEqual(LocalDate(year: 1969, month: 12, day: 31).dayNumber, -1)
        XCTAssertEqual(LocalDate(year: 2000, month: 1, day: 1).dayNumber, 10_957)
        XCTAssertEqual(LocalDate(year: 2000, month: 3, day: 1).dayNumber, 10_957 + 31 + 29)
        XCTAssertEqual(LocalDate(year: 2026, month: 1, day: 5).dayNumber, 20_458)
        XCTAssertEqual(LocalDate(year: 2026, month: 11, day: 23).dayNumber, 1_795_442_400 / 86_400)
        XCTAssertEqual(LocalDate(year: 1900, month: 1, day: 1).dayNumber, -25_567)
    }

    func testInitFromDayNumber() {
        XCTAssertEqual(LocalDate(dayNumber: 0), LocalDate(year: 1970, month: 1, day: 1))
        XCTAssertEqual(LocalDate(dayNumber: -1), LocalDate(year: 1969, month: 12, day: 31))
        XCTAssertEqual(LocalDate(dayNumber: 20_458), LocalDate(year: 2026, month: 1, day: 5))
        XCTAssertEqual(LocalDate(dayNumber: 19_782), LocalDate(year: 2024, month: 2, day: 29))
    }

    /// Walks every day from 1600 to 2400 with a calendar counted by hand, so leap years
    /// (including 1700, 1800, 1900, 2100 that are not, and 1600, 2000, 2400 that are) and
    /// month ends are all checked both ways.
    func testEveryDayRoundTripsAcrossEightCenturies() {
        func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }
        func daysIn(_ month: Int, _ year: Int) -> Int {
            switch month {
            case 2: return isLeap(year) ? 29 : 28
            case 4, 6, 9, 11: return 30
            default: return 31
            }
        }
        var (year, month, day) = (1600, 1, 1)
        var number = LocalDate(year: 1600, month: 1, day: 1).dayNumber
        XCTAssertEqual(number, -135_140)
        var failures = 0
        while year < 2401 && failures < 5 {
            let date = LocalDate(year: year, month: month, day: day)
            if date.dayNumber != number || LocalDate(dayNumber: number) != date {
                XCTFail("\(date) expected day number \(number), got \(date.dayNumber); \(number) reads back as \(LocalDate(dayNumber: number))")
                failures += 1
            }
            number += 1
            day += 1
            if day > daysIn(month, year) { day = 1; month += 1 }
            if month > 12 { month = 1; year += 1 }
        }
    }

    func testLeapDays() {
        XCTAssertEqual(LocalDate(year: 2024, month: 2, day: 29).adding(days: 1), LocalDate(year: 2024, month: 3, day: 1))
        XCTAssertEqual(LocalDate(year: 2026, month: 2, day: 28).adding(days: 1), LocalDate(year: 2026, month: 3, day: 1))
        XCTAssertEqual(LocalDate(year: 2000, month: 2, day: 28).adding(days: 1), LocalDate(year: 2000, month: 2, day: 29))
        XCTAssertEqual(LocalDate(year: 2100, month: 2, day: 28).adding(days: 1), LocalDate(year: 2100, month: 3, day: 1))
        XCTAssertEqual(LocalDate(year: 2028, month: 3, day: 1).adding(days: -1), LocalDate(year: 2028, month: 2, day: 29))
    }

    func testAddingDaysAcrossYears() {
        XCTAssertEqual(LocalDate(year: 2026, month: 12, day: 31).adding(days: 1), LocalDate(year: 2027, month: 1, day: 1))
        XCTAssertEqual(LocalDate(year: 2026, month: 1, day: 5).adding(days: -7), LocalDate(year: 2025, month: 12, day: 29))
        XCTAssertEqual(LocalDate(year: 2026, month: 1, day: 1).adding(days: 365), LocalDate(year: 2027, month: 1, day: 1))
        XCTAssertEqual(LocalDate(year: 2028, month: 1, day: 1).adding(days: 365), LocalDate(year: 2028, month: 12, day: 31))
    }

    func testISOWeekday() {
        XCTAssertEqual(LocalDate(year: 1970, month: 1, day: 1).isoWeekday, 4, "Thursday")
        XCTAssertEqual(LocalDate(year: 1969, month: 12, day: 31).isoWeekday, 3, "Wednesday")
        XCTAssertEqual(LocalDate(year: 1969, month: 12, day: 28).isoWeekday, 7, "Sunday")
        XCTAssertEqual(LocalDate(year: 1900, month: 1, day: 1).isoWeekday, 1, "Monday")
        XCTAssertEqual(LocalDate(year: 2000, month: 2, day: 29).isoWeekday, 2, "Tuesday")
        XCTAssertEqual(LocalDate(year: 2024, month: 2, day: 29).isoWeekday, 4, "Thursday")
        XCTAssertEqual(LocalDate(year: 2026, month: 1, day: 5).isoWeekday, 1, "Monday")
        XCTAssertEqual(LocalDate(year: 2026, month: 3, day: 29).isoWeekday, 7, "Sunday")
        XCTAssertEqual(LocalDate(year: 2026, month: 10, day: 25).isoWeekday, 7, "Sunday")
        XCTAssertEqual(LocalDate(year: 2026, month: 11, day: 23).isoWeekday, 1, "Monday")
        XCTAssertEqual(LocalDate(year: 2026, month: 11, day: 28).isoWeekday, 6, "Saturday")
    }

    func testISOWeekdayCyclesOverManyYears() {
        // 2026-01-05 was a Monday; walk about 550 years each way from it.
        let anchor = LocalDate(year: 2026, month: 1, day: 5).dayNumber
        var expected = 1
        for offset in stride(from: 0, through: -200_000, by: -1) {
            let weekday = LocalDate(dayNumber: anchor + offset).isoWeekday
            if weekday != expected { XCTFail("day \(anchor + offset) is \(weekday), expected \(expected)"); return }
            expected = expected == 1 ? 7 : expected - 1
        }
        expected = 1
        for offset in 0...200_000 {
            let weekday = LocalDate(dayNumber: anchor + offset).isoWeekday
            if weekday != expected { XCTFail("day \(anchor + offset) is \(weekday), expected \(expected)"); return }
            expected = expected == 7 ? 1 : expected + 1
        }
    }

    func testParsing() {
        XCTAssertEqual(LocalDate(parsing: "2026-01-05"), LocalDate(year: 2026, month: 1, day: 5))
        XCTAssertEqual(LocalDate(parsing: "2024-02-29"), LocalDate(year: 2024, month: 2, day: 29))
        XCTAssertEqual(LocalDate(parsing: "2000-02-29"), LocalDate(year: 2000, month: 2, day: 29))
        XCTAssertEqual(LocalDate(parsing: "1999-12-31"), LocalDate(year: 1999, month: 12, day: 31))
    }

    func testParsingRejectsDatesThatDoNotExist() {
        for text in ["2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32"] {
            XCTAssertNil(LocalDate(parsing: text), text)
        }
    }

    func testParsingRejectsOtherShapes() {
        for text in ["", "2026-1-05", "2026-01-5", "26-01-05", "2026/01/05", "2026-01-05T00:00", "20260105",
                     "2026-01", "-2026-01-05", "2026--1-05", "+026-01-05", "2026-+1-05", "2026-01-+5", "２０２６-01-05", " 2026-01-05"] {
            XCTAssertNil(LocalDate(parsing: text), text.debugDescription)
        }
    }

    func testDescription() {
        XCTAssertEqual(LocalDate(year: 2026, month: 1, day: 5).description, "2026-01-05")
        XCTAssertEqual(LocalDate(year: 987, month: 12, day: 31).description, "0987-12-31")
    }

    func testOrdering() {
        XCTAssertLessThan(LocalDate(year: 2025, month: 12, day: 31), LocalDate(year: 2026, month: 1, day: 1))
        XCTAssertLessThan(LocalDate(year: 2026, month: 2, day: 28), LocalDate(year: 2026, month: 3, day: 1))
        XCTAssertFalse(LocalDate(year: 2026, month: 3, day: 1) < LocalDate(year: 2026, month: 3, day: 1))
    }

    func testLocalDateOfAnInstantInAZone() {
        let lateSunday = utc("2026-01-11T23:30:00Z")
        XCTAssertEqual(LocalDate(lateSunday, in: utcZone), LocalDate(year: 2026, month: 1, day: 11))
        XCTAssertEqual(LocalDate(lateSunday, in: berlin), LocalDate(year: 2026, month: 1, day: 12))
        XCTAssertEqual(LocalDate(lateSunday, in: newYork), LocalDate(year: 2026, month: 1, day: 11))
        XCTAssertEqual(LocalDate(utc("2026-01-12T04:59:59Z"), in: newYork), LocalDate(year: 2026, month: 1, day: 11))
        XCTAssertEqual(LocalDate(utc("2026-01-12T05:00:00Z"), in: newYork), LocalDate(year: 2026, month: 1, day: 12))
        XCTAssertEqual(LocalDate(utc("2026-07-12T04:00:00Z"), in: newYork), LocalDate(year: 2026, month: 7, day: 12), "EDT is UTC-4")
        XCTAssertEqual(LocalDate(utc("2026-07-11T22:00:00Z"), in: berlin), LocalDate(year: 2026, month: 7, day: 12), "CEST is UTC+2")
        XCTAssertEqual(LocalDate(utc("2026-07-11T21:59:59Z"), in: berlin), LocalDate(year: 2026, month: 7, day: 11))
    }

    func testLocalDateOfInstantsBefore1970() {
        XCTAssertEqual(LocalDate(Date(timeIntervalSince1970: -1), in: utcZone), LocalDate(year: 1969, month: 12, day: 31))
        XCTAssertEqual(LocalDate(Date(timeIntervalSince1970: -86_400), in: utcZone), LocalDate(year: 1969, month: 12, day: 31))
        XCTAssertEqual(LocalDate(Date(timeIntervalSince1970: -86_401), in: utcZone), LocalDate(year: 1969, month: 12, day: 30))
        XCTAssertEqual(LocalDate(Date(timeIntervalSince1970: -0.5), in: utcZone), LocalDate(year: 1969, month: 12, day: 31))
    }
}

final class LocalTimeTests: XCTestCase {
    func testParsing() {
        XCTAssertEqual(LocalTime(parsing: "07:00"), LocalTime(hour: 7, minute: 0))
        XCTAssertEqual(LocalTime(parsing: "00:00"), LocalTime(hour: 0, minute: 0))
        XCTAssertEqual(LocalTime(parsing: "23:59"), LocalTime(hour: 23, minute: 59))
        XCTAssertEqual(LocalTime(parsing: "09:30")?.minutesOfDay, 570)
    }

    func testParsingRejects() {
        for text in ["", "7:00", "07:0", "24:00", "07:60", "99:99", "07-00", "0700", "07:00:00", "7am", " 07:00", "07:00 ",
                     "+7:00", "07:+5", "-0:00", "０７:００", "ab:cd", ":", "07:"] {
            XCTAssertNil(LocalTime(parsing: text), text.debugDescription)
        }
    }

    func testMinutesOfDayAndOrdering() {
        XCTAssertEqual(LocalTime(hour: 0, minute: 0).minutesOfDay, 0)
        XCTAssertEqual(LocalTime(hour: 23, minute: 59).minutesOfDay, 1_439)
        XCTAssertEqual(LocalTime(hour: 20, minute: 0).minutesOfDay, 1_200)
        XCTAssertLessThan(LocalTime(hour: 7, minute: 59), LocalTime(hour: 8, minute: 0))
        XCTAssertFalse(LocalTime(hour: 9, minute: 0) < LocalTime(hour: 8, minute: 59))
    }

    func testDescription() {
        XCTAssertEqual(LocalTime(hour: 7, minute: 5).description, "07:05")
        XCTAssertEqual(LocalTime(hour: 23, minute: 0).description, "23:00")
    }
}
