import BatonStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A value bound to a `$n` parameter. Instants are whole seconds since 1970 (UTC), as
/// in the SQLite store, so both backends hold the same logical schema.
enum SQLValue: Sendable {
    case int(Int64?)
    case text(String?)
    case bool(Bool?)
    case bytes([UInt8]?)

    static func int(_ value: Int) -> SQLValue { .int(Int64(value)) }
    static func seconds(_ date: Date?) -> SQLValue { .int(date.map(PostgresSession.seconds)) }
}

/// One connection, used synchronously: each call blocks on the connection's event loop
/// (NIO's shared one-thread group) until the server answers. Calls are serialised by a
/// recursive lock, so a transaction's statements never interleave with another thread's.
///
/// When the server goes away (stopped, restarted, the connection killed) the next call
/// finds the connection closed and connects again, at once and then with a backoff
/// (`firstRetry` doubling to `lastRetry`), so every process catches up by itself when the
/// server returns. Meanwhile calls throw `StoreError.unreachable` without waiting. A
/// connection lost inside a transaction is never replaced there: that unit of work fails
/// whole, and the next one starts on a new connection.
final class PostgresSession: @unchecked Sendable {
    let url: PostgresURL
    let password: String?
    private var current: PostgresConnection?
    private let lock = NSRecursiveLock()
    private var depth = 0
    /// Run on every new connection before it is used (the feed's LISTEN), under the lock.
    private let prepare: (PostgresConnection) throws -> Void
    /// When the next attempt to connect may be made, and the wait after it fails.
    private var nextAttempt = Date.distantPast
    private var retryDelay = firstRetry
    /// Why the last attempt failed, said while waiting for the next one.
    private var lastReason = ""
    private var lastFailure = Date.distantPast
    static let logger = Logger(label: "baton.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// The wait after the first failed reconnect (seconds); it doubles up to `lastRetry`.
    static let firstRetry: TimeInterval = 0.25
    /// The longest wait between attempts (seconds): a screen catches up at most this long
    /// after the server is back.
    static let lastRetry: TimeInterval = 4
    /// How long one attempt to connect may take (seconds), so a server that does not
    /// answer at all holds a caller no longer than this.
    static let connectTimeout: Int64 = 5

    /// Connects. Throws `StoreError.unreachable` when the server cannot be reached
    /// (refused, reset, shutting down) and `StoreError.cannotOpen` naming the server and
    /// what it said otherwise (no password, authentication failed, database missing, TLS
    /// required but not offered).
    init(url: PostgresURL, password: String?, prepare: @escaping (PostgresConnection) throws -> Void = { _ in }) throws {
        self.url = url
        self.password = password
        self.prepare = prepare
        try connectNow()
    }

    /// A session that connects on its first call (`live()`), not now: for a connection that
    /// many processes never use (the notifier's, the metrics loader's).
    init(lazilyTo url: PostgresURL, password: String?) {
        self.url = url
        self.password = password
        self.prepare = { _ in }
    }

    private func connectNow() throws {
        do {
            let connection = try Self.connect(url: url, password: password, prepare: prepare)
            current = connection
            Self.noteConnected(to: url.description, at: Date())
        } catch {
            if Self.isUnreachable(error) { throw StoreError.unreachable(location: url.description, reason: Self.reason(error, password: password)) }
            throw StoreError.cannotOpen(path: url.description, reason: Self.reason(error, password: password))
        }
    }

    deinit {
        try? current?.close().wait()
    }

    /// A new connection with `prepare` run on it; closed again when `prepare` fails.
    private static func connect(url: PostgresURL, password: String?, prepare: (PostgresConnection) throws -> Void) throws -> PostgresConnection {
        var tls = PostgresConnection.Configuration.TLS.disable
        if url.sslMode != .disable {
            var configuration = TLSConfiguration.makeClientConfiguration()
            // libpq's prefer and require do not check the certificate (verify-ca and
            // verify-full do); the same here, so a server's self-signed one is accepted.
            configuration.certificateVerification = .none
            let context = try NIOSSLContext(configuration: configuration)
            tls = url.sslMode == .require ? .require(context) : .prefer(context)
        }
        var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(connectTimeout)
        let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                        id: 1, logger: logger).wait()
        do {
            try prepare(connection)
        } catch {
            try? connection.close().wait()
            throw error
        }
        return connection
    }

