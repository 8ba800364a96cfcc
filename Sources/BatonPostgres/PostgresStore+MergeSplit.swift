import BatonCore
import BatonStore
import Foundation
import PostgresNIO

/// Joining two conversations of one customer, and splitting one in two, as the SQLite
/// store's: both audited on both conversations, no message or event dropped; a
/// merged-away conversation stays as a pointer (`merged_into`) for its thread's later messages.
extension PostgresStore {
    public func merge(_ source: Int64, into target: Int64, actor: String, at now: Date) throws {
        guard source != target else { throw MergeSplitError.sameConversation(source) }
        try session.transaction {
            let from = try conversationRow(source), to = try conversationRow(target)
            if let pointer = try from.intOrNil("merged_into") { throw MergeSplitError.alreadyMerged(source, into: pointer) }
            if let pointer = try to.intOrNil("merged_into") { throw MergeSplitError.alreadyMerged(target, into: pointer) }
            guard try from.text("customer_name") == to.text("customer_name") else { throw MergeSplitError.differentCustomers(source, target) }
            let moved = try session.execute("UPDATE messages SET conversation_id = $1 WHERE conversation_id = $2", [.int(target), .int(source)])
            try session.execute("""
                INSERT INTO collaborators (conversation_id, engineer_id, added_by, added_at)
                SELECT $1, engineer_id, added_by, added_at FROM collaborators WHERE conversation_id = $2 ON CONFLICT DO NOTHING
                """, [.int(target), .int(source)])
            try session.execute("UPDATE conversations SET merged_into = $1, status = 'closed', sla_due = NULL, message_count = 0, version = version + 1 WHERE id = $2",
                                [.int(target), .int(source)])
            try recomputeClock(target, keepStatus: false)
            try recordEvent(kind: "merged", actor: actor, conversation: source, detail: "into #\(target), \(moved) messages moved", at: now)
            try recordEvent(kind: "merged", actor: actor, conversation: target, detail: "#\(source) joined, \(moved) messages", at: now)
        }
    }

    public func split(_ id: Int64, fromMessage messageID: Int64, actor: String, at now: Date) throws -> Int64 {
        try session.transaction {
            let row = try conversationRow(id)
            let ordered = try session.query("SELECT id, created_at FROM messages WHERE conversation_id = $1 ORDER BY created_at, id", [.int(id)])
            guard let index = try ordered.firstIndex(where: { try $0.int("id") == messageID }) else {
                throw MergeSplitError.messageNotInConversation(message: messageID, conversation: id)
            }
            guard index > 0 else { throw MergeSplitError.firstMessage(messageID) }
            let moving = try ordered[index...].map { try $0.int("id") }
            let first = try ordered[index].date("created_at")
            let owner = try row.textOrNil("owner_id")
            let new = try session.query("""
                INSERT INTO conversations (customer_id, customer_name, tier_id, subject, status, source, owner_id, owner_via, owner_since,
                    created_at, updated_at, message_count)
                VALUES ($1, $2, $3, $4, 'new', $5, $6, $7, $8, $9, $9, 0) RETURNING id
                """, [.text(try row.textOrNil("customer_id")), .text(try row.text("customer_name")), .text(try row.text("tier_id")),
                      .text(try row.text("subject")), .text(try row.text("source")), .text(owner), .text(try row.textOrNil("owner_via")),
                      .seconds(owner == nil ? nil : now), .seconds(first)]).first!.int("id")
            for message in moving {
                try session.execute("UPDATE messages SET conversation_id = $1 WHERE id = $2", [.int(new), .int(message)])
            }
            try recomputeClock(id, keepStatus: true)
            try recomputeClock(new, keepStatus: false)
            try recordEvent(kind: "split", actor: actor, conversation: id, detail: "\(moving.count) messages from message \(messageID) moved to #\(new)", at: now)
            try recordEvent(kind: "split", actor: actor, conversation: new, detail: "from #\(id), message \(messageID) on", at: now)
            return new
        }
    }

    private func conversationRow(_ id: Int64) throws -> PostgresRandomAccessRow {
        guard let row = try session.query("SELECT * FROM conversations WHERE id = $1 FOR UPDATE", [.int(id)]).first else {
            throw StoreError.notFound(conversation: id)
        }
        return row
    }

    /// Replays a conversation's messages into its clock, counts and deadline.
    private func recomputeClock(_ id: Int64, keepStatus: Bool) throws {
        let row = try conversationRow(id)
        let messages = try session.query("SELECT author_kind, created_at FROM messages WHERE conversation_id = $1 ORDER BY created_at, id", [.int(id)])
        let times = try messages.map { try $0.date("created_at") }
        let opened = try row.date("created_at")
        var clock = ConversationClock(createdAt: times.first ?? opened)
        for (message, time) in zip(messages, times) { clock.record(AuthorKind(rawValue: try message.text("author_kind")) ?? .system, at: time) }
        if keepStatus, let status = ConversationStatus(rawValue: try row.text("status")), status != .new { clock.status = status }
        let tier = try self.tier(try row.text("tier_id"))
        try session.execute("""
            UPDATE conversations SET status = $1, created_at = $2, updated_at = $3, first_response_at = $4, awaiting_since = $5, sla_due = $6,
                message_count = $7, version = version + 1 WHERE id = $8
            """, [.text(clock.status.rawValue), .seconds(clock.createdAt), .seconds(times.last ?? clock.createdAt),
                  .seconds(clock.firstResponseAt), .seconds(clock.awaitingSince),
                  .seconds(clock.status == .solved || clock.status == .closed ? nil : clock.slaDue(tier: tier)),
                  .int(messages.count), .int(id)])
    }

    func tier(_ id: String) throws -> Tier {
        guard let row = try session.query("SELECT * FROM tiers WHERE id = $1", [.text(id)]).first else { throw StoreError.unknownTier(id) }
        return Tier(id: try row.text("id"), name: try row.text("name"), short: try row.text("short"), firstResponse: try row.int("first_response_s"),
                    nextResponse: try row.int("next_response_s"), hours: try row.text("hours"), rank: Int(try row.int("rank")),
                    resolution: try row.intOrNil("resolution_s"), pauseOnHold: try row.bool("pause_on_hold"), warnBefore: try row.int("warn_before_s"))
    }
}
