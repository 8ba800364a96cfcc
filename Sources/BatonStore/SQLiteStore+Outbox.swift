import BatonCore
import Foundation
import GRDB

/// One reply in the outbox, with what a connector needs to send it and what a person
/// needs to see about it. Instants are UTC; `nextTryAt` is nil when no retry is planned.
public struct OutboxReply: Equatable, Sendable {
    public var messageID: Int64
    public var conversationID: Int64
    /// The conversation's origin key (Slack "slack:CHANNEL:TS", email "email:MESSAGE-ID").
    public var conversationKey: String?
    public var source: Source
    public var subject: String
    public var customerName: String
    public var authorID: String?
    public var authorName: String
    public var body: String
    public var queuedAt: Date
    public var state: OutboxState
    /// Tries handed to a connector so far (a claim counts one).
    public var attempts: Int
    public var nextTryAt: Date?
    /// Why it failed, or why it is unconfirmed: the program's or Slack's own words.
    public var reason: String?
    /// The email Message-ID (made before the first try, without angle brackets) or Slack's ts.
    public var remoteID: String?
    /// The sender holding it while `sending`: "HOST PID".
    public var claimedBy: String?
    public var sentAt: Date?

    public init(messageID: Int64, conversationID: Int64, conversationKey: String?, source: Source, subject: String, customerName: String,
                authorID: String?, authorName: String, body: String, queuedAt: Date, state: OutboxState, attempts: Int, nextTryAt: Date?,
                reason: String?, remoteID: String?, claimedBy: String?, sentAt: Date?) {
        (self.messageID, self.conversationID, self.conversationKey, self.source, self.subject, self.customerName) =
            (messageID, conversationID, conversationKey, source, subject, customerName)
        (self.authorID, self.authorName, self.body, self.queuedAt, self.state, self.attempts, self.nextTryAt) =
            (authorID, authorName, body, queuedAt, state, attempts, nextTryAt)
        (self.reason, self.remoteID, self.claimedBy, self.sentAt) = (reason, remoteID, claimedBy, sentAt)
    }
}

/// What the header and `outbox list` summarise: replies waiting, failed, unconfirmed, and
/// whether a sender has run lately.
public struct OutboxSummary: Equatable, Sendable {
    public var queued: Int
    public var failed: Int
    public var unconfirmed: Int
    /// When a sender last looked at the outbox (UTC); nil when none ever did.
    public var lastSenderRunAt: Date?

    public init(queued: Int, failed: Int, unconfirmed: Int, lastSenderRunAt: Date? = nil) {
        (self.queued, self.failed, self.unconfirmed, self.lastSenderRunAt) = (queued, failed, unconfirmed, lastSenderRunAt)
    }

    /// Replies wait and no sender has run for `patience` seconds (a minute by default):
    /// the header's warning that nothing is sending.
    public func noSender(now: Date, patience: TimeInterval = 60) -> Bool {
        guard queued > 0 else { return false }
        guard let lastSenderRunAt else { return true }
        return now.timeIntervalSince(lastSenderRunAt) > patience
    }
}

/// A person's outbox action that does not fit the reply's state.
public struct OutboxError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The outbox: replies stay in the store, each with its state, until a connector has
/// handed them over; nothing is dropped and no failure is hidden. A sender claims a
/// reply (queued → sending) in one transaction before handing it to a connector, so two
/// senders on one store never send one reply twice; a reply left in `sending` by a
/// sender that died becomes `unconfirmed` and waits for a person.
extension SQLiteStore {
    static let outboxSelect = """
        SELECT o.message_id, o.conversation_id, o.state, o.attempts, o.next_try_at, o.reason, o.remote_id, o.claimed_by, o.sent_at,
               m.author_id, m.author_name, m.body, m.created_at, c.external_key, c.source, c.subject, c.customer_name
        FROM outbox o JOIN messages m ON m.id = o.message_id JOIN conversations c ON c.id = o.conversation_id
        """

