import Foundation

/// Where a store lives, read from the config's `store` value: a file path (SQLite) or a
/// `postgres://` / `postgresql://` URL (PostgreSQL; the password is never in it).
public enum StoreLocation: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// `value` as the config resolved it: an absolute path, or a URL kept as written.
    public init(_ value: String) {
        let lower = value.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(url: value)
        } else {
            self = .sqlite(path: value)
        }
    }

    /// The path or the URL, as the config gave it: what messages name.
    public var description: String {
        switch self {
        case let .sqlite(path): return path
        case let .postgres(url): return url
        }
    }

    /// Where this process keeps files that go with the store (an engineer's seen marks,
    /// `baton serve`'s event spool) as a prefix a suffix is added to: beside the file for
    /// SQLite (`STORE-spool`); for a server, under `$XDG_STATE_HOME/baton` (or
    /// `~/.local/state/baton`), named for host, port and database, since no folder is shared;
    /// that folder is made (0700) when missing, so the first file written there finds it.
    public func localFilesBase(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        switch self {
        case let .sqlite(path):
            return path
        case let .postgres(url):
            let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
                ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
            let withoutQuery = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
            let afterScheme = withoutQuery.components(separatedBy: "://").dropFirst().joined(separator: "://")
            // user@host:port/db → host-port-db: a name with nothing a path could trip on.
            let hostPart = afterScheme.split(separator: "@").last.map(String.init) ?? afterScheme
            let name = String(hostPart.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" })
            try? FileManager.default.createDirectory(atPath: state + "/baton", withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
            return state + "/baton/" + name
        }
    }
}

/// `baton serve`'s spool of events answered but not yet stored, whatever the backend.
public enum StoreSpool {
    /// Makes the spool folder when missing (0770, refusing a link or one open to others)
    /// and returns its path: `STORE-spool` beside a SQLite file, a private folder for a server.
    /// - Throws: `StoreError.cannotOpen` or `.openToOthers`, naming the folder.
    public static func prepare(forStore value: String) throws -> String {
        let location = StoreLocation(value)
        if case .postgres = location {
            let base = location.localFilesBase()
            let parent = (base as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return try SQLiteStore.prepareSpool(forStore: base)
        }
        return try SQLiteStore.prepareSpool(forStore: value)
    }
}
