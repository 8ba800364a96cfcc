import BatonCore
import BatonStore
import Foundation

/// What the PostgreSQL store does not do yet (issue 16 stays open for them): the outbox,
/// merge and split. Each refuses with `StoreError.unsupported` naming the operation, so
/// nothing silently succeeds; reads that can answer honestly (an empty outbox) do so.
extension PostgresStore {
    static let backendName = "the PostgreSQL store"

    func notYet(_ operation: String) -> StoreError {
        StoreError.unsupported(operation: operation, backend: Self.backendName)
    }

    public func merge(_ source: Int64, into target: Int64, actor: String, at now: Date) throws { throw notYet("merging conversations") }
    public func split(_ id: Int64, fromMessage messageID: Int64, actor: String, at now: Date) throws -> Int64 { throw notYet("splitting a conversation") }

    // The outbox: no reply can be queued (queueReply refuses), so there is nothing to list or send.
    public func outbox(states: Set<OutboxState>?, limit: Int) throws -> [OutboxReply] { [] }
    public func queuedReplies(limit: Int) throws -> [OutboxReply] { [] }
    public func outboxReply(_ messageID: Int64) throws -> OutboxReply? { nil }
    public func outboxHasWork(sources: Set<Source>, at now: Date) throws -> Bool { false }
    public func claimDueReply(sources: Set<Source>, sender: String, at now: Date, remoteID: (OutboxReply) -> String?) throws -> OutboxReply? { nil }
    public func markSent(_ messageID: Int64, remoteID: String, messageKey: String?, by actor: String, at now: Date) throws -> Bool { throw notYet("marking a reply sent") }
    public func markFailed(_ messageID: Int64, reason: String, temporary: Bool, by actor: String, at now: Date) throws -> Bool { throw notYet("marking a reply failed") }
    public func markAbandoned(isAlive: (String) -> Bool, staleAfter: TimeInterval, by actor: String, at now: Date) throws -> [Int64] { [] }
    public func retryReply(_ messageID: Int64, actor: String, at now: Date) throws { throw notYet("retrying a reply") }
    public func cancelReply(_ messageID: Int64, actor: String, at now: Date) throws { throw notYet("cancelling a reply") }
    public func retryFailedReplies(conversation id: Int64, actor: String, at now: Date) throws -> Int { 0 }
    public func outboxSummary() throws -> OutboxSummary { OutboxSummary(queued: 0, failed: 0, unconfirmed: 0, lastSenderRunAt: nil) }
    public func conversationsWithFailedReplies() throws -> [Int64] { [] }
    public func noteSenderRan(at now: Date) throws {
        try session.execute("INSERT INTO meta (key, value) VALUES ('outbox.sender_ran_at', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            [.text(String(PostgresSession.seconds(now)))])
    }
}
