import BatonConfig
import BatonCore

/// The bottom row: the main keys, the filter being typed, or a notice.
enum FooterView {
    static func draw(_ state: AppState, theme: Theme, hints: String, position: String, into grid: inout ScreenGrid) {
        let y = grid.height - 1
        guard y >= 1 else { return }
        grid.fill(y: y, style: theme[.footer])
        if state.queue.editingFilter && state.conversation == nil {
            prompt(" / ", text: state.queue.filter, theme: theme, into: &grid)
            return
        }
        if let notice = state.notice {
            grid.put(" " + TerminalText.truncate(notice, to: grid.width - 2), x: 0, y: y, style: theme[.notice])
            return
        }
        let positionWidth = TerminalText.width(position)
        let room = grid.width - positionWidth - 2
        grid.put(" " + fitting(hints, width: max(0, room - 1)), x: 0, y: y, maxWidth: max(0, room), style: theme[.footer])
        if positionWidth > 0, positionWidth + 2 <= grid.width {
            grid.put(position, x: grid.width - positionWidth - 1, y: y, style: theme[.footer])
        }
    }

    /// A line being typed, after its label, with a cursor.
    static func prompt(_ label: String, text: String, theme: Theme, into grid: inout ScreenGrid) {
        let y = grid.height - 1
        grid.fill(y: y, style: theme[.footer])
        let used = grid.put(label, x: 0, y: y, style: theme[.filter])
        let room = max(1, grid.width - used - 2)
        // Show the end of a long line: that is where the typing happens.
        var shown = text
        while TerminalText.width(shown) > room - 1, !shown.isEmpty { shown.removeFirst() }
        let x = used + grid.put(shown, x: used, y: y, style: theme[.filter])
        var cursor = theme[.filter]
        cursor.reverse.toggle()
        grid.put(" ", x: x, y: y, style: cursor)
    }

    /// As many whole "key action" hints as fit, dropping from the end.
    static func fitting(_ hints: String, width: Int) -> String {
        var shown = ""
        for hint in hints.components(separatedBy: " · ") {
            let next = shown.isEmpty ? hint : shown + " · " + hint
            if TerminalText.width(next) > width { break }
            shown = next
        }
        return shown
    }

    static func rule(y: Int, theme: Theme, into grid: inout ScreenGrid) {
        grid.put(String(repeating: "─", count: grid.width), x: 0, y: y, style: theme[.border])
    }
}
