import BatonCore
import Foundation

/// What the metrics read (issue 14): the messages, events, pauses and NPS answers of the
/// conversations opened in `[from, to)` (seconds since 1970, UTC), for `Metrics` to fold.
/// Errors: `StoreError` for the store.
public protocol MetricsStore: Sendable {
    func metricsData(from: Int64, to: Int64) throws -> MetricsData
    /// One stretch of a report (`Metrics.report(merging:)`): the conversations opened in
    /// [from, to) and the NPS answers given then, folded. `alone`: no other part runs beside
    /// it, so the fold may use every core. The default reads `metricsData`, then folds.
    func metricsPart(from: Int64, to: Int64, period: MetricsPeriod, grouping: MetricsGrouping, team: TeamConfig, now: Int64,
                     alone: Bool) throws -> MetricsPart
    /// Whether another connection (`reopenMetrics`) reads the same rows; a store in memory's does not.
    var metricsReadsElsewhere: Bool { get }
    /// Another connection to the same store, for work off the screen's loop.
    func reopenMetrics() throws -> MetricsStore
}

extension SQLiteStore: MetricsStore {
    public func reopenMetrics() throws -> MetricsStore { try SQLiteStore(path: path) }
    public var metricsReadsElsewhere: Bool { FileManager.default.fileExists(atPath: path) }
}

extension MetricsStore {
    /// `Metrics.report` for `period` (UTC seconds, weeks in its zone), read and folded on
    /// every core: the period cut into `parts` stretches of time (nil: one per core, up to
    /// 4), each read on a connection of its own (`reopenMetrics`) and folded as soon as it
    /// is read, the folded parts merged (`Metrics.report(merging:)`). The report is the one
    /// `Metrics.report` over one read of the whole period gives. `now`: UTC seconds.
    /// Errors: the store's (`StoreError`, SQLite's), the first part's to fail.
    public func metricsReport(period: MetricsPeriod, grouping: MetricsGrouping, team: TeamConfig, now: Int64, parts: Int? = nil) throws -> MetricsReport {
        let count = !metricsReadsElsewhere ? 1 : max(1, min(parts ?? min(ProcessInfo.processInfo.activeProcessorCount, 4), Int(clamping: max(1, period.to - period.from))))
        let span = period.to - period.from
        let bounds = (0...count).map { period.from + span / Int64(count) * Int64($0) + span % Int64(count) * Int64($0) / Int64(count) }
        let stores = [self] + (try (1..<count).map { _ in try reopenMetrics() })
        let results = MetricsPartResults(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, Result {
                try stores[index].metricsPart(from: bounds[index], to: bounds[index + 1], period: period, grouping: grouping, team: team, now: now,
                                              alone: count == 1)
            })
        }
        return Metrics.report(merging: try (0..<count).map { try results.take($0).get() })!
    }
}

extension MetricsStore {
    public func metricsPart(from: Int64, to: Int64, period: MetricsPeriod, grouping: MetricsGrouping, team: TeamConfig, now: Int64,
                            alone: Bool) throws -> MetricsPart {
        Metrics.part(try metricsData(from: from, to: to), period: period, grouping: grouping, team: team, now: now, runs: alone ? nil : 1)
    }

    public var metricsReadsElsewhere: Bool { true }
}

/// Each part's outcome, set on its own thread and taken once all are done.
final class MetricsPartResults: @unchecked Sendable {
    private var slots: [Result<MetricsPart, Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result<MetricsPart, Error>) { lock.withLock { slots[index] = result } }
    func take(_ index: Int) -> Result<MetricsPart, Error> { lock.withLock { slots[index]! } }
}
