import BatonCore
import Foundation
import GRDB

/// What an action did: the conversation as it now stands and the audit event it wrote
/// (nil when there was nothing to do, such as claiming what you already own).
public struct ActionResult: Equatable, Sendable {
    public var row: QueueRow
    public var event: AuditEvent?

    public init(row: QueueRow, event: AuditEvent?) {
        self.row = row
        self.event = event
    }

    /// What an action that changed nothing says, with how things stand:
    /// "#187: nothing to change (owner ana, open)".
    public var unchangedText: String {
        "#\(row.id): nothing to change (owner \(row.ownerID ?? "—"), \(row.status.words))"
    }
}

/// Ownership and team actions. Each is one immediate transaction that reads the
/// conversation, checks what the actor saw (`expectedVersion`) and what the action needs
/// (claim: unowned), and writes with `WHERE version = ?`, bumping the version; so no
/// action overwrites a change it did not see, and the loser learns who won and when.
extension SQLiteStore {
    /// Takes an unowned conversation. Someone else's conversation is refused, naming them.
    public func claim(_ id: Int64, actor: String, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: nil, at: now) { db, current in
            if let owner = current.owner {
                if owner == actor { return nil }
                throw ActionConflict.owned(conversation: id, by: owner, basis: current.basis, since: current.ownerSince ?? now)
            }
            try setOwner(actor, basis: .claim, on: current, at: now, in: db)
            return ("claim", "— → \(actor)")
        }
    }

    /// Takes a conversation over from its owner, on purpose.
    public func take(_ id: Int64, actor: String, expectedVersion: Int? = nil, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: expectedVersion, at: now) { db, current in
            if current.owner == actor { return nil }
            try setOwner(actor, basis: .take, on: current, at: now, in: db)
            return ("take", "\(current.owner ?? "—") → \(actor)")
        }
    }

    public func assign(_ id: Int64, to engineer: String, actor: String, expectedVersion: Int? = nil, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: expectedVersion, at: now) { db, current in
            try requireEngineer(engineer, in: db)
            if current.owner == engineer { return nil }
            try setOwner(engineer, basis: .assign, on: current, at: now, in: db)
            return ("assign", "\(current.owner ?? "—") → \(engineer)")
        }
    }

    /// Gives a conversation back to the queue. Only its owner can.
    public func release(_ id: Int64, actor: String, expectedVersion: Int? = nil, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: expectedVersion, at: now) { db, current in
            guard current.owner == actor else { throw ActionConflict.notYours(conversation: id, owner: current.owner) }
            try bump(current, set: "owner_id = NULL, owner_via = NULL, owner_since = NULL", arguments: [], in: db)
            return ("release", "\(actor) → —")
        }
    }

    /// Ropes an engineer in to help, beside the owner; the owner stays.
    public func ropeIn(_ id: Int64, engineer: String, actor: String, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: nil, at: now) { db, current in
            try requireEngineer(engineer, in: db)
            if current.owner == engineer { return nil }
            try db.execute(sql: "INSERT OR IGNORE INTO collaborators (conversation_id, engineer_id, added_by, added_at) VALUES (?, ?, ?, ?)",
                           arguments: [id, engineer, actor, Self.seconds(now)])
            guard db.changesCount == 1 else { return nil }
            try bump(current, set: "", arguments: [], in: db)
            return ("ropein", "+\(engineer)")
        }
    }

    public func setStatus(_ id: Int64, to status: ConversationStatus, actor: String, expectedVersion: Int? = nil, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: expectedVersion, at: now) { db, current in
            var clock = current.clock
            let before = clock.status
            if before == status { return nil }
            clock.setStatus(status, at: now)
            let due = try slaDue(clock, tierID: current.tierID, customerID: current.customerID, in: db)
            try bump(current, set: "status = ?, sla_due = ?, sla_pauses = ?", arguments: [status.rawValue, due, SLAPause.encode(clock.pauses)], in: db)
            return ("status", "\(before.rawValue) → \(status.rawValue)")
        }
    }

    /// Adds and removes tags; tags are lower case words.
    public func tag(_ id: Int64, add: [String], remove: [String], actor: String, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: nil, at: now) { db, current in
            var changes: [String] = []
            for tag in add {
                try db.execute(sql: "INSERT OR IGNORE INTO tags (conversation_id, tag) VALUES (?, ?)", arguments: [id, tag])
                if db.changesCount == 1 { changes.append("+" + tag) }
            }
            for tag in remove {
                try db.execute(sql: "DELETE FROM tags WHERE conversation_id = ? AND tag = ?", arguments: [id, tag])
                if db.changesCount == 1 { changes.append("-" + tag) }
            }
            guard !changes.isEmpty else { return nil }
            try bump(current, set: "", arguments: [], in: db)
            return ("tag", changes.joined(separator: " "))
        }
    }

    /// An internal note: in the thread for the team, never sent, and no answer to the customer.
    public func addNote(_ id: Int64, body: String, actor: String, authorName: String, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: nil, at: now) { db, current in
            try insertTeamMessage(body, state: .note, conversation: id, actor: actor, authorName: authorName, at: now, in: db)
            try bump(current, set: "message_count = message_count + 1, updated_at = max(updated_at, ?)", arguments: [Self.seconds(now)], in: db)
            try deleteDraft(id, author: actor, kind: "note", in: db)
            return ("note", Self.excerpt(body))
        }
    }

    /// A reply to the customer, queued for a connector to send (the outbox). It answers what
    /// was owed when it is sent (`markSent`), not now: the clock counts what the customer got.
    /// It is never refused for a version: the text someone wrote is never thrown away.
    public func queueReply(_ id: Int64, body: String, actor: String, authorName: String, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: nil, at: now) { db, current in
            try insertTeamMessage(body, state: .queued, conversation: id, actor: actor, authorName: authorName, at: now, in: db)
            try enqueueReply(message: db.lastInsertedRowID, conversation: id, in: db)
            try bump(current, set: "message_count = message_count + 1, updated_at = max(updated_at, ?)", arguments: [Self.seconds(now)], in: db)
            try deleteDraft(id, author: actor, kind: "reply", in: db)
            return ("reply", "queued to send: " + Self.excerpt(body))
        }
    }

    // MARK: the machinery every action shares

    /// The conversation as an action reads it, inside the action's transaction.
    struct Current {
        var id: Int64
        var version: Int
        var owner: String?
        var basis: OwnerBasis?
        var ownerSince: Date?
        var tierID: String
        var customerID: String?
        var clock: ConversationClock
    }

    /// Reads, checks the version the actor saw, runs `body` (which returns the event's kind
    /// and detail, or nil for nothing to do), records the event, and returns the result.
    func act(_ id: Int64, actor: String, expectedVersion: Int?, at now: Date,
             _ body: (Database, Current) throws -> (kind: String, detail: String)?) throws -> ActionResult {
        try write { db in
            let current = try self.current(id, in: db)
            if let expectedVersion, expectedVersion != current.version {
                throw try changedConflict(id, in: db)
            }
            var event: AuditEvent?
            if let (kind, detail) = try body(db, current) {
                // An action that moved the owner stores from and to as fields (schema 17).
                let ownerNow = try String.fetchOne(db, sql: "SELECT owner_id FROM conversations WHERE id = ?", arguments: [id])
                try recordEvent(kind: kind, actor: actor, conversation: id, detail: detail, at: now,
                                owner: ownerNow != current.owner ? (current.owner, ownerNow) : nil, in: db)
                event = AuditEvent(id: db.lastInsertedRowID, at: Self.date(Self.seconds(now)), actor: actor, kind: kind, conversationID: id, detail: detail)
            }
            guard let row = try Row.fetchOne(db, sql: """
                \(Self.rowSelect) WHERE c.id = ?
                """, arguments: [id]) else { throw StoreError.notFound(conversation: id) }
            return ActionResult(row: Self.queueRow(row), event: event)
        }
    }

    func current(_ id: Int64, in db: Database) throws -> Current {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM conversations WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(conversation: id)
        }
        return Current(
            id: id, version: row["version"], owner: row["owner_id"], basis: (row["owner_via"] as String?).flatMap(OwnerBasis.init),
            ownerSince: (row["owner_since"] as Int64?).map(Self.date), tierID: row["tier_id"], customerID: row["customer_id"],
            clock: Self.clock(row))
    }

    /// Writes `set` and bumps the version, only if the version is still the one read.
    func bump(_ current: Current, set: String, arguments: StatementArguments, in db: Database) throws {
        let assignments = set.isEmpty ? "version = version + 1" : set + ", version = version + 1"
        try db.execute(sql: "UPDATE conversations SET \(assignments) WHERE id = ? AND version = ?",
                       arguments: arguments + [current.id, current.version])
        guard db.changesCount == 1 else { throw try changedConflict(current.id, in: db) }
    }

    func setOwner(_ engineer: String, basis: OwnerBasis, on current: Current, at now: Date, in db: Database) throws {
        try bump(current, set: "owner_id = ?, owner_via = ?, owner_since = ?", arguments: [engineer, basis.rawValue, Self.seconds(now)], in: db)
        // The owner is no longer a collaborator beside themselves.
        try db.execute(sql: "DELETE FROM collaborators WHERE conversation_id = ? AND engineer_id = ?", arguments: [current.id, engineer])
    }

    /// The version moved: who moved it last, with what, and when. A message moves it too,
    /// without an event, so the newer of the last event and the last message is the answer.
    func changedConflict(_ id: Int64, in db: Database) throws -> ActionConflict {
        let last = try Row.fetchOne(db, sql: "SELECT actor, kind, detail, at FROM events WHERE conversation_id = ? ORDER BY id DESC LIMIT 1", arguments: [id])
        if let message = try Row.fetchOne(db, sql: "SELECT author_name, created_at FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT 1", arguments: [id]),
           (message["created_at"] as Int64) > (last?["at"] as Int64? ?? Int64.min) {
            return .newMessage(conversation: id, from: message["author_name"], at: Self.date(message["created_at"]))
        }
        return ActionConflict.changed(conversation: id, by: last?["actor"], what: last.map { "\($0["kind"] as String) \($0["detail"] as String)" },
                                      at: (last?["at"] as Int64?).map(Self.date))
    }

    func requireEngineer(_ id: String, in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM engineers WHERE id = ?", arguments: [id]) == true else {
            throw StoreError.unknownEngineer(id)
        }
    }

    func insertTeamMessage(_ body: String, state: MessageState, conversation id: Int64, actor: String, authorName: String, at now: Date, in db: Database) throws {
        try insertMessage(NewMessage(authorKind: .team, authorName: authorName, authorID: actor, body: body, createdAt: now), conversation: id, in: db)
        try db.execute(sql: "UPDATE messages SET state = ? WHERE id = ?", arguments: [state.rawValue, db.lastInsertedRowID])
    }

    /// The first line of a text, short enough for the history.
    static func excerpt(_ body: String) -> String {
        let line = body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }
}
