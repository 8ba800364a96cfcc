import BatonConfig
import BatonCore

/// The `?` overlay: every key of the screen on top, then the keys every screen shares,
/// drawn from the binding tables the keys are looked up in.
enum HelpView {
    static func lines(_ state: AppState) -> [(left: String, right: String)] {
        Bindings.all(state.scope, views: state.views).map { ($0.keyLabels, $0.long) }
    }

    static func rows(height: Int, count: Int) -> Int { Box.rows(height: height, count: count) }

    /// The box from the `scroll`th key on; when not every key fits, its last line says
    /// how to see the rest.
    static func draw(_ state: AppState, scroll: Int, theme: Theme, into grid: inout ScreenGrid) {
        let lines = Self.lines(state)
        let rows = rows(height: grid.height, count: lines.count)
        guard rows >= 1 else { return }
        let first = min(max(0, scroll), max(0, lines.count - rows))
        let shown = min(rows, lines.count - first)
        let footer = shown == lines.count ? "any key closes this" : "j/k more: \(first + 1)–\(first + shown) of \(lines.count) · other keys close"
        Box.draw(Box.Content(title: "keys", lines: lines, first: first, footer: footer, leftIsKey: true), minimumWidth: 36, theme: theme, into: &grid)
    }
}
