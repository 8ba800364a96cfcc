import GRDB

/// Facts about the store itself, such as whether `baton demo` made it.
extension SQLiteStore {
    /// Marks the store as the demo's: only there may `BATON_AS` choose who acts.
    public func markAsDemo() throws {
        try write { db in try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', '1')") }
    }

    public func isDemo() throws -> Bool {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'demo'") == "1" }
    }
}
