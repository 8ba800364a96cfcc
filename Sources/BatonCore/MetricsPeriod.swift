import Foundation

/// How the metrics are grouped: by the ISO week a conversation was opened in, or by its
/// tier, customer, owner's region or owner.
public enum MetricsGrouping: String, CaseIterable, Sendable {
    case week, tier, customer, region, engineer
}

/// The period the metrics cover and its ISO weeks, on the wall clock of a zone. ISO 8601
/// weeks start on Monday; a week is named `2026-W48` after the year its Thursday falls in.
public struct MetricsPeriod: Equatable, Sendable {
    /// Half-open: [from, to), UTC seconds.
    public var from: Int64
    public var to: Int64
    public var zone: TimeZone

    public init(from: Int64, to: Int64, zone: TimeZone) {
        self.from = from
        self.to = to
        self.zone = zone
    }

    /// The last `weeks` ISO weeks up to and including the one holding `now`, in `zone`:
    /// from Monday 00:00 of the first to Monday 00:00 after the last.
    public static func lastWeeks(_ weeks: Int, now: Date, zone: TimeZone) -> MetricsPeriod {
        let monday = Self.monday(of: LocalDate(now, in: zone))
        return MetricsPeriod(from: Self.midnight(monday.adding(days: -7 * (weeks - 1)), zone),
                             to: Self.midnight(monday.adding(days: 7), zone), zone: zone)
    }

    /// The Monday of the ISO week holding `date`.
    public static func monday(of date: LocalDate) -> LocalDate { date.adding(days: 1 - date.isoWeekday) }

    /// A local date's 00:00 in `zone`, as UTC seconds.
    public static func midnight(_ date: LocalDate, _ zone: TimeZone) -> Int64 {
        Int64(ZonedTime.instant(date, LocalTime(hour: 0, minute: 0), in: zone).timeIntervalSince1970.rounded(.down))
    }

    /// The ISO week name of an instant in `zone`: "2026-W48".
    public static func weekKey(_ instant: Int64, zone: TimeZone) -> String {
        weekKey(of: LocalDate(Date(timeIntervalSince1970: TimeInterval(instant)), in: zone))
    }

    public static func weekKey(of date: LocalDate) -> String {
        // The ISO year is the year of the week's Thursday; week 1 holds that year's first Thursday.
        let thursday = date.adding(days: 4 - date.isoWeekday)
        let firstOfYear = LocalDate(year: thursday.year, month: 1, day: 1)
        let week = (thursday.dayNumber - firstOfYear.dayNumber) / 7 + 1
        return String(format: "%04d-W%02d", thursday.year, week)
    }

    /// The names of the ISO weeks the period touches, in order (a partial week at either end included).
    public var weekKeys: [String] { weeks.map(\.key) }

    /// The ISO weeks the period touches with the instant each starts (its Monday 00:00 in `zone`), in order.
    public var weeks: [(start: Int64, key: String)] {
        guard from < to else { return [] }
        var weeks: [(start: Int64, key: String)] = []
        var monday = Self.monday(of: LocalDate(Date(timeIntervalSince1970: TimeInterval(from)), in: zone))
        while Self.midnight(monday, zone) < to {
            weeks.append((Self.midnight(monday, zone), Self.weekKey(of: monday)))
            monday = monday.adding(days: 7)
        }
        return weeks
    }
}
