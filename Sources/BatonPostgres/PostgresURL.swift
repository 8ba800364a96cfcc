import Foundation

/// A store's `postgres://USER@HOST:PORT/DB?sslmode=MODE` as the config writes it.
/// The password is never in it: it comes from `PGPASSWORD` or a pgpass file (see `Pgpass`).
public struct PostgresURL: Equatable, Sendable, CustomStringConvertible {
    /// libpq's sslmode, the three baton supports: `prefer` (the default, as libpq's) tries
    /// TLS and goes on without it when the server has none; `require` refuses to go on without.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public var user: String
    public var host: String
    /// 5432 when the URL gives none.
    public var port: Int
    public var database: String
    public var sslMode: SSLMode

    /// Reads the URL. Throws `PostgresURLError` naming what is wrong: another scheme, a
    /// password in the URL, no user, host or database, a port that is no number, an
    /// unknown parameter or sslmode.
    public init(_ text: String) throws {
        let lower = text.lowercased()
        guard let scheme = ["postgres://", "postgresql://"].first(where: { lower.hasPrefix($0) }) else {
            throw PostgresURLError(url: text, problem: "it does not start with postgres://")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        guard let at = rest.lastIndex(of: "@") else {
            throw PostgresURLError(url: text, problem: "it names no user; write postgres://USER@HOST/DATABASE")
        }
        let userPart = rest[..<at]
        guard !userPart.contains(":") else {
            throw PostgresURLError(url: text, problem: "it holds a password; keep it out of the config, in PGPASSWORD or ~/.pgpass (mode 0600)")
        }
        guard let decodedUser = String(userPart).removingPercentEncoding, !decodedUser.isEmpty else {
            throw PostgresURLError(url: text, problem: "the user is empty or not percent-encoded properly")
        }
        user = decodedUser
        var hostPart = rest[rest.index(after: at)...]
        guard let slash = hostPart.firstIndex(of: "/") else {
            throw PostgresURLError(url: text, problem: "it names no database; write postgres://USER@HOST/DATABASE")
        }
        let databasePart = hostPart[hostPart.index(after: slash)...]
        hostPart = hostPart[..<slash]
        guard let decodedDatabase = String(databasePart).removingPercentEncoding, !decodedDatabase.isEmpty else {
            throw PostgresURLError(url: text, problem: "it names no database; write postgres://USER@HOST/DATABASE")
        }
        database = decodedDatabase
        port = 5432
        var hostText = String(hostPart)
        if hostText.hasPrefix("[") {  // [::1]:5432
            guard let close = hostText.firstIndex(of: "]") else { throw PostgresURLError(url: text, problem: "an IPv6 host without its closing ]") }
            let after = hostText[hostText.index(after: close)...]
            let inner = String(hostText[hostText.index(after: hostText.startIndex)..<close])
            if after.hasPrefix(":") { port = try Self.port(String(after.dropFirst()), url: text) }
            else if !after.isEmpty { throw PostgresURLError(url: text, problem: "\"\(after)\" after the host") }
            hostText = inner
        } else if let colon = hostText.lastIndex(of: ":") {
            port = try Self.port(String(hostText[hostText.index(after: colon)...]), url: text)
            hostText = String(hostText[..<colon])
        }
        guard !hostText.isEmpty else { throw PostgresURLError(url: text, problem: "it names no host") }
        host = hostText
        sslMode = .prefer
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "sslmode" else {
                throw PostgresURLError(url: text, problem: "unknown parameter \"\(parts[0])\"; only sslmode=disable|prefer|require is read")
            }
            guard let mode = SSLMode(rawValue: parts[1]) else {
                throw PostgresURLError(url: text, problem: "sslmode \"\(parts[1])\" is not one of disable, prefer, require")
            }
            sslMode = mode
        }
    }

    static func port(_ text: String, url: String) throws -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw PostgresURLError(url: url, problem: "port \"\(text)\" is not a number from 1 to 65535")
        }
        return port
    }

    /// The URL as written back, without anything secret: for messages.
    public var description: String {
        "postgres://\(user.replacingOccurrences(of: "@", with: "%40"))@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }
}

public struct PostgresURLError: Error, Equatable, CustomStringConvertible {
    public var url: String
    public var problem: String
    public var description: String { "store: \"\(url)\": \(problem)" }
}
