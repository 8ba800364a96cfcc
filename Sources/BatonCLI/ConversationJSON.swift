import BatonCore
import Foundation

/// A conversation as scripts read it. The key names are a promise: later versions add
/// keys but never rename these.
struct ConversationJSON: Encodable {
    var row: QueueRow
    var detail: ConversationDetail?
    /// The instant `sla_state` is judged at.
    var now: Date = Clock.now()

    enum Keys: String, CodingKey {
        case id, customer, customer_id, tier, subject, status, owner, owner_via, source, created_at, updated_at, sla_due, message_count, version, messages, events, collaborators, tags,
            sla_state, sla_paused
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(row.id, forKey: .id)
        try container.encode(row.customerName, forKey: .customer)
        try container.encode(row.customerID, forKey: .customer_id)
        try container.encode(row.tierID, forKey: .tier)
        try container.encode(row.subject, forKey: .subject)
        try container.encode(row.status.rawValue, forKey: .status)
        try container.encode(row.ownerID, forKey: .owner)
        try container.encode(row.ownerVia?.rawValue, forKey: .owner_via)
        try container.encode(row.source.rawValue, forKey: .source)
        try container.encode(CalendarText.rfc3339(row.createdAt), forKey: .created_at)
        try container.encode(CalendarText.rfc3339(row.updatedAt), forKey: .updated_at)
        try container.encode(row.slaDue.map(CalendarText.rfc3339), forKey: .sla_due)
        try container.encode(row.slaState(at: now).rawValue, forKey: .sla_state)
        try container.encode(row.slaPaused, forKey: .sla_paused)
        try container.encode(row.messageCount, forKey: .message_count)
        try container.encode(row.version, forKey: .version)
        if let detail {
            try container.encode(detail.messages.map(MessageJSON.init), forKey: .messages)
            try container.encode(detail.events.map(EventJSON.init), forKey: .events)
            try container.encode(detail.tags, forKey: .tags)
        }
        try container.encode(detail?.collaborators ?? row.collaborators, forKey: .collaborators)
    }
}

struct MessageJSON: Encodable {
    var message: Message
    enum Keys: String, CodingKey { case id, author, author_kind, author_id, body, created_at, sent_at, state, edited_at, deleted_at }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(message.id, forKey: .id)
        try container.encode(message.authorName, forKey: .author)
        try container.encode(message.authorKind.rawValue, forKey: .author_kind)
        try container.encode(message.authorID, forKey: .author_id)
        try container.encode(message.body, forKey: .body)
        try container.encode(CalendarText.rfc3339(message.createdAt), forKey: .created_at)
        try container.encode(message.state.rawValue, forKey: .state)
        // null when it did not happen, so every message has the same keys.
        try container.encode(message.editedAt.map(CalendarText.rfc3339), forKey: .edited_at)
        try container.encode(message.deletedAt.map(CalendarText.rfc3339), forKey: .deleted_at)
        // What the sender's Date header claimed; created_at is when baton received it.
        try container.encode(message.sentAt.map(CalendarText.rfc3339), forKey: .sent_at)
    }
}

struct EventJSON: Encodable {
    var event: AuditEvent
    enum Keys: String, CodingKey { case id, at, actor, kind, detail }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(event.id, forKey: .id)
        try container.encode(CalendarText.rfc3339(event.at), forKey: .at)
        try container.encode(event.actor, forKey: .actor)
        try container.encode(event.kind, forKey: .kind)
        try container.encode(event.detail, forKey: .detail)
    }
}

enum JSONOutput {
    /// Pretty, sorted JSON (RFC 8259) whose every character a terminal acts on is a `\u`
    /// escape. JSONEncoder escapes C0 controls but passes DEL, the C1 controls (U+0080 to
    /// U+009F: CSI is one), the bidi controls and the line separators through raw, and
    /// `baton ... --json` is often read on a terminal. Those can only be inside strings
    /// (the rest of the document is ASCII), so escaping them after encoding keeps it valid.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return escapingTerminalControls(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func escapingTerminalControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var output = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// (C0 controls JSONEncoder escapes itself; outside strings, they are its layout.)
    /// DEL, C1, the bidi controls (RLO and friends, isolates, marks) and the Unicode line
    /// and paragraph separators.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
