/// Where things go on a screen of a given size.
public struct Layout: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Header, rule, column titles above the list; rule and footer below it.
    public static let queueChrome = 5
    public var queueRows: Int { max(1, height - Self.queueChrome) }
    public var queueFirstRow: Int { 3 }

    /// Header, subject, facts, rule above the thread; rule and footer below it.
    public static let conversationChrome = 6
    public var threadRows: Int { max(1, height - Self.conversationChrome) }
    public var threadFirstRow: Int { 4 }
}
