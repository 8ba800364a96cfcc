import BatonCore
import BatonStore
import Foundation
import PostgresNIO

/// The outbox, as the SQLite store's: a sender claims a reply (queued → sending) in one
/// transaction, with a row lock (`FOR UPDATE SKIP LOCKED`) so two senders never claim one
/// reply; the conversation's clock moves when the reply is sent, not when it is queued.
extension PostgresStore {
    static let outboxSelect = """
        SELECT o.message_id, o.conversation_id, o.state, o.attempts, o.next_try_at, o.reason, o.remote_id, o.claimed_by, o.sent_at,
               m.author_id, m.author_name, m.body, m.created_at, c.external_key, c.source, c.subject, c.customer_name
        FROM outbox o JOIN messages m ON m.id = o.message_id JOIN conversations c ON c.id = o.conversation_id
        """

    static func outboxReply(_ row: PostgresRandomAccessRow) throws -> OutboxReply {
        OutboxReply(messageID: try row.int("message_id"), conversationID: try row.int("conversation_id"), conversationKey: try row.textOrNil("external_key"),
                    source: Source(rawValue: try row.text("source")) ?? .email, subject: try row.text("subject"), customerName: try row.text("customer_name"),
                    authorID: try row.textOrNil("author_id"), authorName: try row.text("author_name"), body: try row.text("body"),
                    queuedAt: try row.date("created_at"), state: OutboxState(rawValue: try row.text("state")) ?? .queued,
                    attempts: Int(try row.int("attempts")), nextTryAt: try row.dateOrNil("next_try_at"), reason: try row.textOrNil("reason"),
                    remoteID: try row.textOrNil("remote_id"), claimedBy: try row.textOrNil("claimed_by"), sentAt: try row.dateOrNil("sent_at"))
    }

