import XCTest
@testable import BatonCore

/// Random calendars and instants (seeded, so every run is the same) against a naive count:
/// walk minute by minute, read each minute's wall clock with Foundation's own zone offset
/// and Gregorian calendar, and count the open ones.
final class SLACalendarPropertyTests: XCTestCase {
    static let zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney"].map(zone)
    /// Days whose weeks hold a DST change in one of the zones, and a few ordinary ones.
    static let days = ["2026-03-06", "2026-03-27", "2026-04-03", "2026-10-02", "2026-10-23", "2026-10-30",
                       "2027-03-12", "2027-03-26", "2027-04-02", "2027-10-01", "2026-07-15", "2026-12-21"]

    func testDeadlinesMatchANaiveMinuteCount() throws {
        var random = SeededRandom(seed: 12)
        var checked = 0
        for round in 0..<36 {
            let zone = Self.zones[round % 3]
            let calendar = Self.randomCalendar(zone: zone, random: &random)
            let counter = SLACalendarClock(calendar)
            let naive = NaiveCalendar(calendar: calendar)
            for _ in 0..<6 {
                let day = utc(Self.days.randomElement(using: &random)! + "T00:00:00Z")
                let start = Int64(day.timeIntervalSince1970) + Int64.random(in: 0..<(7 * 1_440), using: &random) * 60
                let target = Int64.random(in: 1...(10 * 60), using: &random) * 60
                var pauses: [(Int64, Int64)] = []
                if Bool.random(using: &random) {
                    let pauseStart = start + Int64.random(in: 0..<(48 * 60), using: &random) * 60
                    pauses.append((pauseStart, pauseStart + Int64.random(in: 1...(36 * 60), using: &random) * 60))
                }
                let expected = naive.deadline(start: start, target: target, pauses: pauses)
                XCTAssertEqual(counter.deadline(start: start, target: target, pauses: pauses), expected,
                               "\(calendar.hoursEntries) in \(zone.identifier), holidays \(calendar.holidayEntries), from \(start), \(target)s, pauses \(pauses)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 216)
    }

    /// One to three windows a day on random weekdays, on any minute, some ending at 24:00,
    /// some starting or ending inside the hours a DST change skips or repeats; and holidays.
    static func randomCalendar(zone: TimeZone, random: inout SeededRandom) -> BusinessCalendar {
        var week: [[BusinessCalendar.Window]] = Array(repeating: [], count: 7)
        for day in 0..<7 where Int.random(in: 0..<10, using: &random) < 7 {
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let start = Int.random(in: 0..<1_380, using: &random)
                let end = Bool.random(using: &random) && Bool.random(using: &random) ? 1_440 : Int.random(in: (start + 1)...min(1_440, start + 600), using: &random)
                week[day].append(.init(start: start, end: end))
            }
        }
        if week.allSatisfy(\.isEmpty) { week[2] = [.init(start: 120, end: 200)] }
        var holidays: Set<LocalDate> = []
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            holidays.insert(LocalDate(parsing: days.randomElement(using: &random)!)!.adding(days: Int.random(in: 0..<9, using: &random)))
        }
        return BusinessCalendar(id: "random", zone: zone, week: week, holidays: holidays)
    }
}

/// The reference: minute by minute, with Foundation reading the wall clock.
struct NaiveCalendar {
    let calendar: BusinessCalendar
    let gregorian: Calendar

    init(calendar: BusinessCalendar) {
        self.calendar = calendar
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.zone
        self.gregorian = gregorian
    }

    func isOpen(minuteStarting instant: Int64) -> Bool {
        let parts = gregorian.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(instant)))
        let date = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
        if calendar.holidays.contains(date) || calendar.yearlyHolidays.contains(.init(month: date.month, day: date.day)) { return false }
        let weekday = (parts.weekday! + 5) % 7  // Foundation: 1 = Sunday; here 0 = Monday
        let minute = parts.hour! * 60 + parts.minute!
        return calendar.week[weekday].contains { $0.start <= minute && minute < $0.end }
    }

    func deadline(start: Int64, target: Int64, pauses: [(Int64, Int64)]) -> Int64? {
        var counted: Int64 = 0
        var minute = start
        while minute < start + 60 * 86_400 {
            let paused = pauses.contains { $0.0 <= minute && minute < $0.1 }
            if !paused && isOpen(minuteStarting: minute) {
                counted += 60
                if counted >= target { return minute + 60 }
            }
            minute += 60
        }
        return nil
    }
}
