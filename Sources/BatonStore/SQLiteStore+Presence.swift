import BatonCore
import Foundation
import GRDB

/// Who has which conversation open. Each screen process keeps one row, keyed by host and
/// pid, and refreshes it about every second; readers ignore rows older than
/// `Presence.expirySeconds`, so a process killed with -9 drops out without anyone cleaning up.
/// The rows live in the presence file, not the store (see PresenceFile).
extension SQLiteStore {
    public func heartbeat(engineer: String, conversation: Int64, activity: Presence.Activity, host: String, pid: Int32, at now: Date) throws {
        try presenceFile.database().write { db in
            try db.execute(sql: """
                INSERT INTO presence (host, pid, engineer_id, conversation_id, activity, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (host, pid) DO UPDATE SET engineer_id = excluded.engineer_id, conversation_id = excluded.conversation_id,
                    activity = excluded.activity, heartbeat_at = excluded.heartbeat_at
                """, arguments: [host, pid, engineer, conversation, activity.rawValue, Self.milliseconds(now)])
            // Rows long dead are swept by whoever writes next; readers never depend on it.
            try db.execute(sql: "DELETE FROM presence WHERE heartbeat_at < ?", arguments: [Self.milliseconds(now) - 60_000])
        }
    }

    /// This process closed its conversation or is quitting.
    public func clearPresence(host: String, pid: Int32) throws {
        try presenceFile.database().write { db in try db.execute(sql: "DELETE FROM presence WHERE host = ? AND pid = ?", arguments: [host, pid]) }
    }

    /// Live presence on the given conversations, leaving out the asking process itself.
    public func presence(on ids: [Int64], excludingHost host: String, pid: Int32, now: Date) throws -> [Presence] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        return try presenceFile.database().read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM presence WHERE conversation_id IN (\(marks)) AND heartbeat_at >= ? AND NOT (host = ? AND pid = ?)
                ORDER BY engineer_id
                """, arguments: StatementArguments(ids) + [Self.milliseconds(now) - Int64(Presence.expirySeconds * 1000), host, pid]).map { row in
                Presence(engineer: row["engineer_id"], conversationID: row["conversation_id"],
                         activity: Presence.Activity(rawValue: row["activity"]) ?? .viewing,
                         heartbeatAt: Date(timeIntervalSince1970: Double(row["heartbeat_at"] as Int64) / 1000))
            }
        }
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
}
