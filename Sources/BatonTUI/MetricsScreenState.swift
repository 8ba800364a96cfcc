import BatonCore
import Foundation

/// How long one period of the metrics screen is: an ISO week (Monday first), a calendar
/// month or a calendar quarter, on the viewer's wall clock.
public enum MetricsSpan: String, CaseIterable, Sendable {
    case week, month, quarter

    /// The next span, for the key that cycles them.
    var next: MetricsSpan { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }

    /// The boundaries of the period holding `now` and the `before` ones before it, oldest
    /// first: `before + 2` instants (UTC seconds) for `before + 1` periods.
    public func bounds(now: Date, zone: TimeZone, before: Int) -> [Int64] {
        let today = LocalDate(now, in: zone)
        var starts: [LocalDate] = []
        switch self {
        case .week:
            let monday = MetricsPeriod.monday(of: today)
            starts = (-before...1).map { monday.adding(days: 7 * $0) }
        case .month, .quarter:
            let step = self == .month ? 1 : 3
            let first = (today.year * 12 + (today.month - 1)) / step * step
            starts = (-before...1).map { index in
                let months = first + index * step
                return LocalDate(year: months / 12, month: months % 12 + 1, day: 1)
            }
        }
        return starts.map { MetricsPeriod.midnight($0, zone) }
    }

    /// The short name of the period starting at `start`: "W48", "Nov", "Q4".
    public func label(_ start: Int64, zone: TimeZone) -> String {
        let date = LocalDate(Date(timeIntervalSince1970: TimeInterval(start)), in: zone)
        switch self {
        case .week: return "W" + MetricsPeriod.weekKey(of: date).suffix(2)
        case .month: return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][date.month - 1]
        case .quarter: return "Q\((date.month - 1) / 3 + 1)"
        }
    }
}

/// What the screen asks the loop to work out, off the loop: this period and the 8 before.
public struct MetricsRequest: Equatable, Sendable {
    public var span: MetricsSpan
    public var grouping: MetricsGrouping
    public init(span: MetricsSpan, grouping: MetricsGrouping) {
        self.span = span
        self.grouping = grouping
    }
}

/// The figures of the metrics screen, as `Metrics` works them out from the store's rows.
public struct MetricsFigures: Equatable, Sendable {
    public var request: MetricsRequest
    /// The periods, oldest first; the last is the one holding now.
    public var periods: [MetricsPeriod]
    /// "W48", "Nov", "Q4" for each period.
    public var labels: [String]
    /// Each period's figures as one group.
    public var totals: [MetricsGroup]
    /// Each period's figures by the request's grouping.
    public var groups: [[MetricsGroup]]
    /// Each period's breaches.
    public var breaches: [[MetricsBreach]]
    /// The conversations: "Acme · ENT" by id, for the lists behind a figure.
    public var names: [Int64: String]
    /// The first period whose figures are in: 0 once all are; the current period's come
    /// first (the periods before it are empty until theirs come).
    public var firstLoaded = 0

    /// Whether every period's figures are in.
    public var isComplete: Bool { firstLoaded == 0 }

    public init(request: MetricsRequest, periods: [MetricsPeriod], labels: [String], totals: [MetricsGroup], groups: [[MetricsGroup]],
                breaches: [[MetricsBreach]] = [], names: [Int64: String] = [:]) {
        self.request = request
        self.periods = periods
        self.labels = labels
        self.totals = totals
        self.groups = groups
        self.breaches = breaches
        self.names = names
    }

    /// Works the figures out: one read of the rows of all the periods, split, and folded per
    /// period as one group and by the grouping. Pure.
    public static func compute(_ data: MetricsData, request: MetricsRequest, bounds: [Int64], zone: TimeZone, team: TeamConfig, now: Int64) -> MetricsFigures {
        let parts = data.split(at: bounds)
        let periods = parts.indices.map { MetricsPeriod(from: bounds[$0], to: bounds[$0 + 1], zone: zone) }
        // Each period's total and its report by the grouping are folds of their own: all of
        // them at once, on every core.
        let folded = MetricsFolds(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count * 2) { task in
            let index = task / 2
            if task % 2 == 0 {
                folded.setTotal(index, Metrics.total(parts[index], period: periods[index], team: team, now: now))
            } else {
                folded.setReport(index, Metrics.report(parts[index], period: periods[index], grouping: request.grouping, team: team, now: now))
            }
        }
        let totals = folded.totals()
        let reports = folded.reports()
        let groups = reports.map(\.groups)
        let breaches = reports.map(\.breaches)
        var names: [Int64: String] = [:]
        let shortTier = Dictionary(team.tiers.map { ($0.id, $0.short) }, uniquingKeysWith: { a, _ in a })
        for conversation in data.conversations {
            names[conversation.id] = conversation.customerName + " · " + (shortTier[conversation.tierID] ?? conversation.tierID)
        }
        return MetricsFigures(request: request, periods: periods, labels: periods.map { request.span.label($0.from, zone: zone) },
                              totals: totals, groups: groups, breaches: breaches, names: names)
    }

