import Foundation

/// An HTML body turned into plain text, for mail that has no text/plain part: tags go,
/// block ends become line breaks, scripts and styles vanish, entities are decoded.
enum HTMLText {
    static func text(_ html: String) -> String {
        var output = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            output += entities(rest[..<open])
            guard let close = rest[open...].firstIndex(of: ">") else { rest = rest[rest.endIndex...]; break }
            let tag = rest[rest.index(after: open)..<close].lowercased()
            let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "\n" || $0 == "\t" }).first.map(String.init) ?? ""
            rest = rest[rest.index(after: close)...]
            if name == "script" || name == "style" || name == "head" {
                // Skip to the matching end tag: their content is not text.
                if let end = endTag(name, in: rest) {
                    rest = rest[end...]
                    if let gt = rest.firstIndex(of: ">") { rest = rest[rest.index(after: gt)...] }
                } else {
                    rest = rest[rest.endIndex...]
                }
                continue
            }
            if ["br", "p", "/p", "div", "/div", "tr", "/tr", "li", "h1", "h2", "h3", "/h1", "/h2", "/h3", "blockquote", "/blockquote"].contains(name) {
                output += name == "li" ? "\n- " : "\n"
            }
        }
        output += entities(rest)
        // Collapse the runs of blank lines that block tags leave behind.
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(trimmed)
        var kept: [Substring] = []
        for line in lines where !(line.isEmpty && (kept.last?.isEmpty ?? true)) { kept.append(line) }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Where `</name` first ends in `text`, names compared without case. Searched in the
    /// bytes: Foundation's case-insensitive `range(of:)` copied the rest of the document
    /// for every call, which made a page of many empty `<style>` tags quadratic.
    static func endTag(_ name: String, in text: Substring) -> Substring.Index? {
        let pattern = Array("</\(name)".utf8)
        let bytes = text.utf8
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: 0x3C) {
            var probe = open
            var matched = 0
            while matched < pattern.count, probe < bytes.endIndex, lower(bytes[probe]) == pattern[matched] {
                matched += 1
                probe = bytes.index(after: probe)
            }
            if matched == pattern.count { return probe }
            index = bytes.index(after: open)
        }
        return nil
    }

    /// A line without the white space around it, in Swift: Foundation's trimming costs
    /// microseconds a line, and a page of `<br>` is many lines.
    static func trimmed(_ line: Substring) -> Substring {
        guard let first = line.firstIndex(where: { !$0.isWhitespace }), let last = line.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return line[first...last]
    }

    static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }

    static func entities(_ text: Substring) -> String {
        guard text.utf8.contains(0x26) else { return spaced(text) }
        var output = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(longestName).firstIndex(of: ";"), let decoded = entity(after[..<semi]) {
                output += decoded
                rest = after[after.index(after: semi)...]
            } else {
                output += "&"
                rest = after
            }
        }
        output += rest
        return spaced(Substring(output))
    }

    /// Line breaks inside a block are spaces, as a browser shows them. In Swift, not
    /// Foundation: its `replacingOccurrences` cost microseconds a call, and a page of
    /// many small tags calls it once a tag.
    static func spaced(_ text: Substring) -> String {
        guard text.utf8.contains(0x0A) else { return String(text) }
        return String(decoding: text.utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
    }

    static func entity(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) } }
        // A no-break space reads as a space in plain text, as it did before the full table.
        if name == "nbsp" { return " " }
        return named[String(name)]
    }

    /// The HTML5 named character references (HTMLEntities.swift, generated), by name
    /// without its ';'.
    static let named: [String: String] = {
        var table: [String: String] = [:]
        table.reserveCapacity(2_200)
        for line in namedTable.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2 else { continue }
            var value = String.UnicodeScalarView()
            for hex in fields.dropFirst() { if let scalar = UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init) { value.append(scalar) } }
            table[String(fields[0])] = String(value)
        }
        return table
    }()

    /// The longest name ("CounterClockwiseContourIntegral") and its ';'.
    static let longestName = 32
}
