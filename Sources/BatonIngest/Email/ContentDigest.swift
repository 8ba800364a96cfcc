import Crypto
import Foundation

/// SHA-256 (FIPS 180-4) of bytes as 64 lowercase hex digits: the key of mail without a
/// Message-ID, the quarantine's duplicate check, an attachment's file name.
enum ContentDigest {
    static func sha256Hex(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// Hex digits written straight into the string's storage: `String(format: "%02x")` per
    /// byte went through Foundation's formatter, 64 calls a message (7% of a maildir import).
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
