import BatonCore
import BatonStore
import Foundation

/// Works the metrics screen's figures out off the event loop, on a store connection of its
/// own, so the screen keeps drawing and answering keys while a quarter of conversations is
/// read and folded; the loop's next tick picks the figures up (`App.collectMetrics`).
public final class MetricsLoader: @unchecked Sendable {
    let source: MetricsStore
    let team: TeamConfig
    private let queue = DispatchQueue(label: "baton.metrics")
    private let lock = NSLock()
    private var finished: [Result<MetricsFigures, Error>] = []
    private var submitted = 0
    /// Opened on the queue at first use; only the queue touches it.
    private var store: MetricsStore?

    /// `source` is the screen's store; the loader opens a connection of its own from it.
    public init(source: MetricsStore, team: TeamConfig) {
        self.source = source
        self.team = team
    }

    /// Whether figures are still being worked out: the loop then looks for them often.
    var isBusy: Bool { lock.withLock { submitted > 0 } }

    /// This period and the 8 before it, as `request` says, at `now` in `zone`: two results,
    /// this period's figures alone (`MetricsFigures.firstLoaded`), then all of them.
    func submit(_ request: MetricsRequest, now: Date, zone: TimeZone) {
        lock.withLock { submitted += 1 }
        queue.async {
            // The current period first (a tenth of the rows: the screen has its figures in a
            // fraction of the time), then the 8 before it from a read of their own.
            let bounds = request.span.bounds(now: now, zone: zone, before: 8)
            let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
            let current = Result { try self.compute(request, bounds: Array(bounds.suffix(2)), zone: zone, now: seconds) }
            self.lock.withLock { self.finished.append(current.map { $0.awaitingEarlier(bounds: bounds, zone: zone) }) }
            let all = current.flatMap { current in
                Result { try current.joined(earlier: self.compute(request, bounds: Array(bounds.dropLast()), zone: zone, now: seconds)) }
            }
            self.lock.withLock {
                if case .success = current { self.finished.append(all) }
                self.submitted -= 1
            }
        }
    }

    /// The figures of the periods between `bounds` (UTC seconds), from one read of their rows.
    func compute(_ request: MetricsRequest, bounds: [Int64], zone: TimeZone, now: Int64) throws -> MetricsFigures {
        if store == nil { store = try source.reopenMetrics() }
        let data = try store!.metricsData(from: bounds[0], to: bounds[bounds.count - 1])
        return MetricsFigures.compute(data, request: request, bounds: bounds, zone: zone, team: team, now: now)
    }

    /// The outcomes since the last call.
    func takeFinished() -> [Result<MetricsFigures, Error>] {
        lock.withLock {
            defer { finished = [] }
            return finished
        }
    }

    /// Waits until everything submitted so far is done (tests and the benchmark).
    public func wait() {
        queue.sync {}
    }
}

extension App {
    /// Hands the figures' work to the loader (made at first use). Every `StoreBackend` keeps
    /// metrics; the screen is given a `ConversationStore`, so it asks.
    func computeMetrics(_ request: MetricsRequest) {
        guard let source = store as? MetricsStore else {
            send(.notice("this store keeps no metrics"))
            return
        }
        if metricsLoader == nil { metricsLoader = MetricsLoader(source: source, team: team) }
        metricsLoader?.submit(request, now: state.now, zone: state.zone)
    }

    /// Figures worked out since the last look, as events; true when any came.
    @discardableResult
    func collectMetrics() -> Bool {
        guard let results = metricsLoader?.takeFinished(), !results.isEmpty else { return false }
        for result in results {
            switch result {
            case .success(let figures): send(.metricsComputed(figures))
            case .failure(let error): send(.notice("metrics: \(error)"))
            }
        }
        return true
    }
}
