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
final class PostgresSession: @unchecked Sendable {
    let url: PostgresURL
    let connection: PostgresConnection
    private let lock = NSRecursiveLock()
    private var depth = 0
    static let logger = Logger(label: "baton.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects. Throws `StoreError.cannotOpen` naming the server and what it said (no
    /// password, authentication failed, database missing, TLS required but not offered).
    init(url: PostgresURL, password: String?) throws {
        self.url = url
        var tls = PostgresConnection.Configuration.TLS.disable
        if url.sslMode != .disable {
            var configuration = TLSConfiguration.makeClientConfiguration()
            // libpq's prefer and require do not check the certificate (verify-ca and
            // verify-full do); the same here, so a server's self-signed one is accepted.
            configuration.certificateVerification = .none
            let context = try NIOSSLContext(configuration: configuration)
            tls = url.sslMode == .require ? .require(context) : .prefer(context)
        }
        let configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: password, database: url.database, tls: tls)
        do {
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                        id: 1, logger: Self.logger).wait()
        } catch {
            throw StoreError.cannotOpen(path: url.description, reason: Self.reason(error, password: password))
        }
    }

    deinit {
        try? connection.close().wait()
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
            do {
                return try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: Self.logger).wait()
            } catch {
                throw StoreError.server(location: url.description, reason: Self.reason(error, password: nil))
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
        do {
            let result = try body()
            depth -= 1
            try execute("COMMIT")
            return result
        } catch {
            depth -= 1
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// What went wrong, in the server's words when it said something.
    static func reason(_ error: Error, password: String?) -> String {
        if let error = error as? PSQLError {
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
