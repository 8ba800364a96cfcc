import BatonCore
import Foundation

/// Every store call baton makes, whatever the database: the queue and a conversation,
/// the team's actions, the rotation, the outbox, intake, alerts, metrics and the rest. SQLite (the
/// default) and PostgreSQL implement it; callers outside BatonStore see only this.
/// Calls are synchronous: a backend that is asynchronous inside blocks on its own loop.
public protocol StoreBackend: TeamStore, RotationStore, OutboxStore, IntakeStore, OperationsStore, AlertStore, MetricsStore {
    /// Where the store is: messages name it, side files are kept by it.
    var location: StoreLocation { get }
    /// Another connection to the same store, for writes off the screen's loop.
    func reopen() throws -> StoreBackend
}

/// Opens the store the config names, picking the backend by the value's form.
public enum StoreOpener {
    /// Opens a `postgres://` URL. The PostgreSQL target registers one, so that the
    /// executables that need it link it and BatonStore does not depend on it.
    public typealias Opener = @Sendable (String) throws -> StoreBackend

    private static let lock = NSLock()
    nonisolated(unsafe) private static var postgresOpener: Opener?

    /// Whether this program links a PostgreSQL backend (`baton-serve`, `baton-postgres`).
    public static var hasPostgres: Bool { lock.withLock { postgresOpener != nil } }

    /// Called once at start by an executable that links a PostgreSQL backend.
    public static func registerPostgres(_ opener: @escaping Opener) {
        lock.withLock { postgresOpener = opener }
    }

    /// Opens (creating and migrating when new) the store at `location`: a path → SQLite,
    /// `postgres://…` → PostgreSQL.
    /// - Throws: `StoreError` naming the store: cannot open, newer schema, open to others,
    ///   or `.unsupported` when no PostgreSQL backend is linked into this program.
    public static func open(_ location: String) throws -> StoreBackend {
        switch StoreLocation(location) {
        case let .sqlite(path):
            return try SQLiteStore(path: path)
        case let .postgres(url):
            guard let opener = lock.withLock({ postgresOpener }) else {
                throw StoreError.unsupported(operation: "opening \(url)", backend: "this program (built without PostgreSQL)")
            }
            return try opener(url)
        }
    }
}

/// Opens the store at `location` (the config's `store` value); see `StoreOpener.open`.
public func openStore(location: String) throws -> StoreBackend {
    try StoreOpener.open(location)
}

extension SQLiteStore: StoreBackend {
    public var location: StoreLocation { .sqlite(path: path) }
    public func reopen() throws -> StoreBackend { try SQLiteStore(path: path) }
}
extension SQLiteStore: RotationStore {}
extension SQLiteStore: OutboxStore {}
extension SQLiteStore: IntakeStore {}
extension SQLiteStore: OperationsStore {}
