import BatonCore
import Foundation

/// The `[[calendar]]` tables and the `hours` keys that name them.
extension ConfigFile {
    /// Ids a `[[calendar]]` may not take: `hours` gives them their own meaning.
    static let reservedHours: Set<String> = ["24x7", "business"]

    /// One `[[calendar]]`: `id`, `tz`, `hours` ("DAYS HH:MM-HH:MM" entries), `holidays`
    /// (YYYY-MM-DD dates) and `holidays_file` (an iCalendar file, relative to the config's folder).
    static func readCalendar(_ table: TableReader, folder: String) throws -> BusinessCalendar {
        var table = table
        let id = try table.requiredString("id")
        guard !reservedHours.contains(id) else {
            throw table.error("id", "\"\(id)\" is reserved (hours = \"24x7\" and \"business\" mean something already); choose another id")
        }
        guard let zone = try Self.zone(&table, "tz") else { throw table.error("tz", "missing; this key is required") }
        guard let hours = try table.strings("hours") else { throw table.error("hours", "missing; list the open hours, like [\"mon-fri 09:00-17:00\"]") }
        guard !hours.isEmpty else { throw table.error("hours", "is empty; a calendar that never opens would never reach a deadline") }
        var dates: Set<LocalDate> = []
        var yearly: Set<BusinessCalendar.YearlyDay> = []
        for (index, text) in (try table.strings("holidays") ?? []).enumerated() {
            guard let date = LocalDate(parsing: text) else {
                throw table.error("holidays[\(index)]", "\"\(text)\" is not a date; write it as YYYY-MM-DD, like \"2026-12-25\"")
            }
            dates.insert(date)
        }
        if let name = try table.string("holidays_file") {
            let path = name.hasPrefix("/") ? name : ((folder.isEmpty ? FileManager.default.currentDirectoryPath : folder) as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw table.error("holidays_file", "\"\(name)\": no such file (looked for \(path))")
            }
            guard let text = String(data: data, encoding: .utf8) else { throw table.error("holidays_file", "\"\(name)\" is not UTF-8 text") }
            do {
                let read = try ICalendarHolidays.parse(text)
                dates.formUnion(read.dates)
                yearly.formUnion(read.yearly)
            } catch let error as ICalendarHolidays.ParseError {
                throw table.error("holidays_file", "\"\(name)\" \(error)")
            }
        }
        let calendar: BusinessCalendar
        do {
            calendar = try BusinessCalendar(id: id, zone: zone, hours: hours, holidays: dates, yearlyHolidays: yearly)
        } catch let error as BusinessCalendar.SpecError {
            throw table.error("hours[\(error.index)]", error.message)
        }
        try table.rejectUnknownKeys()
        return calendar
    }

    /// Every `hours` names "24x7", "business" or a `[[calendar]]`, and calendar ids are unique.
    static func validateHours(_ config: TeamConfig, file: String) throws {
        var seen: Set<String> = []
        for (index, calendar) in config.calendars.enumerated() where !seen.insert(calendar.id).inserted {
            throw ConfigError(file: file, key: "calendar[\(index + 1)].id", message: "\"\(calendar.id)\" is used by an earlier [[calendar]]")
        }
        func check(_ hours: String?, _ key: String) throws {
            guard let hours, !reservedHours.contains(hours), !seen.contains(hours) else { return }
            let known = (["\"24x7\"", "\"business\""] + config.calendars.map { "\"\($0.id)\"" }).joined(separator: ", ")
            throw ConfigError(file: file, key: key, message: "\"\(hours)\" is not \"24x7\", \"business\" or a [[calendar]] id (known: \(known))")
        }
        for (index, tier) in config.tiers.enumerated() { try check(tier.hours, "tier[\(index + 1)].hours") }
        for (index, customer) in config.customers.enumerated() { try check(customer.hours, "customer[\(index + 1)].hours") }
    }
}
