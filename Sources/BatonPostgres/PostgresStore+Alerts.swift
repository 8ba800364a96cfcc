import BatonCore
import BatonStore
import Foundation
import PostgresNIO

/// Alerts on the PostgreSQL store (issue 12's items 8–10, as `SQLiteStore+Alerts` keeps them):
/// raised once by key (the `alerts.key` unique constraint, `ON CONFLICT DO NOTHING`),
/// acknowledged once (`UPDATE … WHERE acknowledged_at IS NULL`, one row changed for one
/// caller) with an audit event, and the `notify_command` run claimed by exactly one process
/// (`UPDATE … WHERE notify_claimed_by IS NULL`: PostgreSQL's row lock makes the second
/// updater re-check the condition after the first commits, so it changes nothing). Instants
/// are UTC seconds; screen beats are milliseconds in `screens`, a table no trigger watches.
extension PostgresStore: AlertStore {
    /// The open conversations the alert rules need between `since` and `now`: those received
    /// since, among the newest `newestAlertRows`, and those whose deadline lies within
    /// `horizon` seconds either side, as SQLite's query picks them.
    public func alertConversations(team: TeamConfig, since: Date, now: Date, horizon: Int64) throws -> [AlertSnapshot.Conversation] {
        let sinceSeconds = PostgresSession.seconds(since), nowSeconds = PostgresSession.seconds(now)
        return try session.query("""
            SELECT id, owner_id, customer_id, customer_name, subject, created_at, sla_due, tier_id FROM conversations
            WHERE is_open AND coalesce(sla_due, 9223372036854775807) BETWEEN $1 AND $2
            UNION
            SELECT id, owner_id, customer_id, customer_name, subject, created_at, sla_due, tier_id FROM conversations
            WHERE id > (SELECT coalesce(max(id), 0) FROM conversations) - $3 AND is_open AND created_at > $4
            """, [.int(sinceSeconds - horizon), .int(nowSeconds + horizon), .int(Int64(Self.newestAlertRows)), .int(sinceSeconds)]).map { row in
            let tier = team.tier(try row.text("tier_id"))
            let customerID = try row.textOrNil("customer_id")
            return AlertSnapshot.Conversation(
                id: try row.int("id"), owner: try row.textOrNil("owner_id"), customerID: customerID, customerName: try row.text("customer_name"),
                subject: try row.text("subject"), createdAt: try row.date("created_at"), due: try row.dateOrNil("sla_due"),
                warnBefore: tier?.warnBefore ?? Tier.defaultWarnBefore, escalateAfter: tier?.escalateAfter ?? Tier.defaultEscalateAfter,
                csm: customerID.flatMap { team.customer($0)?.csm })
        }
    }

    /// How many of the newest conversations are looked at for arrivals (SQLite's `newestRows`).
    static let newestAlertRows = 1_000

    /// Stores the alerts not raised before (by key), in one transaction, with an audit event
    /// for each escalation and breach (the same details as SQLite's); returns those newly stored.
    @discardableResult
    public func raiseAlerts(_ alerts: [Alert], actor: String, at now: Date) throws -> [AlertRecord] {
        guard !alerts.isEmpty else { return [] }
        return try session.transaction {
            var raised: [AlertRecord] = []
            for alert in alerts {
                guard let id = try session.query("""
                    INSERT INTO alerts (key, kind, engineer_id, conversation_id, customer_id, subject, due_at, text, detail, raised_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (key) DO NOTHING RETURNING id
                    """, [.text(alert.key), .text(alert.kind.rawValue), .text(alert.engineer), .int(alert.conversation), .text(alert.customer),
                          .text(alert.subject), .seconds(alert.due), .text(alert.text), .text(alert.detail), .seconds(now)]).first?.int("id")
                else { continue }
                raised.append(AlertRecord(id: id, alert: alert, raisedAt: PostgresSession.date(PostgresSession.seconds(now))))
                switch alert.kind {
                case .escalated:
                    let to = alert.engineer.map { "to \($0)" } ?? "to notify_command (nobody holds point)"
                    try recordEvent(kind: "escalated", actor: actor, conversation: alert.conversation, detail: "\(to): \(alert.detail)", at: now)
                case .breached:
                    try recordEvent(kind: "breached", actor: actor, conversation: alert.conversation,
                                    detail: ([alert.engineer.map { "owner \($0)" } ?? "unowned"] + (alert.detail.isEmpty ? [] : [alert.detail])).joined(separator: "; "),
                                    at: now)
                default:
                    break
                }
            }
            return raised
        }
    }

