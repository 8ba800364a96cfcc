import BatonCore
import BatonStore
import Foundation

/// Ownership and team actions, as the SQLite store's: each one transaction that locks the
/// conversation's row (`FOR UPDATE`), checks what the actor saw (`expectedVersion`) and
/// what the action needs, and writes `WHERE version = $n`, bumping the version.
extension PostgresStore {
    public func claim(_ id: Int64, actor: String, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: nil, at: now) { current in
            if let owner = current.owner {
                if owner == actor { return nil }
                throw ActionConflict.owned(conversation: id, by: owner, basis: current.basis, since: current.ownerSince ?? now)
            }
            try setOwner(actor, basis: .claim, on: current, at: now)
            return ("claim", "— → \(actor)")
        }
    }

    public func take(_ id: Int64, actor: String, expectedVersion: Int?, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: expectedVersion, at: now) { current in
            if current.owner == actor { return nil }
            try setOwner(actor, basis: .take, on: current, at: now)
            return ("take", "\(current.owner ?? "—") → \(actor)")
        }
    }

    public func assign(_ id: Int64, to engineer: String, actor: String, expectedVersion: Int?, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: expectedVersion, at: now) { current in
            try requireEngineer(engineer)
            if current.owner == engineer { return nil }
            try setOwner(engineer, basis: .assign, on: current, at: now)
            return ("assign", "\(current.owner ?? "—") → \(engineer)")
        }
    }

    public func release(_ id: Int64, actor: String, expectedVersion: Int?, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: expectedVersion, at: now) { current in
            guard current.owner == actor else { throw ActionConflict.notYours(conversation: id, owner: current.owner) }
            try bump(current, set: "owner_id = NULL, owner_via = NULL, owner_since = NULL")
            return ("release", "\(actor) → —")
        }
    }

    public func ropeIn(_ id: Int64, engineer: String, actor: String, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: nil, at: now) { current in
            try requireEngineer(engineer)
            if current.owner == engineer { return nil }
            let added = try session.execute("""
                INSERT INTO collaborators (conversation_id, engineer_id, added_by, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING
                """, [.int(id), .text(engineer), .text(actor), .seconds(now)])
            guard added == 1 else { return nil }
            try bump(current, set: "")
            return ("ropein", "+\(engineer)")
        }
    }

    public func setStatus(_ id: Int64, to status: ConversationStatus, actor: String, expectedVersion: Int?, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: expectedVersion, at: now) { current in
            var clock = current.clock
            let before = clock.status
            if before == status { return nil }
            clock.setStatus(status, at: now)
            let due = try slaDue(clock, tierID: current.tierID, customerID: current.customerID)
            try bump(current, set: "status = $3, sla_due = $4, sla_pauses = $5",
                     [.text(status.rawValue), .int(due), .text(SLAPause.encode(clock.pauses))])
            return ("status", "\(before.rawValue) → \(status.rawValue)")
        }
    }

    public func tag(_ id: Int64, add: [String], remove: [String], actor: String, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: nil, at: now) { current in
            var changes: [String] = []
            for tag in add {
                if try session.execute("INSERT INTO tags (conversation_id, tag) VALUES ($1, $2) ON CONFLICT DO NOTHING", [.int(id), .text(tag)]) == 1 {
                    changes.append("+" + tag)
                }
            }
            for tag in remove {
                if try session.execute("DELETE FROM tags WHERE conversation_id = $1 AND tag = $2", [.int(id), .text(tag)]) == 1 {
                    changes.append("-" + tag)
                }
            }
            guard !changes.isEmpty else { return nil }
            try bump(current, set: "")
            return ("tag", changes.joined(separator: " "))
        }
    }

    public func addNote(_ id: Int64, body: String, actor: String, authorName: String, at now: Date) throws -> ActionResult {
        try act(id, actor: actor, expectedVersion: nil, at: now) { current in
            let message = try insertMessage(NewMessage(authorKind: .team, authorName: authorName, authorID: actor, body: body, createdAt: now), conversation: id)
            try session.execute("UPDATE messages SET state = $1 WHERE id = $2", [.text(MessageState.note.rawValue), .int(message)])
            try bump(current, set: "message_count = message_count + 1, updated_at = greatest(updated_at, $3)", [.seconds(now)])
            try session.execute("DELETE FROM drafts WHERE conversation_id = $1 AND author_id = $2 AND kind = 'note'", [.int(id), .text(actor)])
            return ("note", Self.excerpt(body))
        }
    }

    // MARK: the machinery every action shares

    struct Current {
        var id: Int64
        var version: Int64
        var owner: String?
        var basis: OwnerBasis?
        var ownerSince: Date?
        var tierID: String
        var customerID: String?
        var clock: ConversationClock
    }

    /// Locks and reads the row, checks the version the actor saw, runs `body` (the event's
    /// kind and detail, or nil for nothing to do), records the event, returns the result.
    func act(_ id: Int64, actor: String, expectedVersion: Int?, at now: Date,
             _ body: (Current) throws -> (kind: String, detail: String)?) throws -> ActionResult {
        try session.transaction {
            guard let row = try session.query("SELECT * FROM conversations WHERE id = $1 FOR UPDATE", [.int(id)]).first else {
                throw StoreError.notFound(conversation: id)
            }
            let current = Current(id: id, version: try row.int("version"), owner: try row.textOrNil("owner_id"),
                                  basis: try row.textOrNil("owner_via").flatMap(OwnerBasis.init), ownerSince: try row.dateOrNil("owner_since"),
                                  tierID: try row.text("tier_id"), customerID: try row.textOrNil("customer_id"), clock: try Self.clock(row))
            if let expectedVersion, Int64(expectedVersion) != current.version { throw try changedConflict(id) }
            var event: AuditEvent?
            if let (kind, detail) = try body(current) {
                // An action that moved the owner stores from and to as fields, as SQLite's `act` does.
                let ownerNow = try session.query("SELECT owner_id FROM conversations WHERE id = $1", [.int(id)]).first?.textOrNil("owner_id")
                let eventID = try recordEvent(kind: kind, actor: actor, conversation: id, detail: detail, at: now,
                                              owner: ownerNow != current.owner ? (current.owner, ownerNow) : nil)
                event = AuditEvent(id: eventID, at: PostgresSession.date(PostgresSession.seconds(now)), actor: actor, kind: kind, conversationID: id, detail: detail)
            }
            guard let after = try session.query("\(Self.rowSelect) WHERE c.id = $1", [.int(id)]).first else { throw StoreError.notFound(conversation: id) }
            return ActionResult(row: try Self.queueRow(after), event: event)
        }
    }

    /// Writes `set` (its parameters from `$3`) and bumps the version, only if it is still the one read.
    func bump(_ current: Current, set: String, _ values: [SQLValue] = []) throws {
        let assignments = set.isEmpty ? "version = version + 1" : set + ", version = version + 1"
        let changed = try session.execute("UPDATE conversations SET \(assignments) WHERE id = $1 AND version = $2",
                                          [.int(current.id), .int(current.version)] + values)
        guard changed == 1 else { throw try changedConflict(current.id) }
    }

    func setOwner(_ engineer: String, basis: OwnerBasis, on current: Current, at now: Date) throws {
        try bump(current, set: "owner_id = $3, owner_via = $4, owner_since = $5", [.text(engineer), .text(basis.rawValue), .seconds(now)])
        try session.execute("DELETE FROM collaborators WHERE conversation_id = $1 AND engineer_id = $2", [.int(current.id), .text(engineer)])
    }

    /// Who moved the version last, with what, and when (a message moves it too, without an event).
    func changedConflict(_ id: Int64) throws -> ActionConflict {
        let last = try session.query("SELECT actor, kind, detail, at FROM events WHERE conversation_id = $1 ORDER BY id DESC LIMIT 1", [.int(id)]).first
        if let message = try session.query("SELECT author_name, created_at FROM messages WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
                                           [.int(id)]).first,
           try message.int("created_at") > (try last?.int("at") ?? Int64.min) {
            return .newMessage(conversation: id, from: try message.text("author_name"), at: try message.date("created_at"))
        }
        return ActionConflict.changed(conversation: id, by: try last?.text("actor"),
                                      what: try last.map { "\(try $0.text("kind")) \(try $0.text("detail"))" }, at: try last?.date("at"))
    }

    func requireEngineer(_ id: String) throws {
        guard try !session.query("SELECT 1 FROM engineers WHERE id = $1", [.text(id)]).isEmpty else { throw StoreError.unknownEngineer(id) }
    }

    static func excerpt(_ body: String) -> String {
        let line = body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }

    // MARK: drafts and presence

    public func saveDraft(_ id: Int64, author: String, kind: String, body: String, at now: Date) throws {
        try session.execute("""
            INSERT INTO drafts (conversation_id, author_id, kind, body, saved_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (conversation_id, author_id, kind) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at
            """, [.int(id), .text(author), .text(kind), .text(body), .seconds(now)])
    }

    public func draft(_ id: Int64, author: String, kind: String) throws -> String? {
        try session.query("SELECT body FROM drafts WHERE conversation_id = $1 AND author_id = $2 AND kind = $3",
                          [.int(id), .text(author), .text(kind)]).first?.text("body")
    }

    /// Presence in a table with heartbeats (milliseconds): no trigger, so beats wake no screen.
    public func heartbeat(engineer: String, conversation: Int64, activity: Presence.Activity, host: String, pid: Int32, at now: Date) throws {
        let at = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        try session.transaction {
            try session.execute("""
                INSERT INTO presence (host, pid, engineer_id, conversation_id, activity, heartbeat_at) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (host, pid) DO UPDATE SET engineer_id = excluded.engineer_id, conversation_id = excluded.conversation_id,
                    activity = excluded.activity, heartbeat_at = excluded.heartbeat_at
                """, [.text(host), .int(Int64(pid)), .text(engineer), .int(conversation), .text(activity.rawValue), .int(at)])
            try session.execute("DELETE FROM presence WHERE heartbeat_at < $1", [.int(at - 60_000)])
        }
    }

    public func clearPresence(host: String, pid: Int32) throws {
        try session.execute("DELETE FROM presence WHERE host = $1 AND pid = $2", [.text(host), .int(Int64(pid))])
    }

    public func presence(on ids: [Int64], excludingHost host: String, pid: Int32, now: Date) throws -> [Presence] {
        guard !ids.isEmpty else { return [] }
        let since = Int64((now.timeIntervalSince1970 * 1000).rounded(.down)) - Int64(Presence.expirySeconds * 1000)
        var p = SQLParameters()
        let marks = ids.map { p.bind(.int($0)) }.joined(separator: ",")
        let sql = """
            SELECT * FROM presence WHERE conversation_id IN (\(marks)) AND heartbeat_at >= \(p.bind(.int(since)))
              AND NOT (host = \(p.bind(.text(host))) AND pid = \(p.bind(.int(Int64(pid))))) ORDER BY engineer_id
            """
        return try session.query(sql, p.values).map { row in
            Presence(engineer: try row.text("engineer_id"), conversationID: try row.int("conversation_id"),
                     activity: Presence.Activity(rawValue: try row.text("activity")) ?? .viewing,
                     heartbeatAt: Date(timeIntervalSince1970: Double(try row.int("heartbeat_at")) / 1000))
        }
    }
}
