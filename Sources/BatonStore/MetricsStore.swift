import BatonCore
import Foundation

/// What the metrics read (issue 14): the messages, events, pauses and NPS answers of the
/// conversations opened in `[from, to)` (seconds since 1970, UTC), for `Metrics` to fold.
/// Errors: `StoreError` for the store.
public protocol MetricsStore: Sendable {
    func metricsData(from: Int64, to: Int64) throws -> MetricsData
    /// Another connection to the same store, for work off the screen's loop.
    func reopenMetrics() throws -> MetricsStore
}

extension SQLiteStore: MetricsStore {
    public func reopenMetrics() throws -> MetricsStore { try SQLiteStore(path: path) }
}
