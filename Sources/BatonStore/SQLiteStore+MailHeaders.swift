import BatonCore
import Foundation
import GRDB

/// What a reply by mail needs from a message that came in by mail: who wrote it, who it
/// was addressed to and how it threads. Address lists are kept in header form
/// ("Name <a@x>, b@y"), ids without angle brackets.
public struct StoredMailHeaders: Equatable, Sendable {
    public var from: String
    public var replyTo: String
    public var to: String
    public var cc: String
    public var messageID: String?
    /// The References chain, oldest first.
    public var references: [String]
    public var subject: String

    public init(from: String, replyTo: String = "", to: String = "", cc: String = "", messageID: String?, references: [String] = [], subject: String = "") {
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.messageID = messageID
        self.references = references
        self.subject = subject
    }
}

extension SQLiteIntakeWriter {
    /// Keeps the headers of the message stored under `key` (just appended or created);
    /// does nothing when no such message is stored or its headers are kept already.
    public func recordMailHeaders(_ headers: StoredMailHeaders, forMessage key: String) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO mail_headers (message_id, mail_from, reply_to, mail_to, mail_cc, message_id_header, refs, subject)
            SELECT id, ?, ?, ?, ?, ?, ?, ? FROM messages WHERE external_key = ?
            """).execute(arguments: [headers.from, headers.replyTo, headers.to, headers.cc, headers.messageID,
                                     headers.references.joined(separator: " "), headers.subject, key])
    }
}

extension SQLiteStore {
    /// The mail a reply in conversation `id` answers: the newest customer message kept with
    /// its headers, else the newest message with headers at all (a thread the team started
    /// by mail); nil when the conversation holds no mail.
    public func answeredMail(conversation id: Int64, before: Date? = nil) throws -> StoredMailHeaders? {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT h.* FROM mail_headers h JOIN messages m ON m.id = h.message_id
                WHERE m.conversation_id = ?
                ORDER BY (m.author_kind = 'customer') DESC, m.created_at DESC, m.id DESC LIMIT 1
                """, arguments: [id])
            return row.map {
                StoredMailHeaders(from: $0["mail_from"], replyTo: $0["reply_to"], to: $0["mail_to"], cc: $0["mail_cc"],
                                  messageID: $0["message_id_header"],
                                  references: ($0["refs"] as String).split(separator: " ").map(String.init), subject: $0["subject"])
            }
        }
    }
}
