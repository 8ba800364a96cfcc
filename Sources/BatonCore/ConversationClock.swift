import Foundation

/// The part of a conversation's state that its messages drive: its status and the
/// times the SLA counts from. Folding each new message in gives the next state.
public struct ConversationClock: Equatable, Sendable {
    public var status: ConversationStatus
    public var createdAt: Date
    public var firstResponseAt: Date?
    /// The customer's first message since the team last spoke; nil when the team spoke last.
    public var awaitingSince: Date?
    /// The customer's first message ever: the resolution target counts from it.
    public var firstCustomerAt: Date?
    /// The stretches the clock stood or stands still, in order; the last may be open.
    public var pauses: [SLAPause]

    public init(status: ConversationStatus = .new, createdAt: Date, firstResponseAt: Date? = nil, awaitingSince: Date? = nil,
                firstCustomerAt: Date? = nil, pauses: [SLAPause] = []) {
        self.status = status
        self.createdAt = createdAt
        self.firstResponseAt = firstResponseAt
        self.awaitingSince = awaitingSince
        self.firstCustomerAt = firstCustomerAt ?? awaitingSince
        self.pauses = pauses
    }

    /// A customer message reopens a conversation that waited on them or was done (ending
    /// the pause); a team message answers what was owed. Bots and the system change nothing.
    public mutating func record(_ kind: AuthorKind, at instant: Date) {
        switch kind {
        case .customer:
            if awaitingSince == nil { awaitingSince = instant }
            if firstCustomerAt == nil { firstCustomerAt = instant }
            if status != .new && status != .open { setStatus(.open, at: instant) }
        case .team:
            if firstResponseAt == nil { firstResponseAt = instant }
            awaitingSince = nil
            if status == .new { status = .open }
        case .bot, .system:
            break
        }
    }

    /// Moves to `status` at `instant`, ending the pause that lasts and starting the one the
    /// new status brings (pending, on hold, solved, closed).
    public mutating func setStatus(_ newStatus: ConversationStatus, at instant: Date) {
        guard newStatus != status else { return }
        let kind = SLAPause.Kind(newStatus)
        if let last = pauses.last, last.end == nil {
            if last.kind == kind { status = newStatus; return }  // solved to closed: still done
            pauses[pauses.count - 1].end = max(instant, last.start)
        }
        if let kind { pauses.append(SLAPause(kind: kind, start: instant)) }
        status = newStatus
    }

    /// The deadline for a tier counted around the clock; `SLAClock.deadlines` counts in a calendar.
    public func slaDue(tier: Tier) -> Date? {
        SLAClock.deadlines(policy: SLAPolicy(tier: tier, calendar: nil), clock: self, counter: SLACalendarClock(nil)).due
    }
}
