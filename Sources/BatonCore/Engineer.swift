/// A team member who can own conversations.
public struct Engineer: Equatable, Sendable {
    public var id: String
    public var name: String
    public var region: String
    public var unixUser: String?
    public var slackUser: String?
    public var email: String?
    /// How their screen tells them of an alert (`alert`, default bell; issue 12).
    public var alert: AlertStyle = .bell
    /// Their own `notify_command`, split by `CommandWords`; nil: the team's.
    public var notifyCommand: [String]?

    public init(id: String, name: String? = nil, region: String, unixUser: String? = nil, slackUser: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name ?? id
        self.region = region
        self.unixUser = unixUser
        self.slackUser = slackUser
        self.email = email
    }
}
