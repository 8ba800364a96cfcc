import BatonCore
import BatonStore
import Foundation

/// Slack messages into the store: a message that starts a thread starts a conversation,
/// replies join it, edits and deletions change what is stored. Keyed by channel and ts,
/// so running it again over the same messages adds nothing.
public struct SlackIntake: Sendable {
    public let roster: Roster
    public let directory: SlackDirectory
    /// Who each user of users.json is to us, worked out once rather than for every message.
    private let authors: [String: Author]

    public init(roster: Roster, directory: SlackDirectory) {
        self.roster = roster
        self.directory = directory
        authors = directory.users.mapValues { Self.author(of: $0, roster: roster) }
    }

    /// The channel's customer, through the config's `slack_channel` (an id or a name).
    public func customer(channel id: String) -> Customer? {
        roster.customer(slackChannelID: id, name: directory.channelName(id))
    }

    /// Stores a batch of one channel's messages, inside the caller's transaction.
    public func store(_ messages: [SlackMessage], channel: String, customer: Customer, writer: IntakeWriter) throws -> IngestReport {
        try store(prepare(messages, channel: channel, customer: customer), writer: writer)
    }

    /// Reads, renders and groups one channel's messages; needs no store.
    ///
    /// Posts are grouped by thread: a thread whose conversation is new is created with all
    /// its posts in one insert (none of them can be stored yet: their keys hang off it),
    /// which is most of an export and several times faster than appending one by one.
    public func prepare(_ messages: [SlackMessage], channel: String, customer: Customer) -> SlackBatch {
        var batch = SlackBatch()
        var posts: [String: [SlackBatch.Post]] = [:]
        var order: [String] = []
        for (index, message) in messages.enumerated() {
            switch message.item {
            case let .post(post):
                let thread = Self.key(channel, post.threadTS ?? post.ts)
                if posts[thread] == nil { order.append(thread) }
                let key = Self.key(channel, post.ts)
                posts[thread, default: []].append(SlackBatch.Post(message: newMessage(post, key: key, body: render(post.text, attachments: post.attachmentTexts, files: post.fileNames)),
                                                                  editedAt: post.editedAt, deleted: post.deleted))
            case let .edit(ts, text, attachments, files, editedAt):
                batch.changes.append(.edit(key: Self.key(channel, ts), body: render(text, attachments: attachments, files: files), editedAt: editedAt))
            case let .delete(ts, at):
                batch.changes.append(.delete(key: Self.key(channel, ts), at: at))
            case .skip:
                batch.skipped += 1
            case let .invalid(why):
                batch.problems.append("message \(index + 1): \(why); left out")
            }
        }
        for thread in order {
            let all = posts[thread]!
            var seen = Set<String>()
            let unique = all.filter { seen.insert($0.message.externalKey ?? "").inserted }.map(\.message)
            // The dedicated-pair rule, at the time the thread started.
            let conversation = NewConversation(externalKey: thread, customerID: customer.id, customerName: customer.name, tierID: customer.tier,
                                               subject: StoredText.subject(unique[0].body), source: .slack, messages: unique)
                .resolvingOwner(team: roster.team, at: unique[0].createdAt)
            batch.threads.append(SlackBatch.Thread(conversation: conversation, posts: all, repeats: all.count - unique.count))
        }
        return batch
    }

    /// Stores a prepared batch, inside the caller's transaction. Keyed by channel and ts,
    /// so storing the same messages again adds nothing. Edits and deletions come after
    /// the posts, as they refer to posts before them.
    public func store(_ batch: SlackBatch, writer: IntakeWriter) throws -> IngestReport {
        var report = IngestReport()
        report.skipped = batch.skipped
        report.rejected = batch.problems.count
        for thread in batch.threads {
            try store(thread, writer: writer, report: &report)
        }
        for change in batch.changes {
            let changed: Bool
            switch change {
            case let .edit(key, body, editedAt): changed = try edit(key, body: body, editedAt: editedAt, writer: writer)
            case let .delete(key, at): changed = try writer.deleteMessage(key, at: at)
            }
            if changed { report.updated += 1 } else { report.skipped += 1 }
        }
        return report
    }

