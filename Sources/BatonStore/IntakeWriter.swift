import BatonCore
import Foundation
import GRDB

/// What an import may do inside one transaction: look things up by their external keys,
/// create, append, edit, delete, keep an NPS answer, quarantine what could not be read.
///
/// Imports run one file (or one message) per `SQLiteStore.intake` call, so a run killed
/// half way leaves whole files behind and the next run, skipping known keys, finishes it.
public struct SQLiteIntakeWriter: IntakeWriter {
    let store: SQLiteStore
    let db: Database
    public let actor: String
    public let now: Date

    /// Runs `body` in a savepoint of the caller's transaction: when it throws, what it
    /// wrote is undone and the error rethrown, and what came before it stays. Lets an import
    /// store many messages in one transaction, each all or nothing.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }

    /// The conversation whose external key is `key`.
    public func conversationID(externalKey key: String) throws -> Int64? {
        try store.conversationID(externalKey: key, in: db)
    }

    /// The conversation holding the message whose external key is `key`.
    public func conversationID(ofMessage key: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT conversation_id FROM messages WHERE external_key = ?"), arguments: [key])
    }

    /// The conversation holding the first of `keys` (message external keys, in the caller's
    /// order of preference) that the store has; one indexed query however many keys.
    public func conversationID(ofFirstMessageIn keys: [String]) throws -> Int64? {
        guard !keys.isEmpty else { return nil }
        if keys.count == 1 { return try conversationID(ofMessage: keys[0]) }
        let found = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT external_key, conversation_id FROM messages WHERE external_key IN (SELECT value FROM json_each(?))
            """), arguments: [Self.jsonArray(keys)])
        guard !found.isEmpty else { return nil }
        let byKey = Dictionary(found.map { ($0["external_key"] as String, $0["conversation_id"] as Int64) }, uniquingKeysWith: { first, _ in first })
        return keys.lazy.compactMap { byKey[$0] }.first
    }

    /// `["a","b"]`: strings as a JSON array (RFC 8259), for json_each. Written by hand: a
    /// JSONEncoder per message cost more than the look-ups it saves.
    static func jsonArray(_ strings: [String]) -> String {
        var out: [UInt8] = [0x5B]
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(0x2C) }
            out.append(0x22)
            for byte in string.utf8 {
                switch byte {
                case 0x22, 0x5C: out += [0x5C, byte]
                case 0..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
                default: out.append(byte)
                }
            }
            out.append(0x22)
        }
        out.append(0x5D)
        return String(decoding: out, as: UTF8.self)
    }

    public func hasMessage(_ key: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM messages WHERE external_key = ?"), arguments: [key]) == true
    }

    /// The newest open conversation from `source` for this customer with exactly this subject.
    public func openConversation(source: Source, customerName: String, subject: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM conversations
            WHERE customer_name = ? AND subject = ? AND source = ? AND is_open = 1
            ORDER BY updated_at DESC, id DESC LIMIT 1
            """), arguments: [customerName, subject, source.rawValue])
    }

    /// The newest open conversation from `source` for this customer with exactly this
    /// subject, in which `authorID` has written, active since `since` (UTC): threading by
    /// subject alone joined two people who both wrote "Help".
    public func openConversation(source: Source, customerName: String, subject: String, authorID: String, since: Date) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT c.id FROM conversations c
            WHERE c.customer_name = ? AND c.subject = ? AND c.source = ? AND c.is_open = 1 AND c.updated_at >= ?
              AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.author_id = ?)
            ORDER BY c.updated_at DESC, c.id DESC LIMIT 1
            """), arguments: [customerName, subject, source.rawValue, SQLiteStore.seconds(since), authorID])
    }

    /// Creates a conversation; returns its id, and whether it is new (its key was unknown).
    public func create(_ new: NewConversation) throws -> (id: Int64, created: Bool) {
        if let key = new.externalKey, let existing = try conversationID(externalKey: key) { return (existing, false) }
        return (try store.insertNew(new, actor: actor, at: now, in: db), true)
    }

    /// Adds a message to a conversation; false when its key is known already.
    public func append(_ message: NewMessage, to id: Int64) throws -> Bool {
        try store.append(message, to: id, actor: actor, in: db)
    }

    /// Replaces a message's text after a change; false when the message is unknown or the
    /// text is the same. `editedAt` marks it edited; a change nobody typed leaves the mark as it was.
    public func editMessage(_ key: String, body: String, editedAt: Date?) throws -> Bool {
        try db.cachedStatement(sql: "UPDATE messages SET body = ?, edited_at = coalesce(?, edited_at) WHERE external_key = ? AND body IS NOT ?")
            .execute(arguments: [body, editedAt.map(SQLiteStore.seconds), key, body])
        return db.changesCount > 0
    }

    /// Gives the conversation a new subject when `key` is its opening message: the subject
    /// was made from that message's text, which its author has edited.
    /// The audit log has the new subject.
    public func retitle(openedBy key: String, subject: String) throws {
        guard let id = try conversationID(ofMessage: key) else { return }
        try db.cachedStatement(sql: """
            UPDATE conversations SET subject = ?
            WHERE id = ? AND subject IS NOT ?
              AND (SELECT m.external_key FROM messages m WHERE m.conversation_id = ? ORDER BY m.created_at, m.id LIMIT 1) = ?
            """).execute(arguments: [subject, id, subject, id, key])
        if db.changesCount > 0 { try recordEvent(kind: "retitled", conversation: id, detail: subject) }
    }

    /// Records when a message that came already edited was edited (its text is as edited).
    public func markEdited(_ key: String, at: Date) throws {
        try db.cachedStatement(sql: "UPDATE messages SET edited_at = ? WHERE external_key = ? AND edited_at IS NULL")
            .execute(arguments: [SQLiteStore.seconds(at), key])
    }

    /// Marks a message deleted, keeping its text for the record; false when unknown or already marked.
    public func deleteMessage(_ key: String, at: Date) throws -> Bool {
        try db.cachedStatement(sql: "UPDATE messages SET deleted_at = ? WHERE external_key = ? AND deleted_at IS NULL")
            .execute(arguments: [SQLiteStore.seconds(at), key])
        return db.changesCount > 0
    }

    /// Sets a conversation's deadline (UTC) where intake knows better than the tier's
    /// response targets: an NPS follow-up. The next message's clock takes over again.
    public func setDeadline(_ id: Int64, due: Date) throws {
        try db.cachedStatement(sql: "UPDATE conversations SET sla_due = ? WHERE id = ?").execute(arguments: [SQLiteStore.seconds(due), id])
    }

    /// Keeps an NPS answer; false when its key is known already.
    public func recordNPS(_ answer: NPSRecord) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO nps_answers (external_key, answered_at, email, customer_id, internal, score, comment, conversation_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(external_key) DO NOTHING
            """, arguments: [answer.externalKey, SQLiteStore.seconds(answer.answeredAt), answer.email, answer.customerID,
                             answer.isInternal, answer.score, answer.comment, answer.conversationID])
        return db.changesCount > 0
    }

    public func hasNPS(_ key: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM nps_answers WHERE external_key = ?", arguments: [key]) == true
    }

    /// Keeps unreadable input whole (kind `notAMessage`); false when the same bytes are quarantined already.
    public func quarantine(source: String, origin: String, reason: String, raw: Data, digest: String) throws -> Bool {
        try quarantine(source: source, origin: origin, reason: reason, raw: raw, digest: digest, kind: .notAMessage)
    }

    /// A bounce returned the mail with Message-ID `messageID` (no angle brackets): when that
    /// is a reply baton sent, the reply is marked failed with `reason` (see
    /// `SQLiteStore.markBounced`). Returns the reply's conversation, or nil when it was none.
    public func markReplyBounced(messageID: String, reason: String) throws -> Int64? {
        try store.markBounced(remoteID: messageID, reason: reason, actor: actor, at: now, in: db)?.conversation
    }

    /// Records a Slack Events API delivery; false when it was handled before (a retry).
    public func markSlackEvent(_ eventID: String) throws -> Bool {
        try db.execute(sql: "INSERT INTO slack_events (event_id, received_at) VALUES (?, ?) ON CONFLICT(event_id) DO NOTHING",
                       arguments: [eventID, SQLiteStore.seconds(now)])
        return db.changesCount > 0
    }

    /// Notes an import's action on a conversation in the audit log.
    public func recordEvent(kind: String, conversation: Int64?, detail: String) throws {
        try store.recordEvent(kind: kind, actor: actor, conversation: conversation, detail: detail, at: now, in: db)
    }
}

