import Foundation

/// What the metrics are computed from: rows the store reads as they are stored, never a
/// running total. Instants are whole seconds since 1970 (UTC).
public struct MetricsData: Sendable, Equatable {
    /// The conversations opened in the period, by id.
    public var conversations: [MetricsConversation]
    /// Their messages, by conversation id then `createdAt` (the store's order; `Metrics`
    /// sorts a copy when it is not).
    public var messages: [MetricsMessage]
    /// Their audit events of the kinds `Touches` and `OwnerChange` read, by conversation then time.
    public var events: [MetricsEvent]
    /// The NPS answers given in the period.
    public var nps: [MetricsNPSAnswer]
    /// The SLA policy each conversation counts under, keyed by `MetricsData.policyKey`.
    public var policies: [String: SLAPolicy]

    public init(conversations: [MetricsConversation] = [], messages: [MetricsMessage] = [], events: [MetricsEvent] = [],
                nps: [MetricsNPSAnswer] = [], policies: [String: SLAPolicy] = [:]) {
        self.conversations = conversations
        self.messages = messages
        self.events = events
        self.nps = nps
        self.policies = policies
    }

    /// These rows split at `bounds` (ascending UTC seconds, n + 1 of them for n parts):
    /// part i holds the conversations opened in [bounds[i], bounds[i + 1]) with their
    /// messages and events, and the answers given then. One pass over each list, for the
    /// metrics screen's periods read at once.
    public func split(at bounds: [Int64]) -> [MetricsData] {
        let count = max(0, bounds.count - 1)
        var parts = Array(repeating: MetricsData(policies: policies), count: count)
        func part(_ instant: Int64) -> Int? {
            guard count > 0, instant >= bounds[0], instant < bounds[count] else { return nil }
            var low = 0, high = count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if bounds[middle] <= instant { low = middle } else { high = middle - 1 }
            }
            return low
        }
        var partOf: [Int64: Int] = [:]
        for conversation in conversations {
            guard let index = part(conversation.createdAt) else { continue }
            partOf[conversation.id] = index
            parts[index].conversations.append(conversation)
        }
        // Rows come by conversation: one lookup per conversation, not per row.
        var lastID: Int64?
        var lastPart: Int?
        for message in messages {
            if message.conversationID != lastID {
                lastID = message.conversationID
                lastPart = partOf[message.conversationID]
            }
            if let index = lastPart { parts[index].messages.append(message) }
        }
        lastID = nil
        for event in events {
            if event.conversationID != lastID {
                lastID = event.conversationID
                lastPart = partOf[event.conversationID]
            }
            if let index = lastPart { parts[index].events.append(event) }
        }
        for answer in nps {
            if let index = part(answer.answeredAt) { parts[index].nps.append(answer) }
        }
        return parts
    }

    /// The key of a tier and customer's policy: the customer's calendar can differ from its tier's.
    public static func policyKey(tier: String, customer: String?) -> String { tier + "\u{1}" + (customer ?? "") }
}

/// A conversation as the metrics read it.
public struct MetricsConversation: Sendable, Equatable {
    public var id: Int64
    /// When it was opened: the period it counts in.
    public var createdAt: Int64
    public var tierID: String
    public var customerID: String?
    public var customerName: String
    /// The owner now; nil when unowned.
    public var ownerID: String?
    public var status: ConversationStatus
    /// Where it came from: a conversation an NPS answer opened owes a follow-up (the NPS
    /// figures), not a first response, so it is left out of response times and the SLA.
    public var source: Source
    /// The stretches its clock stood still (pending, on hold, done), the record every status change writes.
    public var pauses: [SLAPause]

    public init(id: Int64, createdAt: Int64, tierID: String, customerID: String? = nil, customerName: String = "", ownerID: String? = nil,
                status: ConversationStatus = .open, source: Source = .email, pauses: [SLAPause] = []) {
        self.source = source
        self.id = id
        self.createdAt = createdAt
        self.tierID = tierID
        self.customerID = customerID
        self.customerName = customerName
        self.ownerID = ownerID
        self.status = status
        self.pauses = pauses
    }
}