    /// The alerts `engineer` has not acknowledged, oldest first; with `holdsPoint`, also the
    /// escalations raised in a gap. An alert about a conversation solved or closed since is left out.
    public func openAlerts(for engineer: String, holdsPoint: Bool) throws -> [AlertRecord] {
        try session.query("""
            SELECT a.* FROM alerts a LEFT JOIN conversations c ON c.id = a.conversation_id
            WHERE a.acknowledged_at IS NULL AND (a.engineer_id = $1 OR ($2 AND a.engineer_id IS NULL))
                AND (a.conversation_id IS NULL OR c.is_open)
            ORDER BY a.raised_at, a.id
            """, [.text(engineer), .bool(holdsPoint)]).map(Self.alertRecord)
    }

    /// The alerts with these keys, acknowledged or not.
    public func alerts(keys: [String]) throws -> [AlertRecord] {
        guard !keys.isEmpty else { return [] }
        var p = SQLParameters()
        let marks = keys.map { p.bind(.text($0)) }.joined(separator: ",")
        return try session.query("SELECT * FROM alerts WHERE key IN (\(marks)) ORDER BY id", p.values).map(Self.alertRecord)
    }

    /// The alerts raised at or after `since` whose `notify_command` no process has claimed.
    public func unclaimedAlerts(since: Date) throws -> [AlertRecord] {
        try session.query("SELECT * FROM alerts WHERE notify_claimed_by IS NULL AND raised_at >= $1 ORDER BY id",
                          [.seconds(since)]).map(Self.alertRecord)
    }

    /// Acknowledges an alert, with an `alert_acknowledged` event. False when it was
    /// acknowledged already (by another screen): nothing is written then.
    @discardableResult
    public func acknowledgeAlert(_ id: Int64, by engineer: String, at now: Date) throws -> Bool {
        try session.transaction {
            guard let row = try session.query("""
                UPDATE alerts SET acknowledged_at = $1, acknowledged_by = $2 WHERE id = $3 AND acknowledged_at IS NULL
                RETURNING kind, key, conversation_id
                """, [.seconds(now), .text(engineer), .int(id)]).first else { return false }
            let kind = try row.text("kind"), key = try row.text("key")
            try recordEvent(kind: "alert_acknowledged", actor: engineer, conversation: try row.intOrNil("conversation_id"),
                            detail: "\(kind) (\(key))", at: now)
            return true
        }
    }

    /// Claims an alert's `notify_command` run for `claimant` (host:pid): true for exactly one
    /// caller across every process and connection.
    public func claimNotify(_ id: Int64, claimant: String, at now: Date) throws -> Bool {
        try session.execute("UPDATE alerts SET notify_claimed_by = $1, notify_claimed_at = $2 WHERE id = $3 AND notify_claimed_by IS NULL",
                            [.text(claimant), .seconds(now), .int(id)]) == 1
    }

    /// How the claimed run ended; a failure is also a `notify_failed` event.
    public func recordNotifyOutcome(_ id: Int64, outcome: String, failed: Bool, actor: String, at now: Date) throws {
        try session.transaction {
            let row = try session.query("UPDATE alerts SET notify_outcome = $1 WHERE id = $2 RETURNING conversation_id", [.text(outcome), .int(id)]).first
            if failed {
                try recordEvent(kind: "notify_failed", actor: actor, conversation: try row?.intOrNil("conversation_id"), detail: "alert \(id): \(outcome)", at: now)
            }
        }
    }

