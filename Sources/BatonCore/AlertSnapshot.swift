import Foundation

/// What the alert rules look at: the open conversations, who holds point, at one instant.
/// Read from the store by whoever decides (a screen, `baton serve`); the rules stay pure.
public struct AlertSnapshot: Equatable, Sendable {
    /// One open conversation as the rules see it.
    public struct Conversation: Equatable, Sendable {
        public var id: Int64
        public var owner: String?
        public var customerID: String?
        public var customerName: String
        public var subject: String
        /// When baton received it (UTC instant).
        public var createdAt: Date
        /// The deadline due now (UTC instant); nil when nothing is owed or the clock stands still.
        public var due: Date?
        /// The tier's `warn_before`, seconds.
        public var warnBefore: Int64
        /// The tier's `escalate_after`, seconds.
        public var escalateAfter: Int64
        /// The customer's success manager, named when a breach is recorded.
        public var csm: String?

        public init(id: Int64, owner: String?, customerID: String?, customerName: String, subject: String, createdAt: Date, due: Date?,
                    warnBefore: Int64 = Tier.defaultWarnBefore, escalateAfter: Int64 = Tier.defaultEscalateAfter, csm: String? = nil) {
            self.id = id
            self.owner = owner
            self.customerID = customerID
            self.customerName = customerName
            self.subject = subject
            self.createdAt = createdAt
            self.due = due
            self.warnBefore = warnBefore
            self.escalateAfter = escalateAfter
            self.csm = csm
        }
    }

    /// The instant this was read at.
    public var at: Date
    public var conversations: [Conversation]
    /// The engineer holding point at `at`; nil in a gap.
    public var pointHolder: String?
    /// When the point holder's shift began (UTC instant): names the point alert.
    public var pointSince: Date?

    public init(at: Date, conversations: [Conversation], pointHolder: String?, pointSince: Date? = nil) {
        self.at = at
        self.conversations = conversations
        self.pointHolder = pointHolder
        self.pointSince = pointSince
    }
}
