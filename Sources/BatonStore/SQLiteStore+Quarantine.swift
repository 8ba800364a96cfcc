import BatonCore
import Foundation
import GRDB

/// Why something is in the quarantine: bytes that are no message at all, or a message
/// that has no place yet (a bounce of mail baton never saw, a Slack channel no customer claims).
public enum QuarantineKind: String, Sendable, CaseIterable {
    case notAMessage = "not-a-message"
    case noPlace = "no-place"
}

/// One quarantined input as `baton quarantine list|show` presents it.
public struct QuarantineEntry: Equatable, Sendable {
    public var id: Int64
    public var kind: QuarantineKind
    /// "email", "slack-event", ...
    public var source: String
    /// Where it came from ("standard input", "inbox.mbox: message 3 (line 120)").
    public var origin: String
    public var reason: String
    /// When it first arrived (UTC); a release stores it as received then.
    public var receivedAt: Date
    public var size: Int

    public init(id: Int64, kind: QuarantineKind, source: String, origin: String, reason: String, receivedAt: Date, size: Int) {
        (self.id, self.kind, self.source, self.origin, self.reason, self.receivedAt, self.size) = (id, kind, source, origin, reason, receivedAt, size)
    }
}

extension SQLiteIntakeWriter {
    /// Keeps input whole in the quarantine, saying which kind it is; false when the same
    /// bytes are quarantined already.
    public func quarantine(source: String, origin: String, reason: String, raw: Data, digest: String, kind: QuarantineKind) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO quarantine (source, origin, reason, raw, digest, received_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(digest) DO NOTHING
            """, arguments: [source, origin, reason, raw, digest, SQLiteStore.seconds(now), kind.rawValue])
        return db.changesCount > 0
    }

    /// Removes a released entry once intake has taken it.
    public func removeQuarantined(_ id: Int64) throws {
        try db.execute(sql: "DELETE FROM quarantine WHERE id = ?", arguments: [id])
    }
}

extension SQLiteStore {
    /// Every quarantined input, oldest first, without its bytes.
    public func quarantineEntries() throws -> [QuarantineEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, kind, source, origin, reason, received_at, length(raw) AS size FROM quarantine ORDER BY received_at, id")
                .map(Self.quarantineEntry)
        }
    }

    /// One entry and its bytes as they came. Throws `QuarantineNotFound` when there is none.
    public func quarantined(_ id: Int64) throws -> (entry: QuarantineEntry, raw: Data) {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, kind, source, origin, reason, received_at, length(raw) AS size, raw FROM quarantine WHERE id = ?
                """, arguments: [id]) else { throw QuarantineNotFound(id: id) }
            return (Self.quarantineEntry(row), row["raw"])
        }
    }

    static func quarantineEntry(_ row: Row) -> QuarantineEntry {
        QuarantineEntry(id: row["id"], kind: QuarantineKind(rawValue: row["kind"]) ?? .notAMessage, source: row["source"], origin: row["origin"],
                        reason: row["reason"], receivedAt: date(row["received_at"]), size: row["size"])
    }
}

/// `baton quarantine show 12` when there is no entry 12.
public struct QuarantineNotFound: Error, CustomStringConvertible, Equatable {
    public var id: Int64
    public init(id: Int64) { self.id = id }
    public var description: String { "quarantine entry \(id) not found (baton quarantine list shows them)" }
}
