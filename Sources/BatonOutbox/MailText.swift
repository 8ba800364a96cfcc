import Foundation

/// The encodings a reply by mail needs: RFC 2047 encoded words for header text that is
/// not ASCII, RFC 2045 quoted-printable for a body that is not plain 7-bit, RFC 5322 dates.
enum MailText {
    static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// Header text as is when ASCII, else as RFC 2047 "B" encoded words of UTF-8, each at
    /// most 75 characters and never splitting a character, separated by folding whitespace.
    static func headerText(_ text: String) -> String {
        guard !isASCII(text) else { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 36 bytes of UTF-8 make 48 base64 characters, a 60-character word: with the field
        // name in front the line stays within the 78 characters RFC 5322 recommends.
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 36 {
                words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\n ")
    }

    /// A mailbox for a header: `address`, `"Name" <address>`, or an encoded name.
    static func mailbox(name: String?, address: String) -> String {
        guard let name, !name.isEmpty, name != address else { return address }
        if !isASCII(name) { return headerText(name) + " <\(address)>" }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let plain = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || "!#$%&'*+-/=?^_`{|}~".contains($0) }
        return (plain ? name : "\"\(escaped)\"") + " <\(address)>"
    }

    /// True when the body must be quoted-printable: bytes outside 7-bit ASCII or lines over 998.
    static func needsQuotedPrintable(_ body: String) -> Bool {
        !isASCII(body) || body.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.utf8.count > 998 }
    }

    /// RFC 2045 section 6.7 quoted-printable of UTF-8 text, lines joined with LF (sendmail's
    /// local convention), encoded lines at most 76 characters with soft breaks.
    static func quotedPrintable(_ body: String) -> String {
        var out: [String] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var encoded = ""
            var length = 0
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !last)
                let piece = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if length + piece.count > 75 {
                    encoded += "=\n"
                    length = 0
                }
                encoded += piece
                length += piece.count
            }
            out.append(encoded)
        }
        return out.joined(separator: "\n")
    }

    /// RFC 5322 section 3.3 date-time in UTC: "Mon, 30 Nov 2026 06:45:00 +0000".
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
