import Foundation

/// A JSON decoding error in words: where in the file (line and column when the parser
/// says the offset) and what was expected.
enum JSONProblem {
    static func describe(_ error: any Error, in data: Data) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case let .dataCorrupted(context):
            let underlying = (context.underlyingError.map { "\($0)" }) ?? ""
            let detail = [context.debugDescription, underlying].filter { !$0.isEmpty }.joined(separator: ": ")
            return "malformed JSON: \(detail)"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "unexpected JSON shape at \(path(context.codingPath)): \(context.debugDescription)"
        case let .keyNotFound(key, context):
            return "missing \"\(key.stringValue)\" at \(path(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
