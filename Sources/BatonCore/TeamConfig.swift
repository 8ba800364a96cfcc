/// Everything baton.toml says about the team: who, where, which customers, which targets.
public struct TeamConfig: Sendable {
    /// The store's path; relative paths are already resolved against the config's folder.
    public var storePath: String
    public var internalDomains: [String]
    public var rotation: Rotation
    public var engineers: [Engineer]
    public var tiers: [Tier]
    public var customers: [Customer]
    /// The theme named in the config, if any.
    public var theme: String?
    /// The queue's saved views (`[[view]]`), after the six built in.
    public var views: [SavedView] = []
    /// The `[[calendar]]` tables: open hours that tiers and customers count their SLA in.
    public var calendars: [BusinessCalendar] = []
    /// The team's `notify_command`, split by `CommandWords`: run for each alert of an
    /// engineer without one of their own, and for escalations in a gap (issue 12).
    public var notifyCommand: [String]?

    public init(storePath: String, internalDomains: [String] = [], rotation: Rotation, engineers: [Engineer], tiers: [Tier], customers: [Customer], theme: String? = nil) {
        self.storePath = storePath
        self.internalDomains = internalDomains
        self.rotation = rotation
        self.engineers = engineers
        self.tiers = tiers
        self.customers = customers
        self.theme = theme
    }

    public var regions: [Region] { rotation.regions }

    public func engineer(_ id: String) -> Engineer? { engineers.first { $0.id == id } }
    public func customer(_ id: String) -> Customer? { customers.first { $0.id == id } }
    public func tier(_ id: String) -> Tier? { tiers.first { $0.id == id } }
    public func region(_ id: String) -> Region? { regions.first { $0.id == id } }

    /// The command run for an alert to `engineer` (nil: nobody holds point): theirs, else the team's.
    public func notifyCommand(for engineer: String?) -> [String]? {
        engineer.flatMap { self.engineer($0)?.notifyCommand } ?? notifyCommand
    }
}
