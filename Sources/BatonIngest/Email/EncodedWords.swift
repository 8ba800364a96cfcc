import Foundation

/// RFC 2047 encoded words in headers: `=?charset?Q?...?=` and `=?charset?B?...?=`.
/// Whitespace between two adjacent encoded words is dropped, as the RFC says; a word
/// that does not decode is left as written.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var output = ""
        var pendingSpace = ""
        var lastWasEncoded = false
        var rest = Substring(value)
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let (text, after) = word(rest) {
                if !lastWasEncoded { output += pendingSpace }
                pendingSpace = ""
                output += text
                lastWasEncoded = true
                rest = after
                continue
            }
            let character = rest.removeFirst()
            if character == " " || character == "\t" {
                pendingSpace.append(character)
            } else {
                output += pendingSpace
                pendingSpace = ""
                output.append(character)
                lastWasEncoded = false
            }
        }
        return output + pendingSpace
    }

    /// One encoded word at the start of `text`, decoded, and what follows it.
    static func word(_ text: Substring) -> (String, Substring)? {
        let body = text.dropFirst(2)
        guard let q1 = body.firstIndex(of: "?") else { return nil }
        let afterCharset = body[body.index(after: q1)...]
        guard let q2 = afterCharset.firstIndex(of: "?") else { return nil }
        let encoding = afterCharset[..<q2].uppercased()
        let payloadStart = afterCharset.index(after: q2)
        guard let end = afterCharset[payloadStart...].range(of: "?=") else { return nil }
        let payload = afterCharset[payloadStart..<end.lowerBound]
        guard !payload.contains(" ") else { return nil }
        // "utf-8*en": RFC 2231 lets a language follow the charset.
        let charset = body[..<q1].split(separator: "*").first.map(String.init) ?? ""
        let bytes: [UInt8]
        switch encoding {
        case "B": bytes = TransferEncoding.base64(ArraySlice(payload.utf8))
        case "Q": bytes = TransferEncoding.quotedPrintable(ArraySlice(payload.utf8), underscoreIsSpace: true)
        default: return nil
        }
        return (Charset.decode(ArraySlice(bytes), charset: charset).text, afterCharset[end.upperBound...])
    }
}
