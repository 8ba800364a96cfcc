/// Where a message stands: one that came in, an internal note the customer never sees,
/// or a team reply that waits for a connector to send it (and then was sent).
public enum MessageState: String, CaseIterable, Sendable, Codable {
    case received
    case note
    case queued
    case sent

    /// How the thread labels it; received messages need no label.
    public var label: String? {
        switch self {
        case .received: return nil
        case .note: return "internal note"
        case .queued: return "queued to send"
        case .sent: return "sent"
        }
    }
}