    /// Whether a connection is open now (it may still turn out dead on the next call).
    var isConnected: Bool { lock.withLock { current.map { !$0.isClosed } ?? false } }

    /// The open connection, connecting again when it was lost and the backoff allows.
    /// - Throws: `StoreError.unreachable` while the server cannot be reached, or when the
    ///   connection was lost inside a transaction; `.server` when the server refused the new login.
    func live() throws -> PostgresConnection {
        try lock.withLock {
            if let current, !current.isClosed { return current }
            if current != nil {
                // Just lost: try again at once (a killed backend, a restarted server).
                current = nil
                nextAttempt = .distantPast
                retryDelay = Self.firstRetry
                lastReason = "the server closed the connection"
            }
            guard depth == 0 else {
                throw StoreError.unreachable(location: url.description, reason: "the connection was lost in the middle of a transaction; nothing of it was stored")
            }
            let now = Date()
            // Another connection of this process to the server got through since this one
            // failed: the server is back, so no waiting out this one's backoff (the screen's
            // first write after the store returns must not find the writer still waiting).
            let othersBack = Self.connected(to: url.description) > lastFailure
            guard now >= nextAttempt || othersBack else { throw StoreError.unreachable(location: url.description, reason: lastReason) }
            do {
                let connection = try Self.connect(url: url, password: password, prepare: prepare)
                current = connection
                retryDelay = Self.firstRetry
                Self.noteConnected(to: url.description, at: Date())
                return connection
            } catch {
                lastFailure = Date()
                nextAttempt = now.addingTimeInterval(retryDelay)
                retryDelay = min(retryDelay * 2, Self.lastRetry)
                lastReason = Self.reason(error, password: password)
                throw Self.storeError(error, location: url.description, password: password)
            }
        }
    }

    private static let connectedLock = NSLock()
    nonisolated(unsafe) private static var lastConnected: [String: Date] = [:]

    /// When a connection of this process to `server` last got through.
    private static func connected(to server: String) -> Date {
        connectedLock.withLock { lastConnected[server] ?? .distantPast }
    }

    private static func noteConnected(to server: String, at instant: Date) {
        connectedLock.withLock { lastConnected[server] = instant }
    }

    /// Runs `sql` on `connection` (the feed's LISTEN, before the connection is this session's).
    static func execute(_ sql: String, on connection: PostgresConnection) throws {
        _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
    }

