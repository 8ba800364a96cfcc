import BatonCore
import Foundation
import GRDB

extension SQLiteStore {
    public func createConversation(_ new: NewConversation, actor: String, at now: Date) throws -> Int64 {
        try write { db in try insert(new, actor: actor, at: now, in: db) }
    }

    /// Stores many conversations in one transaction: for the demo's history and benchmarks.
    public func createConversations(_ batch: [NewConversation], actor: String, at now: Date) throws {
        try write { db in
            for new in batch { _ = try insert(new, actor: actor, at: now, in: db) }
        }
    }

    func insert(_ new: NewConversation, actor: String, at now: Date, in db: Database) throws -> Int64 {
        if let key = new.externalKey, let existing = try conversationID(externalKey: key, in: db) { return existing }
        return try insertNew(new, actor: actor, at: now, in: db)
    }

    func conversationID(externalKey key: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM conversations WHERE external_key = ?"), arguments: [key])
    }

    /// Inserts a conversation whose external key the caller knows to be new.
    func insertNew(_ new: NewConversation, actor: String, at now: Date, in db: Database) throws -> Int64 {
        // The owner is decided here, in the transaction that stores the conversation, with the
        // overrides in force when it arrived: whichever intake made it, cover counts.
        var new = new
        if new.ownerID == nil, let rule = new.ownerRule {
            new = new.decidingOwner(point: try pointHolder(rule.rotation, at: rule.at, in: db))
        }
        let clock = new.clock(startingAt: now)
        let due = try slaDue(clock, tierID: new.tierID, customerID: new.customerID, in: db)
        let updated = new.messages.map(\.createdAt).max() ?? clock.createdAt
        try db.cachedStatement(sql: """
            INSERT INTO conversations (external_key, customer_id, customer_name, tier_id, subject, status, source,
                owner_id, owner_via, owner_since, created_at, updated_at, first_response_at, awaiting_since, sla_due, message_count,
                first_customer_at, sla_pauses)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [new.externalKey, new.customerID, new.customerName, new.tierID, new.subject, clock.status.rawValue,
                             new.source.rawValue, new.ownerID, new.ownerVia?.rawValue, new.ownerID == nil ? nil : Self.seconds(clock.createdAt),
                             Self.seconds(clock.createdAt), Self.seconds(updated), clock.firstResponseAt.map(Self.seconds),
                             clock.awaitingSince.map(Self.seconds), due, new.messages.count,
                             clock.firstCustomerAt.map(Self.seconds), SLAPause.encode(clock.pauses)])
        let id = db.lastInsertedRowID
        for message in new.messages {
            try insertMessage(message, conversation: id, in: db)
        }
        for engineer in new.collaborators {
            try db.execute(sql: "INSERT OR IGNORE INTO collaborators (conversation_id, engineer_id, added_by, added_at) VALUES (?, ?, ?, ?)",
                           arguments: [id, engineer, actor, Self.seconds(now)])
        }
        // Who got it and why is part of the log: "from email, owner ana (dedicated)".
        var detail = "from \(new.source.rawValue)"
        if let owner = new.ownerID { detail += ", owner \(owner)" + (new.ownerVia.map { " (\($0.rawValue))" } ?? "") }
        if !new.collaborators.isEmpty { detail += " with " + new.collaborators.joined(separator: ", ") }
        try recordEvent(kind: "created", actor: actor, conversation: id, detail: detail, at: now, in: db)
        return id
    }

    public func appendMessage(_ message: NewMessage, to id: Int64, actor: String) throws -> Bool {
        try write { db in try append(message, to: id, actor: actor, in: db) }
    }

    /// Adds a message and moves the conversation's clock; a known external key adds nothing.
    func append(_ message: NewMessage, to id: Int64, actor: String, in db: Database) throws -> Bool {
        if let key = message.externalKey,
           try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM messages WHERE external_key = ?"), arguments: [key]) == true {
            return false
        }
        // A conversation merged into another (conv merge) takes its thread's later messages there.
        let id = try mergedTarget(id, in: db)
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM conversations WHERE id = ?"), arguments: [id]) else {
            throw StoreError.notFound(conversation: id)
        }
        var clock = Self.clock(row)
        let before = clock.status
        clock.record(message.authorKind, at: message.createdAt)
        let due = try slaDue(clock, tierID: row["tier_id"], customerID: row["customer_id"], in: db)
        try insertMessage(message, conversation: id, in: db)
        try db.cachedStatement(sql: """
            UPDATE conversations SET status = ?, first_response_at = ?, awaiting_since = ?, sla_due = ?,
                first_customer_at = ?, sla_pauses = ?,
                updated_at = max(updated_at, ?), message_count = message_count + 1, version = version + 1
            WHERE id = ?
            """).execute(arguments: [clock.status.rawValue, clock.firstResponseAt.map(Self.seconds), clock.awaitingSince.map(Self.seconds),
                                     due, clock.firstCustomerAt.map(Self.seconds), SLAPause.encode(clock.pauses),
                                     Self.seconds(message.createdAt), id])
        if clock.status != before {
            try recordEvent(kind: "status", actor: actor, conversation: id,
                            detail: "\(before.rawValue) → \(clock.status.rawValue)", at: message.createdAt, in: db)
        }
        return true
    }

    func insertMessage(_ message: NewMessage, conversation id: Int64, in db: Database) throws {
        // Cached: imports insert thousands of messages in one transaction.
        try db.cachedStatement(sql: """
            INSERT INTO messages (conversation_id, external_key, author_kind, author_name, author_id, body, created_at, sent_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, message.externalKey, message.authorKind.rawValue, message.authorName, message.authorID,
                             message.body, Self.seconds(message.createdAt), message.sentAt.map(Self.seconds)])
        // Indexed here rather than by a trigger: FTS5 flushes its pending terms at the end of
        // every trigger program, so a trigger made one index segment per message and an import
        // spent most of its time merging them (schema 6).
        try db.cachedStatement(sql: "INSERT INTO messages_fts (rowid, body) VALUES (?, ?)")
            .execute(arguments: [db.lastInsertedRowID, message.body])
    }

    /// `owner`: for an event that changed the owner, the owner before and after (nil: nobody),
    /// kept as fields for the metrics (schema 17).
    func recordEvent(kind: String, actor: String, conversation: Int64?, detail: String, at: Date,
                     owner: (from: String?, to: String?)? = nil, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO events (at, actor, kind, conversation_id, detail, owner_from, owner_to) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [Self.seconds(at), actor, kind, conversation, detail, owner?.from, owner?.to])
    }

    /// Whole seconds since 1970 (UTC), as the store keeps instants. Parsers refuse times
    /// outside years 1 to 9999 as bad input; this is the last guard, so that one they missed
    /// is clamped into that range rather than trapping (`Int64(1e300)` kills the process).
    static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970
        guard value.isFinite else { return value.isNaN ? 0 : (value > 0 ? latestSecond : earliestSecond) }
        return Int64(min(max(value, Double(earliestSecond)), Double(latestSecond)).rounded(.down))
    }

    static let earliestSecond: Int64 = -62_135_596_800  // 0001-01-01T00:00:00Z
    static let latestSecond: Int64 = 253_402_300_799    // 9999-12-31T23:59:59Z
    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}
