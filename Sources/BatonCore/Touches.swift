/// Touches: how many distinct team members acted on a conversation. The audit log's
/// actions by engineers count, and so do team messages that came in from Slack or email.
public enum Touches {
    /// The event kinds that are a team member acting (not the system or a feeder).
    public static let kinds: Set<String> = ["claim", "take", "assign", "release", "ropein", "reply", "note", "status", "tag"]

    public static func count(_ detail: ConversationDetail, engineers: Set<String>) -> Int {
        var who = Set(detail.events.filter { kinds.contains($0.kind) && engineers.contains($0.actor) }.map(\.actor))
        for message in detail.messages where message.authorKind == .team {
            if let id = message.authorID, engineers.contains(id) { who.insert(id) }
        }
        return who.count
    }
}
