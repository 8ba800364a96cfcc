import BatonConfig
import BatonCore

/// The screen as a grid of cells in memory. Views draw here; only a `Terminal` puts it on
/// a real terminal. Text goes in through `put`, which makes it safe (see `TerminalText`),
/// so nothing a customer wrote can move the cursor or break a row.
public struct ScreenGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes text from column `x` of row `y`, at most `maxWidth` columns (to the right
    /// edge by default), and returns the columns used. A wide glyph that would straddle
    /// the limit is replaced by a space.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = max(0, x)
        for glyph in TerminalText.screenGlyphs(text) {
            if column + glyph.width > limit {
                if column < limit { set(Cell.blank(style), x: column, y: y) ; column += 1 }
                break
            }
            set(Cell(text: glyph.text, width: glyph.width, style: style), x: column, y: y)
            if glyph.width == 2 { set(Cell(text: "", width: 0, style: style), x: column + 1, y: y) }
            column += glyph.width
        }
        return column - max(0, x)
    }

    /// Fills columns [x, x + count) of row `y` with spaces in `style`.
    public mutating func fill(y: Int, x: Int = 0, count: Int? = nil, style: Style) {
        guard y >= 0, y < height else { return }
        let end = min(width, x + (count ?? width))
        var column = max(0, x)
        while column < end { set(.blank(style), x: column, y: y); column += 1 }
    }

    /// Gives every cell of a row a style, keeping the text: for the selected row.
    public mutating func restyle(y: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for x in 0..<width { cells[y * width + x].style = style }
    }

    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        // Overwriting half of a wide glyph blanks its other half.
        if cells[index].isContinuation, x > 0, cell.width != 0 { cells[index - 1] = .blank(cells[index - 1].style) }
        if cells[index].width == 2, cell.width != 2, x + 1 < width { cells[index + 1] = .blank(cells[index + 1].style) }
        cells[index] = cell
    }

    /// Row `y` as text, trailing spaces kept.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width where !self[x, y].isContinuation { text += self[x, y].text }
        return text
    }

    /// The whole screen as text, one line per row, trailing spaces dropped: what tests compare.
    public var text: String {
        (0..<height).map { y in
            var line = self.line(y)
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
