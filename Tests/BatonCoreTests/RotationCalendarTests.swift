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
    private static let anchor = (year: 2026, month: 1, day: 5)
    private static let europeRoster = ["ana", "ben", "chiara"]
    private static let usRoster = ["dave", "erin"]

    // MARK: the configurations under test

    private var designRotation: Rotation {
        Rotation(regions: [
            Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), days: [1, 2, 3, 4, 5], roster: Self.europeRoster),
            Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), days: [1, 2, 3, 4, 5],
                   until: LocalTime(hour: 20, minute: 0), roster: Self.usRoster),
        ], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5), lengthDays: 7))
    }

    /// Europe every day of the week, the US on weekdays with no `until`: nobody is ever off point.
    private var openRotation: Rotation {
        Rotation(regions: [
            Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), days: [1, 2, 3, 4, 5, 6, 7], roster: Self.europeRoster),
            Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), days: [1, 2, 3, 4, 5], roster: Self.usRoster),
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
    private static func engineer(_ roster: [String], _ day: Day, in zone: TimeZone) -> String {
        let calendar = calendar(zone)
        let from = calendar.date(from: DateComponents(year: anchor.year, month: anchor.month, day: anchor.day, hour: 12))!
        let to = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        let elapsed = calendar.dateComponents([.day], from: from, to: to).day!
        let k = Int((Double(elapsed) / 7).rounded(.down))
        let n = roster.count
        return roster[((k % n) + n) % n]
    }

    /// The shifts of the design's config for every day of `days`, in order.
    private static func designShifts(_ days: [Day]) -> [Shift] {
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
    private static func openShifts(_ days: [Day]) -> [Shift] {
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

    /// Computed once: Foundation's calendar is not quick, and every test reads the same lists.
    private static let designExpected = designShifts(allDays)
    private static let openExpected = openShifts(allDays)

    /// From 20 December before the first year to 10 January after the last, so each year's edges are covered.
    private static let allDays = days(fromYear: years.first! - 1, month: 12, day: 20, count: 12 + 365 + 365 + 366 + 10)

    // MARK: sanity of the expectations themselves

    func testTheExpectationsCoverTheTransitionsAndTheLeapDay() {
        let days = Self.allDays
        XCTAssertTrue(days.contains { $0.year == 2028 && $0.month == 2 && $0.day == 29 })
        XCTAssertEqual(days.last.map { [$0.year, $0.month, $0.day] }, [2029, 1, 10])
        // The US sprang forward on 8 March 2026: the US morning moved an hour earlier in UTC.
        let expected = Self.designShifts(days)
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
        checkShiftsOfEveryYear(designRotation, Self.designExpected)
    }

    func testDesignHolderAtEveryHourOfThreeYears() {
        let rotation = designRotation
        let expected = Self.designExpected
        checkHolder(rotation, expected, years: 2026...2028)
    }

    func testDesignGapsAreTheNightsAndWeekends() {
        let rotation = designRotation
        let expected = Self.designExpected
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
        let expected = Self.designExpected
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
        checkShiftsOfEveryYear(rotation, Self.openExpected) { from, to in
            XCTAssertEqual(rotation.gaps(from: from, to: to), [], "someone always holds point")
        }
    }

    func testOpenHolderAtEveryHourOf2026() {
        let rotation = openRotation
        let expected = Self.openExpected
        checkHolder(rotation, expected, years: 2026...2026)
    }

    // MARK: helpers

    /// holder(at:) at every whole hour of `years` (every boundary of these configs is on a whole
    /// UTC hour), and at the last second of every expected shift; spread over the cores.
    /// The rotation's shifts of each year, against the ones worked out independently;
    /// `andEachYear` adds checks of that year.
    private func checkShiftsOfEveryYear(_ rotation: Rotation, _ expected: [Shift], andEachYear: (Date, Date) -> Void = { _, _ in },
                                        file: StaticString = #filePath, line: UInt = #line) {
        for year in Self.years {
            let from = Self.yearStart(year), to = Self.yearStart(year + 1)
            let want = expected.filter { $0.end > from && $0.start < to }
            let got = rotation.shifts(from: from, to: to)
            XCTAssertEqual(got.count, want.count, "\(year)", file: file, line: line)
            for (g, w) in zip(got, want) where g != w {
                XCTFail("\(year): got \(g.region) \(g.engineer ?? "-") \(g.start)–\(g.end), want \(w.region) \(w.engineer ?? "-") \(w.start)–\(w.end)", file: file, line: line)
                break
            }
            andEachYear(from, to)
        }
    }

    private func checkHolder(_ rotation: Rotation, _ expected: [Shift], years: ClosedRange<Int>, file: StaticString = #filePath, line: UInt = #line) {
        let from = Self.yearStart(years.lowerBound), to = Self.yearStart(years.upperBound + 1)
        var instants: [Date] = []
        var t = from
        while t < to {
            instants.append(t)
            t = t.addingTimeInterval(3_600)
        }
        instants += expected.filter { $0.start >= from && $0.end <= to }.map { $0.end.addingTimeInterval(-1) }
        instants.sort()
        // The expected holder, walking the expected shifts (sorted, disjoint) alongside the instants.
        var want: [Shift?] = []
        var cursor = 0
        for instant in instants {
            while cursor < expected.count, expected[cursor].end <= instant { cursor += 1 }
            want.append(cursor < expected.count && expected[cursor].start <= instant ? expected[cursor] : nil)
        }
        let checked = instants, wanted = want
        let chunks = 4
        let results = Results(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var wrong: [String] = []
            for index in stride(from: chunk, to: checked.count, by: chunks) {
                let got = rotation.holder(at: checked[index])
                if got != wanted[index] { wrong.append("at \(checked[index]): got \(String(describing: got)), want \(String(describing: wanted[index]))") }
            }
            results.set(chunk, wrong)
        }
        let wrong = results.all
        for message in wrong.prefix(5) { XCTFail(message, file: file, line: line) }
        XCTAssertEqual(wrong.count, 0, "instants with the wrong holder out of \(instants.count)", file: file, line: line)
        XCTAssertGreaterThan(instants.count, 8_700 * years.count, file: file, line: line)
    }
}

/// Failure messages collected from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [[String]]
    init(count: Int) { chunks = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [String]) { lock.lock(); chunks[index] = value; lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return chunks.flatMap { $0 } }
}
