import Foundation

/// Why an ownership or team action did not happen although it was well formed: somebody
/// else got there first, or owns the conversation. The text says who and how long ago.
public enum ActionConflict: Error, Equatable, Sendable {
    /// A claim of a conversation someone else owns.
    case owned(conversation: Int64, by: String, basis: OwnerBasis?, since: Date)
    /// A release by someone who is not the owner.
    case notYours(conversation: Int64, owner: String?)
    /// The conversation changed after the version the actor saw.
    case changed(conversation: Int64, by: String?, what: String?, at: Date?)
    /// A message came in after the version the actor saw.
    case newMessage(conversation: Int64, from: String, at: Date)

    /// "dave claimed this 2 s ago", relative to `now`.
    /// `howToTake` ends a refusal to act on someone else's conversation: the CLI's
    /// "`take` it to own it instead", the screen's key.
    public func text(now: Date, howToTake: String = "`take` it to own it instead") -> String {
        switch self {
        case let .owned(_, owner, basis, since):
            let ago = Self.ago(since, now: now)
            switch basis {
            case .claim: return "\(owner) claimed this \(ago); \(howToTake)"
            case .take: return "\(owner) took this over \(ago); \(howToTake)"
            case .assign: return "\(owner) was assigned this \(ago); \(howToTake)"
            case .point: return "\(owner) owns this as point since \(ago); \(howToTake)"
            case .dedicated: return "\(owner) owns this as the dedicated engineer since \(ago); \(howToTake)"
            case nil: return "\(owner) owns this since \(ago); \(howToTake)"
            }
        case let .notYours(_, owner):
            return owner.map { "\($0) owns this, not you; only the owner releases it" } ?? "nobody owns this; nothing to release"
        case let .changed(_, by, what, at):
            let who = by ?? "someone"
            let change = what.map { " (\($0))" } ?? ""
            let when = at.map { " " + Self.ago($0, now: now) } ?? " meanwhile"
            return "\(who) changed this\(change)\(when); look again and retry"
        case let .newMessage(_, from, at):
            return "\(from) wrote \(Self.ago(at, now: now)), after what you saw; look again and retry"
        }
    }

    public var conversation: Int64 {
        switch self {
        case let .owned(id, _, _, _), let .notYours(id, _), let .changed(id, _, _, _), let .newMessage(id, _, _): return id
        }
    }

    /// "just now", "2 s ago" under a minute, "5m ago", "1h12m ago" beyond.
    public static func ago(_ then: Date, now: Date) -> String {
        let seconds = max(0, Int64(now.timeIntervalSince(then).rounded(.down)))
        if seconds == 0 { return "just now" }
        return seconds < 60 ? "\(seconds) s ago" : DurationText.compact(seconds) + " ago"
    }
}
