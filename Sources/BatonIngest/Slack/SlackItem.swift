import Foundation

/// What one Slack message means for the queue.
public enum SlackItem: Equatable, Sendable {
    case post(SlackPost)
    /// `message_changed`: the message `ts` now reads `text`, with these attachments and
    /// files; `editedAt` is when its author edited it, nil for a change nobody typed (a
    /// bot updating its post, a preview added).
    case edit(ts: String, text: String, attachments: [String], files: [String], editedAt: Date?)
    /// `message_deleted`: the message `ts` went.
    case delete(ts: String, at: Date)
    /// Housekeeping (joins, topic changes) or nothing to keep; the reason is for counting.
    case skip(String)
    /// A message that cannot be stored as it is; what is wrong, for the import's report.
    case invalid(String)
}

/// A message worth keeping: a customer's, a team member's or a bot's.
public struct SlackPost: Equatable, Sendable {
    public var ts: String
    /// The thread it replies to; nil for a message that starts a thread.
    public var threadTS: String?
    public var user: String?
    public var isBot: Bool
    /// The name a bot or integration posted under.
    public var botName: String?
    /// The name Slack put on the message itself, for users missing from users.json.
    public var profileName: String?
    /// Still in Slack's markup; rendered once users and channels are known.
    public var text: String
    public var fileNames: [String]
    /// Integrations' attachments, in Slack's markup.
    public var attachmentTexts: [String]
    /// When its author last edited it, for a message exported after an edit.
    public var editedAt: Date?
    /// A tombstone: deleted, kept because replies hang off it.
    public var deleted: Bool

    public var createdAt: Date { SlackTime.date(ts) }
}

enum SlackTime {
    /// "1458240673.000002" → the instant; the digits after the dot only keep ts unique.
    static func date(_ ts: String) -> Date {
        Date(timeIntervalSince1970: Double(ts) ?? 0)
    }

    static func isValid(_ ts: String) -> Bool {
        guard let value = Double(ts) else { return false }
        return value > 0
    }
}

extension SlackMessage {
    public var item: SlackItem {
        if let subtype, Self.housekeeping.contains(subtype) { return .skip(subtype) }
        if subtype == "message_changed" {
            guard let changed = message, let ts = changed.ts else { return .skip("message_changed without a message") }
            // A thread's first message deleted under its replies: Slack leaves a tombstone in its place.
            if changed.subtype == "tombstone" { return .delete(ts: ts, at: SlackTime.date(self.ts ?? ts)) }
            guard changed.text != nil || !changed.attachmentTexts.isEmpty || !changed.fileNames.isEmpty else { return .skip("message_changed without a message") }
            return .edit(ts: ts, text: changed.text ?? "", attachments: changed.attachmentTexts, files: changed.fileNames,
                         editedAt: changed.editedTS.map(SlackTime.date))
        }
        if subtype == "message_deleted" {
            guard let deleted = deletedTS ?? message?.ts else { return .skip("message_deleted without deleted_ts") }
            return .delete(ts: deleted, at: SlackTime.date(ts ?? deleted))
        }
        guard type == nil || type == "message" else { return .skip(type ?? "") }
        guard let ts else { return .invalid(hasTS ? "\"ts\" is not a string" : "no \"ts\"") }
        guard SlackTime.isValid(ts) else { return .invalid("\"ts\" is not a Slack timestamp: \(ts)") }
        let text = self.text ?? ""
        if text.isEmpty && fileNames.isEmpty && attachmentTexts.isEmpty { return .skip("empty") }
        let isBot = subtype == "bot_message" || botID != nil
        return .post(SlackPost(ts: ts, threadTS: threadTS == ts ? nil : threadTS, user: user, isBot: isBot,
                               botName: username ?? botName, profileName: profileName, text: text, fileNames: fileNames, attachmentTexts: attachmentTexts,
                               editedAt: editedTS.map(SlackTime.date), deleted: subtype == "tombstone"))
    }
}
