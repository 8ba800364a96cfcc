import BatonCore
import BatonStore
import Foundation
import PostgresNIO

/// Overrides, point notices and handoffs, as the SQLite store's. A handoff runs exactly
/// once per boundary: the boundary is the handoffs table's primary key (INSERT … ON
/// CONFLICT DO NOTHING), and the run holds an advisory lock, so two processes at the same
/// moment neither both move conversations nor interleave.
extension PostgresStore {
    static let rotationActor = "rotation"
    static let handoffLock: Int64 = 0x6261_746F_6E17

    @discardableResult
    public func addOverride(_ override: Override, actor: String, at now: Date) throws -> Int64 {
        try session.transaction {
            let id = try session.query("""
                INSERT INTO overrides (engineer_id, replaces_id, starts_at, ends_at, reason, actor, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                """, [.text(override.engineer), .text(override.replaces), .seconds(override.start), .seconds(override.end),
                      .text(override.reason), .text(actor), .seconds(now)]).first!.int("id")
            try session.execute("INSERT INTO point_notices (engineer_id, override_id, created_at) VALUES ($1, $2, $3)",
                                [.text(override.engineer), .int(id), .seconds(now)])
            try recordEvent(kind: "override", actor: actor, conversation: nil,
                            detail: "#\(id): \(override.engineer) for \(override.replaces), \(CalendarText.rfc3339(override.start)) to \(CalendarText.rfc3339(override.end))",
                            at: now)
            return id
        }
    }

    public func overrides(from: Date?, to: Date?) throws -> [Override] {
        try overrides(from: from, to: to, includingRemoved: false)
    }

    public func overrides(from: Date?, to: Date?, includingRemoved: Bool) throws -> [Override] {
        try session.query("""
            SELECT * FROM overrides WHERE ends_at > $1 AND starts_at < $2 AND ($3 OR removed_at IS NULL) ORDER BY id
            """, [.int(from.map(PostgresSession.seconds) ?? Int64.min), .int(to.map(PostgresSession.seconds) ?? Int64.max),
                  .bool(includingRemoved)]).map(Self.override)
    }

    static func override(_ row: PostgresRandomAccessRow) throws -> Override {
        Override(id: try row.int("id"), engineer: try row.text("engineer_id"), replaces: try row.text("replaces_id"),
                 start: try row.date("starts_at"), end: try row.date("ends_at"), reason: try row.text("reason"),
                 madeBy: try row.textOrNil("actor"), madeAt: try row.dateOrNil("created_at"),
                 removedBy: try row.textOrNil("removed_by"), removedAt: try row.dateOrNil("removed_at"))
    }

    public func removeOverride(id: Int64, actor: String, at now: Date) throws {
        try session.transaction {
            guard let row = try session.query("SELECT * FROM overrides WHERE id = $1 AND removed_at IS NULL FOR UPDATE", [.int(id)]).first else {
                throw StoreError.noOverride(id)
            }
            try session.execute("UPDATE overrides SET removed_at = $1, removed_by = $2 WHERE id = $3", [.seconds(now), .text(actor), .int(id)])
            try session.execute("UPDATE point_notices SET seen_at = $1 WHERE override_id = $2 AND seen_at IS NULL", [.seconds(now), .int(id)])
            try recordEvent(kind: "override removed", actor: actor, conversation: nil,
                            detail: "#\(id): \(try row.text("engineer_id")) for \(try row.text("replaces_id"))", at: now)
        }
    }

    public func pointHolder(_ rotation: Rotation, at instant: Date) throws -> Shift? {
        var rotation = rotation
        rotation.overrides = try overrides(from: instant, to: instant.addingTimeInterval(1))
        return rotation.holder(at: instant)
    }

    public func unseenPointNotices(for engineer: String) throws -> [PointNotice] {
        try session.query("""
            SELECT n.id AS notice_id, n.created_at AS notice_at, o.* FROM point_notices n JOIN overrides o ON o.id = n.override_id
            WHERE n.engineer_id = $1 AND n.seen_at IS NULL AND o.removed_at IS NULL ORDER BY n.id
            """, [.text(engineer)]).map { row in
            PointNotice(id: try row.int("notice_id"), override: try Self.override(row), createdAt: try row.date("notice_at"))
        }
    }

