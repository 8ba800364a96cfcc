import BatonCore
import Foundation

/// What commands and services do to the store beside the queue and the team's actions:
/// merge and split, SLA deadlines, leases between services, and the demo marker.
/// Instants are UTC; durations in seconds.
public protocol OperationsStore: ConversationStore {
    /// Moves every message of `source` into `target`. Throws `MergeSplitError` or `StoreError.notFound`.
    func merge(_ source: Int64, into target: Int64, actor: String, at now: Date) throws
    /// Moves `messageID` and later messages into a new conversation; returns its id.
    /// Throws `MergeSplitError` or `StoreError.notFound`.
    func split(_ id: Int64, fromMessage messageID: Int64, actor: String, at now: Date) throws -> Int64
    /// Computes every open conversation's deadline again from its tier's calendar; returns how many moved.
    @discardableResult
    func recomputeDeadlines() throws -> Int
    /// A conversation's row and why its deadline is what it is. Throws `StoreError.notFound`.
    func slaExplanation(_ id: Int64, now: Date) throws -> (row: QueueRow, explanation: SLAExplanation)
    /// Holds (or renews) lease `name` for `holder` for `duration` seconds; false when another holds it.
    func holdLease(_ name: String, holder: String, for duration: TimeInterval, now: Date) throws -> Bool
    func releaseLease(_ name: String, holder: String) throws
    /// Marks the store as the demo's: only there may `BATON_AS` choose who acts.
    func markAsDemo() throws
    func isDemo() throws -> Bool
}
