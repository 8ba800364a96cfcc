import BatonCore
import Foundation

/// The outbox: replies waiting to be sent, claimed by one sender at a time, and what a
/// person does with those that failed. Instants are UTC; durations in seconds.
/// Errors: `OutboxError` for a reply in the wrong state, `StoreError` for the store.
public protocol OutboxStore: ConversationStore {
    /// Replies in `states` (all when nil), oldest first, at most `limit`.
    func outbox(states: Set<OutboxState>?, limit: Int) throws -> [OutboxReply]
    func queuedReplies(limit: Int) throws -> [OutboxReply]
    func outboxReply(_ messageID: Int64) throws -> OutboxReply?
    /// Whether a reply from one of `sources` is due at `now` (cheap: the sender's idle check).
    func outboxHasWork(sources: Set<Source>, at now: Date) throws -> Bool
    /// Claims the oldest due reply for `sender` ("HOST PID"); `remoteID` makes its id when it has none.
    func claimDueReply(sources: Set<Source>, sender: String, at now: Date, remoteID: (OutboxReply) -> String?) throws -> OutboxReply?
    @discardableResult
    func markSent(_ messageID: Int64, remoteID: String, messageKey: String?, by actor: String, at now: Date) throws -> Bool
    @discardableResult
    func markFailed(_ messageID: Int64, reason: String, temporary: Bool, by actor: String, at now: Date) throws -> Bool
    /// Replies whose sender is gone (`isAlive` false, or claimed more than `staleAfter` seconds ago) become unconfirmed.
    @discardableResult
    func markAbandoned(isAlive: (String) -> Bool, staleAfter: TimeInterval, by actor: String, at now: Date) throws -> [Int64]
    func retryReply(_ messageID: Int64, actor: String, at now: Date) throws
    func cancelReply(_ messageID: Int64, actor: String, at now: Date) throws
    @discardableResult
    func retryFailedReplies(conversation id: Int64, actor: String, at now: Date) throws -> Int
    func outboxSummary() throws -> OutboxSummary
    func conversationsWithFailedReplies() throws -> [Int64]
    /// A sender looked at the outbox now (for "no sender for a minute").
    func noteSenderRan(at now: Date) throws
}

extension OutboxStore {
    public func outbox(states: Set<OutboxState>? = nil) throws -> [OutboxReply] { try outbox(states: states, limit: 1_000) }
    public func queuedReplies() throws -> [OutboxReply] { try queuedReplies(limit: 100) }
    public func claimDueReply(sources: Set<Source>, sender: String, at now: Date) throws -> OutboxReply? {
        try claimDueReply(sources: sources, sender: sender, at: now, remoteID: { _ in nil })
    }
}
