import Foundation

/// Reads instants as people type them on the command line: RFC 3339 with a zone
/// ("2026-11-24T09:00:00Z", "2026-11-24T10:00+01:00"), or a local date and time read in
/// a given zone ("2026-11-24 09:00", "2026-11-24T09:00", "2026-11-24" for midnight).
public enum InstantText {
    public static func parse(_ text: String, in zone: TimeZone) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 10, let date = LocalDate(parsing: String(trimmed.prefix(10))) else { return nil }
        var rest = trimmed.dropFirst(10)
        if rest.isEmpty { return ZonedTime.instant(date, LocalTime(hour: 0, minute: 0), in: zone) }
        guard rest.first == "T" || rest.first == " " else { return nil }
        rest = rest.dropFirst()
        guard rest.count >= 5, let time = LocalTime(parsing: String(rest.prefix(5))) else { return nil }
        rest = rest.dropFirst(5)
        var seconds = 0
        if rest.first == ":" {
            let digits = rest.dropFirst().prefix(2)
            guard digits.count == 2, digits.isASCIIDigits, let value = Int(digits), value < 60 else { return nil }
            seconds = value
            rest = rest.dropFirst(3)
        }
        let local = Double(date.dayNumber * 86_400 + time.minutesOfDay * 60 + seconds)
        if rest.isEmpty { return ZonedTime.instant(date, time, in: zone).addingTimeInterval(Double(seconds)) }
        if rest == "Z" || rest == "z" { return Date(timeIntervalSince1970: local) }
        // A numeric offset, "+01:00" or "-0500".
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        // "HH:MM" or "HHMM", nothing looser.
        let offsetText = rest.dropFirst()
        guard offsetText.count == 4 || (offsetText.count == 5 && offsetText.dropFirst(2).first == ":") else { return nil }
        let digits = offsetText.filter { $0 != ":" }
        guard digits.count == 4, Substring(digits).isASCIIDigits, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)),
              hours < 24, minutes < 60 else { return nil }
        let offset = Double(hours * 3_600 + minutes * 60) * (sign == "+" ? 1 : -1)
        return Date(timeIntervalSince1970: local - offset)
    }
}