    /// Rows of a statement with `$1…` parameters.
    @discardableResult
    func query(_ sql: String, _ values: [SQLValue] = []) throws -> [PostgresRandomAccessRow] {
        try run(sql, values).rows.map { $0.makeRandomAccess() }
    }

    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try run(sql, values).metadata.rows ?? 0
    }

    /// Several statements without parameters, as one string (migrations), one at a time:
    /// postgres-nio sends each as a prepared statement, which holds only one.
    func executeScript(_ sql: String) throws {
        try lock.withLock {
            for statement in Self.statements(in: sql) { try execute(statement) }
        }
    }

    /// The statements of a script, split at semicolons outside quotes, `$$` bodies and `--` comments.
    static func statements(in script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inQuote = false, inDollar = false, inComment = false
        var previous: Character = " "
        for character in script {
            if inComment {
                if character == "\n" { inComment = false }
                current.append(character)
            } else if inQuote {
                if character == "'" { inQuote = false }
                current.append(character)
            } else if inDollar {
                current.append(character)
                if character == "$", previous == "$" { inDollar = false; previous = " "; continue }
            } else if character == ";" {
                statements.append(current)
                current = ""
            } else {
                if character == "'" { inQuote = true }
                if character == "-", previous == "-" { inComment = true }
                current.append(character)
                if character == "$", previous == "$" { inDollar = true; previous = " "; continue }
            }
            previous = character
        }
        statements.append(current)
        return statements.filter { text in
            !text.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty || $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
        }
    }

    private func run(_ sql: String, _ values: [SQLValue]) throws -> PostgresQueryResult {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case let .int(number): bindings.append(number)
            case let .text(text): bindings.append(text)
            case let .bool(flag): bindings.append(flag)
            case let .bytes(bytes): bindings.append(bytes.map { ByteBuffer(bytes: $0) })
            }
        }
        return try lock.withLock {
            let connection = try live()
            do {
                return try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: Self.logger).wait()
            } catch {
                throw Self.storeError(error, location: url.description, password: nil)
            }
        }
    }

    /// One unit of work in one transaction: all of it lands, or none. Nested calls join
    /// the outer transaction. Row locks (`FOR UPDATE`) and `WHERE version = $n` keep two
    /// writers from losing each other's update, as SQLite's immediate transactions do.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if depth > 0 { return try body() }
        try execute("BEGIN")
        depth += 1
        // COMMIT and ROLLBACK inside the depth: on a connection lost meanwhile they must
        // fail, never reconnect and "commit" on a new connection that holds nothing.
        do {
            let result = try body()
            try execute("COMMIT")
            depth -= 1
            return result
        } catch {
            _ = try? execute("ROLLBACK")
            depth -= 1
            throw error
        }
    }

    /// The one place errors are classified (issue 16): connection refused or reset, a
    /// connection closed, the server shutting down or not yet accepting connections
    /// (SQLSTATE class 08, 57P01–57P03) mean the server cannot be reached, and are worth
    /// waiting out; everything else is a real error, reported as the server said it.
    static func storeError(_ error: Error, location: String, password: String?) -> StoreError {
        if let error = error as? StoreError { return error }
        let reason = reason(error, password: password)
        return isUnreachable(error) ? .unreachable(location: location, reason: reason) : .server(location: location, reason: reason)
    }

    static func isUnreachable(_ error: Error) -> Bool {
        if let error = error as? PSQLError {
            switch error.code {
            case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown:
                return true
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
            default:
                return error.underlying.map(isUnreachable) ?? false
            }
        }
        // Below postgres-nio: the socket (refused, reset, timed out) and the channel (closed, EOF).
        return error is NIOConnectionError || error is IOError || error is ChannelError
    }

    /// What went wrong, in the server's words when it said something.
    static func reason(_ error: Error, password: String?) -> String {
        if let error = error as? StoreError {
            switch error {
            case let .unreachable(_, reason), let .server(_, reason), let .cannotOpen(_, reason): return reason
            default: return error.description
            }
        }
        if let error = error as? NIOConnectionError {
            // Each address tried and why it failed ("connection refused").
            let causes = error.connectionErrors.map { reason($0.error, password: password) }
            return causes.isEmpty ? "cannot connect to \(error.host):\(error.port)" : Array(Set(causes)).sorted().joined(separator: "; ")
        }
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode)).lowercased()
        }
        if let error = error as? ChannelError {
            return "the connection was closed (\(error))"
        }
        if let error = error as? PSQLError {
            if error.serverInfo?[.message] == nil, let underlying = error.underlying {
                return reason(underlying, password: password)
            }
            if [.serverClosedConnection, .clientClosedConnection, .uncleanShutdown].contains(error.code) {
                return "the server closed the connection"
            }
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                if error.serverInfo?[.sqlState] == "28P01", password == nil {
                    return message + state + "; no password was found in PGPASSWORD or the pgpass file"
                }
                return message + state
            }
            return "\(error.code)"
        }
        return "\(error)"
    }

    static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970
        guard value.isFinite else { return 0 }
        return Int64(min(max(value, -62_135_596_800), 253_402_300_799).rounded(.down))
    }

    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}

/// Reading columns by name; a missing column or a wrong type is a bug, said plainly.
extension PostgresRandomAccessRow {
    func int(_ column: String) throws -> Int64 {
        guard let value = try self[column].decode(Int64?.self) else { throw StoreError.server(location: "", reason: "column \(column) is null") }
        return value
    }
    func intOrNil(_ column: String) throws -> Int64? { try self[column].decode(Int64?.self) }
    func text(_ column: String) throws -> String { try self[column].decode(String?.self) ?? "" }
    func textOrNil(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func bool(_ column: String) throws -> Bool { try self[column].decode(Bool?.self) ?? false }
    func date(_ column: String) throws -> Date { PostgresSession.date(try int(column)) }
    func dateOrNil(_ column: String) throws -> Date? { try intOrNil(column).map(PostgresSession.date) }
}
