import BatonCore
import BatonStore

/// The conversation screen's state: what it shows and how far it is scrolled.
public struct ConversationState: Equatable, Sendable {
    public var detail: ConversationDetail {
        // A reload that brought the same messages keeps their wrapped lines.
        didSet { if detail.messages != oldValue.messages { wrapped = WrappedBodies() } }
    }
    /// The first line of the thread shown.
    public var scroll: Int = 0
    /// The customer's other open conversations, shown above the thread; Tab chooses one
    /// and Enter opens it.
    public var related: [QueueRow] = []
    public var chosen: Int?
    /// The outbox entries of this thread's replies, by message id: what the thread says
    /// about each (sent when, failed why, next try). Empty for a thread without replies.
    public var replies: [Int64: OutboxReply] = [:]
    /// The message bodies wrapped for the last width drawn (see `WrappedBodies`); not
    /// optional, so that a state with them equals one without.
    var wrapped = WrappedBodies()

    public init(detail: ConversationDetail, scroll: Int = 0, related: [QueueRow] = []) {
        self.detail = detail
        self.scroll = scroll
        self.related = related
    }

    /// Wraps the message bodies for a screen `width` columns wide, unless they are already:
    /// the loop calls it before drawing, so keys and ticks find them wrapped.
    public mutating func wrap(width: Int) {
        let bodyWidth = ConversationView.bodyWidth(width)
        guard wrapped.width != bodyWidth else { return }
        wrapped = WrappedBodies(width: bodyWidth, bodies: detail.messages.map { TerminalText.wrap($0.body, width: bodyWidth) })
    }

    /// The lines of each message's body at `width`: the kept ones when they fit the width,
    /// else wrapped now (a state the loop has not prepared, as in a test).
    func bodies(width: Int) -> [[String]] {
        let bodyWidth = ConversationView.bodyWidth(width)
        if wrapped.width == bodyWidth { return wrapped.bodies }
        return detail.messages.map { TerminalText.wrap($0.body, width: bodyWidth) }
    }
}

/// The message bodies wrapped once per width and per change (issue 11 item 5): a pasted log
/// of 240 KB on one line took 0.4 s to wrap, on every key and every second's redraw.
struct WrappedBodies: Sendable {
    /// The body width in columns they were wrapped to; 0 before they are.
    var width = 0
    /// Per message, in thread order, its body's lines.
    var bodies: [[String]] = []
}

extension WrappedBodies: Equatable {
    /// A cache of what `detail` already says: two states showing the same thread are the
    /// same whether or not one has wrapped it yet (and comparing 240 KB twice would cost).
    static func == (lhs: WrappedBodies, rhs: WrappedBodies) -> Bool { true }
}
