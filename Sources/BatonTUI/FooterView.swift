import BatonConfig
import BatonCore

/// The bottom row: the main keys, the filter being typed, or a notice.
enum FooterView {
    static func draw(_ state: AppState, theme: Theme, hints: String, position: String, into grid: inout ScreenGrid) {
        let y = grid.height - 1
        guard y >= 1 else { return }
        grid.fill(y: y, style: theme[.footer])
        if state.queue.editingFilter && state.conversation == nil {
            let used = grid.put(" / ", x: 0, y: y, style: theme[.filter])
            let room = max(1, grid.width - used - 2)
            // Show the end of a long filter: that is where the typing happens.
            var shown = state.queue.filter
            while TerminalText.width(shown) > room - 1, !shown.isEmpty { shown.removeFirst() }
            let x = used + grid.put(shown, x: used, y: y, style: theme[.filter])
            var cursor = theme[.filter]
            cursor.reverse.toggle()
            grid.put(" ", x: x, y: y, style: cursor)
            return
        }
        if let notice = state.notice {
            grid.put(" " + notice, x: 0, y: y, style: theme[.notice])
            return
        }
        let positionWidth = TerminalText.width(position)
        let room = grid.width - positionWidth - 2
        grid.put(" " + fitting(hints, width: max(0, room - 1)), x: 0, y: y, maxWidth: max(0, room), style: theme[.footer])
        if positionWidth > 0, positionWidth + 2 <= grid.width {
            grid.put(position, x: grid.width - positionWidth - 1, y: y, style: theme[.footer])
        }
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
