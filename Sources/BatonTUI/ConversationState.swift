import BatonCore

/// The conversation screen's state: what it shows and how far it is scrolled.
public struct ConversationState: Equatable, Sendable {
    public var detail: ConversationDetail
    /// The first line of the thread shown.
    public var scroll: Int = 0

    public init(detail: ConversationDetail, scroll: Int = 0) {
        self.detail = detail
        self.scroll = scroll
    }
}
