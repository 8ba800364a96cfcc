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

/// Slack's `ts`: seconds since 1970 in UTC, as digits with an optional fraction
/// ("1458240673.000002"). Outside input: anything else, and any instant outside 1970 to
/// 9999, is bad input, never a number that traps when it is made an integer later
/// (`1e300`, `inf`, `nan` and `1e19` all crashed the import).
enum SlackTime {
    /// The latest instant a ts may name: the end of year 9999 (UTC), the last day the
    /// store's calendars write.
    static let latest: Double = 253_402_300_799

    /// The instant of a well-formed ts, nil for anything else.
    static func instant(_ ts: String) -> Date? {
        let parts = ts.utf8.split(separator: 0x2E, maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, (1...12).contains(whole.count), whole.allSatisfy({ (0x30...0x39).contains($0) }),
              parts.count == 1 || (parts[1].count <= 9 && parts[1].allSatisfy({ (0x30...0x39).contains($0) })),
              let value = Double(ts), value.isFinite, value > 0, value <= latest else { return nil }
        return Date(timeIntervalSince1970: value)
    }

    /// The instant of a ts checked before with `instant`; the epoch for one that was not.
    static func date(_ ts: String) -> Date {
        instant(ts) ?? Date(timeIntervalSince1970: 0)
    }

    static func isValid(_ ts: String) -> Bool { instant(ts) != nil }

    /// Why `ts` under `field` is bad input, for the import's report; nil when it is good.
    static func problem(_ ts: String?, field: String) -> String? {
        guard let ts, instant(ts) == nil else { return nil }
        return "\"\(field)\" is not a Slack timestamp: \(ts.prefix(40))"
    }
}

extension SlackMessage {
    public var item: SlackItem {
        if let subtype, Self.housekeeping.contains(subtype) { return .skip(subtype) }
        if subtype == "message_changed" {
            guard let changed = message, let ts = changed.ts else { return .skip("message_changed without a message") }
            if let problem = SlackTime.problem(ts, field: "message.ts") ?? SlackTime.problem(self.ts, field: "ts")
                ?? SlackTime.problem(changed.editedTS, field: "message.edited.ts") { return .invalid(problem) }
            // A thread's first message deleted under its replies: Slack leaves a tombstone in its place.
            if changed.subtype == "tombstone" { return .delete(ts: ts, at: SlackTime.date(self.ts ?? ts)) }
            guard changed.text != nil || !changed.attachmentTexts.isEmpty || !changed.fileNames.isEmpty else { return .skip("message_changed without a message") }
            return .edit(ts: ts, text: changed.text ?? "", attachments: changed.attachmentTexts, files: changed.fileNames,
                         editedAt: changed.editedTS.map(SlackTime.date))
        }
        if subtype == "message_deleted" {
            guard let deleted = deletedTS ?? message?.ts else { return .skip("message_deleted without deleted_ts") }
            if let problem = SlackTime.problem(deleted, field: deletedTS != nil ? "deleted_ts" : "message.ts") ?? SlackTime.problem(ts, field: "ts") {
                return .invalid(problem)
            }
            return .delete(ts: deleted, at: SlackTime.date(ts ?? deleted))
        }
        guard type == nil || type == "message" else { return .skip(type ?? "") }
        guard let ts else { return .invalid(hasTS ? "\"ts\" is not a string" : "no \"ts\"") }
        if let problem = SlackTime.problem(ts, field: "ts") ?? SlackTime.problem(editedTS, field: "edited.ts") { return .invalid(problem) }
        let text = self.text ?? ""
        if text.isEmpty && fileNames.isEmpty && attachmentTexts.isEmpty { return .skip("empty") }
        let isBot = botID != nil || user == SlackMessage.slackbot || subtype.map(SlackMessage.botSubtypes.contains) == true
        return .post(SlackPost(ts: ts, threadTS: threadTS == ts ? nil : threadTS, user: user, isBot: isBot,
                               botName: username ?? botName ?? (user == SlackMessage.slackbot ? "Slackbot" : nil), profileName: profileName, text: text, fileNames: fileNames, attachmentTexts: attachmentTexts,
                               editedAt: editedTS.map(SlackTime.date), deleted: subtype == "tombstone"))
    }
}
