import BatonCore
import BatonStore
import Foundation

/// Conversations and messages in: the same rules as the SQLite store (a known external
/// key adds nothing; the owner is decided in the transaction that stores the
/// conversation, with the overrides then in force; the clock and deadline move with each
/// message).
extension PostgresStore {
    @discardableResult
    public func createConversation(_ new: NewConversation, actor: String, at now: Date) throws -> Int64 {
        try session.transaction { try insert(new, actor: actor, at: now) }
    }

    public func createConversations(_ batch: [NewConversation], actor: String, at now: Date) throws {
        try session.transaction {
            for new in batch { _ = try insert(new, actor: actor, at: now) }
        }
    }

    @discardableResult
    public func appendMessage(_ message: NewMessage, to id: Int64, actor: String) throws -> Bool {
        try session.transaction { try append(message, to: id, actor: actor) }
    }

    public func intake<T>(actor: String, at now: Date, _ body: (IntakeWriter) throws -> T) throws -> T {
        try session.transaction { try body(PostgresIntakeWriter(store: self, actor: actor, now: now)) }
    }

    func insert(_ new: NewConversation, actor: String, at now: Date) throws -> Int64 {
        if let key = new.externalKey, let existing = try conversationID(externalKey: key) { return existing }
        return try insertNew(new, actor: actor, at: now)
    }

    func conversationID(externalKey key: String) throws -> Int64? {
        try session.query("SELECT id FROM conversations WHERE external_key = $1", [.text(key)]).first?.int("id")
    }

