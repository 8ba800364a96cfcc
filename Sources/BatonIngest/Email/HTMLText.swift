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
                if let end = rest.range(of: "</\(name)", options: .caseInsensitive) {
                    rest = rest[end.upperBound...]
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
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var kept: [String] = []
        for line in lines where !(line.isEmpty && (kept.last?.isEmpty ?? true)) { kept.append(line) }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func entities(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text).replacingOccurrences(of: "\n", with: " ") }
        var output = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";"), let decoded = entity(after[..<semi]) {
                output += decoded
                rest = after[after.index(after: semi)...]
            } else {
                output += "&"
                rest = after
            }
        }
        output += rest
        return output.replacingOccurrences(of: "\n", with: " ")
    }

    static func entity(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) } }
        return named[String(name)]
    }

    static let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "copy": "©",
                        "reg": "®", "hellip": "…", "mdash": "—", "ndash": "–", "rsquo": "’", "lsquo": "‘",
                        "rdquo": "”", "ldquo": "“", "euro": "€", "eacute": "é", "egrave": "è", "uuml": "ü",
                        "ouml": "ö", "auml": "ä", "szlig": "ß"]
}
