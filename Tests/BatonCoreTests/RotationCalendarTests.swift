import Foundation
import XCTest
@testable import BatonCore

/// Every day of 2026, 2027 and 2028 (both zones' DST changes of 2026 and 2027, and the leap
/// day 2028-02-29), checked against expectations computed with Foundation's Calendar alone:
/// wall-clock times become instants through `Calendar.date(from:)` in the region's zone, and
/// the roster index comes from `Calendar.dateComponents([.day], ...)`. Nothing in here asks
/// ZonedTime or LocalDate.
final class RotationCalendarTests: XCTestCase {
    private static let years = [2026, 2027, 2028]
    private let anchor = (year: 2026, month: 1, day: 5)
    private let europeRoster = ["ana", "ben", "chiara"]
    private let usRoster = ["dave", "erin"]

    // MARK: the configurations under test

    private var designRotation: Rotation {
        Rotation(regions: [
            Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), days: [1, 2, 3, 4, 5], roster: europeRoster),
            Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), days: [1, 2, 3, 4, 5],
                   until: LocalTime(hour: 20, minute: 0), roster: usRoster),
        ], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5), lengthDays: 7))
    }

    /// Europe every day of the week, the US on weekdays with no `until`: nobody is ever off point.
    private var openRotation: Rotation {
        Rotation(regions: [
            Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), days: [1, 2, 3, 4, 5, 6, 7], roster: europeRoster),
            Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), days: [1, 2, 3, 4, 5], roster: usRoster),
        ], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5), lengthDays: 7))
    }

    // MARK: Foundation-only expectations

    private struct Day {
        var year: Int, month: Int, day: Int
        /// Foundation's weekday: 1 = Sunday ... 7 = Saturday.
        var weekday: Int
        var isWeekday: Bool { (2...6).contains(weekday) }
    }

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The civil dates from `first` on, `count` of them, stepped with a UTC calendar.
    private static func days(fromYear year: Int, month: Int, day: Int, count: Int) -> [Day] {
        let calendar = calendar(TimeZone(identifier: "UTC")!)
        let start = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return (0..<count).map { offset in
            let date = calendar.date(byAdding: .day, value: offset, to: start)!
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            return Day(year: parts.year!, month: parts.month!, day: parts.day!, weekday: parts.weekday!)
        }
    }

    /// A local wall-clock time in a zone, as Foundation reads it (none of these times is in a gap or overlap).
    private static func instant(_ day: Day, _ hour: Int, in zone: TimeZone) -> Date {
        let calendar = calendar(zone)
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: 0, second: 0))!
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        precondition(back.year == day.year && back.month == day.month && back.day == day.day && back.hour == hour && back.minute == 0)
        return date
    }

    /// roster[k mod n], k being whole weeks from the anchor to the date, both read as dates in the zone.
    private func engineer(_ roster: [String], _ day: Day, in zone: TimeZone) -> String {
        let calendar = Self.calendar(zone)
        let from = calendar.date(from: DateComponents(year: anchor.year, month: anchor.month, day: anchor.day, hour: 12))!
        let to = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        let elapsed = calendar.dateComponents([.day], from: from, to: to).day!
        let k = Int((Double(elapsed) / 7).rounded(.down))
        let n = roster.count
        return roster[((k % n) + n) % n]
    }

    /// The shifts of the design's config for every day of `days`, in order.
    private func designShifts(_ days: [Day]) -> [Shift] {
        var shifts: [Shift] = []
        for day in days where day.isWeekday {
            let europeStart = Self.instant(day, 7, in: berlin)
            let usStart = Self.instant(day, 9, in: newYork)
            let usUntil = Self.instant(day, 20, in: newYork)
            shifts.append(Shift(region: "europe", engineer: engineer(europeRoster, day, in: berlin), start: europeStart, end: usStart))
            shifts.append(Shift(region: "us", engineer: engineer(usRoster, day, in: newYork), start: usStart, end: usUntil))
        }
        return shifts
    }

    /// The shifts of the open config: Europe every day until the US or Europe's next morning,
    /// the US on weekdays until Europe's next morning.
    private func openShifts(_ days: [Day]) -> [Shift] {
        var shifts: [Shift] = []
        for (index, day) in days.enumerated().dropLast() {
            let next = days[index + 1]
            let europeStart = Self.instant(day, 7, in: berlin)
            let nextEurope = Self.instant(next, 7, in: berlin)
            if day.isWeekday {
                let usStart = Self.instant(day, 9, in: newYork)
                shifts.append(Shift(region: "europe", engineer: engineer(europeRoster, day, in: berlin), start: europeStart, end: usStart))
                shifts.append(Shift(region: "us", engineer: engineer(usRoster, day, in: newYork), start: usStart, end: nextEurope))
            } else {
                shifts.append(Shift(region: "europe", engineer: engineer(europeRoster, day, in: berlin), start: europeStart, end: nextEurope))
            }
        }
        return shifts
    }

    private static func yearStart(_ year: Int) -> Date {
        calendar(TimeZone(identifier: "UTC")!).date(from: DateComponents(year: year, month: 1, day: 1))!
    }

    /// From 20 December before the first year to 10 January after the last, so each year's edges are covered.
    private static let allDays = days(fromYear: years.first! - 1, month: 12, day: 20, count: 12 + 365 + 365 + 366 + 10)

    // MARK: sanity of the expectations themselves

    func testTheExpectationsCoverTheTransitionsAndTheLeapDay() {
        let days = Self.allDays
        XCTAssertTrue(days.contains { $0.year == 2028 && $0.month == 2 && $0.day == 29 })
        XCTAssertEqual(days.last.map { [$0.year, $0.month, $0.day] }, [2029, 1, 10])
        // The US sprang forward on 8 March 2026: the US morning moved an hour earlier in UTC.
        let expected = designShifts(days)
        let friday = expected.first { $0.region == "us" && $0.start >= utc("2026-03-06T00:00:00Z") }!
        let monday = expected.first { $0.region == "us" && $0.start >= utc("2026-03-09T00:00:00Z") }!
        XCTAssertEqual(friday.start, utc("2026-03-06T14:00:00Z"))
        XCTAssertEqual(monday.start, utc("2026-03-09T13:00:00Z"))
        XCTAssertEqual(expected.first { $0.start >= utc("2028-02-29T00:00:00Z") }?.start, utc("2028-02-29T06:00:00Z"))
        XCTAssertEqual(expected.first { $0.start >= utc("2026-01-12T00:00:00Z") }?.engineer, "ben")
        XCTAssertEqual(expected.first { $0.start >= utc("2025-12-29T00:00:00Z") }?.engineer, "chiara", "k = -1 before the anchor")
    }

    // MARK: the design's config

    func testDesignShiftsOfEveryYear() {
        let rotation = designRotation
        let expected = designShifts(Self.allDays)
        for year in Self.years {
            let from = Self.yearStart(year), to = Self.yearStart(year + 1)
            let want = expected.filter { $0.end > from && $0.start < to }
            let got = rotation.shifts(from: from, to: to)
            XCTAssertEqual(got.count, want.count, "\(year)")
            for (g, w) in zip(got, want) where g != w {
                XCTFail("\(year): got \(g.region) \(g.engineer ?? "-") \(g.start)–\(g.end), want \(w.region) \(w.engineer ?? "-") \(w.start)–\(w.end)")
                break
            }
        }
    }

    func testDesignHolderAtEveryHourAndEveryBoundary() {
        let rotation = designRotation
        let expected = designShifts(Self.allDays)
        checkHolderEveryHour(rotation, expected)
        checkHolderAtBoundaries(rotation, expected)
    }

    func testDesignGapsAreTheNightsAndWeekends() {
        let rotation = designRotation
        let expected = designShifts(Self.allDays)
        for year in Self.years {
            let from = Self.yearStart(year), to = Self.yearStart(year + 1)
            var want: [DateInterval] = []
            var covered = from
            for shift in expected where shift.end > from && shift.start < to {
                if shift.start > covered { want.append(DateInterval(start: covered, end: shift.start)) }
                covered = max(covered, shift.end)
            }
            if covered < to { want.append(DateInterval(start: covered, end: to)) }
            XCTAssertEqual(rotation.gaps(from: from, to: to), want, "\(year)")
        }
    }

    func testDesignHandoffsOfEveryYear() {
        // Europe's and the US's rosters share nobody, so every shift start is a handoff.
        let rotation = designRotation
        let expected = designShifts(Self.allDays)
        for year in Self.years {
            let from = Self.yearStart(year), to = Self.yearStart(year + 1)
            let handoffs = rotation.handoffs(from: from, to: to)
            let starts = expected.filter { $0.start > from && $0.start <= to }
            XCTAssertEqual(handoffs.map(\.at), starts.map(\.start), "\(year)")
            XCTAssertEqual(handoffs.map(\.incoming), starts, "\(year)")
            for handoff in handoffs {
                let previous = expected.last { $0.start < handoff.at }
                XCTAssertEqual(handoff.outgoing, previous, "\(handoff.at)")
            }
        }
    }

    func testDesignShiftCountsPerYear() {
        // Weekdays: 261 in 2026, 261 in 2027, 260 in 2028. Two shifts each, plus the one running over New Year.
        let rotation = designRotation
        XCTAssertEqual(rotation.shifts(from: Self.yearStart(2026), to: Self.yearStart(2027)).count, 2 * 261 + 1, "31 Dec 2025's US shift runs to 01:00 UTC")
        XCTAssertEqual(rotation.shifts(from: Self.yearStart(2027), to: Self.yearStart(2028)).count, 2 * 261 + 1)
        XCTAssertEqual(rotation.shifts(from: Self.yearStart(2028), to: Self.yearStart(2029)).count, 2 * 260 + 1, "Friday 31 Dec 2027's US shift runs to 01:00 UTC")
    }

    // MARK: no until, weekend days

    func testOpenShiftsOfEveryYear() {
        let rotation = openRotation
        let expected = openShifts(Self.allDays)
        for year in Self.years {
            let from = Self.yearStart(year), to = Self.yearStart(year + 1)
            let want = expected.filter { $0.end > from && $0.start < to }
            let got = rotation.shifts(from: from, to: to)
            XCTAssertEqual(got.count, want.count, "\(year)")
            for (g, w) in zip(got, want) where g != w {
                XCTFail("\(year): got \(g.region) \(g.engineer ?? "-") \(g.start)–\(g.end), want \(w.region) \(w.engineer ?? "-") \(w.start)–\(w.end)")
                break
            }
            XCTAssertEqual(rotation.gaps(from: from, to: to), [], "someone always holds point")
        }
    }

    func testOpenHolderAtEveryHourAndEveryBoundary() {
        let rotation = openRotation
        let expected = openShifts(Self.allDays)
        checkHolderEveryHour(rotation, expected)
        checkHolderAtBoundaries(rotation, expected)
    }

    // MARK: helpers

    /// holder(at:) at every whole hour of the three years, against the expected list walked in order.
    private func checkHolderEveryHour(_ rotation: Rotation, _ expected: [Shift], file: StaticString = #filePath, line: UInt = #line) {
        let from = Self.yearStart(Self.years.first!), to = Self.yearStart(Self.years.last! + 1)
        var index = 0
        var failures = 0
        var t = from
        while t < to {
            while index < expected.count, expected[index].end <= t { index += 1 }
            let want = index < expected.count && expected[index].start <= t ? expected[index] : nil
            let got = rotation.holder(at: t)
            if got != want {
                failures += 1
                if failures <= 5 { XCTFail("at \(t): got \(String(describing: got)), want \(String(describing: want))", file: file, line: line) }
            }
            t = t.addingTimeInterval(3_600)
        }
        XCTAssertEqual(failures, 0, "hours with the wrong holder", file: file, line: line)
    }

    /// The first and last second of every expected shift, and the second after it.
    private func checkHolderAtBoundaries(_ rotation: Rotation, _ expected: [Shift], file: StaticString = #filePath, line: UInt = #line) {
        let from = Self.yearStart(Self.years.first!), to = Self.yearStart(Self.years.last! + 1)
        var failures = 0
        for (index, shift) in expected.enumerated() where shift.start >= from && shift.end <= to {
            let next = index + 1 < expected.count && expected[index + 1].start == shift.end ? expected[index + 1] : nil
            let checks: [(Date, Shift?)] = [(shift.start, shift), (shift.end.addingTimeInterval(-1), shift), (shift.end, next)]
            for (instant, want) in checks where rotation.holder(at: instant) != want {
                failures += 1
                if failures <= 5 { XCTFail("at \(instant): got \(String(describing: rotation.holder(at: instant))), want \(String(describing: want))", file: file, line: line) }
            }
        }
        XCTAssertEqual(failures, 0, "boundaries with the wrong holder", file: file, line: line)
    }
}
