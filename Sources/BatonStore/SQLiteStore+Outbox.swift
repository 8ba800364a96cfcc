import BatonCore
import Foundation
import GRDB

/// A reply waiting for a connector (Slack, email) to send it.
public struct QueuedReply: Equatable, Sendable {
    public var messageID: Int64
    public var conversationID: Int64
    /// The conversation's origin key (Slack channel and ts, a Message-ID), to answer in the same thread.
    public var conversationKey: String?
    public var source: Source
    public var authorID: String?
    public var authorName: String
    public var body: String
    public var queuedAt: Date
}

/// The outbox: replies stay queued, in the store and on screen, until a connector has
/// sent them and says so; nothing is dropped on the way.
extension SQLiteStore {
    public func queuedReplies(limit: Int = 100) throws -> [QueuedReply] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.id, m.conversation_id, m.author_id, m.author_name, m.body, m.created_at, c.external_key, c.source
                FROM messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE m.state = 'queued' ORDER BY m.created_at, m.id LIMIT ?
                """, arguments: [limit]).map { row in
                QueuedReply(messageID: row["id"], conversationID: row["conversation_id"], conversationKey: row["external_key"],
                            source: Source(rawValue: row["source"]) ?? .email, authorID: row["author_id"], authorName: row["author_name"],
                            body: row["body"], queuedAt: Self.date(row["created_at"]))
            }
        }
    }

    /// Marks a queued reply as sent; returns false when it was not queued (already sent).
    @discardableResult
    public func markSent(_ messageID: Int64, by connector: String, at now: Date) throws -> Bool {
        try write { db in
            try db.execute(sql: "UPDATE messages SET state = 'sent' WHERE id = ? AND state = 'queued'", arguments: [messageID])
            guard db.changesCount == 1,
                  let conversation = try Int64.fetchOne(db, sql: "SELECT conversation_id FROM messages WHERE id = ?", arguments: [messageID]) else { return false }
            try db.execute(sql: "UPDATE conversations SET version = version + 1 WHERE id = ?", arguments: [conversation])
            try recordEvent(kind: "sent", actor: connector, conversation: conversation, detail: "reply \(messageID)", at: now, in: db)
            return true
        }
    }
}
