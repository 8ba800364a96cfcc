import BatonConfig
import BatonCore

/// The `?` overlay: every key, in a box over the current screen.
enum HelpView {
    static let keys: [(String, String)] = [
        ("j k ↓ ↑", "move, or scroll a conversation"),
        ("g G Home End", "first / last"),
        ("PgDn PgUp space b", "page down / up"),
        ("⏎ l →", "open the selected conversation"),
        ("Esc q h ←", "back; q on the queue quits"),
        ("/", "filter as you type (subject, customer, owner, text)"),
        ("c", "claim: take ownership of an unowned conversation"),
        ("T", "take over from its owner (asks first)"),
        ("a e", "assign to / rope in an engineer (on shift first)"),
        ("u", "release a conversation you own"),
        ("s", "status: new, open, pending, on hold, solved, closed"),
        ("R n", "reply (queued to send) / internal note, in $EDITOR"),
        ("t", "tags: +tag adds, -tag removes"),
        ("o H", "rotation: the next 7 days / handoff report and notes"),
        ("r ^L", "refresh and redraw"),
        ("? Q", "this help / quit from anywhere"),
    ]

    /// How many keys fit on a screen `height` rows high: the box leaves the bottom row
    /// free and spends four on its frame and last line.
    static func rows(height: Int) -> Int {
        max(0, min(height - 1, keys.count + 4) - 4)
    }

    /// The box from the `scroll`th key on; when not every key fits, its last line says
    /// how to see the rest.
    static func draw(theme: Theme, scroll: Int = 0, into grid: inout ScreenGrid) {
        let keyWidth = keys.map { TerminalText.width($0.0) }.max() ?? 0
        let boxWidth = min(grid.width - 2, max(40, keyWidth + 4 + (keys.map { TerminalText.width($0.1) }.max() ?? 0) + 2))
        let rows = rows(height: grid.height)
        let boxHeight = rows + 4
        guard boxWidth >= 20, rows >= 1 else { return }
        let left = (grid.width - boxWidth) / 2
        let top = max(0, (grid.height - boxHeight) / 2)
        let style = theme[.help]
        for y in top..<(top + boxHeight) { grid.fill(y: y, x: left, count: boxWidth, style: style) }
        let inner = boxWidth - 2
        grid.put("┌" + String(repeating: "─", count: inner) + "┐", x: left, y: top, style: style)
        grid.put(" keys ", x: left + 2, y: top, style: theme[.helpKey])
        for y in (top + 1)..<(top + boxHeight - 1) {
            grid.put("│", x: left, y: y, style: style)
            grid.put("│", x: left + boxWidth - 1, y: y, style: style)
        }
        grid.put("└" + String(repeating: "─", count: inner) + "┘", x: left, y: top + boxHeight - 1, style: style)
        let first = min(max(0, scroll), max(0, keys.count - rows))
        let shown = keys[first..<min(keys.count, first + rows)]
        for (index, (key, meaning)) in shown.enumerated() {
            let y = top + 1 + index
            grid.put(key, x: left + 2, y: y, maxWidth: keyWidth, style: theme[.helpKey])
            grid.put(meaning, x: left + 4 + keyWidth, y: y, maxWidth: boxWidth - keyWidth - 6, style: style)
        }
        let last = shown.count == keys.count ? "any key closes this"
            : "j/k more: \(first + 1)–\(first + shown.count) of \(keys.count) · other keys close"
        grid.put(last, x: left + 2, y: top + boxHeight - 2, maxWidth: inner - 2, style: style)
    }
}
