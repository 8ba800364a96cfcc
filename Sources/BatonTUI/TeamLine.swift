import BatonConfig
import BatonCore

/// The conversation's rule under its facts, carrying who else is here ("erin is
/// replying") on the left, and the customer's pair, the touches and tags on the right.
enum TeamLine {
    static func draw(_ state: AppState, detail: ConversationDetail, theme: Theme, y: Int, into grid: inout ScreenGrid) {
        let presence = Presence.summary(state.ownership.presence[detail.row.id] ?? [])
        let pair = detail.row.customerID.flatMap { state.ownership.pairs[$0] }?.text
        let count = Touches.count(detail, engineers: state.ownership.engineerIDs)
        let touches = count == 0 ? nil : (count == 1 ? "1 touch" : "\(count) touches")
        let tags = detail.tags.isEmpty ? nil : "tags " + detail.tags.joined(separator: " ")
        var used = 0
        if !presence.isEmpty {
            used = 2 + grid.put(" " + presence + " ", x: 2, y: y, maxWidth: grid.width - 4, style: theme[.notice])
        }
        // The longest form that fits beside the presence: the pair goes first, then the tags.
        for parts in [[pair, touches, tags], [touches, tags], [touches]] {
            let shown = parts.compactMap { $0 }
            guard !shown.isEmpty else { return }
            let text = " " + shown.joined(separator: " · ") + " "
            let width = TerminalText.width(text)
            if used + width + 3 <= grid.width {
                grid.put(text, x: grid.width - width - 2, y: y, style: theme[.muted])
                return
            }
        }
    }
}
