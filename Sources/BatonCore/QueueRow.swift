import Foundation

/// One conversation as the queue lists it.
public struct QueueRow: Equatable, Sendable {
    public var id: Int64
    public var subject: String
    public var status: ConversationStatus
    public var source: Source
    public var customerID: String?
    public var customerName: String
    public var tierID: String
    public var tierShort: String
    public var ownerID: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// When the answer the team owes falls due; nil when nothing is owed.
    public var slaDue: Date?
    public var messageCount: Int
    public var version: Int
    /// Why the owner owns it (claimed, assigned, holding point...).
    public var ownerVia: OwnerBasis?
    /// Engineers roped in beside the owner.
    public var collaborators: [String]
    /// Whether the SLA clock stands still (pending, or on hold in a tier that pauses on hold).
    public var slaPaused: Bool = false
    /// The tier's `warn_before`, in seconds: how long before `slaDue` the row is at risk.
    public var warnBefore: Int64 = Tier.defaultWarnBefore

    public init(id: Int64, subject: String, status: ConversationStatus, source: Source, customerID: String?, customerName: String, tierID: String, tierShort: String, ownerID: String?, createdAt: Date, updatedAt: Date, slaDue: Date?, messageCount: Int, version: Int = 1,
                ownerVia: OwnerBasis? = nil, collaborators: [String] = []) {
        self.id = id
        self.subject = subject
        self.status = status
        self.source = source
        self.customerID = customerID
        self.customerName = customerName
        self.tierID = tierID
        self.tierShort = tierShort
        self.ownerID = ownerID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.slaDue = slaDue
        self.messageCount = messageCount
        self.version = version
        self.ownerVia = ownerVia
        self.collaborators = collaborators
    }

    /// "ana", or "ana+2" with two engineers roped in: the OWNER column.
    public var ownerText: String {
        guard let ownerID else { return "—" }
        return collaborators.isEmpty ? ownerID : "\(ownerID)+\(collaborators.count)"
    }

    public func slaState(at now: Date) -> SLAState { SLAState(due: slaDue, warnBefore: warnBefore, now: now) }

    public func isBreaching(at now: Date) -> Bool {
        guard let due = slaDue else { return false }
        return due <= now
    }
}

/// One message of a conversation.
public struct Message: Equatable, Sendable {
    public var id: Int64
    public var authorKind: AuthorKind
    public var authorName: String
    public var authorID: String?
    public var body: String
    public var createdAt: Date
    /// Received, an internal note, or a reply queued to send.
    public var state: MessageState
    /// When its author changed the text (Slack edits); the body is the text as it is now.
    public var editedAt: Date?
    /// When its author deleted it (Slack); the body is kept for the record.
    public var deletedAt: Date?
    /// When its sender's machine claimed to send it (a mail's Date header); `createdAt` is
    /// when baton received it.
    public var sentAt: Date?

    public init(id: Int64, authorKind: AuthorKind, authorName: String, authorID: String? = nil, body: String, createdAt: Date,
                state: MessageState = .received, editedAt: Date? = nil, deletedAt: Date? = nil, sentAt: Date? = nil) {
        self.sentAt = sentAt
        self.id = id
        self.authorKind = authorKind
        self.authorName = authorName
        self.authorID = authorID
        self.body = body
        self.createdAt = createdAt
        self.state = state
        self.editedAt = editedAt
        self.deletedAt = deletedAt
    }

    /// What the thread says about the message beside its author and time: its state, and
    /// whether it was edited or deleted after it came ("edited 2m later": short enough for
    /// the author line; the JSON has the instants).
    public var labels: [String] {
        var labels = state.label.map { [$0] } ?? []
        if let editedAt { labels.append("edited" + later(editedAt)) }
        if let deletedAt { labels.append("deleted" + later(deletedAt)) }
        if let sent = sentLabel { labels.append(sent) }
        return labels
    }

    /// "sent 2d earlier" or "dated 3h ahead" when the sender's claimed time is more than
    /// five minutes from when baton received it (a slow relay, a wrong clock); else nil.
    public var sentLabel: String? {
        guard let sentAt else { return nil }
        let seconds = Int64(sentAt.timeIntervalSince(createdAt))
        guard abs(seconds) > Self.sentTolerance else { return nil }
        return seconds < 0 ? "sent " + DurationText.compact(-seconds) + " earlier" : "dated " + DurationText.compact(seconds) + " ahead"
    }

    /// Five minutes (seconds): mail within this of its Date header is shown with one time.
    public static let sentTolerance: Int64 = 300

    /// " 2m later"; nothing when the time is not known to be later (a Slack tombstone
    /// says a message went, not when, and is stored with the message's own time).
    private func later(_ instant: Date) -> String {
        let seconds = Int64(instant.timeIntervalSince(createdAt))
        return seconds > 0 ? " " + DurationText.compact(seconds) + " later" : ""
    }
}

/// One entry of the audit log: who did what, when.
public struct AuditEvent: Equatable, Sendable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var kind: String
    public var conversationID: Int64?
    public var detail: String

    public init(id: Int64, at: Date, actor: String, kind: String, conversationID: Int64?, detail: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.kind = kind
        self.conversationID = conversationID
        self.detail = detail
    }
}

/// A conversation with its thread and its history.
public struct ConversationDetail: Equatable, Sendable {
    public var row: QueueRow
    public var messages: [Message]
    public var events: [AuditEvent]
    /// Engineers roped in beside the owner.
    public var collaborators: [String]
    public var tags: [String]
    /// How the deadline came about, when the store could say.
    public var sla: SLAExplanation?

    public init(row: QueueRow, messages: [Message], events: [AuditEvent], collaborators: [String] = [], tags: [String] = []) {
        self.row = row
        self.messages = messages
        self.events = events
        self.collaborators = collaborators
        self.tags = tags
    }
}
