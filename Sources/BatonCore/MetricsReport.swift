/// What `Metrics.report` works out: one `MetricsGroup` per week, tier, customer, region or
/// engineer, the breaches behind the SLA figures, and each engineer's load. Durations are
/// seconds; instants are UTC seconds since 1970.
public struct MetricsReport: Equatable, Sendable {
    public var period: MetricsPeriod
    public var grouping: MetricsGrouping
    public var groups: [MetricsGroup]
    /// Responses that missed their deadline, and customers still waiting past theirs, in order of deadline.
    public var breaches: [MetricsBreach]
    /// One row per engineer who owns, answered or first-answered anything in the period, by id.
    public var load: [EngineerLoad]
    /// The distinct team members who touched any conversation opened in the period, by id:
    /// the "fifteen people" figure.
    public var people: [String]

    public func group(_ key: String) -> MetricsGroup? { groups.first { $0.key == key } }
}

/// Response or resolution times: how many, and their percentiles by nearest rank.
public struct MetricsDurations: Equatable, Sendable {
    public var count: Int
    public var p50: Int64?
    public var p90: Int64?
    /// The same over the open hours of the tier's calendar (equal to the calendar-time ones
    /// around the clock); nil for resolution, which has no business-hours figure.
    public var businessP50: Int64?
    public var businessP90: Int64?

    public init(count: Int = 0, p50: Int64? = nil, p90: Int64? = nil, businessP50: Int64? = nil, businessP90: Int64? = nil) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.businessP50 = businessP50
        self.businessP90 = businessP90
    }

    init(_ values: [Int64], business: [Int64]? = nil) {
        let ranks = MetricsPercentile.nearestRanks([50, 90], of: values)
        let businessRanks = business.map { MetricsPercentile.nearestRanks([50, 90], of: $0) }
        self.init(count: values.count, p50: ranks[0], p90: ranks[1], businessP50: businessRanks.flatMap { $0[0] }, businessP90: businessRanks.flatMap { $0[1] })
    }
}

/// First and next responses that met their deadline, out of those that were due.
public struct MetricsSLA: Equatable, Sendable {
    public var firstMet = 0
    public var firstDue = 0
    public var nextMet = 0
    public var nextDue = 0
    public init(firstMet: Int = 0, firstDue: Int = 0, nextMet: Int = 0, nextDue: Int = 0) {
        self.firstMet = firstMet
        self.firstDue = firstDue
        self.nextMet = nextMet
        self.nextDue = nextDue
    }

    /// Met out of due, first and next together, as a fraction from 0 to 1; nil when nothing was due.
    public var attainment: Double? {
        let due = firstDue + nextDue
        return due == 0 ? nil : Double(firstMet + nextMet) / Double(due)
    }
}

/// Distinct team members per conversation: percentiles by nearest rank and the largest.
public struct MetricsTouches: Equatable, Sendable {
    public var p50: Int?
    public var p90: Int?
    public var max: Int?
    public init(p50: Int? = nil, p90: Int? = nil, max: Int? = nil) {
        self.p50 = p50
        self.p90 = p90
        self.max = max
    }
}

/// Net Promoter Score over customers' answers: percent promoters (9-10) minus percent
/// detractors (0-6), rounded to a whole number from -100 to 100; nil without answers.
public struct MetricsNPS: Equatable, Sendable {
    public var promoters = 0
    public var passives = 0
    public var detractors = 0
    /// Answers from internal domains and engineers' addresses: counted here, never in the score.
    public var internalExcluded = 0
    /// Detractors whose follow-up (a team answer on the conversation the answer opened) came within the tier's target.
    public var followedUp = 0
    /// Detractors owing a follow-up: all of them, with or without a comment.
    public var owingFollowUp = 0
    /// The conversations detractors' comments opened.
    public var detractorConversationIDs: [Int64] = []

    public init() {}

    public var answers: Int { promoters + passives + detractors }

    public var score: Int? {
        guard answers > 0 else { return nil }
        return Int((Double(promoters - detractors) * 100 / Double(answers)).rounded())
    }
}

/// The figures of one group.
public struct MetricsGroup: Equatable, Sendable {
    public var key: String
    public var opened = 0
    public var solved = 0
    public var reopened = 0
    public var customerMessages = 0
    public var firstResponse = MetricsDurations()
    public var nextResponse = MetricsDurations()
    public var resolution = MetricsDurations()
    public var sla = MetricsSLA()
    public var touches = MetricsTouches()
    /// The distinct team members who touched the group's conversations, by id.
    public var people: [String] = []
    public var ownerChanges = OwnerChange.Counts()
    public var nps = MetricsNPS()
    /// The conversations behind the figures, by id.
    public var conversationIDs: [Int64] = []

    public init(key: String) { self.key = key }
}

/// A response that came after its deadline, or a customer still waiting past it (or left
/// waiting when the conversation was solved).
public struct MetricsBreach: Equatable, Sendable {
    public enum Kind: String, Sendable { case first, next }
    public var conversationID: Int64
    public var group: String
    public var tierID: String
    public var customerName: String
    public var kind: Kind
    /// The customer message the clock counted from.
    public var waitingSince: Int64
    public var due: Int64
    /// When the answer was sent; nil: never answered.
    public var answeredAt: Int64?
}

/// One engineer's load over the period.
public struct EngineerLoad: Equatable, Sendable {
    public var engineer: String
    /// Conversations opened in the period that they own now.
    public var owned = 0
    /// Answers they sent (replies through the outbox, and their messages from Slack or email).
    public var replies = 0
    public var firstResponses = 0
    /// Median (nearest rank) of their first responses' times, calendar seconds.
    public var firstResponseP50: Int64?

    public init(engineer: String) { self.engineer = engineer }
}