    /// These figures (the current period's, worked out first) with the periods of `bounds`
    /// before them still to come: empty until `joined(earlier:)` brings them in.
    public func awaitingEarlier(bounds: [Int64], zone: TimeZone) -> MetricsFigures {
        let count = bounds.count - 1 - periods.count
        guard count > 0 else { return self }
        let earlier = (0..<count).map { MetricsPeriod(from: bounds[$0], to: bounds[$0 + 1], zone: zone) }
        var result = MetricsFigures(request: request, periods: earlier + periods, labels: earlier.map { request.span.label($0.from, zone: zone) } + labels,
                                    totals: Array(repeating: MetricsGroup(key: "all"), count: count) + totals,
                                    groups: Array(repeating: [], count: count) + groups, breaches: Array(repeating: [], count: count) + breaches, names: names)
        result.firstLoaded = count
        return result
    }

    /// The figures of the periods before these (`earlier`, worked out from their own read)
    /// and these, as one: what a read of all of them gives, as each conversation and
    /// answer counts in exactly one period.
    public func joined(earlier: MetricsFigures) -> MetricsFigures {
        let tail = periods.count - firstLoaded
        return MetricsFigures(request: request, periods: earlier.periods + periods.suffix(tail), labels: earlier.labels + labels.suffix(tail),
                              totals: earlier.totals + totals.suffix(tail), groups: earlier.groups + groups.suffix(tail),
                              breaches: earlier.breaches + breaches.suffix(tail), names: earlier.names.merging(names) { _, current in current })
    }

    /// The keys of the groups with conversations, the current period's first, then those
    /// seen only before, in report order (a group of NPS answers alone has no response line).
    public var keys: [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for period in groups.reversed() {
            for group in period where group.opened > 0 && seen.insert(group.key).inserted { result.append(group.key) }
        }
        return result
    }

    /// One group's figures in each period (nil where it had none).
    public func series(_ key: String) -> [MetricsGroup?] {
        groups.map { period in period.first { $0.key == key } }
    }
}

/// One selectable line of the screen, and what Enter lists behind it.
public enum MetricsRow: Equatable, Sendable {
    case firstResponse(String)
    case sla(String)
    case people
    case nps
}

/// The conversations behind a figure, as Enter listed them; Enter opens one.
public struct MetricsListing: Equatable, Sendable {
    public var title: String
    public var ids: [Int64]
    public var lines: [String]
    public var selected = 0
    public var scroll = 0
}

/// The metrics screen: this period against the 8 before, by a grouping.
public struct MetricsScreenState: Equatable, Sendable {
    public var span: MetricsSpan = .week
    public var grouping: MetricsGrouping = .tier
    /// Nil while they are worked out (off the loop).
    public var figures: MetricsFigures?
    public var selected = 0
    public var scroll = 0
    public var listing: MetricsListing?
    /// The period the figures beside the charts and the lists behind them are for, from 0
    /// (the oldest); nil: the current one. `[` and `]` step through them: a bad week.
    public var chosen: Int?

    /// The period shown: `chosen`, else the last.
    public var shown: Int { chosen ?? max(0, (figures?.periods.count ?? 1) - 1) }

    public init(span: MetricsSpan = .week, grouping: MetricsGrouping = .tier) {
        self.span = span
        self.grouping = grouping
    }

    public var request: MetricsRequest { MetricsRequest(span: span, grouping: grouping) }

    /// The groupings the screen cycles through: the weeks are its periods already.
    static let groupings: [MetricsGrouping] = [.tier, .customer, .region, .engineer]

    /// The selectable lines: first response and SLA per group, then people and NPS.
    public var rows: [MetricsRow] {
        let keys = figures?.keys ?? []
        return keys.map(MetricsRow.firstResponse) + keys.map(MetricsRow.sla) + [.people, .nps]
    }
}

/// The folds of `MetricsFigures.compute`, each set from its own thread and read once all are done.
final class MetricsFolds: @unchecked Sendable {
    private var totalSlots: [MetricsGroup?]
    private var reportSlots: [MetricsReport?]
    private let lock = NSLock()
    init(count: Int) {
        totalSlots = Array(repeating: nil, count: count)
        reportSlots = Array(repeating: nil, count: count)
    }
    func setTotal(_ index: Int, _ total: MetricsGroup) { lock.withLock { totalSlots[index] = total } }
    func setReport(_ index: Int, _ report: MetricsReport) { lock.withLock { reportSlots[index] = report } }
    func totals() -> [MetricsGroup] { lock.withLock { totalSlots.map { $0! } } }
    func reports() -> [MetricsReport] { lock.withLock { reportSlots.map { $0! } } }
}