/// An NPS answer as the store keeps it.
public struct NPSRecord: Equatable, Sendable {
    public var externalKey: String
    public var answeredAt: Date
    public var email: String
    public var customerID: String?
    public var isInternal: Bool
    public var score: Int
    public var comment: String
    public var conversationID: Int64?

    public init(externalKey: String, answeredAt: Date, email: String, customerID: String?, isInternal: Bool, score: Int, comment: String, conversationID: Int64?) {
        self.externalKey = externalKey
        self.answeredAt = answeredAt
        self.email = email
        self.customerID = customerID
        self.isInternal = isInternal
        self.score = score
        self.comment = comment
        self.conversationID = conversationID
    }
}

extension SQLiteStore {
    /// Runs one import step in one immediate transaction: all of it lands, or none.
    public func intake<T>(actor: String, at now: Date, _ body: (IntakeWriter) throws -> T) throws -> T {
        try write { db in try body(SQLiteIntakeWriter(store: self, db: db, actor: actor, now: now)) }
    }

    /// How many rows the quarantine holds, for reports and tests.
    public func quarantineCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM quarantine") ?? 0 }
    }

    /// NPS answers kept, and how many of those count (not from internal addresses).
    public func npsCounts() throws -> (all: Int, counted: Int) {
        try read { db in
            let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM nps_answers") ?? 0
            let counted = try Int.fetchOne(db, sql: "SELECT count(*) FROM nps_answers WHERE internal = 0") ?? 0
            return (all, counted)
        }
    }

    /// A message's text and marks by its external key, for tests and checks.
    public func messageState(_ key: String) throws -> (body: String, edited: Bool, deleted: Bool, authorKind: AuthorKind, authorName: String)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM messages WHERE external_key = ?", arguments: [key]) else { return nil }
            return (row["body"], (row["edited_at"] as Int64?) != nil, (row["deleted_at"] as Int64?) != nil,
                    AuthorKind(rawValue: row["author_kind"]) ?? .system, row["author_name"])
        }
    }
}
