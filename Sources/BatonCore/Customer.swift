import Foundation

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
    /// "24x7", "business" or a `[[calendar]]` id; nil: the tier's hours.
    public var hours: String?
    /// The customer's own zone, where `hours = "business"` is counted; nil: the first region's.
    public var timeZone: TimeZone?

    public init(id: String, name: String? = nil, tier: String, slackChannel: String? = nil, emailDomains: [String] = [], engineer: String? = nil, csm: String? = nil,
                hours: String? = nil, timeZone: TimeZone? = nil) {
        self.id = id
        self.name = name ?? id
        self.tier = tier
        self.slackChannel = slackChannel
        self.emailDomains = emailDomains
        self.engineer = engineer
        self.csm = csm
        self.hours = hours
        self.timeZone = timeZone
    }
}