    func store(_ thread: SlackBatch.Thread, writer: IntakeWriter, report: inout IngestReport) throws {
        let (id, created) = try writer.create(thread.conversation)
        if created {
            // A new thread (or a reply whose start is not stored) started the conversation.
            report.conversationsCreated += 1
            report.messagesAdded += thread.conversation.messages.count
            report.skipped += thread.repeats
            for post in thread.posts {
                if let editedAt = post.editedAt { try writer.markEdited(post.message.externalKey!, at: editedAt) }
                if post.deleted { _ = try writer.deleteMessage(post.message.externalKey!, at: post.message.createdAt) }
            }
            return
        }
        for post in thread.posts {
            let key = post.message.externalKey!
            // Only an edited or deleted post needs the look-up; for the rest, append's own key check skips known ones.
            if post.editedAt != nil || post.deleted, try writer.hasMessage(key) {
                // Known: an export taken after an edit or a deletion brings the change along.
                var changed = false
                if let editedAt = post.editedAt, try edit(key, body: post.message.body, editedAt: editedAt, writer: writer) { changed = true }
                if post.deleted, try writer.deleteMessage(key, at: post.message.createdAt) { changed = true }
                if changed { report.updated += 1 } else { report.skipped += 1 }
                continue
            }
            if try writer.append(post.message, to: id) { report.messagesAdded += 1 } else { report.skipped += 1 }
            if let editedAt = post.editedAt { try writer.markEdited(key, at: editedAt) }
            if post.deleted { _ = try writer.deleteMessage(key, at: post.message.createdAt) }
        }
    }

    /// Replaces a stored message's text; when it opened its conversation, the subject follows.
    func edit(_ key: String, body: String, editedAt: Date?, writer: IntakeWriter) throws -> Bool {
        guard try writer.editMessage(key, body: body, editedAt: editedAt) else { return false }
        try writer.retitle(openedBy: key, subject: StoredText.subject(body))
        return true
    }

    func newMessage(_ post: SlackPost, key: String, body: String) -> NewMessage {
        let author = author(post)
        return NewMessage(externalKey: key, authorKind: author.kind, authorName: author.name, authorID: author.id, body: body, createdAt: post.createdAt)
    }

    struct Author: Sendable {
        var kind: AuthorKind
        var name: String
        /// The engineer's id for the team, the Slack user's for others.
        var id: String?
    }

    /// Bots as bots; the team through the roster's `slack_user` or an internal address.
    func author(_ post: SlackPost) -> Author {
        if post.isBot { return Author(kind: .bot, name: post.botName ?? post.user.flatMap(directory.userName) ?? "bot", id: post.user) }
        guard let user = post.user else { return Author(kind: .customer, name: post.profileName ?? "unknown", id: nil) }
        if let known = authors[user] { return known }
        // Not in users.json (an events receiver knows nobody): the roster, else the name on the message.
        if let engineer = roster.engineer(slackUser: user) { return Author(kind: .team, name: engineer.name, id: engineer.id) }
        return Author(kind: .customer, name: post.profileName ?? user, id: user)
    }

    static func author(of user: SlackDirectory.User, roster: Roster) -> Author {
        if let engineer = roster.engineer(slackUser: user.id) { return Author(kind: .team, name: engineer.name, id: engineer.id) }
        if let email = user.email {
            if let engineer = roster.engineer(email: email) { return Author(kind: .team, name: engineer.name, id: engineer.id) }
            if roster.isInternal(email: email) { return Author(kind: .team, name: user.name, id: nil) }
        }
        return Author(kind: user.isBot ? .bot : .customer, name: user.name, id: user.id)
    }

    /// The text, then each attachment, then the files' names, one after another.
    func render(_ text: String, attachments: [String] = [], files: [String]) -> String {
        let parts = ([text] + attachments).map { SlackMarkup.render($0, userName: { directory.userName($0) }, channelName: { directory.channelName($0) }) }
            + files.map { "[file: \($0)]" }
        // Capped as mail is: Slack takes messages far longer than anyone reads in a thread.
        return StoredText.storable(StoredText.capped(parts.filter { !$0.isEmpty }.joined(separator: "\n")))
    }

    static func key(_ channel: String, _ ts: String) -> String { "slack:\(channel):\(ts)" }
}
