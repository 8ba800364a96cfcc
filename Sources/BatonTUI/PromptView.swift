import BatonConfig
import BatonCore

/// A picker or a yes/no question, in a box over the current screen.
enum PromptView {
    static func draw(_ prompt: Prompt, theme: Theme, into grid: inout ScreenGrid) {
        switch prompt {
        case .confirm(let question, _):
            box(title: nil, lines: [(question, "")], selected: nil, footer: "y yes · any other key no", theme: theme, into: &grid)
        case let .tags(id, text):
            // The end of a long line: that is where the typing happens.
            var shown = text
            while TerminalText.width(shown) > 36, !shown.isEmpty { shown.removeFirst() }
            box(title: "tags of #\(id)", lines: [(shown + "▏", "")], selected: nil, footer: "+tag adds · -tag removes · ⏎ apply · Esc cancel",
                theme: theme, into: &grid)
        case .pick(let picker):
            box(title: picker.title, lines: picker.options.map { ($0.label, $0.note) }, selected: picker.selected,
                footer: "j/k choose · ⏎ pick · Esc cancel", theme: theme, into: &grid)
        }
    }

    static func box(title: String?, lines: [(String, String)], selected: Int?, footer: String, theme: Theme, into grid: inout ScreenGrid) {
        let style = theme[.help]
        let labelWidth = lines.map { TerminalText.width($0.0) }.max() ?? 0
        let noteWidth = lines.map { TerminalText.width($0.1) }.max() ?? 0
        let content = max(labelWidth + (noteWidth > 0 ? noteWidth + 3 : 0), TerminalText.width(footer), TerminalText.width(title ?? "") + 2)
        let boxWidth = min(grid.width - 2, content + 4)
        let rows = max(1, min(lines.count, grid.height - 6))
        let boxHeight = rows + 4
        guard boxWidth >= 12, boxHeight <= grid.height else { return }
        // Keep the selection in view when the list is longer than the box.
        let first = max(0, min((selected ?? 0) - rows + 1, lines.count - rows))
        let left = (grid.width - boxWidth) / 2
        let top = max(0, (grid.height - boxHeight) / 2)
        for y in top..<(top + boxHeight) { grid.fill(y: y, x: left, count: boxWidth, style: style) }
        grid.put("┌" + String(repeating: "─", count: boxWidth - 2) + "┐", x: left, y: top, style: style)
        if let title { grid.put(" \(title) ", x: left + 2, y: top, maxWidth: boxWidth - 4, style: theme[.helpKey]) }
        for y in (top + 1)..<(top + boxHeight - 1) {
            grid.put("│", x: left, y: y, style: style)
            grid.put("│", x: left + boxWidth - 1, y: y, style: style)
        }
        grid.put("└" + String(repeating: "─", count: boxWidth - 2) + "┘", x: left, y: top + boxHeight - 1, style: style)
        for (offset, (label, note)) in lines.dropFirst(first).prefix(rows).enumerated() {
            let y = top + 1 + offset
            let isSelected = selected == first + offset
            var lineStyle = style
            if isSelected { lineStyle.reverse.toggle(); grid.fill(y: y, x: left + 1, count: boxWidth - 2, style: lineStyle) }
            grid.put(label, x: left + 2, y: y, maxWidth: boxWidth - 4, style: lineStyle)
            if !note.isEmpty, labelWidth + 3 + TerminalText.width(note) <= boxWidth - 4 {
                grid.put(note, x: left + 4 + labelWidth, y: y, maxWidth: boxWidth - labelWidth - 6, style: isSelected ? lineStyle : theme[.helpKey])
            }
        }
        grid.put(footer, x: left + 2, y: top + boxHeight - 2, maxWidth: boxWidth - 4, style: style)
    }
}
