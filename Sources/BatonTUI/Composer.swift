import BatonCore
import BatonStore
import Foundation

/// A reply or an internal note.
public enum ComposeKind: String, Sendable {
    case reply, note
}

/// What composing gave: a body to store, a change of mind, or a failed editor (whose text
/// is kept as a draft, and offered again the next time).
public enum ComposeResult: Equatable, Sendable {
    case body(String)
    case cancelled
    case failed(String)
}

/// Opens the editor on the engineer's draft for a conversation, if any, and keeps the
/// text as a draft when the editor fails. Shared by the screen and `baton conv reply`.
public enum Composer {
    /// A hangup while the editor is open saves the draft first, then ends baton as before (see `Hangups`).
    /// `context` puts the quoted message and the scissors block in the file; what is below
    /// the scissors line is never stored, and a reply left as the quote alone is cancelled.
    public static func compose(_ kind: ComposeKind, conversation id: Int64, author: String, store: TeamStore,
                               environment: [String: String], now: Date, context: ReplyContext = ReplyContext()) throws -> ComposeResult {
        try Hangups.holding { try composeHeld(kind, conversation: id, author: author, store: store, environment: environment, now: now, context: context) }
    }

    private static func composeHeld(_ kind: ComposeKind, conversation id: Int64, author: String, store: TeamStore,
                                     environment: [String: String], now: Date, context: ReplyContext) throws -> ComposeResult {
        let initial = context.template(draft: try store.draft(id, author: author, kind: kind.rawValue))
        switch try Editor.compose(initial: initial, environment: environment) {
        case .text(let text):
            return context.body(of: text).map(ComposeResult.body) ?? .cancelled
        case .empty:
            return .cancelled
        case let .failed(status, text):
            if let body = context.body(of: text) {
                try store.saveDraft(id, author: author, kind: kind.rawValue, body: body, at: now)
            }
            return .failed("the editor exited \(status): nothing sent; the draft is kept and opens again next time")
        }
    }
}
