import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Bytes in a charset to text through the system's converter (glibc's iconv, iconv(3)).
/// Bytes the charset cannot read become U+FFFD, one for each, and decoding goes on after
/// them; a sequence cut short at the end is one U+FFFD. Linear in the input.
enum Iconv {
    /// The text, or nil when iconv knows none of `names`.
    static func decode(_ bytes: ArraySlice<UInt8>, names: [String]) -> String? {
        for name in names {
            let converter = iconv_open("UTF-8", name)
            if converter == iconv_t(bitPattern: -1) { continue }
            defer { iconv_close(converter) }
            return decode(bytes, with: converter)
        }
        return nil
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, with converter: iconv_t?) -> String {
        var input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var inPointer = UnsafeMutableRawPointer(inputBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
            var inLeft = inputBuffer.count
            var flushed = false
            while !flushed {
                let wasFlush = inLeft == 0
                let (result, failure, produced) = buffer.withUnsafeMutableBufferPointer { outBuffer -> (Int, Int32, Int) in
                    var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                    var outLeft = outBuffer.count
                    // At the end of the input, a nil input flushes what a stateful converter holds
                    // back: ISO-2022's shift state, CP1255's last letter (kept for a combining mark).
                    if inLeft == 0 {
                        let result = iconv(converter, nil, nil, &outPointer, &outLeft)
                        return (result, errno, outBuffer.count - outLeft)
                    }
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, errno, outBuffer.count - outLeft)
                }
                output += buffer[..<produced]
                if result != -1 {
                    if wasFlush { flushed = true }
                    continue
                }
                switch failure {
                case E2BIG:
                    continue
                case EILSEQ where inLeft > 0:
                    // A byte this charset cannot read: show it as U+FFFD and read on after it.
                    output += replacement
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                default:
                    // EINVAL: a sequence cut short at the end.
                    if inLeft > 0 { output += replacement }
                    return
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