    static func outboxReply(_ row: Row) -> OutboxReply {
        OutboxReply(messageID: row["message_id"], conversationID: row["conversation_id"], conversationKey: row["external_key"],
                    source: Source(rawValue: row["source"]) ?? .email, subject: row["subject"], customerName: row["customer_name"],
                    authorID: row["author_id"], authorName: row["author_name"], body: row["body"], queuedAt: date(row["created_at"]),
                    state: OutboxState(rawValue: row["state"]) ?? .queued, attempts: row["attempts"],
                    nextTryAt: (row["next_try_at"] as Int64?).map(date), reason: row["reason"], remoteID: row["remote_id"],
                    claimedBy: row["claimed_by"], sentAt: (row["sent_at"] as Int64?).map(date))
    }

    /// Puts a just inserted reply in the outbox, inside the queueing transaction.
    func enqueueReply(message id: Int64, conversation: Int64, in db: Database) throws {
        try db.execute(sql: "INSERT INTO outbox (message_id, conversation_id, state) VALUES (?, ?, 'queued')", arguments: [id, conversation])
    }

    /// Replies in the given states (all when nil), oldest first.
    public func outbox(states: Set<OutboxState>? = nil, limit: Int = 1_000) throws -> [OutboxReply] {
        try read { db in
            let filter = states.map { "WHERE o.state IN (" + $0.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",") + ")" } ?? ""
            return try Row.fetchAll(db, sql: "\(Self.outboxSelect) \(filter) ORDER BY m.created_at, o.message_id LIMIT ?", arguments: [limit])
                .map(Self.outboxReply)
        }
    }

    /// The replies waiting for a sender (state `queued`), oldest first.
    public func queuedReplies(limit: Int = 100) throws -> [OutboxReply] {
        try outbox(states: [.queued], limit: limit)
    }

    /// One reply by its message id; nil when that message is no reply in the outbox.
    public func outboxReply(_ messageID: Int64) throws -> OutboxReply? {
        try read { db in try Row.fetchOne(db, sql: "\(Self.outboxSelect) WHERE o.message_id = ?", arguments: [messageID]).map(Self.outboxReply) }
    }

    /// Whether a reply is due or one is `sending`: a read, so that a sender passing every few
    /// seconds takes the write lock (and wakes screens) only when there is work.
    public func outboxHasWork(sources: Set<Source>, at now: Date) throws -> Bool {
        guard !sources.isEmpty else { return false }
        let only = sources.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
        return try read { db in
            try Bool.fetchOne(db, sql: """
                SELECT 1 FROM outbox o JOIN conversations c ON c.id = o.conversation_id
                WHERE o.state = 'sending' OR ((o.state = 'queued' OR (o.state = 'failed' AND o.next_try_at <= ?)) AND c.source IN (\(only))) LIMIT 1
                """, arguments: [Self.seconds(now)]) == true
        }
    }

    /// Claims the oldest reply that is due (queued, or failed with its next try passed) to a
    /// conversation from one of `sources` (those this sender has a connector for) for
    /// `sender` ("HOST PID"): state `sending`, one more attempt, in one immediate transaction,
    /// so no other sender can claim it too. `remoteID` gives the id to keep when the reply
    /// has none yet (an email's Message-ID, made before the first try and kept for every
    /// retry). Returns nil when nothing is due.
    public func claimDueReply(sources: Set<Source>, sender: String, at now: Date,
                              remoteID: (OutboxReply) -> String? = { _ in nil }) throws -> OutboxReply? {
        guard !sources.isEmpty else { return nil }
        let only = sources.map { "'\($0.rawValue)'" }.sorted().joined(separator: ",")
        return try write { db in
            guard var reply = try Row.fetchOne(db, sql: """
                \(Self.outboxSelect) WHERE (o.state = 'queued' OR (o.state = 'failed' AND o.next_try_at <= ?)) AND c.source IN (\(only))
                ORDER BY m.created_at, o.message_id LIMIT 1
                """, arguments: [Self.seconds(now)]).map(Self.outboxReply) else { return nil }
            if reply.remoteID == nil { reply.remoteID = remoteID(reply) }
            try db.execute(sql: """
                UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_by = ?, claimed_at = ?, remote_id = ?, next_try_at = NULL
                WHERE message_id = ? AND state = ?
                """, arguments: [sender, Self.seconds(now), reply.remoteID, reply.messageID, reply.state.rawValue])
            guard db.changesCount == 1 else { return nil }
            reply.state = .sending
            reply.attempts += 1
            reply.claimedBy = sender
            reply.nextTryAt = nil
            try mirror(reply.messageID, .sending, conversation: reply.conversationID, in: db)
            try recordEvent(kind: "sending", actor: sender, conversation: reply.conversationID,
                            detail: "reply \(reply.messageID), try \(reply.attempts)", at: now, in: db)
            return reply
        }
    }

    /// The connector handed the reply over (the mail server or Slack accepted it): `sent`,
    /// with the remote id. The reply answers what was owed now, when the customer got it,
    /// not when it was queued. `messageKey` becomes the reply's external key (the email's
    /// "email:MESSAGE-ID", Slack's "slack:CHANNEL:TS"), so the customer's answer threads in
    /// and Slack's echo of the post is known. False when the reply was not `sending`.
    @discardableResult
    public func markSent(_ messageID: Int64, remoteID: String, messageKey: String?, by actor: String, at now: Date) throws -> Bool {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT o.conversation_id, o.counted, m.created_at FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.message_id = ? AND o.state = 'sending'",
                                             arguments: [messageID]) else { return false }
            let conversation: Int64 = row["conversation_id"]
            try db.execute(sql: "UPDATE outbox SET state = 'sent', remote_id = ?, sent_at = ?, reason = NULL, next_try_at = NULL WHERE message_id = ?",
                           arguments: [remoteID, Self.seconds(now), messageID])
            if let messageKey {
                try db.execute(sql: "UPDATE messages SET external_key = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM messages WHERE external_key = ?)",
                               arguments: [messageKey, messageID, messageKey])
            }
            try mirror(messageID, .sent, conversation: conversation, in: db)
            if (row["counted"] as Int64) == 0 {
                try answer(conversation, replyQueuedAt: Self.date(row["created_at"]), sentAt: now, in: db)
                try db.execute(sql: "UPDATE outbox SET counted = 1 WHERE message_id = ?", arguments: [messageID])
            }
            try recordEvent(kind: "sent", actor: actor, conversation: conversation, detail: "reply \(messageID) as \(remoteID)", at: now, in: db)
            return true
        }
    }

    /// The connector could not hand the reply over. A temporary failure (sendmail's exit 75,
    /// a network error) gets a next try after `OutboxState.retryDelay`; a permanent one, or
    /// one after the last attempt, waits for a person. Either way the reply is `failed` with
    /// `reason`, and what it would have answered stays owed. False when it was not `sending`.
    @discardableResult
    public func markFailed(_ messageID: Int64, reason: String, temporary: Bool, by actor: String, at now: Date) throws -> Bool {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT conversation_id, attempts FROM outbox WHERE message_id = ? AND state = 'sending'",
                                             arguments: [messageID]) else { return false }
            let conversation: Int64 = row["conversation_id"]
            let delay = temporary ? OutboxState.retryDelay(afterAttempt: row["attempts"]) : nil
            let next = delay.map { now.addingTimeInterval($0) }
            try db.execute(sql: "UPDATE outbox SET state = 'failed', reason = ?, next_try_at = ?, claimed_by = NULL WHERE message_id = ?",
                           arguments: [reason, next.map(Self.seconds), messageID])
            try mirror(messageID, .failed, conversation: conversation, in: db)
            let retry = next.map { ", next try at \(Self.isoText($0))" } ?? ", waits for a person"
            try recordEvent(kind: "send failed", actor: actor, conversation: conversation, detail: "reply \(messageID): \(reason)\(retry)", at: now, in: db)
            return true
        }
    }

    /// A delivery status notification (RFC 3464) returned a reply baton sent: the mail
    /// server took it, the recipient's refused it. The reply, found by the Message-ID it
    /// was sent with (`remoteID`, without angle brackets) among email replies that are
    /// `sent`, `sending` or `unconfirmed`, becomes `failed` with `reason` and no next try
    /// (the address failed, not the hand-over: trying again is a person's call), in the
    /// caller's transaction, with a `bounced` event in the audit log. The clock is left as
    /// the send set it. Returns the reply's message id and conversation id, or nil when
    /// the Message-ID is no such reply.
    func markBounced(remoteID: String, reason: String, actor: String, at now: Date, in db: Database) throws -> (message: Int64, conversation: Int64)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT o.message_id, o.conversation_id, o.state FROM outbox o JOIN conversations c ON c.id = o.conversation_id
            WHERE o.remote_id = ? AND c.source = 'email' AND o.state IN ('sent', 'sending', 'unconfirmed')
            ORDER BY o.message_id DESC LIMIT 1
            """, arguments: [remoteID]) else { return nil }
        let id: Int64 = row["message_id"], conversation: Int64 = row["conversation_id"]
        try db.execute(sql: "UPDATE outbox SET state = 'failed', reason = ?, next_try_at = NULL, claimed_by = NULL WHERE message_id = ?",
                       arguments: [reason, id])
        try mirror(id, .failed, conversation: conversation, in: db)
        try recordEvent(kind: "bounced", actor: actor, conversation: conversation,
                        detail: "reply \(id) (was \(row["state"] as String)): \(reason)", at: now, in: db)
        return (id, conversation)
    }

    /// Replies left in `sending` by a sender that is gone: `isAlive` answers for a "HOST PID"
    /// claim (false when that process no longer runs), and a claim older than `staleAfter`
    /// seconds counts as gone too (a sender on another host, a hung one). They become
    /// `unconfirmed`: the mail server or Slack may have taken them before the sender died,
    /// so baton never sends them again by itself. Returns their message ids.
    @discardableResult
    public func markAbandoned(isAlive: (String) -> Bool, staleAfter: TimeInterval, by actor: String, at now: Date) throws -> [Int64] {
        try write { db in
            var found: [Int64] = []
            for row in try Row.fetchAll(db, sql: "SELECT message_id, conversation_id, claimed_by, claimed_at FROM outbox WHERE state = 'sending'") {
                let claimedBy = (row["claimed_by"] as String?) ?? ""
                let since = Self.date((row["claimed_at"] as Int64?) ?? 0)
                guard !isAlive(claimedBy) || now.timeIntervalSince(since) > staleAfter else { continue }
                let id: Int64 = row["message_id"]
                let reason = "its sender (\(claimedBy)) stopped while handing it over at \(Self.isoText(since)); it may have been sent: check with the customer or the mail log, then retry or cancel"
                try db.execute(sql: "UPDATE outbox SET state = 'unconfirmed', reason = ?, claimed_by = NULL WHERE message_id = ?", arguments: [reason, id])
                try mirror(id, .unconfirmed, conversation: row["conversation_id"], in: db)
                try recordEvent(kind: "unconfirmed", actor: actor, conversation: row["conversation_id"], detail: "reply \(id): sender \(claimedBy) gone", at: now, in: db)
                found.append(id)
            }
            return found
        }
    }

    /// A person sends a failed or unconfirmed reply again: back to `queued`, due at once.
    /// Throws `OutboxError` for a reply in another state or no reply at all.
    public func retryReply(_ messageID: Int64, actor: String, at now: Date) throws {
        try personAction(messageID, from: [.failed, .unconfirmed], to: .queued, kind: "retry", actor: actor, at: now)
    }

    /// A person withdraws a reply that has not left: `cancelled`, never sent. What it would
    /// have answered stays owed. Throws `OutboxError` for a reply sent, being sent, or unknown.
    public func cancelReply(_ messageID: Int64, actor: String, at now: Date) throws {
        try personAction(messageID, from: [.queued, .failed, .unconfirmed], to: .cancelled, kind: "cancel", actor: actor, at: now)
    }

    /// The failed and unconfirmed replies of a conversation, for `!` on its screen: each back to queued.
    /// Returns how many.
    @discardableResult
    public func retryFailedReplies(conversation id: Int64, actor: String, at now: Date) throws -> Int {
        let ids = try read { db in
            try Int64.fetchAll(db, sql: "SELECT message_id FROM outbox WHERE conversation_id = ? AND (state = 'failed' OR state = 'unconfirmed')", arguments: [id])
        }
        for message in ids { try retryReply(message, actor: actor, at: now) }
        return ids.count
    }

    func personAction(_ messageID: Int64, from: Set<OutboxState>, to: OutboxState, kind: String, actor: String, at now: Date) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT conversation_id, state FROM outbox WHERE message_id = ?", arguments: [messageID]) else {
                throw OutboxError("no reply \(messageID) in the outbox; `baton outbox list` shows them")
            }
            let state = OutboxState(rawValue: row["state"]) ?? .queued
            guard from.contains(state) else {
                throw OutboxError("reply \(messageID) is \(state.rawValue); only a reply that is \(from.map(\.rawValue).sorted().joined(separator: " or ")) can be given to \(kind)")
            }
            try db.execute(sql: "UPDATE outbox SET state = ?, next_try_at = NULL, claimed_by = NULL WHERE message_id = ?", arguments: [to.rawValue, messageID])
            try mirror(messageID, to, conversation: row["conversation_id"], in: db)
            try recordEvent(kind: kind, actor: actor, conversation: row["conversation_id"], detail: "reply \(messageID) (was \(state.rawValue))", at: now, in: db)
        }
    }

    /// Counts for the header and the queue, and when a sender last ran.
    public func outboxSummary() throws -> OutboxSummary {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM outbox WHERE state IN ('queued','failed','unconfirmed') GROUP BY state") {
                counts[row["state"] as String] = row["n"] as Int
            }
            let last = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'outbox.sender_ran_at'").flatMap(Int64.init).map(Self.date)
            return OutboxSummary(queued: counts["queued"] ?? 0, failed: counts["failed"] ?? 0, unconfirmed: counts["unconfirmed"] ?? 0,
                                 lastSenderRunAt: last)
        }
    }

    /// Conversations with a reply that failed or is unconfirmed: their queue rows show
    /// `reply failed`. Ids in ascending order.
    public func conversationsWithFailedReplies() throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT DISTINCT conversation_id FROM outbox WHERE state = 'failed' OR state = 'unconfirmed' ORDER BY conversation_id")
        }
    }

    /// A sender looked at the outbox now (for "no sender for a minute").
    public func noteSenderRan(at now: Date) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('outbox.sender_ran_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           arguments: [String(Self.seconds(now))])
        }
    }

    /// Keeps messages.state equal to the outbox state (the thread reads it there) and moves
    /// the conversation's version, so every screen sees the change.
    func mirror(_ messageID: Int64, _ state: OutboxState, conversation: Int64, in db: Database) throws {
        let message: MessageState = switch state {
        case .queued: .queued
        case .sending: .sending
        case .sent: .sent
        case .failed: .failed
        case .unconfirmed: .unconfirmed
        case .cancelled: .cancelled
        }
        try db.execute(sql: "UPDATE messages SET state = ? WHERE id = ?", arguments: [message.rawValue, messageID])
        try db.execute(sql: "UPDATE conversations SET version = version + 1 WHERE id = ?", arguments: [conversation])
    }

    /// The point where a reply answers what was owed: when it was sent. A customer message
    /// that came in after the reply was written stays owed: the reply did not see it.
    func answer(_ id: Int64, replyQueuedAt queuedAt: Date, sentAt now: Date, in db: Database) throws {
        let current = try current(id, in: db)
        var clock = current.clock
        clock.record(.team, at: now)
        // The customer's first message after the reply was written starts what is owed next.
        if clock.awaitingSince != nil || current.clock.awaitingSince != nil,
           let newer = try Int64.fetchOne(db, sql: """
               SELECT min(created_at) FROM messages WHERE conversation_id = ? AND author_kind = 'customer' AND created_at > ?
               """, arguments: [id, Self.seconds(queuedAt)]) {
            clock.record(.customer, at: Self.date(newer))
        }
        let due = try slaDue(clock, tierID: current.tierID, customerID: current.customerID, in: db)
        try db.execute(sql: "UPDATE conversations SET status = ?, first_response_at = ?, awaiting_since = ?, sla_due = ? WHERE id = ?",
                       arguments: [clock.status.rawValue, clock.firstResponseAt.map(Self.seconds), clock.awaitingSince.map(Self.seconds),
                                   due, id])
    }

    static func isoText(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
