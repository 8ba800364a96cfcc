import Foundation

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
    /// Text in the filter language (see `QueueFilter`): words and qualifiers.
    public var filter: String
    /// The engineer `is:mine` means; nil matches no row.
    public var viewer: String?
    /// The instant `is:breaching` and `is:atrisk` are reckoned at (UTC).
    public var now: Date?

    public init(includeClosed: Bool = false, filter: String = "", viewer: String? = nil, now: Date? = nil) {
        self.includeClosed = includeClosed
        self.filter = filter
        self.viewer = viewer
        self.now = now
    }
}
