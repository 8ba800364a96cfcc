import BatonConfig
import BatonCore

/// The handoff report: what moved at the latest handoff, what breaches soon, the notes;
/// `n` writes a note for the next one.
enum HandoffView {
    /// Header, title and rule above; rule and footer below.
    static func rows(height: Int) -> Int { max(1, height - 5) }

    static func draw(_ state: AppState, handoff: HandoffScreenState, theme: Theme, into grid: inout ScreenGrid) {
        HeaderView.draw(state, theme: theme, into: &grid)
        var title = theme[.normal]
        title.bold = true
        grid.put(" Handoff report", x: 0, y: 1, style: title)
        FooterView.rule(y: 2, theme: theme, into: &grid)
        let lines = handoff.lines.isEmpty ? ["No handoff has run on this store yet."] : handoff.lines
        let rows = rows(height: grid.height)
        for (offset, line) in lines.dropFirst(handoff.scroll).prefix(rows).enumerated() {
            // Headings are the lines that do not start with a space.
            let role: ThemeRole = line.hasPrefix(" ") || line.isEmpty ? .normal : .columnHeader
            grid.put(line, x: 1, y: 3 + offset, maxWidth: grid.width - 2, style: theme[role])
        }
        FooterView.rule(y: grid.height - 2, theme: theme, into: &grid)
        let end = min(lines.count, handoff.scroll + rows)
        FooterView.draw(state, theme: theme, position: "\(end)/\(lines.count)", into: &grid)
    }
}
