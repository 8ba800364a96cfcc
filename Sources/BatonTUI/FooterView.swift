import BatonConfig
import BatonCore

/// The bottom row: the line being typed, a notice, or the screen's keys from its binding
/// table with a position on the right.
enum FooterView {
    static func draw(_ state: AppState, theme: Theme, position: String, into grid: inout ScreenGrid) {
        let y = grid.height - 1
        guard y >= 1 else { return }
        grid.fill(y: y, style: theme[.footer])
        if let line = state.line {
            prompt(line, theme: theme, into: &grid)
            // What is wrong with the line (a bad tag) shows above it, the line kept to mend.
            if let notice = state.notice, y >= 2 {
                grid.fill(y: y - 1, style: theme[.notice])
                grid.put(" " + TerminalText.truncate(notice, to: grid.width - 2), x: 0, y: y - 1, style: theme[.notice])
            }
            return
        }
        if let notice = state.notice {
            grid.put(" " + TerminalText.truncate(notice, to: grid.width - 2), x: 0, y: y, style: theme[.notice])
            return
        }
        // The store's server away (issue 16): said until it is back, under any notice.
        if let away = state.storeAway {
            grid.put(" " + TerminalText.truncate(away.footer(now: state.now, zone: state.zone), to: grid.width - 2), x: 0, y: y, style: theme[.notice])
            return
        }
        // An alert not acknowledged stays on the line until x (issue 12).
        if AlertsView.draw(state, theme: theme, into: &grid) { return }
        var hints = Bindings.footer(state.scope, views: state.views)
        // The last half hour of point: the outgoing engineer is asked for a note, first on the
        // line, until they leave one.
        if let due = state.handoffNoteDue { hints = due + " · " + hints }
        let positionWidth = TerminalText.width(position)
        let room = grid.width - positionWidth - 2
        grid.put(" " + fitting(hints, width: max(0, room - 1)), x: 0, y: y, maxWidth: max(0, room), style: theme[.footer])
        if positionWidth > 0, positionWidth + 2 <= grid.width {
            grid.put(position, x: grid.width - positionWidth - 1, y: y, style: theme[.footer])
        }
    }

    /// A line being typed, after its label, with the cursor shown reversed.
    static func prompt(_ line: LineEditor, theme: Theme, into grid: inout ScreenGrid) {
        let y = grid.height - 1
        grid.fill(y: y, style: theme[.footer])
        let used = grid.put(" " + line.label + " ", x: 0, y: y, style: theme[.filter])
        let room = max(2, grid.width - used - 1)
        // Keep the cursor in view: show the end of a long line, where the typing happens.
        var characters = Array(line.text)
        var cursor = line.cursor
        while TerminalText.width(String(characters.prefix(cursor))) > room - 1, !characters.isEmpty {
            characters.removeFirst()
            cursor -= 1
        }
        let before = String(characters.prefix(cursor))
        var x = used + grid.put(before, x: used, y: y, maxWidth: room, style: theme[.filter])
        var cursorStyle = theme[.filter]
        cursorStyle.reverse.toggle()
        let under = cursor < characters.count ? String(characters[cursor]) : " "
        x += grid.put(under, x: x, y: y, style: cursorStyle)
        if cursor + 1 < characters.count {
            grid.put(String(characters[(cursor + 1)...]), x: x, y: y, maxWidth: max(0, grid.width - x - 1), style: theme[.filter])
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
