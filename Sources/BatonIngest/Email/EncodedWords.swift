import Foundation

/// RFC 2047 encoded words in headers: `=?charset?Q?...?=` and `=?charset?B?...?=`.
/// Whitespace between two adjacent encoded words is dropped, as the RFC says; adjacent
/// words in one charset are joined before decoding (RFC 2047 section 6.2), so a character
/// split across two words decodes whole. A word that does not decode is left as written.
///
/// Linear in the length of the header: an encoded word's parts hold no `?` (RFC 2047
/// section 2), so every attempt stops at the third `?` after its `=?`, and no character
/// is looked at by more than three attempts. (The decoder before this searched for `?=`
/// from every `=?`: 100 KB of `=?a?b` took 15 s.)
enum EncodedWords {
    static func decode(_ value: String) -> String {
        var unknown: [String] = []
        return decode(value, unknownCharsets: &unknown)
    }

    /// The decoded text; the charsets of words that no converter knows are added to
    /// `unknownCharsets` (their bytes read as UTF-8, else U+FFFD).
    static func decode(_ value: String, unknownCharsets: inout [String]) -> String {
        guard value.contains("=?") else { return value }
        let bytes = Array(value.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        // Encoded words waiting to be decoded together: their charset and bytes so far.
        var run: (charset: String, bytes: [UInt8])?
        var pendingSpace: Range<Int>?
        var lastWasEncoded = false
        func flush() {
            guard let pending = run else { return }
            let (text, known) = Charset.decode(pending.bytes[...], charset: pending.charset)
            if !known && !unknownCharsets.contains(pending.charset) { unknownCharsets.append(pending.charset) }
            output += Array(text.utf8)
            run = nil
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x3D, index + 1 < bytes.count, bytes[index + 1] == 0x3F, let word = word(bytes, at: index) {
                if !lastWasEncoded, let space = pendingSpace { output += bytes[space] }
                pendingSpace = nil
                if let pending = run, pending.charset.lowercased() != word.charset.lowercased() { flush() }
                if run == nil { run = (word.charset, []) }
                run!.bytes += word.bytes
                lastWasEncoded = true
                index = word.end
                continue
            }
            if byte == 0x20 || byte == 0x09 {
                pendingSpace = (pendingSpace?.lowerBound ?? index)..<(index + 1)
            } else {
                flush()
                if let space = pendingSpace { output += bytes[space] }
                pendingSpace = nil
                output.append(byte)
                lastWasEncoded = false
            }
            index += 1
        }
        flush()
        if let space = pendingSpace { output += bytes[space] }
        return String(decoding: output, as: UTF8.self)
    }

    /// One encoded word starting at `start` (which holds `=?`): its charset, its bytes
    /// (transfer-decoded, not yet in the charset), and where it ends.
    static func word(_ bytes: [UInt8], at start: Int) -> (charset: String, bytes: [UInt8], end: Int)? {
        func nextQuestionMark(from index: Int) -> Int? {
            var index = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x3F { return index }
                // No encoded word holds white space (RFC 2047 section 5).
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return nil }
                index += 1
            }
            return nil
        }
        let charsetStart = start + 2
        guard let q1 = nextQuestionMark(from: charsetStart), q1 > charsetStart,
              q1 + 2 < bytes.count, bytes[q1 + 2] == 0x3F else { return nil }
        let encoding = bytes[q1 + 1] | 0x20  // lower case
        let payloadStart = q1 + 3
        guard let q3 = nextQuestionMark(from: payloadStart), q3 + 1 < bytes.count, bytes[q3 + 1] == 0x3D else { return nil }
        let payload = bytes[payloadStart..<q3]
        // "utf-8*en": RFC 2231 lets a language follow the charset.
        let charsetBytes = bytes[charsetStart..<q1]
        let charset = String(decoding: charsetBytes.prefix { $0 != 0x2A }, as: UTF8.self)
        let decoded: [UInt8]
        switch encoding {
        case 0x62: decoded = TransferEncoding.base64(payload)  // "b"
        case 0x71: decoded = TransferEncoding.quotedPrintable(payload, underscoreIsSpace: true)  // "q"
        default: return nil
        }
        return (charset, decoded, q3 + 2)
    }
}
