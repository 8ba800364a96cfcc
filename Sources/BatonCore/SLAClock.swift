import Foundation

/// What a conversation's SLA counts with: its tier's targets and the calendar its customer
/// is served in (nil: around the clock).
public struct SLAPolicy: Equatable, Sendable {
    /// Seconds of open time from the customer's first message to the team's first answer.
    public var firstResponse: Int64
    /// Seconds of open time from a customer's follow-up to the team's next answer.
    public var nextResponse: Int64
    /// Seconds of open time from the customer's first message to solved; nil: no target.
    public var resolution: Int64?
    /// Whether on hold stops the clock (pending always does).
    public var pauseOnHold: Bool
    /// Seconds before a deadline at which a conversation is at risk.
    public var warnBefore: Int64
    public var calendar: BusinessCalendar?

    public init(firstResponse: Int64, nextResponse: Int64, resolution: Int64? = nil, pauseOnHold: Bool = true,
                warnBefore: Int64 = Tier.defaultWarnBefore, calendar: BusinessCalendar? = nil) {
        self.firstResponse = firstResponse
        self.nextResponse = nextResponse
        self.resolution = resolution
        self.pauseOnHold = pauseOnHold
        self.warnBefore = warnBefore
        self.calendar = calendar
    }

    public init(tier: Tier, calendar: BusinessCalendar?) {
        self.init(firstResponse: tier.firstResponse, nextResponse: tier.nextResponse, resolution: tier.resolution,
                  pauseOnHold: tier.pauseOnHold, warnBefore: tier.warnBefore, calendar: calendar)
    }

    /// Whether the clock runs in `status`: new and open always, on hold when the tier counts it.
    public func clockRuns(in status: ConversationStatus) -> Bool {
        status.clockRuns || (status == .onHold && !pauseOnHold)
    }

    /// Whether the clock stands still in `status` while the conversation is open.
    public func isPaused(in status: ConversationStatus) -> Bool {
        status.isOpen && !clockRuns(in: status)
    }

    /// The pauses that do not count, as UTC second intervals; a pause still lasting ends at `now`.
    public func skipped(_ pauses: [SLAPause], now: Int64 = Int64.max) -> [(Int64, Int64)] {
        pauses.compactMap { pause in
            if pause.kind == .onHold && !pauseOnHold { return nil }
            let start = Int64(pause.start.timeIntervalSince1970.rounded(.down))
            let end = pause.end.map { Int64($0.timeIntervalSince1970.rounded(.down)) } ?? now
            return start < end ? (start, end) : nil
        }
    }
}

/// A conversation's deadlines: the answer owed and the resolution, each nil when not owed.
public struct SLADeadlines: Equatable, Sendable {
    /// The first response before the team's first answer, the next response after.
    public var response: Date?
    public var resolution: Date?
    /// Whether the clock stands still (pending, or on hold in a tier that pauses on hold).
    public var paused: Bool

    public init(response: Date? = nil, resolution: Date? = nil, paused: Bool = false) {
        self.response = response
        self.resolution = resolution
        self.paused = paused
    }

    /// The earliest deadline that is due: what the queue sorts by.
    public var due: Date? {
        switch (response, resolution) {
        case let (a?, b?): return min(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        case (nil, nil): return nil
        }
    }
}

/// When the answers the team owes on a conversation fall due.
public enum SLAClock {
    /// The deadline around the clock, or nil when the team owes nothing: the conversation waits
    /// on the customer, is on hold or done, the team spoke last, or no customer has written
    /// (a thread only bots wrote in).
    ///
    /// Both targets count from the customer's first message since the team last spoke
    /// (`awaitingSince`): the tier's first-response target before any team answer (from
    /// the customer's first message, which is the conversation's start unless a bot
    /// started it), the next-response target after.
    public static func due(tier: Tier, status: ConversationStatus, firstResponseAt: Date?, awaitingSince: Date?) -> Date? {
        ConversationClock(status: status, createdAt: awaitingSince ?? Date(timeIntervalSince1970: 0), firstResponseAt: firstResponseAt,
                          awaitingSince: awaitingSince).slaDue(tier: tier)
    }

    /// The deadlines of a conversation under `policy`, counting open time in `counter`
    /// (which must count `policy.calendar`; pass one shared instance when working out
    /// many). The response target counts from `awaitingSince`, the resolution target from
    /// the customer's first message; pauses that the policy skips do not count. While the
    /// clock stands still, or once done, nothing is due.
    public static func deadlines(policy: SLAPolicy, clock: ConversationClock, counter: SLACalendarClock) -> SLADeadlines {
        guard clock.status.isOpen else { return SLADeadlines() }
        guard policy.clockRuns(in: clock.status) else { return SLADeadlines(paused: true) }
        let pauses = policy.skipped(clock.pauses)
        func deadline(from start: Date, target: Int64) -> Date? {
            counter.deadline(start: Int64(start.timeIntervalSince1970.rounded(.down)), target: target, pauses: pauses)
                .map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        var result = SLADeadlines()
        if let since = clock.awaitingSince {
            result.response = deadline(from: since, target: clock.firstResponseAt == nil ? policy.firstResponse : policy.nextResponse)
        }
        if let target = policy.resolution, let first = clock.firstCustomerAt {
            result.resolution = deadline(from: first, target: target)
        }
        return result
    }
}
