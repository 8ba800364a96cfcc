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

    /// The longest value a field keeps: 16 KB. Longer is no header a person wrote; the cut
    /// bounds the work every decoder does on it, and `cut` names the field.
    public static let maximumValue = 16 * 1024

    /// The fields longer than `maximumValue`, cut to it: their names, in order.
    public var cut: [String] = []

    /// Parses the header block `bytes` (without the blank line after it). Continuation lines
    /// (starting with a space or tab) join the field before them, their leading blanks kept
    /// (RFC 5322 section 2.2.3); a value is trimmed of blanks at both ends. Lines that are not fields
    /// are counted in `invalidLines`; 8-bit bytes are read as UTF-8, else Latin-1. A value
    /// longer than `maximumValue` bytes is cut there and its name noted in `cut`.
    /// Linear in the length of the block: values are gathered as bytes and decoded once.
    static func parse(_ bytes: ArraySlice<UInt8>) -> (headers: MailHeaders, invalidLines: Int) {
        var names: [String] = []
        var values: [[UInt8]] = []
        var cut = Set<Int>()
        var invalid = 0
        func add(_ piece: ArraySlice<UInt8>, to field: Int) {
            let room = maximumValue - values[field].count
            guard room > 0 else { if !piece.isEmpty { cut.insert(field) }; return }
            guard piece.count > room else { values[field] += piece; return }
            cut.insert(field)
            // Cut before a UTF-8 sequence the limit would split, so the value stays UTF-8.
            var kept = piece.prefix(room)
            var dropped = 0
            while dropped < 3, let last = kept.last, (0x80...0xBF).contains(last) { kept.removeLast(); dropped += 1 }
            if let last = kept.last, last >= 0xC0 { kept.removeLast() }
            values[field] += kept
        }
        for line in Lines.split(bytes) {
            guard let first = line.first else { continue }
            if first == 0x20 || first == 0x09 {
                // Unfolding removes the line break and nothing else (RFC 5322 section 2.2.3):
                // the blanks that start the line stay, a tab as a tab.
                if values.isEmpty { invalid += 1 } else { add(line, to: values.count - 1) }
                continue
            }
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                invalid += 1
                continue
            }
            names.append(String(decoding: line[line.startIndex..<colon], as: UTF8.self))
            values.append([])
            add(trimmed(line[line.index(after: colon)...]), to: values.count - 1)
        }
        var headers = MailHeaders()
        headers.fields = zip(names, values).map { ($0, Charset.headerText(trimmed($1[...]))) }
        headers.cut = cut.sorted().map { names[$0] }
        return (headers, invalid)
    }

    /// One warning for each field that was cut, naming it.
    var cutWarnings: [String] {
        cut.map { "header \($0) is longer than \(Self.maximumValue / 1024) KB; only its first \(Self.maximumValue / 1024) KB were read" }
    }

    /// The bytes without the spaces and tabs around them.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice.removeLast() }
        return slice
    }
}

extension String {
    /// Equal but for the case of ASCII letters, as header field names compare (RFC 5322
    /// section 1.2.2); compared in the UTF-8 bytes, so a lookup allocates nothing.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        for (a, b) in zip(utf8, other.utf8) where a != b {
            guard a | 0x20 == b | 0x20, (0x61...0x7A).contains(a | 0x20) else { return false }
        }
        return true
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
