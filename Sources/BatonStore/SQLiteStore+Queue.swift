import BatonCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Sorts like the `conversations_queue` index, so the window is one index walk.
    static let queueOrder = "ifnull(c.sla_due, 9223372036854775807), c.id"

    /// The columns a `QueueRow` is read from, for conversations `c`; callers add WHERE and ORDER.
    static let rowSelect = """
        SELECT c.*, ifnull(t.short, upper(substr(c.tier_id, 1, 4))) AS tier_short,
            (SELECT group_concat(k.engineer_id, ',') FROM collaborators k WHERE k.conversation_id = c.id) AS collaborators
        FROM conversations c LEFT JOIN tiers t ON t.id = c.tier_id
        """

    public func queueCounts(now: Date) throws -> QueueCounts {
        try read { db in
            let open = try Int.fetchOne(db, sql: "SELECT count(*) FROM conversations WHERE is_open = 1") ?? 0
            let unowned = try Int.fetchOne(db, sql: "SELECT count(*) FROM conversations WHERE is_open = 1 AND owner_id IS NULL") ?? 0
            let breaching = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM conversations c
                WHERE c.is_open = 1 AND ifnull(c.sla_due, 9223372036854775807) <= ?
                """, arguments: [Int64(now.timeIntervalSince1970)]) ?? 0
            return QueueCounts(open: open, unowned: unowned, breaching: breaching)
        }
    }

    public func queueWindow(_ query: QueueQuery, offset: Int, limit: Int) throws -> [QueueRow] {
        let (condition, arguments) = try Self.condition(for: query)
        return try read { db in
            try Row.fetchAll(db, sql: """
                \(Self.rowSelect)
                WHERE \(condition)
                ORDER BY \(Self.queueOrder) LIMIT ? OFFSET ?
                """, arguments: arguments + [limit, offset]).map(Self.queueRow)
        }
    }

    /// Where conversation `id` stands in the queue (0 first), or nil when the query leaves it out:
    /// the screen follows the selected conversation when it moves out of the window.
    public func queuePosition(of id: Int64, _ query: QueueQuery) throws -> Int? {
        let (condition, arguments) = try Self.condition(for: query)
        let due = "ifnull(c.sla_due, 9223372036854775807)"
        return try read { db in
            guard let position = try Int64.fetchOne(db, sql: "SELECT \(due) FROM conversations c WHERE c.id = ? AND \(condition)",
                                                    arguments: [id] + arguments) else { return nil }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM conversations c WHERE \(condition) AND (\(due) < ? OR (\(due) = ? AND c.id < ?))",
                                    arguments: arguments + [position, position, id])
        }
    }

    public func queueSize(_ query: QueueQuery) throws -> Int {
        let (condition, arguments) = try Self.condition(for: query)
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM conversations c WHERE \(condition)", arguments: arguments) ?? 0
        }
    }

    public func openConversationIDs(limit: Int) throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM conversations WHERE is_open = 1 ORDER BY id DESC LIMIT ?", arguments: [limit])
        }
    }

    public func conversation(_ id: Int64) throws -> ConversationDetail {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                \(Self.rowSelect) WHERE c.id = ?
                """, arguments: [id]) else { throw StoreError.notFound(conversation: id) }
            // The newest 2,000 messages are more than a screen can use; older ones stay in the store.
            let messages = try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT 2000)
                ORDER BY created_at, id
                """, arguments: [id]).map { row in
                Message(id: row["id"], authorKind: AuthorKind(rawValue: row["author_kind"]) ?? .system,
                        authorName: row["author_name"], authorID: row["author_id"], body: row["body"],
                        createdAt: Self.date(row["created_at"]),
                        state: MessageState(rawValue: row["state"]) ?? .received,
                        editedAt: (row["edited_at"] as Int64?).map(Self.date), deletedAt: (row["deleted_at"] as Int64?).map(Self.date),
                        sentAt: (row["sent_at"] as Int64?).map(Self.date))
            }
            let events = try Row.fetchAll(db, sql: "SELECT * FROM events WHERE conversation_id = ? ORDER BY at, id", arguments: [id]).map { row in
                AuditEvent(id: row["id"], at: Date(timeIntervalSince1970: TimeInterval(row["at"] as Int64)), actor: row["actor"],
                           kind: row["kind"], conversationID: row["conversation_id"], detail: row["detail"])
            }
            let collaborators = try String.fetchAll(db, sql: "SELECT engineer_id FROM collaborators WHERE conversation_id = ? ORDER BY added_at, engineer_id", arguments: [id])
            let tags = try String.fetchAll(db, sql: "SELECT tag FROM tags WHERE conversation_id = ? ORDER BY tag", arguments: [id])
            return ConversationDetail(row: Self.queueRow(row), messages: messages, events: events, collaborators: collaborators, tags: tags)
        }
    }

    /// The WHERE clause for a queue query. Subject, customer and owner match anywhere;
    /// message text matches words that start with what was typed (full-text index), from
    /// three characters on, so the first keystrokes of a filter stay instant; "209" or
    /// "#209" also finds conversation 209, as footers and reports name them.
    ///
    /// Throws `FilterTooLong` for a filter of more than `FilterTooLong.maximumCharacters`:
    /// a longer one passed SQLite's LIKE pattern limit and printed its raw error.
    static func condition(for query: QueueQuery) throws -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if !query.includeClosed { clauses.append("c.is_open = 1") }
        let text = query.filter.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
            guard text.utf8.count <= FilterTooLong.maximumCharacters || text.count <= FilterTooLong.maximumCharacters else {
                throw FilterTooLong(characters: text.count)
            }
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            var alternatives = [
                "c.subject LIKE ? ESCAPE '\\'",
                "c.customer_name LIKE ? ESCAPE '\\'",
                "ifnull(c.owner_id, '') LIKE ? ESCAPE '\\'",
            ]
            arguments += [pattern, pattern, pattern]
            let digits = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), let id = Int64(digits) {
                alternatives.append("c.id = ?")
                arguments += [id]
            }
            if let match = ftsQuery(text) {
                alternatives.append("c.id IN (SELECT m.conversation_id FROM messages m WHERE m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?))")
                arguments += [match]
            }
            clauses.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    /// Each word of the filter as a quoted prefix term, so nothing typed is FTS syntax.
    static func ftsQuery(_ text: String) -> String? {
        guard text.count >= 3 else { return nil }
        // At most 32 words: each is a prefix scan of the index, and a pasted paragraph is no filter.
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(32).map { "\"\($0)\"*" }
        return words.isEmpty ? nil : words.joined(separator: " AND ")
    }

    static func queueRow(_ row: Row) -> QueueRow {
        let due: Int64? = row["sla_due"]
        return QueueRow(
            id: row["id"], subject: row["subject"],
            status: ConversationStatus(rawValue: row["status"]) ?? .open,
            source: Source(rawValue: row["source"]) ?? .email,
            customerID: row["customer_id"], customerName: row["customer_name"],
            tierID: row["tier_id"], tierShort: row["tier_short"], ownerID: row["owner_id"],
            createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(row["updated_at"] as Int64)),
            slaDue: due.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            messageCount: row["message_count"], version: row["version"],
            ownerVia: (row["owner_via"] as String?).flatMap(OwnerBasis.init(rawValue:)),
            collaborators: (row["collaborators"] as String?).map { $0.split(separator: ",").map(String.init).sorted() } ?? [])
    }
}

extension SQLiteStore {
    /// How many messages the store holds, for benchmarks and reports.
    public func messageCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") ?? 0 }
    }
}

/// A queue filter longer than anyone types: refused with its length, rather than handed to
/// SQLite, whose LIKE patterns stop at 50,000 bytes with an error in its own words.
public struct FilterTooLong: Error, Equatable, CustomStringConvertible {
    /// The longest filter, in characters: a pasted subject fits (they are cut at 200).
    public static let maximumCharacters = 1_000
    public var characters: Int

    public var description: String {
        "a filter of \(characters) characters is longer than the \(Self.maximumCharacters) a filter may have; filter by a few words"
    }
}
