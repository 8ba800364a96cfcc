import BatonConfig
import BatonCore
import Foundation

extension HeaderView {
    /// The header's outbox segments (issue 13): how many replies failed, in the `failed`
    /// role, and a warning when replies are queued and no sender has run for a minute.
    /// `narrow` gives the short forms the header falls back to on a narrow screen.
    static func replySegments(_ state: AppState, theme: Theme, base: Style, narrow: Bool) -> [(String, Style)] {
        var segments: [(String, Style)] = []
        let failed = state.replies.failedCount
        if failed > 0 {
            let text = narrow ? "\(failed) failed" : "\(failed) \(failed == 1 ? "reply" : "replies") failed"
            segments += [(narrow ? " " : " · ", base), (text, theme[.failed])]
        }
        if let warning = state.replies.noSenderText(now: state.now) {
            var style = theme[.notice]
            style.background = base.background
            segments += [(narrow ? " " : " · ", base), (narrow ? "no sender" : warning, style)]
        }
        return segments
    }
}
