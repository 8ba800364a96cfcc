import BatonCore
import BatonStore
import Foundation

/// What the screen knows about the outbox (issue 13 item 6): the store's counts for the
/// header, and which of the queue's visible rows have a reply that failed. Loaded with
/// everything else on each store change (`App.reloadOutbox`), so a sender's write in
/// another process reaches the screen through the same change feed as any other.
public struct ReplyWatch: Equatable, Sendable {
    /// Replies queued, failed and unconfirmed in the whole store, and when a sender last ran.
    public var summary: OutboxSummary?
    /// The visible rows (of `QueueState.rows`) with a failed or unconfirmed reply: their
    /// rows say `reply failed`.
    public var failedConversations: Set<Int64> = []

    public init(summary: OutboxSummary? = nil, failedConversations: Set<Int64> = []) {
        self.summary = summary
        self.failedConversations = failedConversations
    }

    /// Replies that wait for a person: failed ones and unconfirmed ones (which may or may
    /// not have left). Both show as `reply failed` on their rows, so the header counts both.
    public var failedCount: Int { (summary?.failed ?? 0) + (summary?.unconfirmed ?? 0) }

    /// The header's warning, when replies are queued and no sender has looked at the outbox
    /// for a minute (`OutboxSummary.noSender`), at `now`: "3 queued, no sender for 4m";
    /// nil otherwise. `now` comes from the state's clock, so the warning appears on a tick
    /// without asking the store again.
    public func noSenderText(now: Date) -> String? {
        guard let summary, summary.noSender(now: now) else { return nil }
        let since = summary.lastSenderRunAt.map { " for " + DurationText.compact(Int64(now.timeIntervalSince($0).rounded(.down))) } ?? " running"
        return "\(summary.queued) queued, no sender\(since)"
    }
}
