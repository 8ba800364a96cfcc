import BatonConfig
import BatonCore

/// The conversation's rule under its facts, carrying who else is here ("erin is
/// replying") on the left and the touches and tags on the right.
enum TeamLine {
    static func draw(_ state: AppState, detail: ConversationDetail, theme: Theme, y: Int, into grid: inout ScreenGrid) {
        let presence = Presence.summary(state.ownership.presence[detail.row.id] ?? [])
        var right: [String] = []
        let touches = Touches.count(detail, engineers: state.ownership.engineerIDs)
        if touches > 0 { right.append(touches == 1 ? "1 touch" : "\(touches) touches") }
        if !detail.tags.isEmpty { right.append("tags " + detail.tags.joined(separator: " ")) }
        var used = 0
        if !presence.isEmpty {
            used = 2 + grid.put(" " + presence + " ", x: 2, y: y, maxWidth: grid.width - 4, style: theme[.notice])
        }
        let text = right.isEmpty ? "" : " " + right.joined(separator: " · ") + " "
        let width = TerminalText.width(text)
        if width > 0, used + width + 3 <= grid.width {
            grid.put(text, x: grid.width - width - 2, y: y, style: theme[.muted])
        }
    }
}