    @discardableResult
    public func markPointNoticesSeen(for engineer: String, ids: [Int64]?, at now: Date) throws -> Int {
        try session.transaction {
            guard let ids else {
                return try session.execute("UPDATE point_notices SET seen_at = $1 WHERE engineer_id = $2 AND seen_at IS NULL",
                                           [.seconds(now), .text(engineer)])
            }
            var marked = 0
            for id in ids {
                marked += try session.execute("UPDATE point_notices SET seen_at = $1 WHERE id = $2 AND engineer_id = $3 AND seen_at IS NULL",
                                              [.seconds(now), .int(id), .text(engineer)])
            }
            return marked
        }
    }

    // MARK: handoffs

    @discardableResult
    public func runDueHandoffs(_ rotation: Rotation, now: Date) throws -> [HandoffRecord] {
        guard try !dueHandoffs(rotation, now: now).isEmpty else { return [] }
        return try session.transaction {
            try session.execute("SELECT pg_advisory_xact_lock($1)", [.int(Self.handoffLock)])
            return try dueHandoffs(rotation, now: now).compactMap { try run($0, now: now) }
        }
    }

    private func dueHandoffs(_ rotation: Rotation, now: Date) throws -> [Handoff] {
        let rotation = try rotationWithOverrides(rotation)
        let last = try session.query("SELECT max(boundary_at) AS last FROM handoffs").first?.intOrNil("last")
        let since = last.map(PostgresSession.date) ?? now.addingTimeInterval(-14 * 86_400)
        let due = rotation.handoffs(from: since, to: now)
        if last == nil, let latest = due.last { return [latest] }
        return due
    }

    private func run(_ handoff: Handoff, now: Date) throws -> HandoffRecord? {
        let boundary = PostgresSession.seconds(handoff.at)
        let from = handoff.outgoing?.engineer, to = handoff.incoming.engineer
        let inserted = try session.execute("""
            INSERT INTO handoffs (boundary_at, from_region, from_engineer, to_region, to_engineer, ran_at, actor)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (boundary_at) DO NOTHING
            """, [.int(boundary), .text(handoff.outgoing?.region), .text(from), .text(handoff.incoming.region), .text(to),
                  .seconds(now), .text(Self.rotationActor)])
        guard inserted == 1 else { return nil }
        var moved = 0
        if let from, let to {
            let ids = try session.query("""
                SELECT c.id FROM conversations c LEFT JOIN customers k ON k.id = c.customer_id
                WHERE c.is_open AND c.owner_id = $1 AND c.owner_via = 'point' AND coalesce(k.engineer_id, '') <> c.owner_id
                """, [.text(from)]).map { try $0.int("id") }
            for id in ids {
                try session.execute("UPDATE conversations SET owner_id = $1, owner_since = $2, version = version + 1 WHERE id = $3",
                                    [.text(to), .seconds(now), .int(id)])
                try session.execute("INSERT INTO handoff_moves (boundary_at, conversation_id) VALUES ($1, $2)", [.int(boundary), .int(id)])
                try recordEvent(kind: "handoff", actor: Self.rotationActor, conversation: id,
                                detail: "owner \(from) → \(to), point passed at \(CalendarText.rfc3339(handoff.at))", at: now, owner: (from, to))
            }
            moved = ids.count
            try session.execute("UPDATE handoffs SET moved = $1 WHERE boundary_at = $2", [.int(moved), .int(boundary)])
        }
        let given = try giveGapArrivals(handoff, now: now)
        var detail = "point \(from ?? "nobody") → \(to ?? "nobody") at \(CalendarText.rfc3339(handoff.at)), \(moved) moved"
        if given > 0 { detail += ", \(given) from the gap" }
        try recordEvent(kind: "handoff", actor: Self.rotationActor, conversation: nil, detail: detail, at: now)
        return HandoffRecord(boundary: handoff.at, fromRegion: handoff.outgoing?.region, fromEngineer: from,
                             toRegion: handoff.incoming.region, toEngineer: to, moved: moved, ranAt: now, arrivedInGap: given)
    }

