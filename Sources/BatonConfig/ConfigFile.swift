import BatonCore
import Foundation
import TOMLKit

/// Reads baton.toml into a `TeamConfig`, checking every key and every reference.
public enum ConfigFile {
    public static func load(path: String) throws -> TeamConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, key: "", message: FileManager.default.fileExists(atPath: path)
                ? "cannot be read as UTF-8 text" : "no such file")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> TeamConfig {
        let root: TOMLTable
        do {
            try TOMLGuard.check(text, file: file)
            try TOMLGuard.checkArrays(text, file: file)
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, key: "", message: "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        var reader = TableReader(root, file: file)
        let folder = (file as NSString).deletingLastPathComponent
        let storePath = try resolveStore(try reader.string("store"), folder: folder, reader: reader)
        let internalDomains = (try reader.strings("internal_domains") ?? []).map { $0.lowercased() }
        let theme = try reader.string("theme")
        let notifyCommand = try Self.notifyCommand(&reader)

        let settings = try readRotation(&reader)
        let calendars = try reader.tables("calendar").map { try readCalendar($0, folder: folder) }
        let tiers = try reader.tables("tier").enumerated().map { try readTier($1, rank: $0) }
        let engineers = try reader.tables("engineer").map(readEngineer)
        let regions = try reader.tables("region").map(readRegion)
        let customers = try reader.tables("customer").map(readCustomer)
        let views = try reader.tables("view").map(readView)
        _ = try SendingConfig.read(&reader)  // [email], [slack]: checked here, read by senders (SendingConfig.load)
        try reader.rejectUnknownKeys()

        var config = TeamConfig(storePath: storePath, internalDomains: internalDomains,
                                rotation: Rotation(regions: regions, settings: settings),
                                engineers: engineers, tiers: tiers, customers: customers, theme: theme)
        config.views = views
        config.calendars = calendars
        config.notifyCommand = notifyCommand
        try validate(config, file: file)
        try validateHours(config, file: file)
        return config
    }

    static func resolveStore(_ value: String?, folder: String, reader: TableReader) throws -> String {
        var path = value ?? "baton.sqlite"
        if path.hasPrefix("sqlite://") { path = String(path.dropFirst("sqlite://".count)) }
        else if path.lowercased().hasPrefix("postgres://") || path.lowercased().hasPrefix("postgresql://") { return path }  // a server: kept as written (issue 16)
        else if path.contains("://") { throw reader.error("store", "\"\(value!)\" is not a store this baton can open; write a path or sqlite:///path") }
        if path.hasPrefix("~/") { path = NSHomeDirectory() + path.dropFirst(1) }
        if !path.hasPrefix("/") { path = ((folder.isEmpty ? FileManager.default.currentDirectoryPath : folder) as NSString).appendingPathComponent(path) }
        return path
    }

    static func readRotation(_ reader: inout TableReader) throws -> RotationSettings {
        guard var table = try reader.table("rotation") else {
            return RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5), lengthDays: 7)
        }
        var anchor = LocalDate(year: 2026, month: 1, day: 5)
        if let value = table.value("anchor") {
            if let date = value.date {
                anchor = LocalDate(year: date.year, month: date.month, day: date.day)
            } else if let text = value.string, let date = LocalDate(parsing: text) {
                anchor = date
            } else {
                throw table.error("anchor", "expected a date like \"2026-01-05\"")
            }
        }
        var lengthDays = 7
        if let seconds = try table.duration("length") {
            guard seconds % 86_400 == 0 else { throw table.error("length", "must be whole days or weeks, like \"1w\" or \"3d\"") }
            lengthDays = Int(seconds / 86_400)
            guard lengthDays > 0 else { throw table.error("length", "must be at least one day, like \"1w\" or \"1d\"") }
        }
        try table.rejectUnknownKeys()
        return RotationSettings(anchor: anchor, lengthDays: lengthDays)
    }

    static func readTier(_ table: TableReader, rank: Int) throws -> Tier {
        var table = table
        let id = try table.requiredString("id")
        guard let first = try table.duration("first_response") else { throw table.error("first_response", "missing; this key is required") }
        let next = try table.duration("next_response") ?? first
        let hours = try table.string("hours") ?? "24x7"
        let resolution = try table.duration("resolution")
        let warnBefore = try table.duration("warn_before") ?? Tier.defaultWarnBefore
        for (key, seconds) in [("first_response", first), ("next_response", next), ("resolution", resolution ?? 1)] where seconds <= 0 {
            throw table.error(key, "must be longer than zero")
        }
        var tier = Tier(id: id, name: try table.string("name"), short: try table.string("short"),
                        firstResponse: first, nextResponse: next, hours: hours, rank: rank,
                        resolution: resolution, pauseOnHold: try table.bool("pause_on_hold") ?? true, warnBefore: warnBefore)
        if let followUp = try table.duration("nps_follow_up") { tier.npsFollowUp = followUp }
        tier.escalateAfter = try escalateAfter(&table)
        try table.rejectUnknownKeys()
        return tier
    }

    static func readEngineer(_ table: TableReader) throws -> Engineer {
        var table = table
        var engineer = Engineer(id: try table.requiredString("id"), name: try table.string("name"),
                                region: try table.requiredString("region"), unixUser: try table.string("unix_user"),
                                slackUser: try table.string("slack_user"), email: try table.string("email"))
        try readAlertKeys(&table, into: &engineer)
        try table.rejectUnknownKeys()
        return engineer
    }

    static func readRegion(_ table: TableReader) throws -> Region {
        var table = table
        let id = try table.requiredString("id")
        guard let zone = try Self.zone(&table, "tz") else { throw table.error("tz", "missing; this key is required") }
        guard let takesPoint = try table.localTime("takes_point") else { throw table.error("takes_point", "missing; this key is required") }
        var days: Set<Int> = [1, 2, 3, 4, 5]
        if let names = try table.strings("days") {
            days = []
            for (index, name) in names.enumerated() {
                guard let day = weekdays[name.lowercased()] else {
                    throw table.error("days[\(index)]", "\"\(name)\" is not a weekday; use mon, tue, wed, thu, fri, sat, sun")
                }
                days.insert(day)
            }
        }
        let region = Region(id: id, name: try table.string("name"), timeZone: zone, takesPoint: takesPoint, days: days,
                            until: try table.localTime("until"), roster: try table.strings("roster") ?? [])
        try table.rejectUnknownKeys()
        return region
    }

    /// An IANA zone name, checked.
    static func zone(_ table: inout TableReader, _ key: String) throws -> TimeZone? {
        guard let name = try table.string(key) else { return nil }
        guard let zone = TimeZone(identifier: name) else {
            throw table.error(key, "unknown time zone \"\(name)\"; use an IANA name like \"Europe/Berlin\"")
        }
        return zone
    }

    static let weekdays = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7,
                           "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7]

    static func readCustomer(_ table: TableReader) throws -> Customer {
        var table = table
        let customer = Customer(id: try table.requiredString("id"), name: try table.string("name"),
                                tier: try table.requiredString("tier"), slackChannel: try table.string("slack_channel"),
                                emailDomains: (try table.strings("email_domains") ?? []).map { $0.lowercased() },
                                engineer: try table.string("engineer"), csm: try table.string("csm"),
                                hours: try table.string("hours"), timeZone: try Self.zone(&table, "tz"))
        try table.rejectUnknownKeys()
        return customer
    }

    /// Every reference names something that exists, and no id is used twice.
    static func validate(_ config: TeamConfig, file: String) throws {
        func fail(_ key: String, _ message: String) -> ConfigError { ConfigError(file: file, key: key, message: message) }
        func unique(_ ids: [String], _ table: String) throws {
            var seen: Set<String> = []
            for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
                throw fail("\(table)[\(index + 1)].id", "\"\(id)\" is used by an earlier [[\(table)]]")
            }
        }
        try unique(config.tiers.map(\.id), "tier")
        try unique(config.engineers.map(\.id), "engineer")
        try unique(config.regions.map(\.id), "region")
        try unique(config.customers.map(\.id), "customer")
        let engineerIDs = Set(config.engineers.map(\.id))
        let regionIDs = Set(config.regions.map(\.id))
        let tierIDs = Set(config.tiers.map(\.id))
        for (index, engineer) in config.engineers.enumerated() where !regionIDs.isEmpty && !regionIDs.contains(engineer.region) {
            throw fail("engineer[\(index + 1)].region", "no [[region]] has id \"\(engineer.region)\"")
        }
        for (index, region) in config.regions.enumerated() {
            for (position, member) in region.roster.enumerated() where !engineerIDs.contains(member) {
                throw fail("region[\(index + 1)].roster[\(position)]", "no [[engineer]] has id \"\(member)\"")
            }
        }
        for (index, customer) in config.customers.enumerated() {
            if !tierIDs.contains(customer.tier) {
                throw fail("customer[\(index + 1)].tier", "no [[tier]] has id \"\(customer.tier)\"")
            }
            if let engineer = customer.engineer, !engineerIDs.contains(engineer) {
                throw fail("customer[\(index + 1)].engineer", "no [[engineer]] has id \"\(engineer)\"")
            }
        }
    }
}
