import BatonCore
import Foundation

/// One channel's Slack messages (a day file, or one event) read, rendered and grouped by
/// thread: everything an import does before it needs the store, so an export's next
/// files are prepared while the store writes this one.
public struct SlackBatch: Sendable {
    /// A thread's posts in this batch, and the conversation they start when the thread is new.
    struct Thread: Sendable {
        /// The thread's posts once each, as a new conversation, owner set by the dedicated-pair rule.
        var conversation: NewConversation
        /// Every post as it came, for a thread the store has already.
        var posts: [Post]
        /// Posts repeated within the batch (the same ts twice).
        var repeats: Int
    }

    struct Post: Sendable {
        var message: NewMessage
        var editedAt: Date?
        var deleted: Bool
    }

    /// `message_changed` and `message_deleted`: they refer to posts stored before them.
    enum Change: Sendable {
        case edit(key: String, body: String, editedAt: Date?)
        case delete(key: String, at: Date)
    }

    var threads: [Thread] = []
    var changes: [Change] = []
    /// Housekeeping and empty messages, left out.
    var skipped = 0
    /// Messages that cannot be stored, each as "message N: what is wrong" (N counts from 1 in its file).
    var problems: [String] = []
}
