import BatonCore
import Foundation
import GRDB

/// The store in one SQLite file, shared by every baton process on the box.
///
/// WAL mode lets readers go on while one process writes; the busy timeout makes a
/// writer wait its turn instead of failing with "database is locked"; every write is
/// one immediate transaction, so read-then-write never loses a race halfway.
public final class SQLiteStore: ConversationStore {
    public let path: String
    let database: DatabaseQueue
    /// Who has which conversation open, in a file of its own (see PresenceFile).
    let presenceFile: PresenceFile

    /// How long a write waits for another process's write before giving up.
    public static let busyTimeout: TimeInterval = 5

    public init(path: String) throws {
        self.path = path
        presenceFile = PresenceFile(storePath: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -4000")
        }
        do {
            try StoreFiles.prepare(path)
            database = try Self.open(path, configuration: configuration)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Self.reason(error))
        }
        try migrate()
    }

    /// Opens the file, waiting while another process switches a new store to WAL: that
    /// switch answers "database is locked" without going through the busy timeout.
    private static func open(_ path: String, configuration: Configuration) throws -> DatabaseQueue {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try DatabaseQueue(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    /// Runs the migrations this store has not seen, all in one immediate transaction, so
    /// two processes that open a new store at once cannot both create it.
    private func migrate() throws {
        let known = Schema.migrations.count
        let path = self.path
        // The usual case, an up-to-date store, needs no write lock.
        if try database.read({ db in try Int.fetchOne(db, sql: "PRAGMA user_version") }) == known { return }
        try write { db in
            let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if current > known { throw StoreError.newerSchema(path: path, found: current, known: known) }
            for version in current..<known {
                try db.execute(sql: Schema.migrations[version])
            }
            if current != known {
                try db.execute(sql: "PRAGMA user_version = \(known)")
                // Every connection reads the schema again, including edits made to sqlite_schema directly (7).
                let schemaVersion = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
                try db.execute(sql: "PRAGMA schema_version = \(schemaVersion + 1)")
            }
        }
    }

    /// One unit of work in one immediate transaction: all of it lands, or none.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.inDatabase { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StoreError.busy(path: path, seconds: Int(Self.busyTimeout))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try database.inDatabase { db in try body(db) }
    }

    public func changeToken() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    static func reason(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
