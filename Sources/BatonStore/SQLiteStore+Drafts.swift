import BatonCore
import Foundation
import GRDB

/// Replies and notes whose editor failed, kept so that nothing typed is lost.
extension SQLiteStore {
    public func saveDraft(_ id: Int64, author: String, kind: String, body: String, at now: Date) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO drafts (conversation_id, author_id, kind, body, saved_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (conversation_id, author_id, kind) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at
                """, arguments: [id, author, kind, body, Self.seconds(now)])
        }
    }

    public func draft(_ id: Int64, author: String, kind: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT body FROM drafts WHERE conversation_id = ? AND author_id = ? AND kind = ?", arguments: [id, author, kind])
        }
    }

    func deleteDraft(_ id: Int64, author: String, kind: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM drafts WHERE conversation_id = ? AND author_id = ? AND kind = ?", arguments: [id, author, kind])
    }
}
