import BatonCore
import TOMLKit

/// Reads one TOML table, naming each key by its full path in errors, and refusing keys
/// it was not asked for, so that a typo is an error instead of a silently ignored line.
struct TableReader {
    let table: TOMLTable
    let file: String
    let path: String
    private(set) var seen: Set<String> = []

    init(_ table: TOMLTable, file: String, path: String = "") {
        self.table = table
        self.file = file
        self.path = path
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, key: key.isEmpty ? path : keyPath(key), message: message)
    }

    mutating func value(_ key: String) -> TOMLValueConvertible? {
        seen.insert(key)
        return table[key]
    }

    mutating func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.string else { throw error(key, "expected a string, found \(Self.describe(value))") }
        return string
    }

    mutating func requiredString(_ key: String) throws -> String {
        guard let string = try string(key) else { throw error(key, "missing; this key is required") }
        guard !string.isEmpty else { throw error(key, "must not be empty") }
        return string
    }

    mutating func strings(_ key: String) throws -> [String]? {
        guard let value = value(key) else { return nil }
        guard let array = value.array else { throw error(key, "expected an array of strings, found \(Self.describe(value))") }
        return try array.enumerated().map { index, item in
            guard let string = item.string else {
                throw error("\(key)[\(index)]", "expected a string, found \(Self.describe(item))")
            }
            return string
        }
    }

    mutating func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard let bool = value.bool else { throw error(key, "expected true or false, found \(Self.describe(value))") }
        return bool
    }

    /// The longest duration a config may give, in seconds: 100 years of 365.25 days.
    static let longestDuration: Int64 = 3_155_760_000

    mutating func duration(_ key: String) throws -> Int64? {
        guard let text = try string(key) else { return nil }
        guard let seconds = DurationParser.seconds(text) else {
            throw error(key, "\"\(text)\" is not a duration; write it like \"30m\", \"1h\", \"4h\", \"1d\" or \"1w\"")
        }
        // A target or a rotation past a century is a typo; unbounded, it ran deadlines past
        // year 9999, where whole seconds no longer fit the store's integers.
        guard seconds <= Self.longestDuration else {
            throw error(key, "\"\(text)\" is longer than 100 years; write it like \"30m\", \"1h\", \"4h\", \"1d\" or \"1w\"")
        }
        return seconds
    }

    mutating func localTime(_ key: String) throws -> LocalTime? {
        guard let text = try string(key) else { return nil }
        guard let time = LocalTime(parsing: text) else { throw error(key, "\"\(text)\" is not a time of day; write it as HH:MM, like \"07:00\"") }
        return time
    }

    /// Items of an array of tables (`[[region]]`), each with a reader named `key[n]` (from 1, as people count).
    mutating func tables(_ key: String) throws -> [TableReader] {
        guard let value = value(key) else { return [] }
        guard let array = value.array else { throw error(key, "expected [[\(key)]] tables, found \(Self.describe(value))") }
        return try array.enumerated().map { index, item in
            guard let table = item.table else { throw error("\(key)[\(index + 1)]", "expected a table, found \(Self.describe(item))") }
            return TableReader(table, file: file, path: keyPath("\(key)[\(index + 1)]"))
        }
    }

    mutating func table(_ key: String) throws -> TableReader? {
        guard let value = value(key) else { return nil }
        guard let table = value.table else { throw error(key, "expected a table, found \(Self.describe(value))") }
        return TableReader(table, file: file, path: keyPath(key))
    }

    /// Fails on the first key that no one read.
    func rejectUnknownKeys(known extra: [String] = []) throws {
        for key in table.keys.sorted() where !seen.contains(key) && !extra.contains(key) {
            throw error(key, "unknown key")
        }
    }

    static func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "a string"
        case .int: return "a number"
        case .double: return "a number"
        case .bool: return "true or false"
        case .table: return "a table"
        case .array: return "an array"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date and time"
        default: return "a value"
        }
    }
}
