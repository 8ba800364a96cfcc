import BatonCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Takes the lease `name` for `holder` until `now + duration` (real time, UTC), or renews it
    /// when `holder` has it already; true when `holder` holds it afterwards. A lease nobody
    /// renews lapses, so a holder that was killed cannot keep it, and there is no pid file to
    /// go stale. The check and the take are one immediate transaction: two processes asking
    /// at once never both get it.
    public func holdLease(_ name: String, holder: String, for duration: TimeInterval, now: Date) throws -> Bool {
        let nowMs = Int64((now.timeIntervalSince1970 * 1_000).rounded(.down))
        let until = nowMs + Int64((duration * 1_000).rounded(.up))
        return try write { db in
            try db.execute(sql: """
                INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE leases.holder = excluded.holder OR leases.expires_at <= ?
                """, arguments: [name, holder, until, nowMs])
            return db.changesCount == 1
        }
    }

    /// Gives the lease up at once, if `holder` has it, so another can take it without waiting for it to lapse.
    public func releaseLease(_ name: String, holder: String) throws {
        try write { db in try db.execute(sql: "DELETE FROM leases WHERE name = ? AND holder = ?", arguments: [name, holder]) }
    }
}
