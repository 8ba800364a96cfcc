import BatonConfig
import BatonCore
import Foundation

/// The queue: open conversations by SLA deadline, earliest first.
enum QueueView {
    static func draw(_ state: AppState, theme: Theme, layout: Layout, into grid: inout ScreenGrid) {
        HeaderView.draw(state, theme: theme, into: &grid)
        FooterView.rule(y: 1, theme: theme, into: &grid)
        let queue = state.queue
        let columns = QueueColumns(width: grid.width, numberWidth: String(queue.rows.map(\.id).max() ?? 0).count)
        grid.put(columns.titles, x: 0, y: 2, style: theme[.columnHeader])
        for (offset, row) in queue.rows.prefix(layout.queueRows).enumerated() {
            let y = layout.queueFirstRow + offset
            let flags = RowFlags(marked: queue.marks[row.id] != nil, unread: state.ownership.unread.contains(row.id),
                                 mine: row.ownerID != nil && row.ownerID == state.ownership.me,
                                 replyFailed: state.replies.failedConversations.contains(row.id))
            drawRow(row, columns: columns, now: state.now, theme: theme, y: y, into: &grid,
                    presence: Presence.summary(state.ownership.presence[row.id] ?? []), flags: flags)
            if queue.top + offset == queue.selected { grid.restyle(y: y, style: theme[.selected]) }
        }
        if queue.rows.isEmpty {
            let message = queue.filter.isEmpty ? (queue.view == 0 ? "No open conversations. All quiet." : "Nothing in this view. 1 shows all open.")
                : "Nothing matches “\(queue.filter)”. Esc clears the filter."
            grid.put(message, x: 2, y: layout.queueFirstRow + 1, maxWidth: grid.width - 3, style: theme[.muted])
        }
        FooterView.rule(y: grid.height - 2, theme: theme, into: &grid)
        var position = queue.total == 0 ? "0/0" : "\(queue.selected + 1)/\(queue.total)"
        if !queue.marks.isEmpty { position = "\(queue.marks.count) marked · " + position }
        if !queue.filter.isEmpty && state.line?.purpose != .filter { position = "/\(TerminalText.truncate(queue.filter, to: max(12, grid.width / 5))) · " + position }
        FooterView.draw(state, theme: theme, position: position, into: &grid)
    }

    /// What the leading flags and the owner's style say about a row.
    struct RowFlags: Equatable {
        var marked = false
        var unread = false
        var mine = false
        /// A reply on it failed or is unconfirmed: the subject ends in `reply failed` (issue 13).
        var replyFailed = false
    }

    static func drawRow(_ row: QueueRow, columns: QueueColumns, now: Date, theme: Theme, y: Int, into grid: inout ScreenGrid, presence: String = "",
                        flags: RowFlags = RowFlags()) {
        let normal = theme[.normal]
        grid.put(flags.marked ? "*" : " ", x: 0, y: y, style: theme[.notice])
        grid.put(flags.unread ? "•" : " ", x: 1, y: y, style: theme[.notice])
        var x = columns.flags
        func cell(_ text: String, _ width: Int, _ style: Style, right: Bool = false) {
            grid.put(TerminalText.fit(text, to: width, alignRight: right), x: x, y: y, maxWidth: width, style: style)
            x += width + 1
        }
        cell(String(row.id), columns.number, theme[.muted], right: true)
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
        // At the end of the subject: a reply that failed ("… · reply failed"), then who else
        // has it open ("… · ana is viewing"); the subject gives way to them.
        var marks: [(text: String, style: Style, separator: Style)] = []
        if flags.replyFailed { marks.append(("reply failed", theme[.failed], normal)) }
        let spare = columns.subject - marks.reduce(0) { $0 + 3 + TerminalText.width($1.text) }
        if !presence.isEmpty { marks.append((TerminalText.truncate(presence, to: max(4, spare / 2)), theme[.notice], theme[.notice])) }
        if marks.isEmpty {
            cell(row.subject, columns.subject, normal)
        } else {
            let width = marks.reduce(0) { $0 + 3 + TerminalText.width($1.text) }
            let room = max(0, columns.subject - width)
            grid.put(TerminalText.fit(row.subject, to: room), x: x, y: y, maxWidth: room, style: normal)
            var at = x + room
            for mark in marks {
                at += grid.put(" · ", x: at, y: y, maxWidth: max(0, x + columns.subject - at), style: mark.separator)
                at += grid.put(mark.text, x: at, y: y, maxWidth: max(0, x + columns.subject - at), style: mark.style)
            }
            x += columns.subject + 1
        }
        if flags.mine {
            // Your own rows stand out at a glance: the owner in bold and underlined.
            var mine = normal
            mine.bold = true
            mine.underline = true
            cell(row.ownerText, columns.owner, mine)
        } else if row.ownerID != nil { cell(row.ownerText, columns.owner, normal) } else { cell("—", columns.owner, theme[.unowned]) }
        cell(row.source.short, columns.source, theme[.muted])
        cell(DurationText.age(Int64(now.timeIntervalSince(row.createdAt))), columns.age, theme[.muted], right: true)
    }
}
