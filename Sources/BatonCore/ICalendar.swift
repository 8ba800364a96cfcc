import Foundation

/// The rotation as an RFC 5545 calendar: one VEVENT per shift, times in UTC, lines folded
/// at 75 octets and ended with CRLF, so any calendar program can subscribe to it.
public enum ICalendar {
    /// `names` turns engineer and region ids into names for SUMMARY; `stamp` is DTSTAMP.
    public static func export(_ shifts: [Shift], stamp: Date, engineerName: (String) -> String, regionName: (String) -> String) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//baton//rotation//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        for shift in shifts {
            let engineer = shift.engineer.map(engineerName) ?? "nobody"
            let override = shift.isOverride ? " (override)" : ""
            lines += [
                "BEGIN:VEVENT",
                // Stable across exports, so a subscribed calendar updates events instead of duplicating them.
                "UID:\(shift.region)-\(Int64(shift.start.timeIntervalSince1970))@baton",
                "DTSTAMP:\(utc(stamp))",
                "DTSTART:\(utc(shift.start))",
                "DTEND:\(utc(shift.end))",
                "SUMMARY:\(escape("On call: \(engineer) (\(regionName(shift.region)))\(override)"))",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// "20261123T140000Z".
    static func utc(_ instant: Date) -> String {
        CalendarText.rfc3339(instant).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// TEXT values escape backslash, semicolon, comma and newline (RFC 5545 3.3.11).
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"  // a bare CR too, or it would end the content line
            default: out.append(character)
            }
        }
        return out
    }

    /// Folds a content line so no line exceeds 75 octets, never splitting a UTF-8 character;
    /// each continuation line starts with one space (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
