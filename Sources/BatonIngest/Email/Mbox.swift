import Foundation

/// An mbox file split into its messages: each starts at a "From " line at the top of
/// the file or after a blank line. ">From " lines are unquoted (mboxrd), so the stored
/// text reads as it was sent.
public enum Mbox {
    public struct Entry {
        /// 1-based place in the file, and the line its "From " separator is on.
        public var number: Int
        public var line: Int
        public var raw: [UInt8]
        /// The delivery time its "From " line carries, if it parses.
        public var deliveredAt: Date?
    }

    public static func messages(_ bytes: [UInt8]) -> [Entry] {
        var entries: [Entry] = []
        var current: [UInt8] = []
        var currentLine = 1
        var lineNumber = 0
        var previousBlank = true
        var started = false
        var currentDelivered: Date?
        for line in Lines.splitKeepingEnds(bytes[...]) {
            lineNumber += 1
            if previousBlank && line.starts(with: from) {
                if started { entries.append(Entry(number: entries.count + 1, line: currentLine, raw: trimmed(current), deliveredAt: currentDelivered)) }
                currentDelivered = MailDate.mboxSeparator(String(decoding: line.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
                current = []
                currentLine = lineNumber
                started = true
                previousBlank = false
                continue
            }
            previousBlank = line.allSatisfy { $0 == 0x0A || $0 == 0x0D }
            guard started else { continue }
            if line.first == 0x3E, let unquoted = unquote(line) { current += unquoted } else { current += line }
        }
        if started { entries.append(Entry(number: entries.count + 1, line: currentLine, raw: trimmed(current), deliveredAt: currentDelivered)) }
        return entries
    }

    static let from = Array("From ".utf8)

    /// ">From " → "From ", ">>From " → ">From ".
    static func unquote(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let rest = line.drop { $0 == 0x3E }
        return rest.starts(with: from) ? line.dropFirst() : nil
    }

    /// The blank line before the next separator belongs to the format, not the message.
    static func trimmed(_ message: [UInt8]) -> [UInt8] {
        var end = message.count
        if end > 0, message[end - 1] == 0x0A { end -= 1; if end > 0, message[end - 1] == 0x0D { end -= 1 } }
        if end > 0, message[end - 1] == 0x0A { return Array(message[..<end]) }
        return message
    }
}

extension Lines {
    /// Lines with their line ends, so that joining them gives the bytes back.
    static func splitKeepingEnds(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.endIndex { lines.append(bytes[start...]) }
        return lines
    }
}
