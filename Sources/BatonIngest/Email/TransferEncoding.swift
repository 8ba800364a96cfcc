import Foundation

/// Content-Transfer-Encoding: quoted-printable and base64 back to bytes. Both are
/// lenient, as mail readers are: stray characters are skipped, a bad `=` escape is kept
/// as written.
enum TransferEncoding {
    static func decode(_ bytes: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch encoding?.lowercased().trimmingBlanks {
        case "quoted-printable": return quotedPrintable(bytes)
        case "base64": return base64(bytes)
        default: return Array(bytes)
        }
    }

    static func quotedPrintable(_ bytes: ArraySlice<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x3D {  // "="
                let next = bytes.index(after: index)
                // A soft line break: "=" at the end of a line, maybe after trailing blanks.
                var probe = next
                while probe < bytes.endIndex, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                if probe < bytes.endIndex, bytes[probe] == 0x0A { index = probe + 1; continue }
                if probe + 1 < bytes.endIndex, bytes[probe] == 0x0D, bytes[probe + 1] == 0x0A { index = probe + 2; continue }
                if probe == bytes.endIndex { break }
                if next + 1 < bytes.endIndex, let high = hex(bytes[next]), let low = hex(bytes[next + 1]) {
                    output.append(high << 4 | low)
                    index = next + 2
                    continue
                }
                output.append(byte)
            } else if underscoreIsSpace && byte == 0x5F {
                output.append(0x20)
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    static func base64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            guard let value = base64Value(byte) else {
                if byte == 0x3D { break }  // "=" padding ends the data
                continue
            }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    static func base64Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x41...0x5A: return byte - 0x41
        case 0x61...0x7A: return byte - 0x61 + 26
        case 0x30...0x39: return byte - 0x30 + 52
        case 0x2B, 0x2D: return 62  // "+", and "-" of the URL alphabet
        case 0x2F, 0x5F: return 63  // "/", and "_"
        default: return nil
        }
    }
}
