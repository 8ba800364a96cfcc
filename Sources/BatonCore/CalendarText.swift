import Foundation

/// Instants written as people read them in a zone, without locale surprises.
public enum CalendarText {
    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Mon 23 Nov 14:02".
    public static func dayAndTime(_ instant: Date, in zone: TimeZone) -> String {
        dayAndTime(instant, in: zone, withYear: false)
    }

    /// "Mon 23 Nov 14:02", with the year when it is not the year of `now` there:
    /// "Fri 15 Jan 2016 05:55" in a thread from an old export.
    public static func dayAndTime(_ instant: Date, in zone: TimeZone, seenFrom now: Date) -> String {
        dayAndTime(instant, in: zone, withYear: LocalDate(instant, in: zone).year != LocalDate(now, in: zone).year)
    }

    private static func dayAndTime(_ instant: Date, in zone: TimeZone, withYear: Bool) -> String {
        let date = LocalDate(instant, in: zone)
        let year = withYear ? " \(date.year)" : ""
        return "\(weekdayNames[date.isoWeekday - 1]) \(date.day) \(monthNames[date.month - 1])\(year) \(clock(instant, in: zone))"
    }

    /// "14:02".
    public static func clock(_ instant: Date, in zone: TimeZone) -> String {
        let local = Int(floor(instant.timeIntervalSince1970)) + zone.secondsFromGMT(for: instant)
        let minutes = ((local % 86_400) + 86_400) % 86_400 / 60
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// RFC 3339 in UTC, "2026-11-23T14:02:00Z", as scripts expect.
    public static func rfc3339(_ instant: Date) -> String {
        let date = LocalDate(instant, in: TimeZone(identifier: "UTC")!)
        let seconds = ((Int(floor(instant.timeIntervalSince1970)) % 86_400) + 86_400) % 86_400
        return date.description + String(format: "T%02d:%02d:%02dZ", seconds / 3_600, seconds % 3_600 / 60, seconds % 60)
    }
}
