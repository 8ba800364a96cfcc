/// The figures in the queue's header.
public struct QueueCounts: Equatable, Sendable {
    public var open: Int
    public var unowned: Int
    public var breaching: Int
    /// Open conversations within their tier's `warn_before` of the deadline, not yet breaching.
    public var atRisk: Int

    public init(open: Int, unowned: Int, breaching: Int, atRisk: Int = 0) {
        self.open = open
        self.unowned = unowned
        self.breaching = breaching
        self.atRisk = atRisk
    }
}

/// Which conversations a queue listing shows.
public struct QueueQuery: Equatable, Sendable {
    /// Include solved and closed conversations.
    public var includeClosed: Bool
    /// Text typed after `/`: matches subject, customer, owner and message text.
    public var filter: String

    public init(includeClosed: Bool = false, filter: String = "") {
        self.includeClosed = includeClosed
        self.filter = filter
    }
}
