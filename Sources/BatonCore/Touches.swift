/// Touches: a roster engineer acting on a conversation. One definition, shared by the
/// conversation screen's count, `baton conv show` and the metrics.
///
/// A touch is an audit event of one of `kinds` (reply, note, status or tag change, claim,
/// take, assign, release, rope-in) whose actor is on the roster, or a team message written
/// by a roster engineer (a reply or note in baton, or a message that came in from Slack or
/// email). Being assigned or roped in by someone else is not a touch: the event's actor is
/// the one who acted. The rotation ("rotation"), intake and feeders are not people, so
/// their events never count, whatever their kind.
public enum Touches {
    /// The event kinds that are a team member acting (not the system or a feeder).
    public static let kinds: Set<String> = ["claim", "take", "assign", "release", "ropein", "reply", "note", "status", "tag"]

    /// The engineer an audit event is a touch by, or nil when it is none.
    public static func toucher(kind: String, actor: String, engineers: Set<String>) -> String? {
        kinds.contains(kind) && engineers.contains(actor) ? actor : nil
    }

    /// The engineer a message is a touch by, or nil: team messages by roster engineers.
    public static func toucher(authorKind: AuthorKind, authorID: String?, engineers: Set<String>) -> String? {
        guard authorKind == .team, let id = authorID, engineers.contains(id) else { return nil }
        return id
    }

    /// The distinct engineers who touched a conversation.
    public static func people(_ detail: ConversationDetail, engineers: Set<String>) -> Set<String> {
        var who = Set(detail.events.compactMap { toucher(kind: $0.kind, actor: $0.actor, engineers: engineers) })
        for message in detail.messages {
            if let id = toucher(authorKind: message.authorKind, authorID: message.authorID, engineers: engineers) { who.insert(id) }
        }
        return who
    }

    /// How many distinct team members touched a conversation.
    public static func count(_ detail: ConversationDetail, engineers: Set<String>) -> Int {
        people(detail, engineers: engineers).count
    }
}