    /// A reply to the customer, queued for a connector to send; never refused for a version.
    public func queueReply(_ id: Int64, body: String, actor: String, authorName: String, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: nil, at: now) { current in
            let message = try insertMessage(NewMessage(authorKind: .team, authorName: authorName, authorID: actor, body: body, createdAt: now), conversation: id)
            try session.execute("UPDATE messages SET state = $1 WHERE id = $2", [.text(MessageState.queued.rawValue), .int(message)])
            try session.execute("INSERT INTO outbox (message_id, conversation_id, state) VALUES ($1, $2, 'queued')", [.int(message), .int(id)])
            try bump(current, set: "message_count = message_count + 1, updated_at = greatest(updated_at, $3)", [.seconds(now)])
            try session.execute("DELETE FROM drafts WHERE conversation_id = $1 AND author_id = $2 AND kind = 'reply'", [.int(id), .text(actor)])
            return ("reply", "queued to send: " + Self.excerpt(body))
        }
    }

    public func outbox(states: Set<OutboxState>?, limit: Int) throws -> [OutboxReply] {
        let filter = states.map { "WHERE o.state IN (" + $0.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",") + ")" } ?? ""
        return try session.query("\(Self.outboxSelect) \(filter) ORDER BY m.created_at, o.message_id LIMIT $1", [.int(limit)]).map(Self.outboxReply)
    }

    public func queuedReplies(limit: Int) throws -> [OutboxReply] { try outbox(states: [.queued], limit: limit) }

    public func outboxReply(_ messageID: Int64) throws -> OutboxReply? {
        try session.query("\(Self.outboxSelect) WHERE o.message_id = $1", [.int(messageID)]).first.map(Self.outboxReply)
    }

    public func outboxHasWork(sources: Set<Source>, at now: Date) throws -> Bool {
        guard !sources.isEmpty else { return false }
        let only = sources.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
        return try !session.query("""
            SELECT 1 FROM outbox o JOIN conversations c ON c.id = o.conversation_id
            WHERE o.state = 'sending' OR ((o.state = 'queued' OR (o.state = 'failed' AND o.next_try_at <= $1)) AND c.source IN (\(only))) LIMIT 1
            """, [.seconds(now)]).isEmpty
    }

    public func claimDueReply(sources: Set<Source>, sender: String, at now: Date, remoteID: (OutboxReply) -> String?) throws -> OutboxReply? {
        guard !sources.isEmpty else { return nil }
        let only = sources.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
        return try session.transaction {
            guard var reply = try session.query("""
                \(Self.outboxSelect) WHERE (o.state = 'queued' OR (o.state = 'failed' AND o.next_try_at <= $1)) AND c.source IN (\(only))
                ORDER BY m.created_at, o.message_id LIMIT 1 FOR UPDATE OF o SKIP LOCKED
                """, [.seconds(now)]).first.map(Self.outboxReply) else { return nil }
            if reply.remoteID == nil { reply.remoteID = remoteID(reply) }
            let claimed = try session.execute("""
                UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_by = $1, claimed_at = $2, remote_id = $3, next_try_at = NULL
                WHERE message_id = $4 AND state = $5
                """, [.text(sender), .seconds(now), .text(reply.remoteID), .int(reply.messageID), .text(reply.state.rawValue)])
            guard claimed == 1 else { return nil }
            reply.state = .sending
            reply.attempts += 1
            reply.claimedBy = sender
            reply.nextTryAt = nil
            try mirror(reply.messageID, .sending, conversation: reply.conversationID)
            try recordEvent(kind: "sending", actor: sender, conversation: reply.conversationID, detail: "reply \(reply.messageID), try \(reply.attempts)", at: now)
            return reply
        }
    }

    public func markSent(_ messageID: Int64, remoteID: String, messageKey: String?, by actor: String, at now: Date) throws -> Bool {
        try session.transaction {
            guard let row = try session.query("""
                SELECT o.conversation_id, o.counted, m.created_at FROM outbox o JOIN messages m ON m.id = o.message_id
                WHERE o.message_id = $1 AND o.state = 'sending' FOR UPDATE OF o
                """, [.int(messageID)]).first else { return false }
            let conversation = try row.int("conversation_id")
            try session.execute("UPDATE outbox SET state = 'sent', remote_id = $1, sent_at = $2, reason = NULL, next_try_at = NULL WHERE message_id = $3",
                                [.text(remoteID), .seconds(now), .int(messageID)])
            if let messageKey {
                try session.execute("UPDATE messages SET external_key = $1 WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM messages WHERE external_key = $1)",
                                    [.text(messageKey), .int(messageID)])
            }
            try mirror(messageID, .sent, conversation: conversation)
            if try row.int("counted") == 0 {
                try answer(conversation, replyQueuedAt: try row.date("created_at"), sentAt: now)
                try session.execute("UPDATE outbox SET counted = 1 WHERE message_id = $1", [.int(messageID)])
            }
            try recordEvent(kind: "sent", actor: actor, conversation: conversation, detail: "reply \(messageID) as \(remoteID)", at: now)
            return true
        }
    }

    public func markFailed(_ messageID: Int64, reason: String, temporary: Bool, by actor: String, at now: Date) throws -> Bool {
        try session.transaction {
            guard let row = try session.query("SELECT conversation_id, attempts FROM outbox WHERE message_id = $1 AND state = 'sending' FOR UPDATE",
                                              [.int(messageID)]).first else { return false }
            let conversation = try row.int("conversation_id")
            let delay = temporary ? OutboxState.retryDelay(afterAttempt: Int(try row.int("attempts"))) : nil
            let next = delay.map { now.addingTimeInterval($0) }
            try session.execute("UPDATE outbox SET state = 'failed', reason = $1, next_try_at = $2, claimed_by = NULL WHERE message_id = $3",
                                [.text(reason), .seconds(next), .int(messageID)])
            try mirror(messageID, .failed, conversation: conversation)
            let retry = next.map { ", next try at \(ISO8601DateFormatter().string(from: $0))" } ?? ", waits for a person"
            try recordEvent(kind: "send failed", actor: actor, conversation: conversation, detail: "reply \(messageID): \(reason)\(retry)", at: now)
            return true
        }
    }

    /// A bounce of the reply sent with Message-ID `remoteID`: as the SQLite store's
    /// `markBounced`, in the caller's transaction. Returns the reply's conversation.
    func markBounced(remoteID: String, reason: String, actor: String, at now: Date) throws -> Int64? {
        guard let row = try session.query("""
            SELECT o.message_id, o.conversation_id, o.state FROM outbox o JOIN conversations c ON c.id = o.conversation_id
            WHERE o.remote_id = $1 AND c.source = 'email' AND o.state IN ('sent', 'sending', 'unconfirmed')
            ORDER BY o.message_id DESC LIMIT 1 FOR UPDATE OF o
            """, [.text(remoteID)]).first else { return nil }
        let id = try row.int("message_id"), conversation = try row.int("conversation_id"), was = try row.text("state")
        try session.execute("UPDATE outbox SET state = 'failed', reason = $1, next_try_at = NULL, claimed_by = NULL WHERE message_id = $2",
                            [.text(reason), .int(id)])
        try mirror(id, .failed, conversation: conversation)
        try recordEvent(kind: "bounced", actor: actor, conversation: conversation, detail: "reply \(id) (was \(was)): \(reason)", at: now)
        return conversation
    }

    public func markAbandoned(isAlive: (String) -> Bool, staleAfter: TimeInterval, by actor: String, at now: Date) throws -> [Int64] {
        try session.transaction {
            var found: [Int64] = []
            for row in try session.query("SELECT message_id, conversation_id, claimed_by, claimed_at FROM outbox WHERE state = 'sending' FOR UPDATE") {
                let claimedBy = try row.textOrNil("claimed_by") ?? ""
                let since = PostgresSession.date(try row.intOrNil("claimed_at") ?? 0)
                guard !isAlive(claimedBy) || now.timeIntervalSince(since) > staleAfter else { continue }
                let id = try row.int("message_id"), conversation = try row.int("conversation_id")
                let reason = "its sender (\(claimedBy)) stopped while handing it over at \(ISO8601DateFormatter().string(from: since)); it may have been sent: check with the customer or the mail log, then retry or cancel"
                try session.execute("UPDATE outbox SET state = 'unconfirmed', reason = $1, claimed_by = NULL WHERE message_id = $2", [.text(reason), .int(id)])
                try mirror(id, .unconfirmed, conversation: conversation)
                try recordEvent(kind: "unconfirmed", actor: actor, conversation: conversation, detail: "reply \(id): sender \(claimedBy) gone", at: now)
                found.append(id)
            }
            return found
        }
    }

    public func retryReply(_ messageID: Int64, actor: String, at now: Date) throws {
        try personAction(messageID, from: [.failed, .unconfirmed], to: .queued, kind: "retry", actor: actor, at: now)
    }

    public func cancelReply(_ messageID: Int64, actor: String, at now: Date) throws {
        try personAction(messageID, from: [.queued, .failed, .unconfirmed], to: .cancelled, kind: "cancel", actor: actor, at: now)
    }

    public func retryFailedReplies(conversation id: Int64, actor: String, at now: Date) throws -> Int {
        let ids = try session.query("SELECT message_id FROM outbox WHERE conversation_id = $1 AND (state = 'failed' OR state = 'unconfirmed')", [.int(id)])
            .map { try $0.int("message_id") }
        for message in ids { try retryReply(message, actor: actor, at: now) }
        return ids.count
    }

    func personAction(_ messageID: Int64, from: Set<OutboxState>, to: OutboxState, kind: String, actor: String, at now: Date) throws {
        try session.transaction {
            guard let row = try session.query("SELECT conversation_id, state FROM outbox WHERE message_id = $1 FOR UPDATE", [.int(messageID)]).first else {
                throw OutboxError("no reply \(messageID) in the outbox; `baton outbox list` shows them")
            }
            let state = OutboxState(rawValue: try row.text("state")) ?? .queued
            guard from.contains(state) else {
                throw OutboxError("reply \(messageID) is \(state.rawValue); only a reply that is \(from.map(\.rawValue).sorted().joined(separator: " or ")) can be given to \(kind)")
            }
            let conversation = try row.int("conversation_id")
            try session.execute("UPDATE outbox SET state = $1, next_try_at = NULL, claimed_by = NULL WHERE message_id = $2", [.text(to.rawValue), .int(messageID)])
            try mirror(messageID, to, conversation: conversation)
            try recordEvent(kind: kind, actor: actor, conversation: conversation, detail: "reply \(messageID) (was \(state.rawValue))", at: now)
        }
    }

    public func outboxSummary() throws -> OutboxSummary {
        var counts: [String: Int] = [:]
        for row in try session.query("SELECT state, count(*) AS n FROM outbox WHERE state IN ('queued','failed','unconfirmed') GROUP BY state") {
            counts[try row.text("state")] = Int(try row.int("n"))
        }
        let last = try session.query("SELECT value FROM meta WHERE key = 'outbox.sender_ran_at'").first?.text("value")
        return OutboxSummary(queued: counts["queued"] ?? 0, failed: counts["failed"] ?? 0, unconfirmed: counts["unconfirmed"] ?? 0,
                             lastSenderRunAt: last.flatMap(Int64.init).map(PostgresSession.date))
    }

    public func conversationsWithFailedReplies() throws -> [Int64] {
        try session.query("SELECT DISTINCT conversation_id FROM outbox WHERE state = 'failed' OR state = 'unconfirmed' ORDER BY conversation_id")
            .map { try $0.int("conversation_id") }
    }

    public func noteSenderRan(at now: Date) throws {
        try session.execute("INSERT INTO meta (key, value) VALUES ('outbox.sender_ran_at', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            [.text(String(PostgresSession.seconds(now)))])
    }

    /// Keeps messages.state equal to the outbox state and moves the conversation's version.
    func mirror(_ messageID: Int64, _ state: OutboxState, conversation: Int64) throws {
        let message: MessageState = switch state {
        case .queued: .queued
        case .sending: .sending
        case .sent: .sent
        case .failed: .failed
        case .unconfirmed: .unconfirmed
        case .cancelled: .cancelled
        }
        try session.execute("UPDATE messages SET state = $1 WHERE id = $2", [.text(message.rawValue), .int(messageID)])
        try session.execute("UPDATE conversations SET version = version + 1 WHERE id = $1", [.int(conversation)])
    }

    /// The point where a reply answers what was owed: when it was sent.
    func answer(_ id: Int64, replyQueuedAt queuedAt: Date, sentAt now: Date) throws {
        guard let row = try session.query("SELECT * FROM conversations WHERE id = $1 FOR UPDATE", [.int(id)]).first else { throw StoreError.notFound(conversation: id) }
        let before = try Self.clock(row)
        var clock = before
        clock.record(.team, at: now)
        if clock.awaitingSince != nil || before.awaitingSince != nil,
           let newer = try session.query("""
               SELECT min(created_at) AS t FROM messages WHERE conversation_id = $1 AND author_kind = 'customer' AND created_at > $2
               """, [.int(id), .seconds(queuedAt)]).first?.intOrNil("t") {
            clock.record(.customer, at: PostgresSession.date(newer))
        }
        let due = try slaDue(clock, tierID: try row.text("tier_id"), customerID: try row.textOrNil("customer_id"))
        try session.execute("UPDATE conversations SET status = $1, first_response_at = $2, awaiting_since = $3, sla_due = $4 WHERE id = $5",
                            [.text(clock.status.rawValue), .seconds(clock.firstResponseAt), .seconds(clock.awaitingSince), .int(due), .int(id)])
    }
}
