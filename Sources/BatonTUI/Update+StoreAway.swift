import BatonCore
import Foundation

/// The screen while the store's server cannot be reached (issue 16 item 4): it keeps its
/// last frame, moves over what it loaded, refuses what would need the store, and catches
/// up when the loop finds the store again. Pure, as the rest of `Update`.
extension Update {
    static func storeUnreachable(at: Date, reason: String, state: inout AppState) -> [Effect] {
        if state.storeAway == nil {
            state.storeAway = StoreAway(since: at, reason: reason)
        } else {
            state.storeAway?.reason = reason
        }
        return []
    }

    /// Back: everything is fetched again (what others did meanwhile), and the footer says how long it was away.
    static func storeBack(at: Date, state: inout AppState) -> [Effect] {
        guard let away = state.storeAway else { return [] }
        state.storeAway = nil
        let seconds = max(0, Int64(at.timeIntervalSince(away.since).rounded(.down)))
        state.notice = "the store is back after \(DurationText.compact(seconds)); caught up"
        return [.reload(.all)]
    }

    /// A command that needs the store, refused with a notice while it cannot be reached;
    /// nil when the command may run (moving, help, the rotation, quitting).
    static func refusedWhileAway(_ command: Command, state: inout AppState) -> [Effect]? {
        guard let away = state.storeAway else { return nil }
        let what: String
        switch command {
        case .claim: what = "claiming"
        case .take: what = "taking over"
        case .assign: what = "assigning"
        case .ropeIn: what = "roping in"
        case .release: what = "releasing"
        case .status: what = "a status change"
        case .tags: what = "tagging"
        case .reply: what = "a reply"
        case .note: what = "a note"
        case .handoffNote: what = "a handoff note"
        case .acknowledge: what = "acknowledging"
        case .retryReplies: what = "sending again"
        case .filter, .view: what = "a new filter or view (it needs the store)"
        default: return nil
        }
        state.notice = away.refusal(what)
        return []
    }

    /// On the queue, moves stay within the rows loaded before the store went away: a
    /// window further on would need the store. Nil when the store is there or another screen is on top.
    static func moveWhileAway(_ command: Command, state: inout AppState) -> [Effect]? {
        guard state.storeAway != nil, state.screen == .queue else { return nil }
        guard !state.queue.rows.isEmpty else { return [] }
        let first = state.queue.top, last = state.queue.top + state.queue.rows.count - 1
        guard let target = Paging.target(command, from: state.queue.selected, last: max(last, state.queue.total - 1), page: state.queue.rows.count) else { return [] }
        state.queue.selected = max(first, min(target, last))
        if state.queue.selected != target { state.notice = "the store cannot be reached: only the rows loaded before can be shown" }
        return []
    }

    /// The safety net under `refusedWhileAway`: effects that would read or write the store
    /// (a y to a question asked before it went away, Enter on a row) are dropped with a notice.
    static func keepingOffTheStore(_ effects: [Effect], state: inout AppState) -> [Effect] {
        guard let away = state.storeAway else { return effects }
        var refused: String?
        let kept = effects.filter { effect in
            switch effect {
            case .write, .compose, .saveHandoffNote, .acknowledgeAlert: refused = refused ?? "the change"
            case .load(.conversation): refused = refused ?? "opening the conversation"
            case .load(.handoff): refused = refused ?? "the handoff report"
            default: return true
            }
            return false
        }
        if let refused { state.notice = away.refusal(refused) }
        return kept
    }
}
