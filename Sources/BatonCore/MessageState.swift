/// Where a message stands: one that came in, an internal note the customer never sees,
/// or a team reply that waits for a connector to send it (and then was sent).
public enum MessageState: String, CaseIterable, Sendable, Codable {
    case received
    case note
    case queued
    case sent
    /// The outbox's finer states (`OutboxState`), mirrored here so the thread can label them.
    case sending
    case failed
    case unconfirmed
    case cancelled

    /// How the thread labels it; received messages need no label.
    public var label: String? {
        switch self {
        case .received: return nil
        case .note: return "internal note"
        case .queued: return "queued to send"
        case .sent: return "sent"
        case .sending: return "sending"
        case .failed: return "reply failed"
        case .unconfirmed: return "unconfirmed: check and retry"
        case .cancelled: return "cancelled, not sent"
        }
    }
}