    func insertNew(_ new: NewConversation, actor: String, at now: Date) throws -> Int64 {
        var new = new
        if new.ownerID == nil, let rule = new.ownerRule {
            new = new.decidingOwner(point: try pointHolder(rule.rotation, at: rule.at))
        }
        let clock = new.clock(startingAt: now)
        let due = try slaDue(clock, tierID: new.tierID, customerID: new.customerID)
        let updated = new.messages.map(\.createdAt).max() ?? clock.createdAt
        let id = try session.query("""
            INSERT INTO conversations (external_key, customer_id, customer_name, tier_id, subject, status, source,
                owner_id, owner_via, owner_since, created_at, updated_at, first_response_at, awaiting_since, sla_due, message_count,
                first_customer_at, sla_pauses)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id
            """, [.text(new.externalKey), .text(new.customerID), .text(new.customerName), .text(new.tierID), .text(new.subject),
                  .text(clock.status.rawValue), .text(new.source.rawValue), .text(new.ownerID), .text(new.ownerVia?.rawValue),
                  .seconds(new.ownerID == nil ? nil : clock.createdAt), .seconds(clock.createdAt), .seconds(updated),
                  .seconds(clock.firstResponseAt), .seconds(clock.awaitingSince), .int(due), .int(new.messages.count),
                  .seconds(clock.firstCustomerAt), .text(SLAPause.encode(clock.pauses))]).first!.int("id")
        for message in new.messages { try insertMessage(message, conversation: id) }
        for engineer in new.collaborators {
            try session.execute("INSERT INTO collaborators (conversation_id, engineer_id, added_by, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                                [.int(id), .text(engineer), .text(actor), .seconds(now)])
        }
        var detail = "from \(new.source.rawValue)"
        if let owner = new.ownerID { detail += ", owner \(owner)" + (new.ownerVia.map { " (\($0.rawValue))" } ?? "") }
        if !new.collaborators.isEmpty { detail += " with " + new.collaborators.joined(separator: ", ") }
        try recordEvent(kind: "created", actor: actor, conversation: id, detail: detail, at: now)
        return id
    }

    /// Adds a message and moves the conversation's clock; a known external key adds nothing.
    func append(_ message: NewMessage, to id: Int64, actor: String) throws -> Bool {
        if let key = message.externalKey, try !session.query("SELECT 1 FROM messages WHERE external_key = $1", [.text(key)]).isEmpty {
            return false
        }
        let id = try mergedTarget(id)
        guard let row = try session.query("SELECT * FROM conversations WHERE id = $1 FOR UPDATE", [.int(id)]).first else {
            throw StoreError.notFound(conversation: id)
        }
        var clock = try Self.clock(row)
        let before = clock.status
        clock.record(message.authorKind, at: message.createdAt)
        let due = try slaDue(clock, tierID: try row.text("tier_id"), customerID: try row.textOrNil("customer_id"))
        try insertMessage(message, conversation: id)
        try session.execute("""
            UPDATE conversations SET status = $1, first_response_at = $2, awaiting_since = $3, sla_due = $4,
                first_customer_at = $5, sla_pauses = $6,
                updated_at = greatest(updated_at, $7), message_count = message_count + 1, version = version + 1
            WHERE id = $8
            """, [.text(clock.status.rawValue), .seconds(clock.firstResponseAt), .seconds(clock.awaitingSince), .int(due),
                  .seconds(clock.firstCustomerAt), .text(SLAPause.encode(clock.pauses)), .seconds(message.createdAt), .int(id)])
        if clock.status != before {
            try recordEvent(kind: "status", actor: actor, conversation: id, detail: "\(before.rawValue) → \(clock.status.rawValue)", at: message.createdAt)
        }
        return true
    }

    /// Where a merged-away conversation's later messages go: the one it was merged into.
    func mergedTarget(_ id: Int64) throws -> Int64 {
        var current = id
        for _ in 0..<16 {
            guard let next = try session.query("SELECT merged_into FROM conversations WHERE id = $1", [.int(current)]).first?.intOrNil("merged_into") else {
                return current
            }
            current = next
        }
        return current
    }

    @discardableResult
    func insertMessage(_ message: NewMessage, conversation id: Int64) throws -> Int64 {
        try session.query("""
            INSERT INTO messages (conversation_id, external_key, author_kind, author_name, author_id, body, created_at, sent_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
            """, [.int(id), .text(message.externalKey), .text(message.authorKind.rawValue), .text(message.authorName), .text(message.authorID),
                  .text(message.body), .seconds(message.createdAt), .seconds(message.sentAt)]).first!.int("id")
    }

    /// `owner`: for an event that changed the owner, the owner before and after (nil: nobody),
    /// kept as fields for the metrics, as SQLite's `recordEvent` keeps them (its schema 18).
    @discardableResult
    func recordEvent(kind: String, actor: String, conversation: Int64?, detail: String, at: Date,
                     owner: (from: String?, to: String?)? = nil) throws -> Int64 {
        try session.query("""
            INSERT INTO events (at, actor, kind, conversation_id, detail, owner_from, owner_to) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, [.seconds(at), .text(actor), .text(kind), .int(conversation), .text(detail), .text(owner?.from), .text(owner?.to)]).first!.int("id")
    }

    public func messageCount() throws -> Int {
        Int(try session.query("SELECT count(*) AS n FROM messages").first?.int("n") ?? 0)
    }

    public func messageState(_ key: String) throws -> (body: String, edited: Bool, deleted: Bool, authorKind: AuthorKind, authorName: String)? {
        guard let row = try session.query("SELECT * FROM messages WHERE external_key = $1", [.text(key)]).first else { return nil }
        return (try row.text("body"), try row.intOrNil("edited_at") != nil, try row.intOrNil("deleted_at") != nil,
                AuthorKind(rawValue: try row.text("author_kind")) ?? .system, try row.text("author_name"))
    }

    public func npsCounts() throws -> (all: Int, counted: Int) {
        let row = try session.query("SELECT count(*) AS a, count(*) FILTER (WHERE NOT internal) AS c FROM nps_answers").first
        return (Int(try row?.int("a") ?? 0), Int(try row?.int("c") ?? 0))
    }
}

/// The intake writer's unit of work on PostgreSQL: every call runs inside the transaction
/// `PostgresStore.intake` opened.
struct PostgresIntakeWriter: IntakeWriter {
    let store: PostgresStore
    let actor: String
    let now: Date
    var session: PostgresSession { store.session }

    func conversationID(externalKey key: String) throws -> Int64? { try store.conversationID(externalKey: key) }

    func conversationID(ofMessage key: String) throws -> Int64? {
        try session.query("SELECT conversation_id FROM messages WHERE external_key = $1", [.text(key)]).first?.int("conversation_id")
    }

    func hasMessage(_ key: String) throws -> Bool {
        try !session.query("SELECT 1 FROM messages WHERE external_key = $1", [.text(key)]).isEmpty
    }

    func openConversation(source: Source, customerName: String, subject: String) throws -> Int64? {
        try session.query("""
            SELECT id FROM conversations WHERE customer_name = $1 AND subject = $2 AND source = $3 AND is_open
            ORDER BY updated_at DESC, id DESC LIMIT 1
            """, [.text(customerName), .text(subject), .text(source.rawValue)]).first?.int("id")
    }

    func openConversation(source: Source, customerName: String, subject: String, authorID: String, since: Date) throws -> Int64? {
        try session.query("""
            SELECT c.id FROM conversations c
            WHERE c.customer_name = $1 AND c.subject = $2 AND c.source = $3 AND c.is_open AND c.updated_at >= $4
              AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.author_id = $5)
            ORDER BY c.updated_at DESC, c.id DESC LIMIT 1
            """, [.text(customerName), .text(subject), .text(source.rawValue), .seconds(since), .text(authorID)]).first?.int("id")
    }

    func create(_ new: NewConversation) throws -> (id: Int64, created: Bool) {
        if let key = new.externalKey, let existing = try conversationID(externalKey: key) { return (existing, false) }
        return (try store.insertNew(new, actor: actor, at: now), true)
    }

    func append(_ message: NewMessage, to id: Int64) throws -> Bool { try store.append(message, to: id, actor: actor) }

    func editMessage(_ key: String, body: String, editedAt: Date?) throws -> Bool {
        try session.execute("UPDATE messages SET body = $1, edited_at = coalesce($2, edited_at) WHERE external_key = $3 AND body IS DISTINCT FROM $1",
                            [.text(body), .seconds(editedAt), .text(key)]) > 0
    }

    func retitle(openedBy key: String, subject: String) throws {
        guard let id = try conversationID(ofMessage: key) else { return }
        let changed = try session.execute("""
            UPDATE conversations SET subject = $1
            WHERE id = $2 AND subject IS DISTINCT FROM $1
              AND (SELECT m.external_key FROM messages m WHERE m.conversation_id = $2 ORDER BY m.created_at, m.id LIMIT 1) = $3
            """, [.text(subject), .int(id), .text(key)])
        if changed > 0 { try recordEvent(kind: "retitled", conversation: id, detail: subject) }
    }

    func markEdited(_ key: String, at: Date) throws {
        try session.execute("UPDATE messages SET edited_at = $1 WHERE external_key = $2 AND edited_at IS NULL", [.seconds(at), .text(key)])
    }

    func deleteMessage(_ key: String, at: Date) throws -> Bool {
        try session.execute("UPDATE messages SET deleted_at = $1 WHERE external_key = $2 AND deleted_at IS NULL", [.seconds(at), .text(key)]) > 0
    }

    func setDeadline(_ id: Int64, due: Date) throws {
        try session.execute("UPDATE conversations SET sla_due = $1 WHERE id = $2", [.seconds(due), .int(id)])
    }

    func recordNPS(_ answer: NPSRecord) throws -> Bool {
        try session.execute("""
            INSERT INTO nps_answers (external_key, answered_at, email, customer_id, internal, score, comment, conversation_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (external_key) DO NOTHING
            """, [.text(answer.externalKey), .seconds(answer.answeredAt), .text(answer.email), .text(answer.customerID),
                  .bool(answer.isInternal), .int(answer.score), .text(answer.comment), .int(answer.conversationID)]) > 0
    }

    func hasNPS(_ key: String) throws -> Bool {
        try !session.query("SELECT 1 FROM nps_answers WHERE external_key = $1", [.text(key)]).isEmpty
    }

    func quarantine(source: String, origin: String, reason: String, raw: Data, digest: String, kind: QuarantineKind) throws -> Bool {
        try session.execute("""
            INSERT INTO quarantine (source, origin, reason, raw, digest, received_at, kind) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (digest) DO NOTHING
            """, [.text(source), .text(origin), .text(reason), .bytes(Array(raw)), .text(digest), .seconds(now), .text(kind.rawValue)]) > 0
    }

    func markReplyBounced(messageID: String, reason: String) throws -> Int64? {
        try store.markBounced(remoteID: messageID, reason: reason, actor: actor, at: now)
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        try session.execute("SAVEPOINT intake_message")
        do {
            let result = try body()
            try session.execute("RELEASE SAVEPOINT intake_message")
            return result
        } catch {
            _ = try? session.execute("ROLLBACK TO SAVEPOINT intake_message")
            throw error
        }
    }

    func conversationID(ofFirstMessageIn keys: [String]) throws -> Int64? {
        for key in keys { if let id = try conversationID(ofMessage: key) { return id } }
        return nil
    }

    func removeQuarantined(_ id: Int64) throws {
        try session.execute("DELETE FROM quarantine WHERE id = $1", [.int(id)])
    }

    func markSlackEvent(_ eventID: String) throws -> Bool {
        try session.execute("INSERT INTO slack_events (event_id, received_at) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING",
                            [.text(eventID), .seconds(now)]) > 0
    }

    func recordEvent(kind: String, conversation: Int64?, detail: String) throws {
        try store.recordEvent(kind: kind, actor: actor, conversation: conversation, detail: detail, at: now)
    }

    func rememberSlackChannels(_ channels: [(id: String, name: String)]) throws {
        for channel in channels {
            try session.execute("""
                INSERT INTO slack_channels (id, name, seen_at) VALUES ($1, $2, $3)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, seen_at = excluded.seen_at WHERE slack_channels.name IS DISTINCT FROM excluded.name
                """, [.text(channel.id), .text(channel.name), .seconds(now)])
        }
    }

    func rememberSlackUsers(_ users: [StoredSlackUser]) throws {
        for user in users {
            try session.execute("""
                INSERT INTO slack_users (id, name, email, is_bot) VALUES ($1, $2, $3, $4)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = coalesce(excluded.email, slack_users.email), is_bot = excluded.is_bot
                """, [.text(user.id), .text(user.name), .text(user.email), .bool(user.isBot)])
        }
    }

    // keepAttachments: PostgresStore+Attachments.swift.

    func recordMailHeaders(_ headers: StoredMailHeaders, forMessage key: String) throws {
        try session.execute("""
            INSERT INTO mail_headers (message_id, mail_from, reply_to, mail_to, mail_cc, message_id_header, refs, subject)
            SELECT id, $2, $3, $4, $5, $6, $7, $8 FROM messages WHERE external_key = $1
            ON CONFLICT (message_id) DO NOTHING
            """, [.text(key), .text(headers.from), .text(headers.replyTo), .text(headers.to), .text(headers.cc), .text(headers.messageID),
                  .text(headers.references.joined(separator: " ")), .text(headers.subject)])
    }
}
