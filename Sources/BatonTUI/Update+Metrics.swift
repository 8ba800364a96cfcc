import BatonCore
import Foundation

/// The metrics screen's part of the update: opening it asks the loop to work the figures
/// out off the loop (`Effect.computeMetrics`); they come back as `Event.metricsComputed`.
/// p cycles the period (week, month, quarter), B the grouping (tier, customer, region,
/// engineer); [ and ] choose an earlier or later period for the figures beside the charts;
/// Enter lists the conversations behind the selected figure, and Enter on one of them opens it.
extension Update {
    static func openMetrics(state: inout AppState) -> [Effect] {
        if case .metrics = state.screen { return [] }
        let screen = MetricsScreenState()
        state.push(.metrics(screen))
        return [.computeMetrics(screen.request)]
    }

    /// Figures worked out: they go to the metrics screen that asked for them, on top or
    /// under a conversation opened from it; figures for a period or grouping no longer
    /// shown are dropped.
    static func metricsComputed(_ figures: MetricsFigures, state: inout AppState) -> [Effect] {
        func fill(_ screen: inout Screen) {
            guard case .metrics(var metrics) = screen, metrics.request == figures.request else { return }
            metrics.figures = figures
            metrics.selected = min(metrics.selected, max(0, metrics.rows.count - 1))
            screen = .metrics(metrics)
        }
        fill(&state.screen)
        for index in state.behind.indices { fill(&state.behind[index]) }
        return []
    }

    /// A command on the metrics screen; nil for one it leaves to the general rules.
    static func metricsCommand(_ command: Command, _ metrics: MetricsScreenState, state: inout AppState, layout: Layout) -> [Effect]? {
        var metrics = metrics
        defer { if case .metrics = state.screen { state.screen = .metrics(metrics) } }
        switch command {
        case .down, .up, .pageDown, .pageUp, .first, .last:
            let page = MetricsView.rows(height: layout.height)
            if var listing = metrics.listing {
                listing.selected = Paging.target(command, from: listing.selected, last: max(0, listing.ids.count - 1), page: page) ?? listing.selected
                listing.scroll = MetricsView.scrolled(listing.scroll, toShow: listing.selected + 1, page: page)
                metrics.listing = listing
            } else {
                metrics.selected = Paging.target(command, from: metrics.selected, last: max(0, metrics.rows.count - 1), page: page) ?? metrics.selected
                let line = MetricsView.lineIndex(of: metrics.selected, in: metrics, zone: state.zone)
                metrics.scroll = MetricsView.scrolled(metrics.scroll, toShow: line, page: page)
            }
            return []
        case .open:
            if let listing = metrics.listing {
                guard listing.ids.indices.contains(listing.selected) else { return [] }
                return [.load(.conversation(listing.ids[listing.selected]))]
            }
            guard metrics.rows.indices.contains(metrics.selected), let figures = metrics.figures else { return [] }
            metrics.listing = listing(metrics.rows[metrics.selected], figures: figures, period: metrics.shown, zone: state.zone)
            return []
        case .earlier, .later:
            guard let figures = metrics.figures, metrics.listing == nil else { return [] }
            let target = metrics.shown + (command == .earlier ? -1 : 1)
            guard figures.periods.indices.contains(target), target >= figures.firstLoaded else { return [.ring] }
            metrics.chosen = target == figures.periods.count - 1 ? nil : target
            return []
        case .back:
            guard metrics.listing != nil else { return nil }
            metrics.listing = nil
            return []
        case .period, .grouping:
            if command == .period {
                metrics.span = metrics.span.next
            } else {
                let all = MetricsScreenState.groupings
                metrics.grouping = all[((all.firstIndex(of: metrics.grouping) ?? -1) + 1) % all.count]
            }
            metrics.figures = nil
            metrics.listing = nil
            metrics.chosen = nil
            metrics.selected = 0
            metrics.scroll = 0
            return [.computeMetrics(metrics.request)]
        case .refresh:
            metrics.figures = nil
            return [.redraw, .computeMetrics(metrics.request)]
        default:
            return nil
        }
    }

    /// The conversations behind a figure of period `index`: the breaches of a group's
    /// first response or SLA line (else all of its conversations), everything opened for
    /// people touching, the detractors' conversations for NPS.
    static func listing(_ row: MetricsRow, figures: MetricsFigures, period index: Int, zone: TimeZone) -> MetricsListing {
        let current = figures.groups[index]
        let period = figures.labels[index]
        func plain(_ ids: [Int64]) -> [String] { ids.map { "#\($0)  " + (figures.names[$0] ?? "") } }
        switch row {
        case .firstResponse(let key), .sla(let key):
            let breaches = figures.breaches[index].filter { $0.group == key }
            if breaches.isEmpty {
                let ids = current.first { $0.key == key }?.conversationIDs ?? []
                return MetricsListing(title: "\(key), \(period): no breaches; the \(ids.count) conversations opened", ids: ids, lines: plain(ids))
            }
            let lines = breaches.map { breach -> String in
                let due = CalendarText.dayAndTime(Date(timeIntervalSince1970: TimeInterval(breach.due)), in: zone)
                let answered = breach.answeredAt.map { DurationText.compact($0 - breach.due) + " late" } ?? "not answered"
                return "#\(breach.conversationID)  \(breach.kind.rawValue) response due \(due), \(answered)  " + (figures.names[breach.conversationID] ?? "")
            }
            return MetricsListing(title: "\(key), \(period): \(breaches.count) breaches", ids: breaches.map(\.conversationID), lines: lines)
        case .people:
            let ids = figures.totals[index].conversationIDs
            let people = figures.totals[index].people
            return MetricsListing(title: "\(period): \(people.count) people touched the \(ids.count) conversations opened", ids: ids, lines: plain(ids))
        case .nps:
            let ids = figures.totals[index].nps.detractorConversationIDs
            return MetricsListing(title: "\(period): detractors' conversations", ids: ids, lines: plain(ids))
        }
    }
}
