import BatonCore
import BatonStore
import Foundation

/// The outbox on screen (issue 13 item 6): what the loop loads for the header, the queue's
/// `reply failed` rows and the thread's reply states, and the store call behind `!`.
extension App {
    /// The outbox's counts, and which visible rows have a failed or unconfirmed reply.
    /// Two small reads: the counts group the outbox by state, and the failed conversations
    /// are looked up only when there are any, then kept to the visible window.
    func reloadOutbox() {
        guard let outbox = store as? OutboxStore, let summary = attempt({ try outbox.outboxSummary() }) else { return }
        var failed: Set<Int64> = []
        if summary.failed + summary.unconfirmed > 0, let ids = attempt({ try outbox.conversationsWithFailedReplies() }) {
            failed = Set(state.queue.rows.map(\.id)).intersection(ids)
        }
        state.replies = ReplyWatch(summary: summary, failedConversations: failed)
    }

    /// The outbox entries of a thread's replies, by message id: one lookup per reply (a
    /// thread holds a few), none for the customer's messages and the notes.
    func replies(of detail: ConversationDetail) -> [Int64: OutboxReply] {
        guard let outbox = store as? OutboxStore else { return [:] }
        let outboxStates: Set<MessageState> = [.queued, .sending, .sent, .failed, .unconfirmed, .cancelled]
        var found: [Int64: OutboxReply] = [:]
        for message in detail.messages where message.authorKind == .team && outboxStates.contains(message.state) {
            if let reply = attempt({ try outbox.outboxReply(message.id) }) ?? nil { found[message.id] = reply }
        }
        return found
    }

    /// `!`'s write: the conversation's failed and unconfirmed replies back to queued, each an
    /// audit event (`OutboxStore.retryFailedReplies`). Throws `OutboxError` when there were
    /// none (another screen retried them first) or the store keeps no outbox.
    static func retryReplies(_ id: Int64, store: TeamStore, actor: String, at now: Date) throws -> ActionResult? {
        guard let outbox = store as? OutboxStore else { throw OutboxError("this store keeps no outbox") }
        guard try outbox.retryFailedReplies(conversation: id, actor: actor, at: now) > 0 else {
            throw OutboxError("no failed or unconfirmed reply left to send again")
        }
        return nil
    }
}
