import Foundation

/// A JSON decoding error in words: where in the file (line and column when the parser
/// says the offset) and what was expected.
enum JSONProblem {
    static func describe(_ error: any Error, in data: Data) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case let .dataCorrupted(context):
            if let place = syntaxError(in: data) { return "malformed JSON: \(place)" }
            return "malformed JSON: \(context.debugDescription)"
        case let .typeMismatch(type, context):
            return "unexpected JSON shape at \(path(context.codingPath)): expected \(kind(of: type)), found \(found(in: context.debugDescription))"
        case let .valueNotFound(_, context):
            return "unexpected JSON shape at \(path(context.codingPath)): \(context.debugDescription)"
        case let .keyNotFound(key, context):
            return "missing \"\(key.stringValue)\" at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }

    /// JSONDecoder does not say where; JSONSerialization says "around character N", which
    /// becomes a line and column.
    static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let said = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            guard let range = said.range(of: #"character \d+"#, options: .regularExpression),
                  let offset = Int(said[range].dropFirst("character ".count)) else { return said }
            let before = data.prefix(offset)
            let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            let what = said[..<range.lowerBound].replacingOccurrences(of: " around ", with: "").trimmingCharacters(in: .whitespaces)
            return "\(what.isEmpty ? "syntax error" : what.lowercased()) at line \(line), column \(column)"
        }
    }

    /// A Swift type as JSON calls it.
    static func kind(of type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") { return "an object" }
        if name == "String" { return "a string" }
        if name == "Bool" { return "true or false" }
        if ["Int", "Int64", "Double", "Float"].contains(name) { return "a number" }
        return "an object"
    }

    /// What JSONDecoder says it found ("... but found a dictionary instead."), as JSON calls it.
    static func found(in description: String) -> String {
        guard let range = description.range(of: "found "), let end = description.range(of: " instead", range: range.upperBound..<description.endIndex) else {
            return "something else"
        }
        let what = String(description[range.upperBound..<end.lowerBound])
        switch what {
        case "a dictionary": return "an object"
        case "a null value", "null": return "null"
        default: return what
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
