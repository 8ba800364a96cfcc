import Foundation

/// A mailbox from a From, To or Cc header: the display name (encoded words decoded) and the address.
public struct MailAddress: Equatable, Sendable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// Every mailbox in an address-list header ("A <a@x>, \"B, Jr\" <b@y>, c@z").
    public static func list(_ raw: String) -> [MailAddress] {
        var items: [String] = []
        var current = ""
        var quoted = false
        var angle = false
        for character in raw {
            if character == "\"" { quoted.toggle() }
            if !quoted && character == "<" { angle = true }
            if !quoted && character == ">" { angle = false }
            if character == "," && !quoted && !angle {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        return items.compactMap(parse)
    }

    /// One mailbox: "Name <a@x>", "a@x (Name)" or "a@x".
    public static func parse(_ raw: String) -> MailAddress? {
        let text = raw.trimmingBlanks
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            let address = text[text.index(after: open)..<close].trimmingBlanks
            guard address.contains("@") else { return nil }
            return MailAddress(name: displayName(String(text[..<open])), address: address)
        }
        var address = text
        var comment: String?
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            comment = String(text[text.index(after: open)..<close])
            address = text[..<open].trimmingBlanks
        }
        guard address.contains("@"), !address.contains(" ") else { return nil }
        return MailAddress(name: comment.flatMap(displayName), address: address)
    }

    static func displayName(_ raw: String) -> String? {
        var name = raw.trimmingBlanks
        if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 {
            name = String(name.dropFirst().dropLast())
            if name.utf8.contains(0x5C) { name = name.replacingOccurrences(of: "\\\"", with: "\"") }
        }
        name = EmailMessage.capped(EncodedWords.decode(name)).trimmingBlanks
        return name.isEmpty ? nil : name
    }

    public var domain: String? { Roster.domain(address) }
}
