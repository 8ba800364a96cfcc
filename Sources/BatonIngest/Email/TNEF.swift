import Foundation

/// Outlook's winmail.dat (application/ms-tnef, [MS-OXTNEF]): read only for the message's
/// plain text body, PR_BODY, which Outlook keeps among the MAPI properties (attMAPIProps)
/// or, in old writers, as the attBody attribute. Every length is checked against what
/// is left: a crafted file ends the reading, never the process.
enum TNEF {
    static let signature: UInt32 = 0x223E_9F78
    static let attBody: UInt32 = 0x0001_800C
    static let attMAPIProps: UInt32 = 0x0006_9003
    static let prBody: UInt16 = 0x1000

    /// The plain body, or nil when the file has none (only RTF or HTML) or is not TNEF.
    static func plainBody(_ bytes: [UInt8]) -> String? {
        var reader = Reader(bytes: bytes)
        guard reader.u32() == signature, reader.u16() != nil else { return nil }
        var fallback: String?
        while reader.remaining > 0 {
            guard let _ = reader.u8(), let id = reader.u32(), let length = reader.u32(), let data = reader.take(Int(length)),
                  reader.u16() != nil else { break }
            if id == attMAPIProps, let body = mapiBody(data) { return body }
            if id == attBody { fallback = Charset.decode(data[...].prefix { $0 != 0 }, charset: "windows-1252").text }
        }
        return fallback
    }

    /// PR_BODY among MAPI properties ([MS-OXTNEF] 2.1.3.4): a count, then each property's
    /// type, id, (for named ones) its name, and its values, padded to four bytes.
    static func mapiBody(_ data: [UInt8]) -> String? {
        var reader = Reader(bytes: data)
        guard let count = reader.u32() else { return nil }
        for _ in 0..<min(count, 100_000) {
            guard let type = reader.u16(), let id = reader.u16() else { return nil }
            if id >= 0x8000 {
                guard reader.take(16) != nil, let kind = reader.u32() else { return nil }
                if kind == 0 { guard reader.u32() != nil else { return nil } } else {
                    guard let length = reader.u32(), reader.take(padded(Int(length))) != nil else { return nil }
                }
            }
            let multiple = type & 0x1000 != 0
            let base = type & 0x0FFF
            var values = 1
            if multiple || [0x1E, 0x1F, 0x102, 0x0D].contains(base) {
                guard let n = reader.u32() else { return nil }
                values = Int(n)
            }
            for _ in 0..<min(values, 100_000) {
                switch base {
                case 0x1E, 0x1F, 0x102, 0x0D:
                    guard let length = reader.u32(), let value = reader.take(Int(length)), reader.take(padded(Int(length)) - Int(length)) != nil else { return nil }
                    if id == prBody && (base == 0x1E || base == 0x1F) {
                        let text = base == 0x1F ? Charset.decode(value[...], charset: "utf-16le").text : Charset.decode(value[...], charset: "windows-1252").text
                        return text.trimmingCharacters(in: CharacterSet(charactersIn: "\0"))
                    }
                case 0x02, 0x03, 0x04, 0x0A, 0x0B: guard reader.take(4) != nil else { return nil }
                case 0x05, 0x06, 0x07, 0x14, 0x40: guard reader.take(8) != nil else { return nil }
                case 0x48: guard reader.take(16) != nil else { return nil }
                default: return nil  // a type we cannot size: stop rather than misread
                }
            }
        }
        return nil
    }

    static func padded(_ length: Int) -> Int { (length + 3) & ~3 }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var remaining: Int { bytes.count - offset }

        mutating func take(_ count: Int) -> [UInt8]? {
            guard count >= 0, count <= remaining else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }
        mutating func u8() -> UInt8? { take(1)?[0] }
        mutating func u16() -> UInt16? { take(2).map { UInt16($0[0]) | UInt16($0[1]) << 8 } }
        mutating func u32() -> UInt32? { take(4).map { UInt32($0[0]) | UInt32($0[1]) << 8 | UInt32($0[2]) << 16 | UInt32($0[3]) << 24 } }
    }
}
