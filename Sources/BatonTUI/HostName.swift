import Foundation

/// This box's name, for presence rows: gethostname(2) alone, never a DNS lookup, so a box
/// with no resolver does not stall the screen.
public enum HostName {
    public static let current: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
}
