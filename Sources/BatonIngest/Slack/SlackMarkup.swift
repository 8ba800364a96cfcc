/// Slack's message markup made readable: `<@U123>` becomes `@ana`, `<#C1|general>`
/// becomes `#general`, `<https://x|label>` becomes `label (https://x)`, and the three
/// escaped characters (`&amp;`, `&lt;`, `&gt;`) come back.
public enum SlackMarkup {
    public static func render(_ text: String, userName: (String) -> String?, channelName: (String) -> String? = { _ in nil }) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        // Searched as bytes: Character search pays for grapheme breaking on every character.
        while let open = rest.utf8.firstIndex(of: 0x3C) {
            output += unescape(rest[..<open])
            guard let close = rest[open...].utf8.firstIndex(of: 0x3E) else {
                rest = rest[open...]
                break
            }
            output += token(rest[rest.index(after: open)..<close], userName: userName, channelName: channelName)
            rest = rest[rest.index(after: close)...]
        }
        output += unescape(rest)
        return output
    }

    /// One `<...>` token: a mention, a channel, a special mention or a link.
    static func token(_ inside: Substring, userName: (String) -> String?, channelName: (String) -> String?) -> String {
        let parts = inside.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let target = String(parts[0])
        let label = parts.count > 1 ? unescape(parts[1]) : nil
        if target.hasPrefix("@") {
            let id = String(target.dropFirst())
            return "@" + (userName(id) ?? label ?? id)
        }
        if target.hasPrefix("#") {
            let id = String(target.dropFirst())
            return "#" + (label ?? channelName(id) ?? id)
        }
        if target.hasPrefix("!") {
            // <!here>, <!channel>, <!subteam^S1|@team>, <!date^1392734382^{date}|Feb 18>
            if let label { return label }
            let name = target.dropFirst().split(separator: "^").first.map(String.init) ?? ""
            return "@" + name
        }
        let url = unescape(Substring(target))
        if target.hasPrefix("mailto:") { return label ?? String(url.dropFirst("mailto:".count)) }
        guard let label, !label.isEmpty, label != url else { return url }
        return "\(label) (\(url))"
    }

    /// `&lt;` `&gt;` `&amp;` back to `<` `>` `&`, in one pass (Foundation's replacing is
    /// slow on Linux, and this runs for every message of an import).
    static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(0x26) else { return String(text) }
        var output = [UInt8]()
        output.reserveCapacity(text.utf8.count)
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x26 {
                if bytes[index...].starts(with: lt) { output.append(0x3C); index += lt.count; continue }
                if bytes[index...].starts(with: gt) { output.append(0x3E); index += gt.count; continue }
                if bytes[index...].starts(with: amp) { output.append(0x26); index += amp.count; continue }
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    static let lt = Array("&lt;".utf8), gt = Array("&gt;".utf8), amp = Array("&amp;".utf8)
}