/// One message: who wrote it, its state, when it arrived and, for a reply through the
/// outbox, when it was sent.
public struct MetricsMessage: Sendable, Equatable {
    public var conversationID: Int64
    public var authorKind: AuthorKind
    public var authorID: String?
    public var state: MessageState
    public var createdAt: Int64
    /// The outbox's sent instant; nil for a message that did not go through the outbox.
    public var sentAt: Int64?

    public init(conversationID: Int64, authorKind: AuthorKind, authorID: String? = nil, state: MessageState = .received, createdAt: Int64, sentAt: Int64? = nil) {
        self.conversationID = conversationID
        self.authorKind = authorKind
        self.authorID = authorID
        self.state = state
        self.createdAt = createdAt
        self.sentAt = sentAt
    }

    /// A customer message: one a person at the customer wrote. Automatic mail (auto-replies,
    /// bounces) and bots are stored as `bot` at intake, so they never count.
    public var isCustomer: Bool { authorKind == .customer }

    /// When this message answered the customer, or nil if it is no answer: a team message
    /// counts when it was sent: a reply from the outbox at its sent instant (one from before
    /// the outbox, sent without a recorded instant, at its own), a message that came in from
    /// Slack or email at its arrival. Notes and replies not sent (queued, failed,
    /// cancelled, unconfirmed) answer nothing.
    public var answeredAt: Int64? {
        guard authorKind == .team else { return nil }
        switch state {
        case .received: return createdAt
        case .sent: return sentAt ?? createdAt
        default: return nil
        }
    }
}

/// One audit event, with the owner change it made as fields.
public struct MetricsEvent: Sendable, Equatable {
    public var conversationID: Int64
    public var at: Int64
    public var actor: String
    public var kind: String
    /// For an owner change (claim, take, assign, release, handoff): the owner before and
    /// after, nil meaning nobody. Both nil: no owner change, or an old event whose text did
    /// not tell.
    public var ownerFrom: String?
    public var ownerTo: String?

    public init(conversationID: Int64, at: Int64, actor: String, kind: String, ownerFrom: String? = nil, ownerTo: String? = nil) {
        self.conversationID = conversationID
        self.at = at
        self.actor = actor
        self.kind = kind
        self.ownerFrom = ownerFrom
        self.ownerTo = ownerTo
    }
}

/// One NPS answer, with what the follow-up of a detractor needs.
public struct MetricsNPSAnswer: Sendable, Equatable {
    public var answeredAt: Int64
    public var email: String
    public var customerID: String?
    /// Marked internal at intake; the config's internal domains and engineers' addresses are checked again.
    public var isInternal: Bool
    public var score: Int
    public var hasComment: Bool
    /// The conversation a detractor's comment opened, when it was received, and its first answer.
    public var conversationID: Int64?
    public var conversationCreatedAt: Int64?
    public var firstAnsweredAt: Int64?
    /// That conversation's owner, else nil.
    public var ownerID: String?

    public init(answeredAt: Int64, email: String, customerID: String? = nil, isInternal: Bool = false, score: Int, hasComment: Bool = true,
                conversationID: Int64? = nil, conversationCreatedAt: Int64? = nil, firstAnsweredAt: Int64? = nil, ownerID: String? = nil) {
        self.answeredAt = answeredAt
        self.email = email
        self.customerID = customerID
        self.isInternal = isInternal
        self.score = score
        self.hasComment = hasComment
        self.conversationID = conversationID
        self.conversationCreatedAt = conversationCreatedAt
        self.firstAnsweredAt = firstAnsweredAt
        self.ownerID = ownerID
    }

    /// Sets each answer's `firstAnsweredAt`: the earliest `answeredAt` among `messages` of
    /// the conversation its comment opened (both backends read the rows, this folds them).
    public static func fillFirstAnswers(_ answers: inout [MetricsNPSAnswer], from messages: [MetricsMessage]) {
        var first: [Int64: Int64] = [:]
        for message in messages {
            guard let at = message.answeredAt else { continue }
            first[message.conversationID] = min(first[message.conversationID] ?? at, at)
        }
        for index in answers.indices {
            if let id = answers[index].conversationID { answers[index].firstAnsweredAt = first[id] }
        }
    }
}
