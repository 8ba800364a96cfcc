import Foundation
import TOMLKit

/// Reads a theme file: one table per role, each with `fg`, `bg`, `bold`, `reverse`,
/// `underline`, `dim`. A role left out looks like `normal`; an unknown role, key or
/// color is an error that names the file and the key.
public enum ThemeFile {
    public static func load(path: String) throws -> Theme {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(file: path, key: "", message: "cannot be read")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(text, name: name, file: path)
    }

    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        let root: TOMLTable
        do {
            try TOMLGuard.check(text, file: file)
            try TOMLGuard.checkArrays(text, file: file)
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, key: "", message: "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        var reader = TableReader(root, file: file)
        var styles: [ThemeRole: Style] = [:]
        for role in ThemeRole.allCases {
            guard var table = try reader.table(role.rawValue) else { continue }
            var style = Style()
            style.foreground = try color(&table, "fg")
            style.background = try color(&table, "bg")
            style.bold = try table.bool("bold") ?? false
            style.reverse = try table.bool("reverse") ?? false
            style.underline = try table.bool("underline") ?? false
            style.dim = try table.bool("dim") ?? false
            try table.rejectUnknownKeys()
            styles[role] = style
        }
        try reader.rejectUnknownKeys()
        let normal = styles[.normal] ?? .plain
        for role in ThemeRole.allCases where styles[role] == nil { styles[role] = normal }
        return Theme(name: name, styles: styles)
    }

    static func color(_ table: inout TableReader, _ key: String) throws -> ThemeColor {
        guard let value = table.value(key) else { return .terminalDefault }
        if let index = value.int {
            guard (0...255).contains(index) else { throw table.error(key, "color \(index) is out of range 0 to 255") }
            return .indexed(index)
        }
        guard let name = value.string, let color = ThemeColor(name: name) else {
            let shown = value.string.map { "\"\($0)\"" } ?? TableReader.describe(value)
            throw table.error(key, "\(shown) is not a color; use default, black, red, green, yellow, blue, magenta, cyan, white, bright_NAME or 0 to 255")
        }
        return color
    }
}
