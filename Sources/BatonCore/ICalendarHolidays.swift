import Foundation

/// Reads holidays from an iCalendar file (RFC 5545), the way public holiday calendars are
/// published: each all-day VEVENT (`DTSTART;VALUE=DATE:20261225`) is a holiday, a multi-day
/// one (DTEND, exclusive) each of its days, and `RRULE:FREQ=YEARLY` makes it come back on
/// the same month and day every year (until its UNTIL or COUNT, when given). Events with a
/// time of day are not holidays and are skipped.
public enum ICalendarHolidays {
    /// What is wrong, and on which line (from 1) of the file.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws -> (dates: Set<LocalDate>, yearly: Set<BusinessCalendar.YearlyDay>) {
        var dates: Set<LocalDate> = []
        var yearly: Set<BusinessCalendar.YearlyDay> = []
        var sawCalendar = false
        var event: [(line: Int, name: String, params: String, value: String)]?
        for (number, line) in unfold(text) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let head = line[..<colon]
            let value = String(line[line.index(after: colon)...])
            let name = head.split(separator: ";", maxSplits: 1).first.map { $0.uppercased() } ?? ""
            let params = head.split(separator: ";", maxSplits: 1).dropFirst().first.map { $0.uppercased() } ?? ""
            switch (name, value.uppercased()) {
            case ("BEGIN", "VCALENDAR"): sawCalendar = true
            case ("BEGIN", "VEVENT"): event = []
            case ("END", "VEVENT"):
                if let properties = event { try add(properties, endLine: number, dates: &dates, yearly: &yearly) }
                event = nil
            default: event?.append((number, name, params, value))
            }
        }
        guard sawCalendar else { throw ParseError(line: 1, message: "not an iCalendar file (no BEGIN:VCALENDAR)") }
        return (dates, yearly)
    }

    static func add(_ properties: [(line: Int, name: String, params: String, value: String)], endLine: Int,
                    dates: inout Set<LocalDate>, yearly: inout Set<BusinessCalendar.YearlyDay>) throws {
        guard let start = properties.first(where: { $0.name == "DTSTART" }) else {
            throw ParseError(line: endLine, message: "a VEVENT without DTSTART")
        }
        // All-day: VALUE=DATE, or a bare 8-digit date.
        guard !start.params.contains("VALUE=DATE-TIME") && !start.value.contains("T") else { return }
        guard let first = date(start.value) else {
            throw ParseError(line: start.line, message: "DTSTART \"\(start.value)\" is not a date like 20261225")
        }
        var days = [first]
        if let end = properties.first(where: { $0.name == "DTEND" }) {
            guard let last = date(end.value), last > first else {
                throw ParseError(line: end.line, message: "DTEND \"\(end.value)\" is not a date after DTSTART")
            }
            days = (0..<(last.dayNumber - first.dayNumber)).map { first.adding(days: $0) }
        }
        guard let rule = properties.first(where: { $0.name == "RRULE" }) else {
            dates.formUnion(days)
            return
        }
        var parts: [String: String] = [:]
        for part in rule.value.uppercased().split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { parts[String(pair[0])] = String(pair[1]) }
        }
        let plain = Set(["FREQ", "UNTIL", "COUNT", "INTERVAL", "WKST"])
        let sameDay = (parts["BYMONTH"].map { $0 == String(first.month) } ?? true) && (parts["BYMONTHDAY"].map { $0 == String(first.day) } ?? true)
        guard parts["FREQ"] == "YEARLY", parts["INTERVAL"].map({ $0 == "1" }) ?? true, sameDay,
              Set(parts.keys).subtracting(plain).subtracting(["BYMONTH", "BYMONTHDAY"]).isEmpty else {
            throw ParseError(line: rule.line, message: "RRULE \"\(rule.value)\" is not a plain yearly rule (FREQ=YEARLY on the date of DTSTART); write such holidays as dates")
        }
        if parts["UNTIL"] == nil && parts["COUNT"] == nil {
            yearly.formUnion(days.map { BusinessCalendar.YearlyDay(month: $0.month, day: $0.day) })
            return
        }
        let until = parts["UNTIL"].flatMap { date(String($0.prefix(8))) }
        if parts["UNTIL"] != nil && until == nil { throw ParseError(line: rule.line, message: "UNTIL in \"\(rule.value)\" is not a date") }
        let count = parts["COUNT"].flatMap { Int($0) } ?? 500
        for year in 0..<min(count, 500) {
            for day in days {
                let candidate = LocalDate(year: day.year + year, month: day.month, day: day.day)
                guard candidate.adding(days: 0) == candidate else { continue }  // 29 February in a common year
                if let until, candidate > until { continue }
                dates.insert(candidate)
            }
        }
    }

    /// "20261225" (or the date part of "20261225T000000Z").
    static func date(_ value: String) -> LocalDate? {
        let digits = value.prefix(8)
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return LocalDate(parsing: "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))")
    }

    /// Content lines with folding undone (a line starting with a space or tab continues
    /// the one before, RFC 5545 3.1), each with the number of the line it began on.
    static func unfold(_ text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if let first = line.first, first == " " || first == "\t", !result.isEmpty {
                result[result.count - 1].1 += line.dropFirst()
            } else if !line.isEmpty {
                result.append((index + 1, String(line)))
            }
        }
        return result
    }
}
