import Foundation

/// A message's or a part's header fields, unfolded, in order. Values stay raw (encoded
/// words undecoded); names compare without case.
public struct MailHeaders: Sendable {
    public var fields: [(name: String, value: String)] = []

    public subscript(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    public func all(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// Parses the header block `bytes` (without the blank line after it). Continuation lines
    /// (starting with a space or tab) join the field before them. Lines that are not fields
    /// are counted in `invalidLines`; 8-bit bytes are read as UTF-8, else Latin-1.
    static func parse(_ bytes: ArraySlice<UInt8>) -> (headers: MailHeaders, invalidLines: Int) {
        var headers = MailHeaders()
        var invalid = 0
        for line in Lines.split(bytes) {
            guard let first = line.first else { continue }
            if first == 0x20 || first == 0x09 {
                if let last = headers.fields.indices.last {
                    headers.fields[last].value += " " + Charset.headerText(line).trimmingCharacters(in: .whitespaces)
                } else {
                    invalid += 1
                }
                continue
            }
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                invalid += 1
                continue
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            let value = Charset.headerText(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headers.fields.append((name, value))
        }
        return (headers, invalid)
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        count == other.count && lowercased() == other.lowercased()
    }
}

/// Lines of a byte buffer, without their CRLF or LF.
enum Lines {
    static func split(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0x0A {
                var end = index
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                lines.append(bytes[start..<end])
                start = index + 1
            }
            index += 1
        }
        if start < bytes.endIndex {
            var end = bytes.endIndex
            if bytes[end - 1] == 0x0D { end -= 1 }
            lines.append(bytes[start..<end])
        }
        return lines
    }

    /// Where the header block ends and the body starts: after the first empty line.
    static func headerEnd(_ bytes: ArraySlice<UInt8>) -> (headerEnd: Int, bodyStart: Int)? {
        var index = bytes.startIndex
        var lineStart = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0x0A {
                let line = bytes[lineStart..<index]
                if line.isEmpty || (line.count == 1 && line.first == 0x0D) { return (lineStart, index + 1) }
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }
}
