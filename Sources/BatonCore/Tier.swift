/// A customer's plan and the response targets that come with it.
public struct Tier: Equatable, Sendable {
    public var id: String
    public var name: String
    /// Shown in the queue's TIER column.
    public var short: String
    /// Seconds allowed from a customer's first message to the team's first answer.
    public var firstResponse: Int64
    /// Seconds allowed from a customer's follow-up to the team's next answer.
    public var nextResponse: Int64
    /// "24x7", or "business" (counted the same way until business hours are modelled).
    public var hours: String
    /// Lower ranks are more important; the order of the tiers in the config.
    public var rank: Int
    /// Seconds allowed to follow up an NPS detractor's answer, from when baton received it
    /// (`nps_follow_up`, default two days): a survey answer is no support question.
    public var npsFollowUp: Int64 = Tier.defaultNPSFollowUp
    public static let defaultNPSFollowUp: Int64 = 2 * 86_400

    public init(id: String, name: String? = nil, short: String? = nil, firstResponse: Int64, nextResponse: Int64, hours: String = "24x7", rank: Int = 0) {
        self.id = id
        self.name = name ?? id.capitalized
        self.short = short ?? String(id.prefix(4)).uppercased()
        self.firstResponse = firstResponse
        self.nextResponse = nextResponse
        self.hours = hours
        self.rank = rank
    }
}