    private func giveGapArrivals(_ handoff: Handoff, now: Date) throws -> Int {
        guard let to = handoff.incoming.engineer, let gapStart = handoff.outgoing?.end, gapStart < handoff.at else { return 0 }
        let boundary = PostgresSession.seconds(handoff.at)
        let ids = try session.query("""
            SELECT c.id FROM conversations c
            WHERE c.is_open AND c.owner_id IS NULL AND c.created_at >= $1 AND c.created_at < $2
              AND NOT EXISTS (SELECT 1 FROM events e WHERE e.conversation_id = c.id AND e.kind = 'release')
            ORDER BY c.id
            """, [.seconds(gapStart), .int(boundary)]).map { try $0.int("id") }
        for id in ids {
            try session.execute("UPDATE conversations SET owner_id = $1, owner_via = 'point', owner_since = $2, version = version + 1 WHERE id = $3",
                                [.text(to), .seconds(now), .int(id)])
            try session.execute("INSERT INTO handoff_moves (boundary_at, conversation_id, reason) VALUES ($1, $2, 'gap')", [.int(boundary), .int(id)])
            try recordEvent(kind: "handoff", actor: Self.rotationActor, conversation: id,
                            detail: "owner — → \(to), arrived in the gap before point passed at \(CalendarText.rfc3339(handoff.at))", at: now, owner: (nil, to))
        }
        if !ids.isEmpty {
            try session.execute("UPDATE handoffs SET gap_given = $1 WHERE boundary_at = $2", [.int(ids.count), .int(boundary)])
        }
        return ids.count
    }

    public func handoffs(limit: Int) throws -> [HandoffRecord] {
        try session.query("SELECT * FROM handoffs ORDER BY boundary_at DESC LIMIT $1", [.int(limit)]).map(Self.handoffRecord)
    }

    static func handoffRecord(_ row: PostgresRandomAccessRow) throws -> HandoffRecord {
        HandoffRecord(boundary: try row.date("boundary_at"), fromRegion: try row.textOrNil("from_region"), fromEngineer: try row.textOrNil("from_engineer"),
                      toRegion: try row.textOrNil("to_region"), toEngineer: try row.textOrNil("to_engineer"), moved: Int(try row.int("moved")),
                      ranAt: try row.date("ran_at"), seenAt: try row.dateOrNil("seen_at"), arrivedInGap: Int(try row.int("gap_given")))
    }

    public func addHandoffNote(author: String, body: String, at now: Date) throws {
        try session.transaction {
            try session.execute("INSERT INTO handoff_notes (author_id, body, created_at) VALUES ($1, $2, $3)", [.text(author), .text(body), .seconds(now)])
            try recordEvent(kind: "handoff note", actor: author, conversation: nil, detail: body, at: now)
        }
    }

    public func handoffReport(for engineer: String?, now: Date) throws -> HandoffReport? {
        guard let row = try session.query("SELECT * FROM handoffs WHERE $1::text IS NULL OR to_engineer = $1 ORDER BY boundary_at DESC LIMIT 1",
                                          [.text(engineer)]).first else { return nil }
        let handoff = try Self.handoffRecord(row)
        let boundary = PostgresSession.seconds(handoff.boundary)
        let moved = { (reason: String) in
            try self.session.query("""
                \(Self.rowSelect) WHERE c.id IN (SELECT conversation_id FROM handoff_moves WHERE boundary_at = $1 AND reason = $2)
                ORDER BY \(Self.queueOrder) LIMIT 200
                """, [.int(boundary), .text(reason)]).map(Self.queueRow)
        }
        let breaching = try session.query("""
            \(Self.rowSelect) WHERE c.is_open AND coalesce(c.sla_due, 9223372036854775807) <= $1 AND (c.owner_id IS NULL OR c.owner_id = $2)
            ORDER BY \(Self.queueOrder) LIMIT 200
            """, [.seconds(now.addingTimeInterval(HandoffReport.breachHorizon)), .text(handoff.toEngineer)]).map(Self.queueRow)
        let previous = try session.query("SELECT max(boundary_at) AS b FROM handoffs WHERE boundary_at < $1", [.int(boundary)]).first?.intOrNil("b")
        let notes = try session.query("SELECT * FROM handoff_notes WHERE created_at > $1 ORDER BY created_at, id", [.int(previous ?? boundary - 86_400)])
            .map { HandoffNote(author: try $0.text("author_id"), body: try $0.text("body"), createdAt: try $0.date("created_at")) }
        return HandoffReport(handoff: handoff, transferred: try moved("moved"), arrivedInGap: try moved("gap"), breachingSoon: breaching, notes: notes)
    }

    public func markHandoffSeen(by engineer: String, at now: Date) throws -> Bool {
        try session.execute("""
            UPDATE handoffs SET seen_at = $1 WHERE seen_at IS NULL AND boundary_at = (SELECT max(boundary_at) FROM handoffs WHERE to_engineer = $2)
            """, [.seconds(now), .text(engineer)]) == 1
    }
}
