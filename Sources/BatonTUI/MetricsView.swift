import BatonConfig
import BatonCore
import Foundation

/// The metrics screen: this period against the 8 before, as block-character charts.
/// Sparklines (▁▂▃▄▅▆▇█) run oldest to newest, each scaled from its lowest to its highest value;
/// bars (█ and eighths, ░ for the rest) show a share of 100%. The selected line is drawn
/// reversed, so it reads in monochrome too; Enter lists the conversations behind it.
enum MetricsView {
    /// Header, title and rule above; rule and footer below.
    static func rows(height: Int) -> Int { max(1, height - 5) }

    /// One line of the screen; `row` is the selectable figure it shows, if any.
    struct Line: Equatable {
        var text: String
        var role: ThemeRole = .normal
        var row: Int?
    }

    static let nameWidth = 12

    static func draw(_ state: AppState, metrics: MetricsScreenState, theme: Theme, into grid: inout ScreenGrid) {
        HeaderView.draw(state, theme: theme, into: &grid)
        var title = theme[.normal]
        title.bold = true
        grid.put(" " + self.title(metrics, zone: state.zone), x: 0, y: 1, maxWidth: grid.width - 1, style: title)
        FooterView.rule(y: 2, theme: theme, into: &grid)
        let rows = rows(height: grid.height)
        var position = ""
        if let listing = metrics.listing {
            grid.put(" " + listing.title, x: 0, y: 3, maxWidth: grid.width - 1, style: theme[.columnHeader])
            let lines = listing.lines.isEmpty ? ["  nothing to list"] : listing.lines
            for (offset, line) in lines.enumerated().dropFirst(listing.scroll).prefix(rows - 1) {
                let y = 4 + offset - listing.scroll
                let style = offset == listing.selected && !listing.lines.isEmpty ? theme[.selected] : theme[.normal]
                if offset == listing.selected { grid.fill(y: y, style: style) }
                grid.put("  " + line, x: 0, y: y, maxWidth: grid.width - 1, style: style)
            }
            position = listing.ids.isEmpty ? "" : "\(listing.selected + 1)/\(listing.ids.count)"
        } else {
            let lines = content(metrics, zone: state.zone, width: grid.width)
            for (offset, line) in lines.dropFirst(metrics.scroll).prefix(rows).enumerated() {
                let selected = line.row != nil && line.row == metrics.selected
                let style = selected ? theme[.selected] : theme[line.role]
                if selected { grid.fill(y: 3 + offset, style: style) }
                grid.put(line.text, x: 0, y: 3 + offset, maxWidth: grid.width - 1, style: style)
            }
            if metrics.figures != nil { position = "\(metrics.selected + 1)/\(metrics.rows.count)" }
        }
        FooterView.rule(y: grid.height - 2, theme: theme, into: &grid)
        FooterView.draw(state, theme: theme, position: position, into: &grid)
    }

