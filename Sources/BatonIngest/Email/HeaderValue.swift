import Foundation

/// A structured header value such as Content-Type or Content-Disposition: a main value
/// and `; name=value` parameters (quoted or not, names without case).
struct HeaderValue: Equatable {
    var value: String
    var parameters: [String: String]

    init(_ raw: String) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in raw {
            if escaped { current.append(character); escaped = false; continue }
            if quoted && character == "\\" { escaped = true; continue }
            if character == "\"" { quoted.toggle(); continue }
            if character == ";" && !quoted { parts.append(current); current = ""; continue }
            current.append(character)
        }
        parts.append(current)
        value = parts[0].trimmingBlanks.lowercased()
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = part[..<equals].trimmingBlanks.lowercased()
            let value = part[part.index(after: equals)...].trimmingBlanks
            // RFC 2231 "filename*=utf-8''r%C3%A9sum%C3%A9.pdf": keep the plain name when there is one.
            if name.hasSuffix("*") {
                let plain = String(name.dropLast())
                if parameters[plain] == nil { parameters[plain] = Self.rfc2231(value) }
            } else {
                parameters[name] = value
            }
        }
        self.parameters = parameters
    }

    static func rfc2231(_ value: String) -> String {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { return value.removingPercentEncoding ?? value }
        return String(pieces[2]).removingPercentEncoding ?? String(pieces[2])
    }
}
