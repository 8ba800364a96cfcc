/// Where a conversation came in from.
public enum Source: String, CaseIterable, Sendable, Codable {
    case slack
    case email
    case nps

    /// The three letters the queue's SRC column shows.
    public var short: String {
        switch self {
        case .slack: return "slk"
        case .email: return "eml"
        case .nps: return "nps"
        }
    }
}

/// Who wrote a message.
public enum AuthorKind: String, CaseIterable, Sendable, Codable {
    case customer
    case team
    case bot
    case system
}
