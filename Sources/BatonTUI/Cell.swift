import BatonConfig

/// One column of one row of the screen. A wide glyph fills its own cell and leaves the
/// next one as a continuation (empty text, width 0) that the terminal skips.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: Int
    public var style: Style

    public init(text: String, width: Int, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static func blank(_ style: Style) -> Cell { Cell(text: " ", width: 1, style: style) }
    public var isContinuation: Bool { width == 0 }
}
