import BatonCore
import BatonStore
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The store on a PostgreSQL server, for a team whose screens run on several boxes.
///
/// Synchronous like the SQLite store: each call blocks on its connection's event loop.
/// Every write is one transaction; actions check the version the actor saw and update
/// `WHERE version = $n`, so no update is lost. The change feed is LISTEN/NOTIFY on a
/// connection of its own, carrying conversation ids only, with a cheap poll of a sequence
/// as fallback, so a notification lost (behind a pooler, a dropped connection) never
/// freezes a screen for longer than `pollInterval`.
public final class PostgresStore: @unchecked Sendable {
    public let url: PostgresURL
    /// The URL as the config wrote it.
    let written: String
    let session: PostgresSession
    let password: String?
    /// The feed's own connection; nil when LISTEN failed (the poll alone then).
    private var listener: PostgresSession?
    private let feedLock = NSLock()
    private var notified: Int64 = 0
    private var changedIDs: Set<Int64> = []
    private var polled: Int64 = 0
    private var lastPoll = Date.distantPast
    /// How often `changeToken` reads the sequence when no notification came: the fallback.
    public static let pollInterval: TimeInterval = 1

    /// Connects, checks the schema (migrating a new or older one), and listens for changes.
    /// - Throws: `PostgresURLError` for a bad URL; `StoreError.cannotOpen` when the server
    ///   cannot be reached or refuses the login; `.newerSchema` when the database is newer.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        url = try PostgresURL(text)
        written = text
        let found = Pgpass.password(host: url.host, port: url.port, database: url.database, user: url.user, environment: environment)
        if let warning = found.warning { FileHandle.standardError.write(Data("baton: \(warning)\n".utf8)) }
        password = found.password
        // The feed's connection logs in on a thread of its own while this one migrates and
        // checks the grants, so the first frame waits for one login, not two (issue 16).
        let feed = ConnectingSession(url: url, password: password)
        session = try PostgresSession(url: url, password: password)
        try migrate()
        try checkGrants()
        listen(on: feed.wait())
    }

    /// Another connection for this process's own writes (`reopen`, the screen's background
    /// writer): `original` migrated the schema and found the grants a moment ago, and writes
    /// need no change feed, so only the connection is made: one login instead of two and no
    /// migration or grant queries on the way to the first frame (issue 16). `changeToken`
    /// still works on it, by the poll alone.
    private init(sibling original: PostgresStore) throws {
        url = original.url
        written = original.written
        password = original.password
        session = try PostgresSession(url: url, password: password)
    }

    /// Registers this backend with `StoreOpener`, so `openStore(location:)` opens `postgres://` URLs.
    public static func register() {
        StoreOpener.registerPostgres { url in try PostgresStore(url: url) }
    }

    private func migrate() throws {
        let known = PostgresSchema.migrations.count
        // Most starts find the schema current: one read then, without the lock's transaction
        // (issue 16). A missing table or an older version takes the locked path below.
        if let current = try? session.query("SELECT version FROM baton_schema").first?.int("version"), Int(current) == known { return }
        try session.transaction {
            try session.execute("SELECT pg_advisory_xact_lock($1)", [.int(PostgresSchema.migrationLock)])
            try session.execute("CREATE TABLE IF NOT EXISTS baton_schema (version BIGINT NOT NULL)")
            let current = try session.query("SELECT version FROM baton_schema").first.map { try Int($0.int("version")) }
            if current == nil { try session.execute("INSERT INTO baton_schema (version) VALUES (0)") }
            let version = current ?? 0
            if version > known { throw StoreError.newerSchema(path: url.description, found: version, known: known) }
            for index in version..<known { try session.executeScript(PostgresSchema.migrations[index]) }
            if version != known { try session.execute("UPDATE baton_schema SET version = $1", [.int(known)]) }
        }
    }

    /// LISTEN on a second connection; each notification bumps the token and names the conversation.
    private func listen(on connection: PostgresSession?) {
        guard let connection else { return }
        connection.connection.addListener(channel: PostgresSchema.channel) { [weak self] _, notification in
            guard let self else { return }
            feedLock.withLock {
                notified += 1
                if let id = Int64(notification.payload), id > 0 { changedIDs.insert(id) }
            }
        }
        if (try? connection.executeScript("LISTEN \(PostgresSchema.channel)")) != nil { listener = connection }
    }

    /// Conversation ids notified since the last call (the screen may refetch only those).
    public func takeChangedConversations() -> Set<Int64> {
        feedLock.withLock {
            defer { changedIDs = [] }
            return changedIDs
        }
    }

    /// Runs a statement on the store's connection, for tests.
    func executeScript(_ sql: String) throws { try session.executeScript(sql) }

    /// Empties the database behind `url` (every table of the current schema), without
    /// migrating first: for tests, which start each case from nothing.
    static func dropEverything(url text: String) throws {
        let url = try PostgresURL(text)
        let password = Pgpass.password(host: url.host, port: url.port, database: url.database, user: url.user).password
        try PostgresSession(url: url, password: password).executeScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    }
}

/// A connection being made on a thread of its own; `wait()` gives it, or nil when it failed
/// (the feed then falls back to the poll, as when LISTEN fails).
private final class ConnectingSession: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var session: PostgresSession?

    init(url: PostgresURL, password: String?) {
        Thread.detachNewThread { [self] in
            session = try? PostgresSession(url: url, password: password)
            done.signal()
        }
    }

    func wait() -> PostgresSession? {
        done.wait()
        return session
    }
}

extension PostgresStore: StoreBackend {
    public var location: StoreLocation { .postgres(url: written) }

    public func reopen() throws -> StoreBackend { try PostgresStore(sibling: self) }

    /// Changes with every notification and with the sequence the poll reads, so a missed
    /// notification is made up for within `pollInterval`.
    public func changeToken() throws -> Int64 {
        let now = Date()
        let due = feedLock.withLock { now.timeIntervalSince(lastPoll) >= Self.pollInterval || listener == nil }
        if due {
            let value = try session.query("SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END AS value FROM baton_change_seq").first
            let sequence = try value?.int("value") ?? 0
            feedLock.withLock {
                polled = sequence
                lastPoll = now
            }
        }
        return feedLock.withLock { polled &* 1_000_003 &+ notified }
    }
}
