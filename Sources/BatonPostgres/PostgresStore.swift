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
    /// The change feed: one LISTEN connection per process, shared by the stores `reopen` makes.
    let feed: PostgresFeed
    private let pollLock = NSLock()
    private var polled: Int64 = 0
    private var lastPoll = Date.distantPast
    /// How often `changeToken` reads the sequence when no notification came: the fallback.
    public static let pollInterval: TimeInterval = 1

    /// Connects and checks the schema (migrating a new or older one).
    /// - Throws: `PostgresURLError` for a bad URL; `StoreError.unreachable` when the server
    ///   cannot be reached, `.cannotOpen` when it refuses the login; `.newerSchema` when the
    ///   database is newer.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        url = try PostgresURL(text)
        written = text
        let found = Pgpass.password(host: url.host, port: url.port, database: url.database, user: url.user, environment: environment)
        if let warning = found.warning { FileHandle.standardError.write(Data("baton: \(warning)\n".utf8)) }
        password = found.password
        session = try PostgresSession(url: url, password: password)
        feed = PostgresFeed(url: url, password: password)
        try migrate()
        try checkGrants()
        // The feed connects on the first `changeToken` (a screen's): a one-shot command never listens.
    }

    /// Another connection to the same database, sharing `feed`'s listener: the schema and the
    /// grants were checked by the store it came from.
    /// With `lazily`, it connects on its first call rather than now.
    init(reopening other: PostgresStore, lazily: Bool = false) throws {
        url = other.url
        written = other.written
        password = other.password
        feed = other.feed
        session = lazily ? PostgresSession(lazilyTo: url, password: password) : try PostgresSession(url: url, password: password)
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

    /// Conversation ids notified since the last call (the screen may refetch only those).
    public func takeChangedConversations() -> Set<Int64> {
        feed.check()
        return feed.take().ids
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

extension PostgresStore: StoreBackend {
    public var location: StoreLocation { .postgres(url: written) }

    public func reopen() throws -> StoreBackend { try PostgresStore(reopening: self) }

    /// Changes with every notification and with the sequence the poll reads, so a missed
    /// notification is made up for within `pollInterval`.
    public func changeToken() throws -> Int64 {
        let listening = feed.check()
        let now = Date()
        let due = pollLock.withLock { now.timeIntervalSince(lastPoll) >= Self.pollInterval || !listening }
        if due {
            let value = try session.query("SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END AS value FROM baton_change_seq").first
            let sequence = try value?.int("value") ?? 0
            pollLock.withLock {
                polled = sequence
                lastPoll = now
            }
        }
        return pollLock.withLock { polled } &* 1_000_003 &+ feed.count
    }
}
