/// A customer's plan and the response targets that come with it.
public struct Tier: Equatable, Sendable {
    public var id: String
    public var name: String
    /// Shown in the queue's TIER column.
    public var short: String
    /// Seconds of open time allowed from a customer's first message to the team's first answer.
    public var firstResponse: Int64
    /// Seconds of open time allowed from a customer's follow-up to the team's next answer.
    public var nextResponse: Int64
    /// "24x7", "business" (Mon-Fri 09:00-17:00 in the customer's zone) or a `[[calendar]]` id.
    public var hours: String
    /// Lower ranks are more important; the order of the tiers in the config.
    public var rank: Int
    /// Seconds of open time allowed from the customer's first message to solved; nil: no target.
    public var resolution: Int64?
    /// Whether on hold stops the clock, as pending always does.
    public var pauseOnHold: Bool
    /// Seconds before a deadline at which a conversation counts as at risk.
    public var warnBefore: Int64
    /// Seconds allowed to follow up an NPS detractor's answer, from when baton received it
    /// (`nps_follow_up`, default two days): a survey answer is no support question.
    public var npsFollowUp: Int64 = Tier.defaultNPSFollowUp
    public static let defaultNPSFollowUp: Int64 = 2 * 86_400
    /// Seconds an at-risk conversation waits on an idle, off-shift or silent owner before it
    /// escalates to the engineer holding point (`escalate_after`, issue 12 item 9).
    public var escalateAfter: Int64 = Tier.defaultEscalateAfter
    /// 10 minutes.
    public static let defaultEscalateAfter: Int64 = 10 * 60

    /// 15 minutes.
    public static let defaultWarnBefore: Int64 = 15 * 60

    public init(id: String, name: String? = nil, short: String? = nil, firstResponse: Int64, nextResponse: Int64, hours: String = "24x7", rank: Int = 0,
                resolution: Int64? = nil, pauseOnHold: Bool = true, warnBefore: Int64 = Tier.defaultWarnBefore) {
        self.id = id
        self.name = name ?? id.capitalized
        self.short = short ?? String(id.prefix(4)).uppercased()
        self.firstResponse = firstResponse
        self.nextResponse = nextResponse
        self.hours = hours
        self.rank = rank
        self.resolution = resolution
        self.pauseOnHold = pauseOnHold
        self.warnBefore = warnBefore
    }
}
