import BatonCore
import Foundation
import GRDB

extension SQLiteStore {
    /// The actor recorded for what the rotation does by itself.
    public static let rotationActor = "rotation"

    /// Runs every handoff whose boundary has passed and has not run yet, oldest first, each
    /// exactly once however many processes try at the same moment: the check and the work
    /// share one immediate transaction, and the boundary is the handoffs table's key.
    /// A store that has never run a handoff starts with the latest one, not with history.
    @discardableResult
    public func runDueHandoffs(_ rotation: Rotation, now: Date) throws -> [HandoffRecord] {
        // Most calls (every start, every command) find nothing due: look first without the write lock.
        guard try !read({ db in try dueHandoffs(rotation, now: now, in: db) }).isEmpty else { return [] }
        return try write { db in try dueHandoffs(rotation, now: now, in: db).compactMap { try run($0, now: now, in: db) } }
    }

    /// The handoffs whose boundary has passed since the last one recorded, with the stored overrides.
    private func dueHandoffs(_ rotation: Rotation, now: Date, in db: Database) throws -> [Handoff] {
        let rotation = try rotationWithOverrides(rotation, in: db)
        let last = try Int64.fetchOne(db, sql: "SELECT max(boundary_at) FROM handoffs")
        let since = last.map(Self.date) ?? now.addingTimeInterval(-14 * 86_400)
        let due = rotation.handoffs(from: since, to: now)
        if last == nil, let latest = due.last { return [latest] }
        return due
    }

