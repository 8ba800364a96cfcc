/// Slack's message markup made readable: `<@U123>` becomes `@ana`, `<#C1|general>`
/// becomes `#general`, `<https://x|label>` becomes `label (https://x)`, and the three
/// escaped characters (`&amp;`, `&lt;`, `&gt;`) come back.
///
/// It works on UTF-8 bytes: every message of an import goes through it, and walking
/// Characters pays for grapheme breaking on each one. The markup's own characters are
/// all ASCII, so they never match inside a multi-byte character.
public enum SlackMarkup {
    public static func render(_ text: String, userName: (String) -> String?, channelName: (String) -> String? = { _ in nil }) -> String {
        guard text.utf8.contains(where: { $0 == lessThan || $0 == ampersand }) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 32)
        var index = 0
        // Once no `>` follows, every later `<` is plain text too.
        var mayClose = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == lessThan, mayClose {
                if let close = bytes[(index + 1)...].firstIndex(of: greaterThan) {
                    output += token(bytes[(index + 1)..<close], userName: userName, channelName: channelName).utf8
                    index = close + 1
                    continue
                }
                mayClose = false
            }
            if byte == ampersand, let (character, length) = entity(bytes[index...]) {
                output.append(character)
                index += length
                continue
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// One `<...>` token: a mention, a channel, a special mention or a link.
    static func token(_ inside: ArraySlice<UInt8>, userName: (String) -> String?, channelName: (String) -> String?) -> String {
        let bar = inside.firstIndex(of: verticalBar)
        let target = inside[..<(bar ?? inside.endIndex)]
        let label = bar.map { unescape(inside[($0 + 1)...]) }
        let rest = String(decoding: target.dropFirst(), as: UTF8.self)
        switch target.first {
        case at:
            return "@" + (userName(rest) ?? label ?? rest)
        case hash:
            return "#" + (label ?? channelName(rest) ?? rest)
        case exclamation:
            // <!here>, <!channel>, <!subteam^S1|@team>, <!date^1392734382^{date}|Feb 18>
            if let label { return label }
            return "@" + (rest.split(separator: "^").first.map(String.init) ?? "")
        default:
            let url = unescape(target)
            if target.starts(with: mailto) { return label ?? String(url.dropFirst(mailto.count)) }
            guard let label, !label.isEmpty, label != url else { return url }
            return "\(label) (\(url))"
        }
    }

    /// `&lt;` `&gt;` `&amp;` back to `<` `>` `&`.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == ampersand, let (character, length) = entity(bytes[index...]) {
                output.append(character)
                index += length
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The character an entity at the start of `bytes` stands for, and the entity's length.
    static func entity(_ bytes: ArraySlice<UInt8>) -> (UInt8, Int)? {
        if bytes.starts(with: lt) { return (lessThan, lt.count) }
        if bytes.starts(with: gt) { return (greaterThan, gt.count) }
        if bytes.starts(with: amp) { return (ampersand, amp.count) }
        return nil
    }

    static let lt = Array("&lt;".utf8), gt = Array("&gt;".utf8), amp = Array("&amp;".utf8), mailto = Array("mailto:".utf8)
    static let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">"), ampersand = UInt8(ascii: "&")
    static let verticalBar = UInt8(ascii: "|"), at = UInt8(ascii: "@"), hash = UInt8(ascii: "#"), exclamation = UInt8(ascii: "!")
}
