import Foundation

/// Subjects and message text as the store keeps them.
enum StoredText {
    static let maximumLength = 100

    /// A conversation's subject from its first message: the first line with text, cut short.
    static func subject(_ body: String) -> String {
        let line = body.split(whereSeparator: \.isNewline).lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        if line.isEmpty { return "(no subject)" }
        return line.count > maximumLength ? String(line.prefix(maximumLength - 1)) + "…" : line
    }

    /// Text kept as written, except NUL: SQLite's text functions and C strings stop at it.
    static func storable(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\0", with: "\u{FFFD}") : text
    }
}
