import BatonConfig
import BatonCore
import Foundation

/// The footer's alert line: the oldest alert not acknowledged, what it is about, how long
/// to its deadline, and that `x` acknowledges it.
enum AlertsView {
    /// "! #209 at risk: Acme — Router drops… · due in 12m · x acknowledges (1 of 3)", fitted
    /// to `width` columns: the alert's text (customer words) is cut first, the key stays.
    /// Nil without alerts.
    static func line(_ state: AppState, width: Int) -> String? {
        guard let current = state.alerts.current else { return nil }
        var tail: [String] = []
        if let due = current.alert.due {
            let left = Int64(due.timeIntervalSince(state.now).rounded(.down))
            tail.append(left > 0 ? "due in \(DurationText.compact(left))" : "breached \(DurationText.compact(-left)) ago")
        }
        let count = state.alerts.open.count
        tail.append("x acknowledges" + (count > 1 ? " (1 of \(count))" : ""))
        let suffix = " · " + tail.joined(separator: " · ")
        let room = max(4, width - TerminalText.width(suffix) - 2)
        return "! " + TerminalText.truncate(current.alert.text, to: room) + suffix
    }

    /// A short name for the kind, a desktop notification's title.
    static func title(_ kind: Alert.Kind) -> String {
        switch kind {
        case .owned: return "new conversation"
        case .unowned: return "new unowned conversation"
        case .atRisk: return "at risk"
        case .breached: return "breached"
        case .point: return "point is yours"
        case .escalated: return "escalated"
        }
    }

    /// Draws the line on the footer's row, in the breaching colour.
    static func draw(_ state: AppState, theme: Theme, into grid: inout ScreenGrid) -> Bool {
        guard let line = line(state, width: grid.width - 1) else { return false }
        let y = grid.height - 1
        grid.fill(y: y, style: theme[.breaching])
        grid.put(" " + TerminalText.truncate(line, to: grid.width - 1), x: 0, y: y, style: theme[.breaching])
        return true
    }
}
