import BatonCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Stores an override and records who made it.
    @discardableResult
    public func addOverride(_ override: Override, actor: String, at now: Date) throws -> Int64 {
        try write { db in
            try db.execute(sql: """
                INSERT INTO overrides (engineer_id, replaces_id, starts_at, ends_at, reason, actor, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [override.engineer, override.replaces, Self.seconds(override.start), Self.seconds(override.end),
                                 override.reason, actor, Self.seconds(now)])
            let id = db.lastInsertedRowID
            try recordEvent(kind: "override", actor: actor, conversation: nil,
                            detail: "#\(id): \(override.engineer) for \(override.replaces), \(CalendarText.rfc3339(override.start)) to \(CalendarText.rfc3339(override.end))",
                            at: now, in: db)
            return id
        }
    }

    /// Overrides that overlap [from, to), oldest first (so later ones win); all of them without bounds.
    public func overrides(from: Date? = nil, to: Date? = nil) throws -> [Override] {
        try read { db in try overrides(from: from, to: to, in: db) }
    }

    func overrides(from: Date?, to: Date?, in db: Database) throws -> [Override] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM overrides WHERE ends_at > ? AND starts_at < ? ORDER BY id
            """, arguments: [from.map(Self.seconds) ?? Int64.min, to.map(Self.seconds) ?? Int64.max]).map { row in
            Override(id: row["id"], engineer: row["engineer_id"], replaces: row["replaces_id"],
                     start: Self.date(row["starts_at"]), end: Self.date(row["ends_at"]), reason: row["reason"])
        }
    }

    /// Removes an override; the event keeps what it was.
    public func removeOverride(id: Int64, actor: String, at now: Date) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM overrides WHERE id = ?", arguments: [id]) else {
                throw StoreError.noOverride(id)
            }
            try db.execute(sql: "DELETE FROM overrides WHERE id = ?", arguments: [id])
            let engineer: String = row["engineer_id"], replaces: String = row["replaces_id"]
            try recordEvent(kind: "override removed", actor: actor, conversation: nil,
                            detail: "#\(id): \(engineer) for \(replaces)", at: now, in: db)
        }
    }

    /// The rotation with every stored override: the one place overrides join the rotation.
    public func rotationWithOverrides(_ rotation: Rotation) throws -> Rotation {
        var rotation = rotation
        rotation.overrides = try overrides()
        return rotation
    }
}
