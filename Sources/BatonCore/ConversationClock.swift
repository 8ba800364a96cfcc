import Foundation

/// The part of a conversation's state that its messages drive: its status and the
/// times the SLA counts from. Folding each new message in gives the next state.
public struct ConversationClock: Equatable, Sendable {
    public var status: ConversationStatus
    public var createdAt: Date
    public var firstResponseAt: Date?
    /// The customer's first message since the team last spoke; nil when the team spoke last.
    public var awaitingSince: Date?

    public init(status: ConversationStatus = .new, createdAt: Date, firstResponseAt: Date? = nil, awaitingSince: Date? = nil) {
        self.status = status
        self.createdAt = createdAt
        self.firstResponseAt = firstResponseAt
        self.awaitingSince = awaitingSince
    }

    /// A customer message reopens a conversation that waited on them or was done;
    /// a team message answers what was owed. Bots and the system change nothing.
    public mutating func record(_ kind: AuthorKind, at instant: Date) {
        switch kind {
        case .customer:
            if awaitingSince == nil { awaitingSince = instant }
            if status != .new && status != .open { status = .open }
        case .team:
            if firstResponseAt == nil { firstResponseAt = instant }
            awaitingSince = nil
            if status == .new { status = .open }
        case .bot, .system:
            break
        }
    }

    public func slaDue(tier: Tier) -> Date? {
        SLAClock.due(tier: tier, status: status, firstResponseAt: firstResponseAt, awaitingSince: awaitingSince)
    }
}
