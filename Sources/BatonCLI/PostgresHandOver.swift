import BatonStore
import Foundation

/// `baton` is built without PostgreSQL: linking postgres-nio (and swift-nio-ssl's BoringSSL)
/// doubled the binary (42 to 95 MB) and added about 8 ms to every first frame and 3 ms to
/// every `ingest email` (issue 16 asks to keep it out of those paths). When the config's
/// store is `postgres://`, the command runs again, with the same arguments and environment,
/// as `baton-postgres`, which links it. Nothing has been read or written by then.
enum PostgresHandOver {
    /// Hands the run over when `location` is a PostgreSQL store this program cannot open.
    /// - Throws: `Failure` when `baton-postgres` is missing.
    static func ifNeeded(location: String) throws {
        guard case .postgres = StoreLocation(location), !StoreOpener.hasPostgres else { return }
        try SiblingProgram.exec([SiblingProgram.path("baton-postgres")] + CommandLine.arguments.dropFirst(),
                                environment: ProcessInfo.processInfo.environment, build: "swift build --product baton-postgres")
    }
}
