import Foundation

/// A message on its way into the store.
public struct NewMessage: Equatable, Sendable {
    /// Keys the message to its origin (Slack channel and ts, a Message-ID) so imports are idempotent.
    public var externalKey: String?
    public var authorKind: AuthorKind
    public var authorName: String
    public var authorID: String?
    public var body: String
    /// When baton received it (UTC): drives the clock, the owner and AGE.
    public var createdAt: Date
    /// When its sender's machine says it was sent (a mail's Date header), kept for the
    /// record only: it never moves a deadline or picks an owner. Nil when unknown or the same.
    public var sentAt: Date?

    public init(externalKey: String? = nil, authorKind: AuthorKind, authorName: String, authorID: String? = nil, body: String, createdAt: Date,
                sentAt: Date? = nil) {
        self.sentAt = sentAt
        self.externalKey = externalKey
        self.authorKind = authorKind
        self.authorName = authorName
        self.authorID = authorID
        self.body = body
        self.createdAt = createdAt
    }
}

/// A conversation on its way into the store, with its first messages.
public struct NewConversation: Equatable, Sendable {
    public var externalKey: String?
    public var customerID: String?
    public var customerName: String
    public var tierID: String
    public var subject: String
    public var source: Source
    public var ownerID: String?
    /// Why `ownerID` owns it; a handoff moves only `.point` conversations.
    public var ownerVia: OwnerBasis?
    /// Set to move a conversation on past what its messages say (pending, solved...).
    public var status: ConversationStatus?
    public var messages: [NewMessage]
    /// Engineers roped in from the start (the dedicated engineer when point owns it).
    public var collaborators: [String] = []
    /// The dedicated-pair rule, when the owner is for the store to decide at insert
    /// (set by `resolvingOwner(team:at:)`).
    public var ownerRule: OwnerRule?

    public init(externalKey: String? = nil, customerID: String?, customerName: String, tierID: String, subject: String, source: Source, ownerID: String? = nil, ownerVia: OwnerBasis? = nil, status: ConversationStatus? = nil, messages: [NewMessage]) {
        self.externalKey = externalKey
        self.customerID = customerID
        self.customerName = customerName
        self.tierID = tierID
        self.subject = subject
        self.source = source
        self.ownerID = ownerID
        self.ownerVia = ownerID == nil ? nil : ownerVia
        self.status = status
        self.messages = messages
    }

    /// The conversation's clock after all its messages, and any status set on top.
    public func clock(startingAt start: Date) -> ConversationClock {
        var clock = ConversationClock(createdAt: messages.map(\.createdAt).min() ?? start)
        for message in messages.sorted(by: { $0.createdAt < $1.createdAt }) {
            clock.record(message.authorKind, at: message.createdAt)
        }
        // Set after the last message, so a pending or solved one starts its pause there.
        if let status { clock.setStatus(status, at: messages.map(\.createdAt).max() ?? start) }
        return clock
    }
}
