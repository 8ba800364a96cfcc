import BatonCore
import BatonStore
import Foundation

/// What the PostgreSQL store does not do yet (issue 16 stays open for them): merge and
/// split (and attachments, bounces: see the intake writer). Each refuses with
/// `StoreError.unsupported` naming the operation, so nothing silently succeeds.
extension PostgresStore {
    static let backendName = "the PostgreSQL store"

    func notYet(_ operation: String) -> StoreError {
        StoreError.unsupported(operation: operation, backend: Self.backendName)
    }

    public func merge(_ source: Int64, into target: Int64, actor: String, at now: Date) throws { throw notYet("merging conversations") }
    public func split(_ id: Int64, fromMessage messageID: Int64, actor: String, at now: Date) throws -> Int64 { throw notYet("splitting a conversation") }
}
