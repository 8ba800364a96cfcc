import Foundation

/// When an SLA clock counts: a weekly pattern of open hours read on the wall clock of one
/// time zone, with holidays (whole local days) closed.
///
/// An instant is open when its local date (in `zone`) is not a holiday and its local time of
/// day falls in one of that weekday's windows. This is the wall-clock rule, so a window keeps
/// its local hours through DST changes: 09:00-17:00 is 8 hours on every day, and a window
/// that spans a change (such as 00:00-24:00) is 23 or 25 hours long that day.
public struct BusinessCalendar: Equatable, Sendable {
    /// One open window of a day, in minutes from local midnight: `start` < `end` <= 1440 (24:00).
    public struct Window: Equatable, Sendable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    /// A holiday that comes back every year on the same month and day (an RRULE:FREQ=YEARLY event).
    public struct YearlyDay: Equatable, Hashable, Sendable, Comparable {
        public var month: Int
        public var day: Int
        public init(month: Int, day: Int) {
            self.month = month
            self.day = day
        }
        public static func < (a: YearlyDay, b: YearlyDay) -> Bool { (a.month, a.day) < (b.month, b.day) }
    }

    public var id: String
    public var zone: TimeZone
    /// Open windows for each ISO weekday, index 0 = Monday ... 6 = Sunday; sorted and merged.
    public var week: [[Window]]
    public var holidays: Set<LocalDate>
    public var yearlyHolidays: Set<YearlyDay>

    public init(id: String, zone: TimeZone, week: [[Window]], holidays: Set<LocalDate> = [], yearlyHolidays: Set<YearlyDay> = []) {
        self.id = id
        self.zone = zone
        self.week = (0..<7).map { index in Self.merged(index < week.count ? week[index] : []) }
        self.holidays = holidays
        self.yearlyHolidays = yearlyHolidays
    }

    /// Builds a calendar from config entries such as `"mon-fri 09:00-17:00"`; throws
    /// `BusinessCalendar.SpecError` naming the entry's index and what is wrong with it.
    public init(id: String, zone: TimeZone, hours: [String], holidays: Set<LocalDate> = [], yearlyHolidays: Set<YearlyDay> = []) throws {
        var week: [[Window]] = Array(repeating: [], count: 7)
        for (index, entry) in hours.enumerated() {
            let parsed: (days: [Int], window: Window)
            do { parsed = try Self.parseEntry(entry) } catch let error as SpecError {
                throw SpecError(index: index, message: error.message)
            }
            for day in parsed.days { week[day - 1].append(parsed.window) }
        }
        self.init(id: id, zone: zone, week: week, holidays: holidays, yearlyHolidays: yearlyHolidays)
    }

    /// What `hours = "business"` means: Monday to Friday, 09:00-17:00, in `zone`.
    public static func business(zone: TimeZone, id: String = "business") -> BusinessCalendar {
        let day = [Window(start: 9 * 60, end: 17 * 60)]
        return BusinessCalendar(id: id, zone: zone, week: [day, day, day, day, day, [], []])
    }

    /// Whether no instant is ever open (every weekday empty): a deadline would never come.
    public var isNeverOpen: Bool { week.allSatisfy(\.isEmpty) }

    public func isHoliday(_ date: LocalDate) -> Bool {
        holidays.contains(date) || yearlyHolidays.contains(YearlyDay(month: date.month, day: date.day))
    }

    /// The windows open on a local date: none on a holiday.
    public func windows(on date: LocalDate) -> [Window] {
        isHoliday(date) ? [] : week[date.isoWeekday - 1]
    }

    /// The hours as config entries, one per weekday that has windows: `["mon 09:00-17:00", ...]`.
    /// Parsing them back gives the same week (the store keeps calendars this way).
    public var hoursEntries: [String] {
        var entries: [String] = []
        for (index, windows) in week.enumerated() {
            for window in windows {
                entries.append("\(Self.dayNames[index]) \(Self.clock(window.start))-\(Self.clock(window.end))")
            }
        }
        return entries
    }

    /// Holidays as text, dates as `YYYY-MM-DD` and yearly ones as `--MM-DD` (ISO 8601's
    /// form for a month and day without a year), sorted: the store's form.
    public var holidayEntries: [String] {
        holidays.sorted().map(\.description) + yearlyHolidays.sorted().map { String(format: "--%02d-%02d", $0.month, $0.day) }
    }

    /// Reads `holidayEntries` back; nil for an entry that is neither form.
    public static func parseHolidays(_ entries: [String]) -> (dates: Set<LocalDate>, yearly: Set<YearlyDay>)? {
        var dates: Set<LocalDate> = []
        var yearly: Set<YearlyDay> = []
        for entry in entries {
            if entry.hasPrefix("--") {
                guard let date = LocalDate(parsing: "2000" + entry.dropFirst()) else { return nil }
                yearly.insert(YearlyDay(month: date.month, day: date.day))
            } else {
                guard let date = LocalDate(parsing: entry) else { return nil }
                dates.insert(date)
            }
        }
        return (dates, yearly)
    }

    // MARK: parsing "DAYS HH:MM-HH:MM"

    /// What is wrong with one `hours` entry; `index` is the entry's place in the list (from 0).
    public struct SpecError: Error, Equatable {
        public var index: Int
        public var message: String
    }

    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// `"mon-fri 09:00-17:00"`, `"sat 10:00-14:00"`, `"mon,wed,fri 08:00-24:00"`: ISO weekdays (1 = Monday) and a window.
    static func parseEntry(_ entry: String) throws -> (days: [Int], window: Window) {
        let fail = { (message: String) in SpecError(index: 0, message: message) }
        let parts = entry.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else {
            throw fail("\"\(entry)\" is not \"DAYS HH:MM-HH:MM\", like \"mon-fri 09:00-17:00\"")
        }
        var days: [Int] = []
        for item in parts[0].lowercased().split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let first = dayNames.firstIndex(of: String(ends[0])),
                  let last = dayNames.firstIndex(of: String(ends[ends.count - 1])) else {
                throw fail("\"\(item)\" in \"\(entry)\" is not a day or a range of days; use mon, tue, wed, thu, fri, sat, sun, like \"mon-fri\" or \"mon,wed\"")
            }
            guard first <= last else { throw fail("\"\(item)\" in \"\(entry)\" runs backwards; write the days from Monday on, like \"mon-fri\"") }
            days += (first...last).map { $0 + 1 }
        }
        let times = parts[1].split(separator: "-", omittingEmptySubsequences: false)
        guard times.count == 2, let start = minutes(String(times[0]), allowEndOfDay: false),
              let end = minutes(String(times[1]), allowEndOfDay: true) else {
            throw fail("\"\(parts[1])\" in \"\(entry)\" is not HH:MM-HH:MM, like \"09:00-17:00\" (24:00 may end a day)")
        }
        guard start < end else { throw fail("\"\(parts[1])\" in \"\(entry)\" ends before it starts") }
        return (days, Window(start: start, end: end))
    }

    static func minutes(_ text: String, allowEndOfDay: Bool) -> Int? {
        if allowEndOfDay && text == "24:00" { return 1440 }
        return LocalTime(parsing: text)?.minutesOfDay
    }

    static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    /// Sorted, with overlapping or touching windows joined.
    static func merged(_ windows: [Window]) -> [Window] {
        var result: [Window] = []
        for window in windows.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = result.last, window.start <= last.end {
                result[result.count - 1].end = max(last.end, window.end)
            } else {
                result.append(window)
            }
        }
        return result
    }
}
