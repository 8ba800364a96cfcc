import Foundation

/// RFC 5322 dates ("Mon, 23 Nov 2026 14:00:00 +0100"), with the obsolete zone names and
/// the two-digit years old mailers still send. Nil when the header is not a date.
enum MailDate {
    static func parse(_ raw: String) -> Date? {
        // Drop the day name and any trailing comment such as "(CET)".
        var text = raw
        if let comma = text.firstIndex(of: ",") { text = String(text[text.index(after: comma)...]) }
        if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard tokens.count >= 4, let day = Int(tokens[0]), let month = months[tokens[1].lowercased().prefix(3).description],
              var year = Int(tokens[2]) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        // A year of many digits is no date; past 9999 the store could not keep it.
        guard year <= 9999, tokens[2].count <= 4 else { return nil }
        let time = tokens[3].split(separator: ":").compactMap { Int($0) }
        guard time.count >= 2, (1...31).contains(day), (0...23).contains(time[0]), (0...59).contains(time[1]) else { return nil }
        let offset = tokens.count > 4 ? zoneOffset(tokens[4]) : 0
        let seconds = (daysSince1970(year: year, month: month) + day - 1) * 86_400
            + time[0] * 3_600 + time[1] * 60 + (time.count > 2 ? time[2] : 0)
        return Date(timeIntervalSince1970: TimeInterval(seconds - offset))
    }

    /// Days from 1970-01-01 to the first of `month` in `year`, in the proleptic Gregorian
    /// calendar (Howard Hinnant's days_from_civil). Plain arithmetic: a Foundation Calendar
    /// built the date from components in 20 us, twice a message (Date and Received).
    static func daysSince1970(year: Int, month: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a `Received:` field: what follows its last ";" (RFC 5321 section 4.4).
    static func received(_ field: String) -> Date? {
        guard let semicolon = field.lastIndex(of: ";") else { return nil }
        return parse(String(field[field.index(after: semicolon)...]))
    }

    /// The date of an mbox "From " separator line, in C's asctime form after the sender
    /// ("From a@b Mon Nov 23 14:00:00 2026", UTC as the delivering agent wrote it; some
    /// add a zone after the year). Nil when the line carries no such date.
    static func mboxSeparator(_ line: String) -> Date? {
        let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // From, sender, then day name, month, day, time, year (and maybe a zone).
        guard tokens.count >= 7, tokens[0] == "From" else { return nil }
        let rest = Array(tokens[3...])
        guard rest.count >= 4 else { return nil }
        let zone = rest.count > 4 ? " " + rest[4] : " +0000"
        return parse("\(rest[1]) \(rest[0]) \(rest[3]) \(rest[2])" + zone)
    }

    static func zoneOffset(_ zone: String) -> Int {
        if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
            let seconds = (value / 100) * 3600 + (value % 100) * 60
            return sign == "-" ? -seconds : seconds
        }
        return (obsoleteZones[zone.uppercased()] ?? 0) * 3600
    }

    static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                         "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let obsoleteZones = ["UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
                                "MST": -7, "MDT": -6, "PST": -8, "PDT": -7]
}
