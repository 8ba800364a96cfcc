import BatonCore
import Foundation

/// The viewer's alerts on screen (issue 12, item 8): those not yet acknowledged, as the
/// store holds them, and when each last rang here.
public struct AlertsState: Equatable, Sendable {
    /// Not acknowledged, oldest first: the footer shows the first, `x` acknowledges it.
    public var open: [AlertRecord] = []
    /// When each alert last rang on this screen, by id.
    public var rungAt: [Int64: Date] = [:]
    /// The engineer's `alert` key.
    public var style: AlertStyle = .bell
    /// Whether the screen runs inside tmux ($TMUX), so a desktop notification is wrapped for it.
    public var insideTmux = false

    public init(style: AlertStyle = .bell, insideTmux: Bool = false) {
        self.style = style
        self.insideTmux = insideTmux
    }

    /// The alert the footer shows and `x` acknowledges.
    public var current: AlertRecord? { open.first }
}
