import BatonConfig
import BatonCore
import Foundation

extension HeaderView {
    /// The header's outbox segments (issue 13) after `left` on a header `width` columns
    /// wide: how many replies failed, in the `failed` role, and a warning when replies are
    /// queued and no sender has run for a minute. The long words ("2 replies failed",
    /// "3 queued, no sender for 4m") when they leave room for the shortest point text, else
    /// the short ones ("2 failed", "no sender"), so that a failed reply does not push the
    /// whole header into its narrow form at 80 columns.
    static func replySegments(_ state: AppState, theme: Theme, base: Style, after left: [(String, Style)], width: Int) -> [(String, Style)] {
        let long = replySegments(state, theme: theme, base: base, short: false, separator: " · ")
        let used = (left + long).reduce(0) { $0 + TerminalText.width($1.0) }
        guard used + TerminalText.width(pointText(state, form: .short)) + 2 > width else { return long }
        return replySegments(state, theme: theme, base: base, short: true, separator: " · ")
    }

    /// The segments in the long or short words, each after `separator` (" · " beside the
    /// counts, " " in the narrow header).
    static func replySegments(_ state: AppState, theme: Theme, base: Style, short: Bool, separator: String) -> [(String, Style)] {
        var segments: [(String, Style)] = []
        let failed = state.replies.failedCount
        if failed > 0 {
            let text = short ? "\(failed) failed" : "\(failed) \(failed == 1 ? "reply" : "replies") failed"
            segments += [(separator, base), (text, theme[.failed])]
        }
        if let warning = state.replies.noSenderText(now: state.now) {
            var style = theme[.notice]
            style.background = base.background
            segments += [(separator, base), (short ? "no sender" : warning, style)]
        }
        return segments
    }
}
