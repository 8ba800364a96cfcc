import BatonCore

/// Who is who, as the config says: which Slack users and addresses are the team, which
/// channel or mail domain is which customer, and the tier for mail from strangers.
public struct Roster: Sendable {
    public let team: TeamConfig
    private let bySlackUser: [String: Engineer]
    private let byEmail: [String: Engineer]

    public init(team: TeamConfig) {
        self.team = team
        var bySlackUser: [String: Engineer] = [:]
        var byEmail: [String: Engineer] = [:]
        for engineer in team.engineers {
            if let user = engineer.slackUser { bySlackUser[user] = engineer }
            if let email = engineer.email { byEmail[email.lowercased()] = engineer }
        }
        self.bySlackUser = bySlackUser
        self.byEmail = byEmail
    }

    public func engineer(slackUser: String) -> Engineer? { bySlackUser[slackUser] }
    public func engineer(email: String) -> Engineer? { byEmail[email.lowercased()] }

    /// Whether an address belongs to the team: an engineer's own, or an internal domain's.
    public func isInternal(email: String) -> Bool {
        // One rule with the metrics' (TeamConfig.isInternal), so intake and NPS figures agree.
        team.isInternal(email: email)
    }

    /// The customer whose `slack_channel` is this channel's id or name (with or without `#`).
    public func customer(slackChannelID id: String, name: String?) -> Customer? {
        team.customers.first { customer in
            guard let channel = customer.slackChannel else { return false }
            let bare = channel.hasPrefix("#") ? String(channel.dropFirst()) : channel
            return bare == id || (name != nil && bare == name)
        }
    }

    /// The customer whose `email_domains` holds the address's domain or a parent of it.
    public func customer(email: String) -> Customer? {
        guard let domain = Self.domain(email) else { return nil }
        return team.customers.first { customer in customer.emailDomains.contains { Self.domain(domain, isWithin: $0) } }
    }

    /// Mail and answers from an unknown customer land at the least important tier.
    public var lowestTier: String {
        team.tiers.max { $0.rank < $1.rank }?.id ?? "free"
    }

    /// The lower-cased domain of an address, if it has one.
    public static func domain(_ email: String) -> String? {
        guard let at = email.lastIndex(of: "@") else { return nil }
        let domain = email[email.index(after: at)...].lowercased()
        return domain.isEmpty ? nil : domain
    }

    /// "eu.acme.io" is within "acme.io"; "notacme.io" is not.
    static func domain(_ domain: String, isWithin parent: String) -> Bool {
        let parent = parent.lowercased()
        return domain == parent || domain.hasSuffix("." + parent)
    }
}
