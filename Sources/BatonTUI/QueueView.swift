import BatonConfig
import BatonCore
import Foundation

/// The queue: open conversations by SLA deadline, earliest first.
enum QueueView {
    static let hints = "j/k move · ⏎ open · / filter · o rotation · H handoff · ? help · q quit"
    static func draw(_ state: AppState, theme: Theme, layout: Layout, into grid: inout ScreenGrid) {
        HeaderView.draw(state, theme: theme, into: &grid)
        FooterView.rule(y: 1, theme: theme, into: &grid)
        let columns = QueueColumns(width: grid.width)
        grid.put(columns.titles, x: 0, y: 2, style: theme[.columnHeader])
        let queue = state.queue
        for (offset, row) in queue.rows.prefix(layout.queueRows).enumerated() {
            let y = layout.queueFirstRow + offset
            drawRow(row, columns: columns, now: state.now, theme: theme, y: y, into: &grid,
                    presence: Presence.summary(state.ownership.presence[row.id] ?? []))
            if queue.top + offset == queue.selected { grid.restyle(y: y, style: theme[.selected]) }
        }
        if queue.rows.isEmpty {
            let message = queue.filter.isEmpty ? "No open conversations. All quiet." : "Nothing matches “\(queue.filter)”. Esc clears the filter."
            grid.put(message, x: 2, y: layout.queueFirstRow + 1, maxWidth: grid.width - 3, style: theme[.muted])
        }
        FooterView.rule(y: grid.height - 2, theme: theme, into: &grid)
        var position = queue.total == 0 ? "0/0" : "\(queue.selected + 1)/\(queue.total)"
        if !queue.filter.isEmpty && !queue.editingFilter { position = "/\(TerminalText.truncate(queue.filter, to: 12)) · " + position }
        FooterView.draw(state, theme: theme, hints: hints, position: position, into: &grid)
    }

    static func drawRow(_ row: QueueRow, columns: QueueColumns, now: Date, theme: Theme, y: Int, into grid: inout ScreenGrid, presence: String = "") {
        let normal = theme[.normal]
        var x = 1
        func cell(_ text: String, _ width: Int, _ style: Style, right: Bool = false) {
            grid.put(TerminalText.fit(text, to: width, alignRight: right), x: x, y: y, maxWidth: width, style: style)
            x += width + 1
        }
        if let due = row.slaDue {
            let left = Int64(due.timeIntervalSince(now).rounded(.down))
            // At risk (within the tier's warn_before) shows as due soon.
            let style = left <= 0 ? theme[.breaching] : (left <= row.warnBefore ? theme[.dueSoon] : normal)
            cell(DurationText.countdown(left), columns.sla, style, right: true)
            cell(left <= 0 ? "!" : " ", columns.flag, theme[.breaching])
        } else {
            cell(row.slaPaused ? "paused" : row.status.isOpen ? "·" : row.status.rawValue, columns.sla, theme[.muted], right: true)
            cell(" ", columns.flag, normal)
        }
        cell(row.tierShort, columns.tier, normal)
        cell(row.customerName, columns.customer, normal)
        if presence.isEmpty {
            cell(row.subject, columns.subject, normal)
        } else {
            // Who else has it open, at the end of the subject: "… · ana is viewing".
            let mark = " · " + TerminalText.truncate(presence, to: max(4, columns.subject / 2))
            let room = columns.subject - TerminalText.width(mark)
            grid.put(TerminalText.fit(row.subject, to: room), x: x, y: y, maxWidth: room, style: normal)
            grid.put(mark, x: x + room, y: y, maxWidth: columns.subject - room, style: theme[.notice])
            x += columns.subject + 1
        }
        if row.ownerID != nil { cell(row.ownerText, columns.owner, normal) } else { cell("—", columns.owner, theme[.unowned]) }
        cell(row.source.short, columns.source, theme[.muted])
        cell(DurationText.age(Int64(now.timeIntervalSince(row.createdAt))), columns.age, theme[.muted], right: true)
    }
}
