import BatonCore

/// The handoff report screen, and the note being written on it.
public struct HandoffScreenState: Equatable, Sendable {
    /// The report's lines (see `HandoffReportText`); empty when no handoff has run.
    public var lines: [String]
    public var scroll: Int = 0
    /// Whether the footer is taking a note; Enter saves it, Esc drops it.
    public var editingNote = false
    public var note = ""

    public init(lines: [String], scroll: Int = 0) {
        self.lines = lines
        self.scroll = scroll
    }
}
