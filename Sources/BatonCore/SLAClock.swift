import Foundation

/// When the answer the team owes on a conversation falls due.
public enum SLAClock {
    /// The deadline, or nil when the team owes nothing: the conversation waits on the
    /// customer, is on hold or done, the team spoke last, or no customer has written
    /// (a thread only bots wrote in).
    ///
    /// Both targets count from the customer's first message since the team last spoke
    /// (`awaitingSince`): the tier's first-response target before any team answer (from
    /// the customer's first message, which is the conversation's start unless a bot
    /// started it), the next-response target after.
    public static func due(tier: Tier, status: ConversationStatus, firstResponseAt: Date?, awaitingSince: Date?) -> Date? {
        guard status.clockRuns else { return nil }
        guard let since = awaitingSince else { return nil }
        if firstResponseAt == nil {
            return since.addingTimeInterval(TimeInterval(tier.firstResponse))
        }
        return since.addingTimeInterval(TimeInterval(tier.nextResponse))
    }
}
