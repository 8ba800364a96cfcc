/// Where a conversation stands. Solved and closed ones leave the queue.
public enum ConversationStatus: String, CaseIterable, Sendable, Codable {
    case new
    case open
    case pending      // waiting on the customer
    case onHold = "on_hold"
    case solved
    case closed

    public var isOpen: Bool { self != .solved && self != .closed }

    /// Whether the team owes an answer while in this status (the SLA clock runs).
    public var clockRuns: Bool { self == .new || self == .open }
}
