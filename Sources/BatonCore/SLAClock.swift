import Foundation

/// When the answer the team owes on a conversation falls due.
public enum SLAClock {
    /// The deadline, or nil when the team owes nothing: the conversation waits on the
    /// customer, is on hold or done, or the team spoke last.
    ///
    /// Before any team answer the tier's first-response target counts from the
    /// conversation's start, or from the customer's first message when a bot started
    /// it (a thread only bots wrote in owes nothing); after it, the next-response
    /// target counts from the customer's first message since the team last spoke.
    public static func due(tier: Tier, status: ConversationStatus, createdAt: Date, firstResponseAt: Date?, awaitingSince: Date?) -> Date? {
        guard status.clockRuns else { return nil }
        guard let since = awaitingSince else { return nil }
        if firstResponseAt == nil {
            return since.addingTimeInterval(TimeInterval(tier.firstResponse))
        }
        return since.addingTimeInterval(TimeInterval(tier.nextResponse))
    }
}
