import BatonCore
import Foundation
import GRDB

extension ConversationStore {
    /// The rotation with every stored override: the one place overrides join the rotation.
    /// Everything that asks who holds point (intake, the header, `oncall`, the handoff run,
    /// the assign picker) reads it from a rotation made here, or by `SQLiteStore.pointHolder`
    /// and the handoff run, which read the same table inside their transactions.
    public func rotationWithOverrides(_ rotation: Rotation) throws -> Rotation {
        var rotation = rotation
        rotation.overrides = try overrides(from: nil, to: nil)
        return rotation
    }
}

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
            // The engineer put on point hears of it on their screen (`unseenPointNotices`).
            try db.execute(sql: "INSERT INTO point_notices (engineer_id, override_id, created_at) VALUES (?, ?, ?)",
                           arguments: [override.engineer, id, Self.seconds(now)])
            try recordEvent(kind: "override", actor: actor, conversation: nil,
                            detail: "#\(id): \(override.engineer) for \(override.replaces), \(CalendarText.rfc3339(override.start)) to \(CalendarText.rfc3339(override.end))",
                            at: now, in: db)
            return id
        }
    }

    /// Overrides in force that overlap [from, to), oldest first (so later ones win); all of
    /// them without bounds. With `includingRemoved`, removed ones too (marked who and when).
    public func overrides(from: Date? = nil, to: Date? = nil, includingRemoved: Bool) throws -> [Override] {
        try read { db in try overrides(from: from, to: to, includingRemoved: includingRemoved, in: db) }
    }

    /// Overrides in force that overlap [from, to), oldest first; all of them without bounds.
    public func overrides(from: Date? = nil, to: Date? = nil) throws -> [Override] {
        try overrides(from: from, to: to, includingRemoved: false)
    }

    func overrides(from: Date?, to: Date?, includingRemoved: Bool = false, in db: Database) throws -> [Override] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM overrides WHERE ends_at > ? AND starts_at < ? AND (? OR removed_at IS NULL) ORDER BY id
            """), arguments: [from.map(Self.seconds) ?? Int64.min, to.map(Self.seconds) ?? Int64.max, includingRemoved]).map(Self.override)
    }

    static func override(_ row: Row) -> Override {
        Override(id: row["id"], engineer: row["engineer_id"], replaces: row["replaces_id"],
                 start: date(row["starts_at"]), end: date(row["ends_at"]), reason: row["reason"],
                 madeBy: row["actor"], madeAt: date(row["created_at"]),
                 removedBy: row["removed_by"], removedAt: (row["removed_at"] as Int64?).map(date))
    }

    /// Removes an override from the rotation. The row stays, marked with who removed it and
    /// when, and so does the event; removing one already removed is `StoreError.noOverride`.
    public func removeOverride(id: Int64, actor: String, at now: Date) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM overrides WHERE id = ? AND removed_at IS NULL", arguments: [id]) else {
                throw StoreError.noOverride(id)
            }
            try db.execute(sql: "UPDATE overrides SET removed_at = ?, removed_by = ? WHERE id = ?", arguments: [Self.seconds(now), actor, id])
            // A notice of cover that no longer holds is not shown.
            try db.execute(sql: "UPDATE point_notices SET seen_at = ? WHERE override_id = ? AND seen_at IS NULL", arguments: [Self.seconds(now), id])
            let engineer: String = row["engineer_id"], replaces: String = row["replaces_id"]
            try recordEvent(kind: "override removed", actor: actor, conversation: nil,
                            detail: "#\(id): \(engineer) for \(replaces)", at: now, in: db)
        }
    }

    /// `rotationWithOverrides` inside a transaction (the handoff run's).
    func rotationWithOverrides(_ rotation: Rotation, in db: Database) throws -> Rotation {
        var rotation = rotation
        rotation.overrides = try overrides(from: nil, to: nil, in: db)
        return rotation
    }

    /// Who holds point at `instant` (UTC), with the stored overrides in force: the shift, or nil in a gap.
    public func pointHolder(_ rotation: Rotation, at instant: Date) throws -> Shift? {
        try read { db in try pointHolder(rotation, at: instant, in: db) }
    }

    /// The same inside a transaction. Only overrides in force at `instant` can change who holds
    /// it then, so only those are read: intake asks once per new conversation.
    func pointHolder(_ rotation: Rotation, at instant: Date, in db: Database) throws -> Shift? {
        var rotation = rotation
        rotation.overrides = try overrides(from: instant, to: instant.addingTimeInterval(1), in: db)
        return rotation.holder(at: instant)
    }

    /// The hook for a screen: notices of overrides that put `engineer` on point, not yet
    /// seen, oldest first. The screen shows them, then calls `markPointNoticesSeen`.
    public func unseenPointNotices(for engineer: String) throws -> [PointNotice] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT n.id AS notice_id, n.created_at AS notice_at, o.* FROM point_notices n JOIN overrides o ON o.id = n.override_id
                WHERE n.engineer_id = ? AND n.seen_at IS NULL AND o.removed_at IS NULL ORDER BY n.id
                """, arguments: [engineer]).map { row in
                PointNotice(id: row["notice_id"], override: Self.override(row), createdAt: Self.date(row["notice_at"]))
            }
        }
    }

    /// Marks notices seen (all of `engineer`'s unseen ones when `ids` is nil); returns how many.
    @discardableResult
    public func markPointNoticesSeen(for engineer: String, ids: [Int64]? = nil, at now: Date) throws -> Int {
        try write { db in
            guard let ids else {
                try db.execute(sql: "UPDATE point_notices SET seen_at = ? WHERE engineer_id = ? AND seen_at IS NULL", arguments: [Self.seconds(now), engineer])
                return db.changesCount
            }
            var marked = 0
            for id in ids {
                try db.execute(sql: "UPDATE point_notices SET seen_at = ? WHERE id = ? AND engineer_id = ? AND seen_at IS NULL",
                               arguments: [Self.seconds(now), id, engineer])
                marked += db.changesCount
            }
            return marked
        }
    }
}
