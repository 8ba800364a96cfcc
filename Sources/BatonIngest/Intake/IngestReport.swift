/// What an import did, for the one-line summary and the exit status.
public struct IngestReport: Equatable, Sendable {
    public var conversationsCreated = 0
    public var messagesAdded = 0
    /// Known already (a second run), or deliberately left out (joins, topic changes).
    public var skipped = 0
    public var quarantined = 0
    /// Bad input left out: a malformed file, a row that does not parse.
    public var rejected = 0
    /// Edits and deletions applied to stored messages.
    public var updated = 0
    /// What was wrong, each naming where and what: bad input left out, and oddities survived.
    public var problems: [String] = []

    public init() {}

    public mutating func add(_ other: IngestReport) {
        conversationsCreated += other.conversationsCreated
        messagesAdded += other.messagesAdded
        skipped += other.skipped
        quarantined += other.quarantined
        rejected += other.rejected
        updated += other.updated
        problems += other.problems
    }

    public var summary: String {
        "\(conversationsCreated) conversation\(conversationsCreated == 1 ? "" : "s") created, "
            + "\(messagesAdded) message\(messagesAdded == 1 ? "" : "s") added, \(updated) updated, "
            + "\(skipped) skipped, \(quarantined) quarantined, \(rejected) rejected"
    }

    /// Whether some input was bad: left out, or kept only in the quarantine.
    public var leftSomethingOut: Bool { quarantined > 0 || rejected > 0 }
}
