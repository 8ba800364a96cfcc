import Foundation

/// Subjects and message text as the store keeps them.
enum StoredText {
    static let maximumLength = 100

    /// A conversation's subject from its first message: the first line with text, cut short.
    static func subject(_ body: String) -> String {
        var rest = Substring(body)
        // Lines are found in the bytes, so a long message is not read Character by Character.
        while !rest.isEmpty {
            let end = rest.utf8.firstIndex { (0x0A...0x0D).contains($0) } ?? rest.endIndex
            if let line = firstLineWithText(rest[..<end]) { return shortened(line) }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
        }
        return "(no subject)"
    }

    /// The first line of `text` with more than white space in it. A line found by its
    /// ASCII breaks may still hold NEL or the Unicode line separators.
    private static func firstLineWithText(_ text: Substring) -> String? {
        let lines = text.utf8.contains { $0 >= 0x80 } ? text.split(whereSeparator: \.isNewline) : [text]
        return lines.lazy.map(trimmed).first { !$0.isEmpty }.map(String.init)
    }

    /// The line without the blanks around it: spaces and tabs, as CharacterSet.whitespaces
    /// has them (whose trimmingCharacters took 15 us a line on Linux), and the invisible
    /// format characters, so a line of zero-width spaces is no subject.
    private static func trimmed(_ line: Substring) -> Substring {
        let scalars = line.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
        return Substring(scalars[first...last])
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x80 else { return scalar == " " || scalar == "\t" }
        let category = scalar.properties.generalCategory
        return category == .spaceSeparator || category == .format
    }

    private static func shortened(_ line: String) -> String {
        guard let limit = line.index(line.startIndex, offsetBy: maximumLength, limitedBy: line.endIndex), limit < line.endIndex else { return line }
        return String(line.prefix(maximumLength - 1)) + "…"
    }

    /// The most of one message's text the store keeps, in bytes of UTF-8, with the note
    /// saying so: 256 KB, for mail and Slack alike. Longer is no conversation turn (a log
    /// pasted whole), and one 200 MB Slack message must not sit in every engineer's screen.
    static let maximumMessage = 256 * 1024

    /// What a cut message ends with, so the thread says that more was written.
    static let cutNote = "\n[… the rest of this message was not stored]"

    /// `text` cut so that it and the note take at most `limit` bytes of UTF-8, at a
    /// character boundary; unchanged when it fits. Linear in `limit`, not in the text.
    static func capped(_ text: String, limit: Int = maximumMessage, note: String = cutNote) -> String {
        guard text.utf8.count > limit else { return text }
        let room = max(0, limit - note.utf8.count)
        var cut = String(decoding: text.utf8.prefix(room), as: UTF8.self)
        // A character split by the cut decodes as U+FFFD: drop it, and any half grapheme.
        if cut.unicodeScalars.last == "\u{FFFD}" { cut.unicodeScalars.removeLast() }
        return cut + note
    }

    /// Text kept as written, except NUL: SQLite's text functions and C strings stop at it.
    static func storable(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\0", with: "\u{FFFD}") : text
    }
}
