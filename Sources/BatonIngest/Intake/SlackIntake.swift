import BatonCore
import BatonStore
import Foundation

/// Slack messages into the store: a message that starts a thread starts a conversation,
/// replies join it, edits and deletions change what is stored. Keyed by channel and ts,
/// so running it again over the same messages adds nothing.
public struct SlackIntake: Sendable {
    public let roster: Roster
    public let directory: SlackDirectory

    public init(roster: Roster, directory: SlackDirectory) {
        self.roster = roster
        self.directory = directory
    }

    /// The channel's customer, through the config's `slack_channel` (an id or a name).
    public func customer(channel id: String) -> Customer? {
        roster.customer(slackChannelID: id, name: directory.channelName(id))
    }

    /// Stores a batch of one channel's messages, inside the caller's transaction.
    ///
    /// Posts are grouped by thread: a thread whose conversation is new is created with all
    /// its posts in one insert (none of them can be stored yet: their keys hang off it),
    /// which is most of an export and several times faster than appending one by one.
    /// Edits and deletions come after the posts, as they refer to posts before them.
    public func store(_ messages: [SlackMessage], channel: String, customer: Customer, writer: IntakeWriter) throws -> IngestReport {
        var report = IngestReport()
        var threads: [String: [SlackPost]] = [:]
        var order: [String] = []
        var changes: [SlackItem] = []
        for message in messages {
            switch message.item {
            case let .post(post):
                let thread = Self.key(channel, post.threadTS ?? post.ts)
                if threads[thread] == nil { order.append(thread) }
                threads[thread, default: []].append(post)
            case .edit, .delete:
                changes.append(message.item)
            case .skip:
                report.skipped += 1
            }
        }
        for thread in order {
            try store(threads[thread]!, thread: thread, channel: channel, customer: customer, writer: writer, report: &report)
        }
        for change in changes {
            switch change {
            case let .edit(ts, text, at):
                if try writer.editMessage(Self.key(channel, ts), body: render(text, files: []), at: at) { report.updated += 1 } else { report.skipped += 1 }
            case let .delete(ts, at):
                if try writer.deleteMessage(Self.key(channel, ts), at: at) { report.updated += 1 } else { report.skipped += 1 }
            default:
                break
            }
        }
        return report
    }

    func store(_ posts: [SlackPost], thread: String, channel: String, customer: Customer, writer: IntakeWriter, report: inout IngestReport) throws {
        guard let id = try writer.conversationID(externalKey: thread) else {
            // A new thread (or a reply whose start is not stored) starts the conversation.
            var seen = Set<String>()
            let unique = posts.filter { seen.insert($0.ts).inserted }
            let messages = unique.map { newMessage($0, key: Self.key(channel, $0.ts), body: render($0.text, files: $0.fileNames)) }
            // The dedicated-pair rule, at the time the thread started.
            _ = try writer.create(NewConversation(externalKey: thread, customerID: customer.id, customerName: customer.name, tierID: customer.tier,
                                                  subject: StoredText.subject(messages[0].body), source: .slack, messages: messages)
                .resolvingOwner(team: roster.team, at: messages[0].createdAt))
            report.conversationsCreated += 1
            report.messagesAdded += messages.count
            report.skipped += posts.count - unique.count
            for post in unique where post.deleted { _ = try writer.deleteMessage(Self.key(channel, post.ts), at: post.createdAt) }
            return
        }
        for post in posts {
            let key = Self.key(channel, post.ts)
            let body = render(post.text, files: post.fileNames)
            // Only an edited or deleted post needs the look-up; for the rest, append's own key check skips known ones.
            if post.edited || post.deleted, try writer.hasMessage(key) {
                // Known: an export taken after an edit or a deletion brings the change along.
                var changed = false
                if post.edited, try writer.editMessage(key, body: body, at: post.createdAt) { changed = true }
                if post.deleted, try writer.deleteMessage(key, at: post.createdAt) { changed = true }
                if changed { report.updated += 1 } else { report.skipped += 1 }
                continue
            }
            if try writer.append(newMessage(post, key: key, body: body), to: id) { report.messagesAdded += 1 } else { report.skipped += 1 }
            if post.deleted { _ = try writer.deleteMessage(key, at: post.createdAt) }
        }
    }

    func newMessage(_ post: SlackPost, key: String, body: String) -> NewMessage {
        let (kind, name, id) = author(post)
        return NewMessage(externalKey: key, authorKind: kind, authorName: name, authorID: id, body: body, createdAt: post.createdAt)
    }

    /// Team members through the roster's `slack_user` or an internal address; bots as bots.
    func author(_ post: SlackPost) -> (AuthorKind, String, String?) {
        if post.isBot { return (.bot, post.botName ?? post.user.flatMap(directory.userName) ?? "bot", post.user) }
        guard let user = post.user else { return (.customer, post.profileName ?? "unknown", nil) }
        if let engineer = roster.engineer(slackUser: user) { return (.team, engineer.name, engineer.id) }
        let known = directory.users[user]
        let name = known?.name ?? post.profileName ?? user
        if let email = known?.email {
            if let engineer = roster.engineer(email: email) { return (.team, engineer.name, engineer.id) }
            if roster.isInternal(email: email) { return (.team, name, nil) }
        }
        if known?.isBot == true { return (.bot, name, user) }
        return (.customer, name, user)
    }

    func render(_ text: String, files: [String]) -> String {
        var body = SlackMarkup.render(text, userName: { directory.userName($0) }, channelName: { directory.channelName($0) })
        for file in files { body += (body.isEmpty ? "" : "\n") + "[file: \(file)]" }
        return StoredText.storable(body)
    }

    static func key(_ channel: String, _ ts: String) -> String { "slack:\(channel):\(ts)" }
}