    /// "Metrics · week W48 (23 Nov–29 Nov) against the 8 before · by tier".
    static func title(_ metrics: MetricsScreenState, zone: TimeZone) -> String {
        let by = " · by \(metrics.grouping.rawValue)"
        guard let figures = metrics.figures, figures.periods.indices.contains(metrics.shown) else {
            return "Metrics · this \(metrics.span.rawValue) against the 8 before\(by) · working the figures out…"
        }
        func day(_ seconds: Int64) -> String {
            let date = LocalDate(Date(timeIntervalSince1970: TimeInterval(seconds)), in: zone)
            return "\(date.day) " + ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][date.month - 1]
        }
        let current = figures.periods[metrics.shown]
        var against = metrics.chosen == nil ? "against the 8 before" : "of \(figures.labels.first ?? "")→\(figures.labels.last ?? "")"
        if !figures.isComplete { against += " (coming…)" }
        return "Metrics · \(metrics.span.rawValue) \(figures.labels[metrics.shown]) (\(day(current.from))–\(day(current.to - 1))) \(against)\(by)"
    }

    /// Every line of the figures, selectable ones numbered as `MetricsScreenState.rows`.
    static func content(_ metrics: MetricsScreenState, zone: TimeZone, width: Int) -> [Line] {
        guard let figures = metrics.figures else { return [] }
        let keys = figures.keys
        let span = (figures.labels.first ?? "") + "→" + (figures.labels.last ?? "")
        func name(_ key: String) -> String { "  " + TerminalText.fit(TerminalText.line(key), to: nameWidth) + " " }
        var lines: [Line] = []
        var row = 0
        lines.append(Line(text: " FIRST RESPONSE   " + TerminalText.fit(span, to: 9) + "   p50    p90     n   (" + (metrics.chosen == nil ? "this \(metrics.span.rawValue)" : figures.labels[metrics.shown]) + ")", role: .columnHeader))
        for key in keys {
            let series = figures.series(key)
            let now = series[metrics.shown]
            let spark = sparkline(series.map { $0?.firstResponse.p50.map(Double.init) })
            let p50 = now?.firstResponse.p50.map(DurationText.compact) ?? "–"
            let p90 = now?.firstResponse.p90.map(DurationText.compact) ?? "–"
            lines.append(Line(text: name(key) + " " + spark + "  " + TerminalText.fit(p50, to: 6, alignRight: true) + " "
                              + TerminalText.fit(p90, to: 6, alignRight: true) + " " + TerminalText.fit(String(now?.firstResponse.count ?? 0), to: 5, alignRight: true),
                              row: row))
            row += 1
        }
        lines.append(Line(text: " SLA ATTAINMENT   first and next responses met, out of those due", role: .columnHeader))
        for key in keys {
            let series = figures.series(key)
            let sla = series[metrics.shown]?.sla ?? MetricsSLA()
            let spark = sparkline(series.map { $0?.sla.attainment })
            let share = sla.attainment.map { String(format: "%3.0f%%", $0 * 100) } ?? "  –"
            let barWidth = max(4, min(20, width - nameWidth - 36))
            lines.append(Line(text: name(key) + " " + spark + "  " + bar(sla.attainment ?? 0, width: barWidth) + " " + share
                              + "  \(sla.firstMet + sla.nextMet)/\(sla.firstDue + sla.nextDue)", row: row))
            row += 1
        }
        let people = figures.totals.map { $0.people.count }
        let names = figures.totals[metrics.shown].people
        lines.append(Line(text: " PEOPLE TOUCHING  distinct team members per \(metrics.span.rawValue)", role: .columnHeader))
        lines.append(Line(text: name("all") + " " + sparkline(people.map(Double.init)) + "  " + TerminalText.fit(String(people[metrics.shown]), to: 3, alignRight: true)
                          + "  " + names.joined(separator: " "), row: row))
        row += 1
        let nps = figures.totals[metrics.shown].nps
        lines.append(Line(text: " NPS              % promoters (9-10) − % detractors (0-6), customers only", role: .columnHeader))
        let score = nps.score.map { ($0 > 0 ? "+" : "") + String($0) } ?? "–"
        lines.append(Line(text: name("all") + " " + sparkline(figures.totals.map { $0.nps.score.map(Double.init) }) + "  " + TerminalText.fit(score, to: 4, alignRight: true)
                          + "  9-10: \(nps.promoters) · 7-8: \(nps.passives) · 0-6: \(nps.detractors)"
                          + (nps.internalExcluded > 0 ? " · internal: \(nps.internalExcluded)" : ""), row: row))
        return lines
    }

    /// The line on which selectable row `row` is drawn.
    static func lineIndex(of row: Int, in metrics: MetricsScreenState, zone: TimeZone) -> Int {
        content(metrics, zone: zone, width: 80).firstIndex { $0.row == row } ?? 0
    }

    /// The scroll that keeps line `line` (from 0) in a page of `page` lines.
    static func scrolled(_ scroll: Int, toShow line: Int, page: Int) -> Int {
        if line < scroll { return line }
        if line >= scroll + page { return line - page + 1 }
        return scroll
    }

    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per value, from the lowest (▁) to the highest (█) of those given; a
    /// period without a value is a space. All equal: all ▄ (nothing moved).
    static func sparkline(_ values: [Double?]) -> String {
        let known = values.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else { return String(repeating: " ", count: values.count) }
        return String(values.map { value -> Character in
            guard let value else { return " " }
            guard high > low else { return levels[3] }
            return levels[Int(((value - low) / (high - low) * 7).rounded())]
        })
    }

    /// A horizontal bar of `fraction` (0 to 1) of `width` cells, in eighths, ░ for the rest.
    static func bar(_ fraction: Double, width: Int) -> String {
        let eighths = Int((max(0, min(1, fraction)) * Double(width * 8)).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let full = String(repeating: "█", count: eighths / 8)
        let used = eighths / 8 + (partial.isEmpty ? 0 : 1)
        return full + partial + String(repeating: "░", count: max(0, width - used))
    }
}
