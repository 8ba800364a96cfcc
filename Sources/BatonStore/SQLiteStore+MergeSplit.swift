import BatonCore
import Foundation
import GRDB

/// Joining two conversations of one customer, and splitting one in two. Both are audited
/// on both conversations; no message or event is dropped. A merged-away conversation stays
/// as a pointer (`merged_into`), so later messages of its thread (mail answering one of its
/// messages, Slack replies keyed by its thread) arrive in the joined one.
public enum MergeSplitError: Error, Equatable, CustomStringConvertible {
    case sameConversation(Int64)
    case differentCustomers(Int64, Int64)
    case alreadyMerged(Int64, into: Int64)
    case messageNotInConversation(message: Int64, conversation: Int64)
    case firstMessage(Int64)

    public var description: String {
        switch self {
        case let .sameConversation(id): return "#\(id) cannot be merged into itself"
        case let .differentCustomers(a, b): return "#\(a) and #\(b) belong to different customers; only one customer's conversations merge"
        case let .alreadyMerged(id, into): return "#\(id) was merged into #\(into) already"
        case let .messageNotInConversation(message, conversation): return "message \(message) is not in #\(conversation) (baton conv show \(conversation) --json lists its ids)"
        case let .firstMessage(id): return "message \(id) opens its conversation; splitting there would leave nothing behind"
        }
    }
}

extension SQLiteStore {
    /// Moves every message of `source` into `target` (one customer's both), recomputes
    /// `target`'s clock from all its messages, and leaves `source` closed, pointing at
    /// `target`. Throws `MergeSplitError`, or `StoreError.notFound`.
    public func merge(_ source: Int64, into target: Int64, actor: String, at now: Date) throws {
        guard source != target else { throw MergeSplitError.sameConversation(source) }
        try write { db in
            let from = try conversationRow(source, in: db), to = try conversationRow(target, in: db)
            if let pointer = from["merged_into"] as Int64? { throw MergeSplitError.alreadyMerged(source, into: pointer) }
            if let pointer = to["merged_into"] as Int64? { throw MergeSplitError.alreadyMerged(target, into: pointer) }
            guard (from["customer_name"] as String) == (to["customer_name"] as String) else { throw MergeSplitError.differentCustomers(source, target) }
            let moved = try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE conversation_id = ?", arguments: [source]) ?? 0
            try db.execute(sql: "UPDATE messages SET conversation_id = ? WHERE conversation_id = ?", arguments: [target, source])
            try db.execute(sql: "INSERT OR IGNORE INTO collaborators (conversation_id, engineer_id, added_by, added_at) SELECT ?, engineer_id, added_by, added_at FROM collaborators WHERE conversation_id = ?",
                           arguments: [target, source])
            try db.execute(sql: "UPDATE conversations SET merged_into = ?, status = 'closed', sla_due = NULL, message_count = 0, version = version + 1 WHERE id = ?",
                           arguments: [target, source])
            try recomputeClock(target, keepStatus: false, in: db)
            try recordEvent(kind: "merged", actor: actor, conversation: source, detail: "into #\(target), \(moved) messages moved", at: now, in: db)
            try recordEvent(kind: "merged", actor: actor, conversation: target, detail: "#\(source) joined, \(moved) messages", at: now, in: db)
        }
    }

    /// Moves message `messageID` and every later one of `id` into a new conversation of
    /// the same customer, tier, source and subject; returns its id. Throws
    /// `MergeSplitError`, or `StoreError.notFound`.
    public func split(_ id: Int64, fromMessage messageID: Int64, actor: String, at now: Date) throws -> Int64 {
        try write { db in
            let row = try conversationRow(id, in: db)
            let ordered = try Row.fetchAll(db, sql: "SELECT id, created_at FROM messages WHERE conversation_id = ? ORDER BY created_at, id", arguments: [id])
            guard let index = ordered.firstIndex(where: { ($0["id"] as Int64) == messageID }) else {
                throw MergeSplitError.messageNotInConversation(message: messageID, conversation: id)
            }
            guard index > 0 else { throw MergeSplitError.firstMessage(messageID) }
            let moving = ordered[index...].map { $0["id"] as Int64 }
            let first = Self.date(ordered[index]["created_at"])
            try db.execute(sql: """
                INSERT INTO conversations (customer_id, customer_name, tier_id, subject, status, source, owner_id, owner_via, owner_since,
                    created_at, updated_at, message_count)
                VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, 0)
                """, arguments: [row["customer_id"], row["customer_name"], row["tier_id"], row["subject"], row["source"],
                                 row["owner_id"], row["owner_via"], row["owner_id"] == nil ? nil : Self.seconds(now), Self.seconds(first), Self.seconds(first)])
            let new = db.lastInsertedRowID
            for message in moving {
                try db.execute(sql: "UPDATE messages SET conversation_id = ? WHERE id = ?", arguments: [new, message])
            }
            try recomputeClock(id, keepStatus: true, in: db)
            try recomputeClock(new, keepStatus: false, in: db)
            try recordEvent(kind: "split", actor: actor, conversation: id, detail: "\(moving.count) messages from message \(messageID) moved to #\(new)", at: now, in: db)
            try recordEvent(kind: "split", actor: actor, conversation: new, detail: "from #\(id), message \(messageID) on", at: now, in: db)
            return new
        }
    }

    /// The conversation a merged-away one points to, followed to its end; `id` itself when not merged.
    func mergedTarget(_ id: Int64, in db: Database) throws -> Int64 {
        var current = id
        for _ in 0..<64 {
            guard let next = try Int64.fetchOne(db.cachedStatement(sql: "SELECT merged_into FROM conversations WHERE id = ?"), arguments: [current]) else {
                return current
            }
            current = next
        }
        return current
    }

    private func conversationRow(_ id: Int64, in db: Database) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM conversations WHERE id = ?", arguments: [id]) else { throw StoreError.notFound(conversation: id) }
        return row
    }

    /// Replays a conversation's messages into its clock, counts and deadline.
    private func recomputeClock(_ id: Int64, keepStatus: Bool, in db: Database) throws {
        let row = try conversationRow(id, in: db)
        let messages = try Row.fetchAll(db, sql: "SELECT author_kind, created_at FROM messages WHERE conversation_id = ? ORDER BY created_at, id", arguments: [id])
        let times = messages.map { Self.date($0["created_at"]) }
        var clock = ConversationClock(createdAt: times.first ?? Self.date(row["created_at"]))
        for (message, time) in zip(messages, times) { clock.record(AuthorKind(rawValue: message["author_kind"]) ?? .system, at: time) }
        if keepStatus, let status = ConversationStatus(rawValue: row["status"]), status != .new { clock.status = status }
        let tier = try tier(row["tier_id"], in: db)
        try db.execute(sql: """
            UPDATE conversations SET status = ?, created_at = ?, updated_at = ?, first_response_at = ?, awaiting_since = ?, sla_due = ?,
                message_count = ?, version = version + 1 WHERE id = ?
            """, arguments: [clock.status.rawValue, Self.seconds(clock.createdAt), Self.seconds(times.last ?? clock.createdAt),
                             clock.firstResponseAt.map(Self.seconds), clock.awaitingSince.map(Self.seconds),
                             clock.status == .solved || clock.status == .closed ? nil : clock.slaDue(tier: tier).map(Self.seconds),
                             messages.count, id])
    }
}
