import Foundation

/// The queue's filter language, shared by the screen's `/`, its views and
/// `baton conv list --filter`. Words separated by spaces must all match. A plain word
/// matches the subject, the customer, the owner, a tag, an author or the text of a
/// message. A qualifier narrows by one field:
///
///     owner:ana  customer:acme  tier:ent  tag:billing  status:pending
///     is:unowned  is:mine  is:breaching  is:atrisk  is:open  is:closed
///
/// A word with a colon that is no qualifier (`error:500`, a URL, `status:bogus`) is
/// plain text, so anything pasted from a log still finds what it names. `209` and
/// `#209` also match conversation 209.
public struct QueueFilter: Equatable, Sendable {
    public enum Term: Equatable, Sendable {
        case word(String)
        case owner(String)
        case customer(String)
        case tier(String)
        case tag(String)
        case status(ConversationStatus)
        case unowned, mine, breaching, atRisk, open, closed
    }

    public var terms: [Term]

    /// The qualifiers, for completion and help.
    public static let qualifiers = ["owner:", "customer:", "tier:", "tag:", "status:", "is:"]
    public static let states = ["unowned", "mine", "breaching", "atrisk", "open", "closed"]

    public init(_ text: String) {
        terms = text.split(whereSeparator: \.isWhitespace).map { Self.term(String($0)) }
    }

    static func term(_ word: String) -> Term {
        guard let colon = word.firstIndex(of: ":") else { return .word(word) }
        let name = word[..<colon].lowercased()
        let value = String(word[word.index(after: colon)...])
        guard !value.isEmpty else { return .word(word) }
        switch name {
        case "owner": return .owner(value.lowercased())
        case "customer": return .customer(value)
        case "tier": return .tier(value)
        case "tag": return .tag(value.lowercased())
        case "status":
            let typed = value.lowercased().replacingOccurrences(of: "-", with: "_")
            return ConversationStatus(rawValue: typed == "onhold" ? "on_hold" : typed).map(Term.status) ?? .word(word)
        case "is":
            switch value.lowercased() {
            case "unowned": return .unowned
            case "mine": return .mine
            case "breaching", "breached": return .breaching
            case "atrisk", "at-risk", "risk": return .atRisk
            case "open": return .open
            case "closed", "solved": return .closed
            default: return .word(word)
            }
        default:
            return .word(word)
        }
    }

    /// Whether the terms ask for solved and closed conversations, which the queue leaves out.
    public var includesClosed: Bool {
        terms.contains { term in
            switch term {
            case .closed: return true
            case .status(let status): return !status.isOpen
            default: return false
            }
        }
    }
}
