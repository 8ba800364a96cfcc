import BatonCore

/// The conversation screen's state: what it shows and how far it is scrolled.
public struct ConversationState: Equatable, Sendable {
    public var detail: ConversationDetail
    /// The first line of the thread shown.
    public var scroll: Int = 0
    /// The customer's other open conversations, shown above the thread; Tab chooses one
    /// and Enter opens it.
    public var related: [QueueRow] = []
    public var chosen: Int?

    public init(detail: ConversationDetail, scroll: Int = 0, related: [QueueRow] = []) {
        self.detail = detail
        self.scroll = scroll
        self.related = related
    }
}
