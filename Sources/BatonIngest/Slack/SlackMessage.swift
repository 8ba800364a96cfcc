import Foundation

/// One message object as Slack writes it, in an export's day file or an Events API
/// callback. Every field is read leniently: a field of an unexpected type is treated as
/// absent, so one odd message never costs the rest of its file.
public final class SlackMessage: Decodable, Sendable {
    public let type: String?
    public let subtype: String?
    public let ts: String?
    /// Whether the message has a `ts` at all, of whatever type: a number there is bad input, not housekeeping.
    public let hasTS: Bool
    public let threadTS: String?
    public let user: String?
    public let text: String?
    public let botID: String?
    /// A bot's or an integration's display name.
    public let username: String?
    public let botName: String?
    public let profileName: String?
    public let fileNames: [String]
    /// Integrations' attachments as text, in Slack's markup: what a bot post with an
    /// empty `text` (a GitHub commit, an alert) says.
    public let attachmentTexts: [String]
    public let editedTS: String?
    /// `message_changed`: the message as it is now.
    public let message: SlackMessage?
    /// `message_deleted`: the ts of the message that went.
    public let deletedTS: String?
    /// Events carry their channel; export messages get it from their folder.
    public let channel: String?

    enum Keys: String, CodingKey {
        case type, subtype, ts, user, text, username, files, attachments, edited, message, channel, name, title, display_name, real_name
        case threadTS = "thread_ts", botID = "bot_id", botProfile = "bot_profile", userProfile = "user_profile", deletedTS = "deleted_ts"
    }

    public required init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        func string(_ key: Keys) -> String? { (try? c.decodeIfPresent(String.self, forKey: key)) ?? nil }
        type = string(.type)
        subtype = string(.subtype)
        ts = string(.ts)
        hasTS = c.contains(.ts)
        threadTS = string(.threadTS)
        user = string(.user)
        text = string(.text)
        botID = string(.botID)
        username = string(.username)
        channel = string(.channel)
        deletedTS = string(.deletedTS)
        botName = Self.nested(c, .botProfile) { ($0["name"] ?? nil) ?? nil }
        profileName = Self.nested(c, .userProfile) { profile in
            [profile["display_name"], profile["real_name"]].compactMap { $0 ?? nil }.first { !$0.isEmpty }
        }
        editedTS = Self.nested(c, .edited) { ($0["ts"] ?? nil) ?? nil }
        message = (try? c.decodeIfPresent(SlackMessage.self, forKey: .message)) ?? nil
        let files = (try? c.decodeIfPresent([LenientStrings].self, forKey: .files)) ?? nil
        fileNames = (files ?? []).compactMap { file in
            [file.values["name"], file.values["title"]].compactMap { $0 ?? nil }.first { !$0.isEmpty }
        }
        let attachments = (try? c.decodeIfPresent([LenientStrings].self, forKey: .attachments)) ?? nil
        attachmentTexts = (attachments ?? []).compactMap { Self.attachmentText($0.values) }
    }

    /// An attachment's pretext, title (linked) and text, one a line; its fallback when it
    /// has none of them. A link preview (`from_url`) repeats a link the text has already.
    static func attachmentText(_ values: [String: String?]) -> String? {
        func value(_ key: String) -> String? { (values[key] ?? nil).flatMap { $0.isEmpty ? nil : $0 } }
        if value("from_url") != nil || value("original_url") != nil { return nil }
        var lines: [String] = []
        if let pretext = value("pretext") { lines.append(pretext) }
        if let title = value("title") { lines.append(value("title_link").map { "<\($0)|\(title)>" } ?? title) }
        if let text = value("text") { lines.append(text) }
        if lines.isEmpty, let fallback = value("fallback") { lines.append(fallback) }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// A small object of strings (bot_profile, user_profile, edited), read leniently.
    private static func nested(_ c: KeyedDecodingContainer<Keys>, _ key: Keys, _ pick: ([String: String?]) -> String?) -> String? {
        guard let object = try? c.decodeIfPresent(LenientStrings.self, forKey: key) else { return nil }
        return pick(object.values)
    }

    /// Slackbot's user id in every workspace: its posts (answers to keywords, reminders,
    /// "only visible to you" notices) owe nobody an answer.
    static let slackbot = "USLACKBOT"

    /// Subtypes no person wrote: integrations, Slackbot's custom responses, reminders
    /// coming due, and the stubs a huddle or call leaves in the channel.
    static let botSubtypes: Set<String> = ["bot_message", "slackbot_response", "reminder", "huddle_thread", "sh_room_created", "sh_room_shared"]

    /// Subtypes that are channel housekeeping, not conversation.
    static let housekeeping: Set<String> = [
        "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name", "channel_archive",
        "channel_unarchive", "group_join", "group_leave", "group_topic", "group_purpose", "group_name",
        "group_archive", "group_unarchive", "pinned_item", "unpinned_item", "channel_convert_to_private",
        "channel_convert_to_public", "reminder_add", "bot_add", "bot_remove", "message_replied",
        "joiner_notification_for_inviter", "joiner_notification", "ekm_access_denied",
    ]
}

/// An object whose string fields we want, ignoring any field of another type.
struct LenientStrings: Decodable {
    var values: [String: String?] = [:]

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        for key in c.allKeys {
            if let value = try? c.decode(String.self, forKey: key) { values[key.stringValue] = value }
        }
    }
}
