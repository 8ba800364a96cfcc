import BatonConfig
import BatonCore

/// The one box drawn over a screen: help, pickers and questions. A frame with a title,
/// lines of a left and a right column, an optional selected line kept in view, and a last
/// line saying which keys do what.
enum Box {
    struct Content {
        var title: String?
        var lines: [(left: String, right: String)]
        /// The line shown reversed, kept in view when the list is longer than the box.
        var selected: Int?
        /// The first line shown, when nothing is selected (the help scrolls).
        var first = 0
        var footer: String
        /// Help: the left column is keys (key style), the right one what they do (box style).
        var leftIsKey = false
    }

    /// How many lines fit in a box on a screen `height` rows high: the bottom row stays
    /// free and the frame and last line take four.
    static func rows(height: Int, count: Int) -> Int {
        max(0, min(height - 1, count + 4) - 4)
    }

    static func draw(_ content: Content, minimumWidth: Int = 0, theme: Theme, into grid: inout ScreenGrid) {
        let style = theme[.help]
        let lines = content.lines
        let leftWidth = lines.map { TerminalText.width($0.left) }.max() ?? 0
        let rightWidth = lines.map { TerminalText.width($0.right) }.max() ?? 0
        let inner = max(leftWidth + (rightWidth > 0 ? rightWidth + 2 : 0), TerminalText.width(content.footer), TerminalText.width(content.title ?? "") + 2, minimumWidth)
        let boxWidth = min(grid.width - 2, inner + 4)
        let rows = max(1, min(lines.count, rows(height: grid.height, count: lines.count)))
        let boxHeight = rows + 4
        guard boxWidth >= 12, boxHeight <= grid.height else { return }
        let first = content.selected.map { max(0, min($0 - rows + 1, lines.count - rows)) } ?? min(max(0, content.first), max(0, lines.count - rows))
        let left = (grid.width - boxWidth) / 2
        let top = max(0, (grid.height - boxHeight) / 2)
        for y in top..<(top + boxHeight) { grid.fill(y: y, x: left, count: boxWidth, style: style) }
        grid.put("┌" + String(repeating: "─", count: boxWidth - 2) + "┐", x: left, y: top, style: style)
        if let title = content.title { grid.put(" \(title) ", x: left + 2, y: top, maxWidth: boxWidth - 4, style: theme[.helpKey]) }
        for y in (top + 1)..<(top + boxHeight - 1) {
            grid.put("│", x: left, y: y, style: style)
            grid.put("│", x: left + boxWidth - 1, y: y, style: style)
        }
        grid.put("└" + String(repeating: "─", count: boxWidth - 2) + "┘", x: left, y: top + boxHeight - 1, style: style)
        for (offset, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            let y = top + 1 + offset
            let isSelected = content.selected == first + offset
            var lineStyle = style
            if isSelected { lineStyle.reverse.toggle(); grid.fill(y: y, x: left + 1, count: boxWidth - 2, style: lineStyle) }
            let keyStyle = isSelected ? lineStyle : theme[.helpKey]
            grid.put(line.left, x: left + 2, y: y, maxWidth: content.leftIsKey ? leftWidth : boxWidth - 4, style: content.leftIsKey ? keyStyle : lineStyle)
            let x = left + 4 + leftWidth
            if !line.right.isEmpty, content.leftIsKey || leftWidth + 2 + TerminalText.width(line.right) <= boxWidth - 4 {
                grid.put(line.right, x: x, y: y, maxWidth: max(0, left + boxWidth - 2 - x), style: content.leftIsKey ? lineStyle : keyStyle)
            }
        }
        grid.put(content.footer, x: left + 2, y: top + boxHeight - 2, maxWidth: boxWidth - 4, style: style)
    }
}
