import BatonCore
import Foundation

/// What baton needs of a store, whatever the database behind it.
public protocol ConversationStore: Sendable {
    /// Mirrors the config's tiers, engineers and customers into the store.
    func syncTeam(_ team: TeamConfig) throws
    func queueCounts(now: Date) throws -> QueueCounts
    /// The rows of the queue from `offset`, at most `limit`: the visible window only.
    func queueWindow(_ query: QueueQuery, offset: Int, limit: Int) throws -> [QueueRow]
    func queueSize(_ query: QueueQuery) throws -> Int
    /// Where a conversation stands in the queue, or nil when the query leaves it out.
    func queuePosition(of id: Int64, _ query: QueueQuery) throws -> Int?
    func conversation(_ id: Int64) throws -> ConversationDetail
    /// A number that changes whenever another process has written to the store.
    func changeToken() throws -> Int64
    /// Stores a conversation and its messages; a known external key returns the existing id.
    @discardableResult
    func createConversation(_ conversation: NewConversation, actor: String, at now: Date) throws -> Int64
    /// Adds a message to a conversation; a known external key adds nothing. Returns whether it was added.
    @discardableResult
    func appendMessage(_ message: NewMessage, to conversation: Int64, actor: String) throws -> Bool
    /// Ids of open conversations, newest first, at most `limit`.
    func openConversationIDs(limit: Int) throws -> [Int64]

    // The rotation's part of the store: overrides, handoffs and their notes.

    /// Overrides that overlap [from, to), oldest first; all of them without bounds.
    func overrides(from: Date?, to: Date?) throws -> [Override]
    /// Runs each handoff whose boundary has passed, exactly once across all processes.
    @discardableResult
    func runDueHandoffs(_ rotation: Rotation, now: Date) throws -> [HandoffRecord]
    /// The latest handoff to `engineer` (any when nil) with what moved, what breaches soon and the notes.
    func handoffReport(for engineer: String?, now: Date) throws -> HandoffReport?
    func addHandoffNote(author: String, body: String, at now: Date) throws
    /// Marks the latest handoff to `engineer` seen; true the first time.
    func markHandoffSeen(by engineer: String, at now: Date) throws -> Bool
}
