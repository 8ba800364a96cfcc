import BatonCore
import Foundation
import GRDB

/// Alerts in the store (issue 12, items 8–10): raised once by key, acknowledged once (an
/// audit event), and claimed once for `notify_command`, whichever process gets there first.
/// Escalations and breaches are audit events too, so the metrics can count them.
extension SQLiteStore {
    /// The open conversations the alert rules need between `since` and `now`: those received
    /// since, and those whose deadline lies within `horizon` seconds either side (warning
    /// windows ahead, escalations of recent breaches behind). `team` gives the tier's
    /// `warn_before` and `escalate_after` and the customer's CSM.
    ///
    /// Two index walks, never a scan, since every screen asks every few seconds: deadlines
    /// through the queue's index, arrivals among the newest `newestRows` conversations (ids
    /// grow with arrival; a bigger burst, an import, raises no arrival alerts for the rest;
    /// `+is_open` keeps the planner on the id range rather than an index of all open rows).
    public func alertConversations(team: TeamConfig, since: Date, now: Date, horizon: Int64) throws -> [AlertSnapshot.Conversation] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, owner_id, customer_id, customer_name, subject, created_at, sla_due, tier_id FROM conversations
                WHERE is_open = 1 AND ifnull(sla_due, 9223372036854775807) BETWEEN ? AND ?
                UNION
                SELECT id, owner_id, customer_id, customer_name, subject, created_at, sla_due, tier_id FROM conversations
                WHERE id > (SELECT ifnull(max(id), 0) FROM conversations) - ? AND +is_open = 1 AND created_at > ?
                """, arguments: [Self.seconds(since) - horizon, Self.seconds(now) + horizon, Self.newestRows, Self.seconds(since)]).map { row in
                let tier = team.tier(row["tier_id"])
                let customerID: String? = row["customer_id"]
                let due: Int64? = row["sla_due"]
                return AlertSnapshot.Conversation(
                    id: row["id"], owner: row["owner_id"], customerID: customerID, customerName: row["customer_name"], subject: row["subject"],
                    createdAt: Self.date(row["created_at"]), due: due.map(Self.date),
                    warnBefore: tier?.warnBefore ?? Tier.defaultWarnBefore, escalateAfter: tier?.escalateAfter ?? Tier.defaultEscalateAfter,
                    csm: customerID.flatMap { team.customer($0)?.csm })
            }
        }
    }

    /// How many of the newest conversations are looked at for arrivals.
    static let newestRows = 1_000

    /// Stores the alerts not raised before (by key), in one transaction, with an audit event
    /// for each escalation and breach; returns those newly stored.
    @discardableResult
    public func raiseAlerts(_ alerts: [Alert], actor: String, at now: Date) throws -> [AlertRecord] {
        guard !alerts.isEmpty else { return [] }
        return try write { db in
            var raised: [AlertRecord] = []
            for alert in alerts {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO alerts (key, kind, engineer_id, conversation_id, customer_id, subject, due_at, text, detail, raised_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [alert.key, alert.kind.rawValue, alert.engineer, alert.conversation, alert.customer, alert.subject,
                                     alert.due.map(Self.seconds), alert.text, alert.detail, Self.seconds(now)])
                guard db.changesCount == 1 else { continue }
                raised.append(AlertRecord(id: db.lastInsertedRowID, alert: alert, raisedAt: Self.date(Self.seconds(now))))
                switch alert.kind {
                case .escalated:
                    let to = alert.engineer.map { "to \($0)" } ?? "to notify_command (nobody holds point)"
                    try recordEvent(kind: "escalated", actor: actor, conversation: alert.conversation, detail: "\(to): \(alert.detail)", at: now, in: db)
                case .breached:
                    try recordEvent(kind: "breached", actor: actor, conversation: alert.conversation,
                                    detail: ([alert.engineer.map { "owner \($0)" } ?? "unowned"] + (alert.detail.isEmpty ? [] : [alert.detail])).joined(separator: "; "),
                                    at: now, in: db)
                default:
                    break
                }
            }
            return raised
        }
    }

    /// The alerts `engineer` has not acknowledged, oldest first; with `holdsPoint`, also the
    /// escalations raised in a gap, which wait for whoever takes point. An alert about a
    /// conversation solved or closed since is moot and left out.
    public func openAlerts(for engineer: String, holdsPoint: Bool) throws -> [AlertRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.* FROM alerts a LEFT JOIN conversations c ON c.id = a.conversation_id
                WHERE a.acknowledged_at IS NULL AND (a.engineer_id = ? OR (? AND a.engineer_id IS NULL))
                    AND (a.conversation_id IS NULL OR c.is_open = 1)
                ORDER BY a.raised_at, a.id
                """, arguments: [engineer, holdsPoint]).map(Self.alertRecord)
        }
    }

    /// The alerts with these keys, acknowledged or not.
    public func alerts(keys: [String]) throws -> [AlertRecord] {
        guard !keys.isEmpty else { return [] }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alerts WHERE key IN (\(Array(repeating: "?", count: keys.count).joined(separator: ",")))",
                             arguments: StatementArguments(keys)).map(Self.alertRecord)
        }
    }

    /// The alerts raised at or after `since` whose `notify_command` no process has claimed.
    public func unclaimedAlerts(since: Date) throws -> [AlertRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alerts WHERE notify_claimed_by IS NULL AND raised_at >= ? ORDER BY id",
                             arguments: [Self.seconds(since)]).map(Self.alertRecord)
        }
    }

    /// Acknowledges an alert, with an `alert_acknowledged` event. False when it was
    /// acknowledged already (by another screen): nothing is written then.
    @discardableResult
    public func acknowledgeAlert(_ id: Int64, by engineer: String, at now: Date) throws -> Bool {
        try write { db in
            try db.execute(sql: "UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL",
                           arguments: [Self.seconds(now), engineer, id])
            guard db.changesCount == 1,
                  let row = try Row.fetchOne(db, sql: "SELECT kind, key, conversation_id FROM alerts WHERE id = ?", arguments: [id]) else { return false }
            try recordEvent(kind: "alert_acknowledged", actor: engineer, conversation: row["conversation_id"],
                            detail: "\(row["kind"] as String) (\(row["key"] as String))", at: now, in: db)
            return true
        }
    }

    /// Claims an alert's `notify_command` run for `claimant` (host:pid): true for exactly one
    /// caller across every process, in one transaction.
    public func claimNotify(_ id: Int64, claimant: String, at now: Date) throws -> Bool {
        try write { db in
            try db.execute(sql: "UPDATE alerts SET notify_claimed_by = ?, notify_claimed_at = ? WHERE id = ? AND notify_claimed_by IS NULL",
                           arguments: [claimant, Self.seconds(now), id])
            return db.changesCount == 1
        }
    }

    /// How the claimed run ended ("exit 0", "exit 3: …", "timed out after 30 s"); a failure
    /// is also a `notify_failed` event, so it is logged where the team looks.
    public func recordNotifyOutcome(_ id: Int64, outcome: String, failed: Bool, actor: String, at now: Date) throws {
        try write { db in
            try db.execute(sql: "UPDATE alerts SET notify_outcome = ? WHERE id = ?", arguments: [outcome, id])
            if failed {
                let conversation = try Int64.fetchOne(db, sql: "SELECT conversation_id FROM alerts WHERE id = ?", arguments: [id])
                try recordEvent(kind: "notify_failed", actor: actor, conversation: conversation, detail: "alert \(id): \(outcome)", at: now, in: db)
            }
        }
    }

    /// The outcome recorded for an alert's `notify_command`, and who claimed it.
    public func notifyState(_ id: Int64) throws -> (claimedBy: String?, outcome: String?) {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT notify_claimed_by, notify_outcome FROM alerts WHERE id = ?", arguments: [id])
            return (row?["notify_claimed_by"], row?["notify_outcome"])
        }
    }

    static func alertRecord(_ row: Row) -> AlertRecord {
        let due: Int64? = row["due_at"]
        let acknowledged: Int64? = row["acknowledged_at"]
        let alert = Alert(key: row["key"], kind: Alert.Kind(rawValue: row["kind"]) ?? .escalated, engineer: row["engineer_id"],
                          conversation: row["conversation_id"], customer: row["customer_id"], subject: row["subject"],
                          due: due.map(Self.date), text: row["text"], detail: row["detail"])
        return AlertRecord(id: row["id"], alert: alert, raisedAt: Self.date(row["raised_at"]), acknowledgedAt: acknowledged.map(Self.date),
                           acknowledgedBy: row["acknowledged_by"])
    }

    // MARK: who is at a keyboard

    // How often a screen beats and when it counts as gone: `ScreenBeat`.

    /// This screen is open for `engineer`, its last key at `lastKey`. Kept in the presence
    /// file, so a beat wakes no other screen.
    public func screenBeat(engineer: String, lastKey: Date, host: String, pid: Int32, at now: Date) throws {
        try presenceFile.database().write { db in
            try db.execute(sql: """
                INSERT INTO screens (host, pid, engineer_id, last_key_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (host, pid) DO UPDATE SET engineer_id = excluded.engineer_id, last_key_at = excluded.last_key_at,
                    heartbeat_at = excluded.heartbeat_at
                """, arguments: [host, pid, engineer, Self.milliseconds(lastKey), Self.milliseconds(now)])
            try db.execute(sql: "DELETE FROM screens WHERE heartbeat_at < ?", arguments: [Self.milliseconds(now) - 3_600_000])
        }
    }

    /// This screen is closing.
    public func clearScreen(host: String, pid: Int32) throws {
        try presenceFile.database().write { db in try db.execute(sql: "DELETE FROM screens WHERE host = ? AND pid = ?", arguments: [host, pid]) }
    }

    /// Each engineer with a screen open now, and the latest key pressed in any of them.
    public func lastKeys(now: Date) throws -> [String: Date] {
        try presenceFile.database().read { db in
            var keys: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT engineer_id, max(last_key_at) AS last FROM screens WHERE heartbeat_at >= ? GROUP BY engineer_id",
                                        arguments: [Self.milliseconds(now) - Int64(ScreenBeat.expirySeconds * 1000)]) {
                keys[row["engineer_id"]] = Date(timeIntervalSince1970: Double(row["last"] as Int64) / 1000)
            }
            return keys
        }
    }
}
