import BatonCore
import BatonStore
import Foundation
import NIOCore
import PostgresNIO

/// Attachments on the PostgreSQL store: the bytes in the database, since the screens that
/// open them run on other hosts than the one that took the mail in. Kept as SQLite keeps
/// them beside its file: one `attachment_contents` row per content, keyed by its SHA-256
/// (lowercase hex), so the same file sent twice is stored once; and one `attachments` row
/// per file of a message, in its order, naming that content. The server checks that the
/// digest is the bytes' SHA-256 and that one content is at most 25 MB (intake keeps at most
/// that much per message, `EmailMessage.maximumKept`); a foreign key keeps a row from naming
/// bytes that are not there.
extension PostgresStore {
    /// A conversation's attachments, in the order of its messages, numbered from 1.
    public func attachments(ofConversation id: Int64) throws -> [StoredAttachment] {
        try session.query("""
            SELECT a.message_id, a.name, a.content_type, a.size, a.digest FROM attachments a JOIN messages m ON m.id = a.message_id
            WHERE m.conversation_id = $1 ORDER BY m.created_at, m.id, a.position
            """, [.int(id)]).enumerated().map { index, row in
            StoredAttachment(number: index + 1, messageID: try row.int("message_id"), name: try row.text("name"),
                             contentType: try row.text("content_type"), size: Int(try row.int("size")), digest: try row.text("digest"))
        }
    }

    /// The bytes of a kept attachment. Throws `StoreError.cannotOpen` naming the attachment
    /// when its content is not in the database.
    public func attachmentData(_ attachment: StoredAttachment) throws -> Data {
        guard let row = try session.query("SELECT data FROM attachment_contents WHERE digest = $1", [.text(attachment.digest)]).first,
              let buffer = try row["data"].decode(ByteBuffer?.self) else {
            throw StoreError.cannotOpen(path: "\(url) attachment \(attachment.digest)", reason: "the attachment \(attachment.name) is not in the database")
        }
        return Data(buffer.readableBytesView)
    }
}

extension PostgresIntakeWriter {
    /// Keeps `files` as the attachments of the message `messageKey`, inside the intake's
    /// transaction (the bytes and the rows land together or not at all). A file whose digest
    /// is not 64 hex digits is skipped, as the SQLite store skips it.
    func keepAttachments(_ files: [NewAttachment], ofMessage messageKey: String) throws {
        guard !files.isEmpty, let messageID = try conversationMessageID(messageKey) else { return }
        for (position, file) in files.enumerated() {
            let digest = file.digest.lowercased()
            guard digest.count == 64, digest.allSatisfy(\.isHexDigit) else { continue }
            try session.execute("INSERT INTO attachment_contents (digest, data) VALUES ($1, $2) ON CONFLICT (digest) DO NOTHING",
                                [.text(digest), .bytes(file.data)])
            try session.execute("""
                INSERT INTO attachments (message_id, position, name, content_type, size, digest) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT DO NOTHING
                """, [.int(messageID), .int(position), .text(file.name), .text(file.contentType), .int(file.data.count), .text(digest)])
        }
    }

    private func conversationMessageID(_ key: String) throws -> Int64? {
        try session.query("SELECT id FROM messages WHERE external_key = $1", [.text(key)]).first?.int("id")
    }
}