    /// The outcome recorded for an alert's `notify_command`, and who claimed it.
    public func notifyState(_ id: Int64) throws -> (claimedBy: String?, outcome: String?) {
        let row = try session.query("SELECT notify_claimed_by, notify_outcome FROM alerts WHERE id = $1", [.int(id)]).first
        return (try row?.textOrNil("notify_claimed_by"), try row?.textOrNil("notify_outcome"))
    }

    static func alertRecord(_ row: PostgresRandomAccessRow) throws -> AlertRecord {
        let alert = Alert(key: try row.text("key"), kind: Alert.Kind(rawValue: try row.text("kind")) ?? .escalated, engineer: try row.textOrNil("engineer_id"),
                          conversation: try row.intOrNil("conversation_id"), customer: try row.textOrNil("customer_id"), subject: try row.text("subject"),
                          due: try row.dateOrNil("due_at"), text: try row.text("text"), detail: try row.text("detail"))
        return AlertRecord(id: try row.int("id"), alert: alert, raisedAt: try row.date("raised_at"), acknowledgedAt: try row.dateOrNil("acknowledged_at"),
                           acknowledgedBy: try row.textOrNil("acknowledged_by"))
    }

    // MARK: who is at a keyboard

    /// This screen is open for `engineer`, its last key at `lastKey` (kept in milliseconds).
    /// Rows silent for an hour are removed on the way, as SQLite's presence file does.
    public func screenBeat(engineer: String, lastKey: Date, host: String, pid: Int32, at now: Date) throws {
        let nowMs = Self.milliseconds(now)
        try session.transaction {
            try session.execute("""
                INSERT INTO screens (host, pid, engineer_id, last_key_at, heartbeat_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (host, pid) DO UPDATE SET engineer_id = excluded.engineer_id, last_key_at = excluded.last_key_at,
                    heartbeat_at = excluded.heartbeat_at
                """, [.text(host), .int(Int64(pid)), .text(engineer), .int(Self.milliseconds(lastKey)), .int(nowMs)])
            try session.execute("DELETE FROM screens WHERE heartbeat_at < $1", [.int(nowMs - 3_600_000)])
        }
    }

    /// This screen is closing.
    public func clearScreen(host: String, pid: Int32) throws {
        try session.execute("DELETE FROM screens WHERE host = $1 AND pid = $2", [.text(host), .int(Int64(pid))])
    }

    /// Each engineer with a screen open now (a beat within `ScreenBeat.expirySeconds`), and
    /// the latest key pressed in any of them.
    public func lastKeys(now: Date) throws -> [String: Date] {
        var keys: [String: Date] = [:]
        for row in try session.query("SELECT engineer_id, max(last_key_at) AS last FROM screens WHERE heartbeat_at >= $1 GROUP BY engineer_id",
                                     [.int(Self.milliseconds(now) - Int64(ScreenBeat.expirySeconds * 1000))]) {
            keys[try row.text("engineer_id")] = Date(timeIntervalSince1970: Double(try row.int("last")) / 1000)
        }
        return keys
    }

    /// Another connection to the same database (the notifier writes outcomes from its own queue).
    /// Connects on first use: a screen's notifier claims a `notify_command` seldom or never, so
    /// it holds no connection until then (a screen holds three, not four).
    public func reopenAlerts() throws -> AlertStore { try PostgresStore(reopening: self, lazily: true) }

    /// Milliseconds since 1970 (UTC), as heartbeats are kept.
    static func milliseconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970 * 1000
        guard value.isFinite else { return 0 }
        return Int64(min(max(value, -9.2e18), 9.2e18).rounded(.down))
    }
}
