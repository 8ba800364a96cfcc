import Foundation
import GRDB

/// Presence in a small SQLite file beside the store (`STORE-presence`). Heartbeats are
/// writes every second from every open conversation; in the store itself each one would
/// change `PRAGMA data_version` and make every other screen refetch its window. Here they
/// touch nothing the change feed watches, and the screens read this file's one small
/// table on their own. Opened on first use, created closed like the store (0660, in the
/// store's folder, so a setgid folder gives it the team's group).
final class PresenceFile: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var queue: DatabaseQueue?

    init(storePath: String) {
        path = storePath + "-presence"
    }

    func database() throws -> DatabaseQueue {
        try lock.withLock {
            if let queue { return queue }
            try StoreFiles.prepare(path)
            var configuration = Configuration()
            configuration.busyMode = .timeout(SQLiteStore.busyTimeout)
            configuration.journalMode = .wal
            let opened = try DatabaseQueue(path: path, configuration: configuration)
            try opened.write { db in try db.execute(sql: Schema.presence) }
            queue = opened
            return opened
        }
    }
}
