import BatonCore
import Foundation

extension Update {
    /// `!` on a conversation (issue 13 item 6): its failed and unconfirmed replies go back to
    /// the outbox, due at once. Failed ones go without a question: the connector said they
    /// did not leave. An unconfirmed one may have reached the customer before its sender
    /// died, so `!` asks first: one key must not send a customer the same answer twice
    /// (the outbox's rule is "never sent twice silently").
    static func retryReplies(state: inout AppState) -> [Effect] {
        guard case .conversation(let open) = state.screen else { return [.ring] }
        guard state.ownership.me != nil else {
            state.notice = state.ownership.readerReason
            return []
        }
        let id = open.detail.row.id
        let failed = open.replies.values.filter { $0.state == .failed }.count
        let unconfirmed = open.replies.values.filter { $0.state == .unconfirmed }.count
        guard failed + unconfirmed > 0 else {
            state.notice = "#\(id) has no failed or unconfirmed reply to send again"
            return []
        }
        guard unconfirmed == 0 else {
            let also = failed > 0 ? " and \(failed) failed" : ""
            let them = unconfirmed == 1 ? "it" : "they"
            state.overlay = .confirm(question: "#\(id): send \(unconfirmed) unconfirmed\(also) again? \(them.capitalized) may have reached the customer already. y/n",
                                     requests: [.retryReplies(id)])
            return []
        }
        return batch([.retryReplies(id)], state: &state)
    }
}

extension OwnershipRequest {
    /// What the footer says when a request that returns no action result is done; nil for
    /// those that say nothing (an editor left empty says so itself).
    var doneText: String? {
        if case .retryReplies(let id) = self { return "#\(id): replies queued again; the sender sends them next" }
        return nil
    }
}