    private func run(_ handoff: Handoff, now: Date, in db: Database) throws -> HandoffRecord? {
        let boundary = Self.seconds(handoff.at)
        let from = handoff.outgoing?.engineer, to = handoff.incoming.engineer
        try db.execute(sql: """
            INSERT OR IGNORE INTO handoffs (boundary_at, from_region, from_engineer, to_region, to_engineer, ran_at, actor)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [boundary, handoff.outgoing?.region, from, handoff.incoming.region, to, Self.seconds(now), Self.rotationActor])
        guard db.changesCount == 1 else { return nil }
        var moved = 0
        if let from, let to {
            // What the outgoing engineer owned because they held point; a customer's dedicated
            // engineer keeps that customer's conversations.
            let ids = try Int64.fetchAll(db, sql: """
                SELECT c.id FROM conversations c LEFT JOIN customers k ON k.id = c.customer_id
                WHERE c.is_open = 1 AND c.owner_id = ? AND c.owner_via = 'point' AND ifnull(k.engineer_id, '') <> c.owner_id
                """, arguments: [from])
            for id in ids {
                try db.execute(sql: """
                    UPDATE conversations SET owner_id = ?, owner_since = ?, version = version + 1 WHERE id = ?
                    """, arguments: [to, Self.seconds(now), id])
                try db.execute(sql: "INSERT INTO handoff_moves (boundary_at, conversation_id) VALUES (?, ?)", arguments: [boundary, id])
                try recordEvent(kind: "handoff", actor: Self.rotationActor, conversation: id,
                                detail: "owner \(from) → \(to), point passed at \(CalendarText.rfc3339(handoff.at))", at: now, owner: (from, to), in: db)
            }
            moved = ids.count
            try db.execute(sql: "UPDATE handoffs SET moved = ? WHERE boundary_at = ?", arguments: [moved, boundary])
        }
        let given = try giveGapArrivals(handoff, now: now, in: db)
        var detail = "point \(from ?? "nobody") → \(to ?? "nobody") at \(CalendarText.rfc3339(handoff.at)), \(moved) moved"
        if given > 0 { detail += ", \(given) from the gap" }
        try recordEvent(kind: "handoff", actor: Self.rotationActor, conversation: nil, detail: detail, at: now, in: db)
        return HandoffRecord(boundary: handoff.at, fromRegion: handoff.outgoing?.region, fromEngineer: from,
                             toRegion: handoff.incoming.region, toEngineer: to, moved: moved, ranAt: now, arrivedInGap: given)
    }

    /// The handoff that ends a gap gives the incoming engineer what arrived while nobody held
    /// point and is still unowned, as point's work (so the next handoff moves it on). A
    /// conversation someone released by hand stays unowned: that was a person's choice.
    /// Returns how many it gave.
    private func giveGapArrivals(_ handoff: Handoff, now: Date, in db: Database) throws -> Int {
        guard let to = handoff.incoming.engineer, let gapStart = handoff.outgoing?.end, gapStart < handoff.at else { return 0 }
        let boundary = Self.seconds(handoff.at)
        let ids = try Int64.fetchAll(db, sql: """
            SELECT c.id FROM conversations c
            WHERE c.is_open = 1 AND c.owner_id IS NULL AND c.created_at >= ? AND c.created_at < ?
              AND NOT EXISTS (SELECT 1 FROM events e WHERE e.conversation_id = c.id AND e.kind = 'release')
            ORDER BY c.id
            """, arguments: [Self.seconds(gapStart), boundary])
        for id in ids {
            try db.execute(sql: """
                UPDATE conversations SET owner_id = ?, owner_via = 'point', owner_since = ?, version = version + 1 WHERE id = ?
                """, arguments: [to, Self.seconds(now), id])
            try db.execute(sql: "INSERT INTO handoff_moves (boundary_at, conversation_id, reason) VALUES (?, ?, 'gap')", arguments: [boundary, id])
            try recordEvent(kind: "handoff", actor: Self.rotationActor, conversation: id,
                            detail: "owner — → \(to), arrived in the gap before point passed at \(CalendarText.rfc3339(handoff.at))", at: now, owner: (nil, to), in: db)
        }
        if !ids.isEmpty {
            try db.execute(sql: "UPDATE handoffs SET gap_given = ? WHERE boundary_at = ?", arguments: [ids.count, boundary])
        }
        return ids.count
    }

    /// Handoffs that have run, newest first.
    public func handoffs(limit: Int = 20) throws -> [HandoffRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM handoffs ORDER BY boundary_at DESC LIMIT ?", arguments: [limit]).map(Self.handoffRecord)
        }
    }

    static func handoffRecord(_ row: Row) -> HandoffRecord {
        HandoffRecord(boundary: date(row["boundary_at"]), fromRegion: row["from_region"], fromEngineer: row["from_engineer"],
                      toRegion: row["to_region"], toEngineer: row["to_engineer"], moved: row["moved"],
                      ranAt: date(row["ran_at"]), seenAt: (row["seen_at"] as Int64?).map(date), arrivedInGap: row["gap_given"])
    }

    /// Leaves a note for whoever takes point next.
    public func addHandoffNote(author: String, body: String, at now: Date) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO handoff_notes (author_id, body, created_at) VALUES (?, ?, ?)",
                           arguments: [author, body, Self.seconds(now)])
            try recordEvent(kind: "handoff note", actor: author, conversation: nil, detail: body, at: now, in: db)
        }
    }

    /// The report of the latest handoff to `engineer` (any engineer when nil): what moved,
    /// what arrived in the gap before it and was given to them, what breaches within two hours of `now`, and the notes left since the handoff before it.
    public func handoffReport(for engineer: String? = nil, now: Date) throws -> HandoffReport? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM handoffs WHERE ? IS NULL OR to_engineer = ? ORDER BY boundary_at DESC LIMIT 1
                """, arguments: [engineer, engineer]) else { return nil }
            let handoff = Self.handoffRecord(row)
            let boundary = Self.seconds(handoff.boundary)
            let select = Self.rowSelect
            let transferred = try Row.fetchAll(db, sql: """
                \(select) WHERE c.id IN (SELECT conversation_id FROM handoff_moves WHERE boundary_at = ? AND reason = 'moved')
                ORDER BY \(Self.queueOrder) LIMIT 200
                """, arguments: [boundary]).map(Self.queueRow)
            let arrivedInGap = try Row.fetchAll(db, sql: """
                \(select) WHERE c.id IN (SELECT conversation_id FROM handoff_moves WHERE boundary_at = ? AND reason = 'gap')
                ORDER BY \(Self.queueOrder) LIMIT 200
                """, arguments: [boundary]).map(Self.queueRow)
            let breaching = try Row.fetchAll(db, sql: """
                \(select) WHERE c.is_open = 1 AND ifnull(c.sla_due, 9223372036854775807) <= ?
                AND (c.owner_id IS NULL OR c.owner_id = ?)
                ORDER BY \(Self.queueOrder) LIMIT 200
                """, arguments: [Self.seconds(now.addingTimeInterval(HandoffReport.breachHorizon)), handoff.toEngineer]).map(Self.queueRow)
            let previous = try Int64.fetchOne(db, sql: "SELECT max(boundary_at) FROM handoffs WHERE boundary_at < ?", arguments: [boundary])
            let notes = try Row.fetchAll(db, sql: """
                SELECT * FROM handoff_notes WHERE created_at > ? ORDER BY created_at, id
                """, arguments: [previous ?? boundary - 86_400]).map { row in
                HandoffNote(author: row["author_id"], body: row["body"], createdAt: Self.date(row["created_at"]))
            }
            return HandoffReport(handoff: handoff, transferred: transferred, arrivedInGap: arrivedInGap, breachingSoon: breaching, notes: notes)
        }
    }

    /// Marks the latest handoff to `engineer` as seen; true when it had not been seen before.
    public func markHandoffSeen(by engineer: String, at now: Date) throws -> Bool {
        try write { db in
            try db.execute(sql: """
                UPDATE handoffs SET seen_at = ? WHERE seen_at IS NULL AND boundary_at =
                    (SELECT max(boundary_at) FROM handoffs WHERE to_engineer = ?)
                """, arguments: [Self.seconds(now), engineer])
            return db.changesCount == 1
        }
    }
}
