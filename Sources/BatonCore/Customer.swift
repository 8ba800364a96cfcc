/// A customer, its tier, where it writes from, and its dedicated pair.
public struct Customer: Equatable, Sendable {
    public var id: String
    public var name: String
    public var tier: String
    public var slackChannel: String?
    public var emailDomains: [String]
    /// The dedicated engineer.
    public var engineer: String?
    /// The customer success manager.
    public var csm: String?

    public init(id: String, name: String? = nil, tier: String, slackChannel: String? = nil, emailDomains: [String] = [], engineer: String? = nil, csm: String? = nil) {
        self.id = id
        self.name = name ?? id
        self.tier = tier
        self.slackChannel = slackChannel
        self.emailDomains = emailDomains
        self.engineer = engineer
        self.csm = csm
    }
}
