import BatonCore

/// The handoff report screen. Its note is typed in the line editor (`n`).
public struct HandoffScreenState: Equatable, Sendable {
    /// The report's lines (see `HandoffReportText`); empty when no handoff has run.
    public var lines: [String]
    public var scroll: Int = 0

    public init(lines: [String], scroll: Int = 0) {
        self.lines = lines
        self.scroll = scroll
    }
}
