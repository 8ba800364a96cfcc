import Foundation

/// Bytes in a named charset turned into text. UTF-8, US-ASCII, ISO-8859-1 and -15 and
/// Windows-1252 are decoded here (they are most mail); every other charset goes through
/// the WHATWG Encoding Standard's label table to glibc's iconv, a superset first where it
/// has one (`CharsetLabels`). A charset nothing knows is reported, and its text kept with
/// each byte that is not UTF-8 shown as U+FFFD: never silent mojibake.
enum Charset {
    /// The text, and whether the charset was known.
    static func decode(_ bytes: ArraySlice<UInt8>, charset: String?) -> (text: String, known: Bool) {
        let name = (charset ?? "us-ascii").lowercased().trimmingBlanks
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "":
            return (utf8OrFallback(bytes), true)
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1", "iso-ir-100":
            return (latin1(bytes), true)
        case "windows-1252", "cp1252", "x-cp1252":
            return (windows1252(bytes), true)
        case "iso-8859-15", "iso8859-15", "latin-9", "latin9":
            return (latin9(bytes), true)
        default:
            // Pure ASCII reads the same in every charset mail uses (not UTF-16, not ISO-2022's escapes).
            var names = CharsetLabels.iconvNames(name)
            if names.isEmpty { return (utf8OrFallback(bytes), true) }
            var bytes = bytes
            if let encoding = CharsetLabels.encodingName(name), encoding.hasPrefix("UTF-16") {
                // A byte order mark says which UTF-16 it is, whatever the label says.
                if bytes.starts(with: [0xFE, 0xFF]) { names = ["UTF-16BE"]; bytes = bytes.dropFirst(2) }
                else if bytes.starts(with: [0xFF, 0xFE]) { names = ["UTF-16LE"]; bytes = bytes.dropFirst(2) }
            }
            if let text = Iconv.decode(bytes, names: names) { return (text, true) }
            return (String(decoding: bytes, as: UTF8.self), false)
        }
    }

    /// Valid UTF-8 as UTF-8; anything else as Windows-1252, which every byte decodes in.
    static func utf8OrFallback(_ bytes: ArraySlice<UInt8>) -> String {
        String(validating: bytes, as: UTF8.self) ?? windows1252(bytes)
    }

    /// Header bytes: 8-bit headers are usually UTF-8 (RFC 6532), otherwise Latin-1.
    static func headerText(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self) ?? latin1(bytes)
    }

    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte < 0xA0, let mapped = cp1252High[Int(byte - 0x80)] {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    static func latin9(_ bytes: ArraySlice<UInt8>) -> String {
        let changes: [UInt8: Unicode.Scalar] = [0xA4: "\u{20AC}", 0xA6: "\u{160}", 0xA8: "\u{161}", 0xB4: "\u{17D}",
                                                0xB8: "\u{17E}", 0xBC: "\u{152}", 0xBD: "\u{153}", 0xBE: "\u{178}"]
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(changes[byte] ?? Unicode.Scalar(byte)) }
        return String(scalars)
    }

    /// Windows-1252's 0x80...0x9F; the five unassigned bytes keep their C1 code points.
    static let cp1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}
