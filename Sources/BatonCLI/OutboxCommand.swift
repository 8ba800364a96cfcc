import ArgumentParser
import BatonConfig
import BatonCore
import BatonOutbox
import BatonStore
import Foundation

/// `baton outbox send|list|retry|cancel`: the replies waiting to reach customers (issue 13).
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Replies waiting to reach customers: send what is due, list, retry, cancel.",
        discussion: """
            Each reply goes queued → sending → sent, or failed (with the reason, the attempts and \
            the next try), or unconfirmed (its sender died while handing it over: it may have \
            been sent; check, then retry or cancel). `baton outbox send` sends email replies \
            through [email] sendmail; Slack replies are sent by `baton serve`.
            """,
        subcommands: [Send.self, List.self, Retry.self, Cancel.self])

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send the email replies that are due, once, and exit (for a timer or cron).")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let sending = try SendingConfig.load(path: context.configPath)
                let connector = EmailConnector(store: context.store, team: context.team, sending: sending, clock: { Clock.now() })
                let sender = OutboxSender(store: context.store, connectors: [connector], actor: "\(NSUserName()) (outbox)", clock: { Clock.now() })
                let report = try sender.sendDue()
                for id in report.unconfirmed { print("reply \(id): unconfirmed (its sender died while sending); check, then `baton outbox retry \(id)`") }
                for id in report.sent { print("reply \(id): sent") }
                for (id, reason) in report.failed { print(ConversationText.safe("reply \(id): failed: \(reason)")) }
                if !report.failed.isEmpty || !report.unconfirmed.isEmpty { throw ExitCode(ExitStatus.failure) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the outbox: replies not yet sent, failed and unconfirmed ones (all with --all).")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Only failed and unconfirmed replies.") var failed = false
        @Flag(help: "Sent and cancelled replies too.") var all = false
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let states: Set<OutboxState>? = failed ? [.failed, .unconfirmed] : all ? nil : [.queued, .sending, .failed, .unconfirmed]
                let replies = try context.store.outbox(states: states)
                if json {
                    print(try JSONOutput.encode(replies.map(OutboxJSON.init)))
                    return
                }
                for reply in replies { print(ConversationText.safe(Self.line(reply))) }
            }
        }

        static func line(_ reply: OutboxReply) -> String {
            var text = "\(reply.messageID)  #\(reply.conversationID)  \(reply.source.rawValue)  \(reply.state.rawValue)  \(reply.authorName)  tries \(reply.attempts)"
            if let next = reply.nextTryAt { text += "  next \(OutboxJSON.iso(next))" }
            if let sent = reply.sentAt { text += "  sent \(OutboxJSON.iso(sent))" }
            if let remote = reply.remoteID, reply.state == .sent { text += "  \(remote)" }
            if let reason = reply.reason, reply.state == .failed || reply.state == .unconfirmed { text += "  \(reason)" }
            return text
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a failed or unconfirmed reply again; the next sender sends it.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The reply's id (`baton outbox list`).") var id: Int64

        func run() throws {
            try OutboxCommand.act(on: id, options, done: "queued again") { store, actor, now in
                try store.retryReply(id, actor: actor, at: now)
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a reply that has not been sent; what it answered stays owed.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The reply's id (`baton outbox list`).") var id: Int64

        func run() throws {
            try OutboxCommand.act(on: id, options, done: "cancelled") { store, actor, now in
                try store.cancelReply(id, actor: actor, at: now)
            }
        }
    }

    /// Retry and cancel: a person on the roster changes one reply; a reply in the wrong
    /// state (OutboxError) is someone else's change that got there first, exit 3.
    static func act(on id: Int64, _ options: GlobalOptions, done: String,
                    _ change: (StoreBackend, String, Date) throws -> Void) throws {
        try reportingFailures {
            let context = try Context.load(options)
            let me = try context.actor()
            do { try change(context.store, me.id, Clock.now()) } catch let error as OutboxError {
                throw Failure(description: error.description, exitCode: ExitStatus.conflict)
            }
            print("reply \(id): \(done)")
        }
    }
}

/// One reply in `baton outbox list --json`: instants in ISO 8601 UTC, attempts counted from 0.
struct OutboxJSON: Encodable {
    var id: Int64
    var conversation: Int64
    var source: String
    var state: String
    var author: String
    var attempts: Int
    var nextTry: String?
    var reason: String?
    var remoteID: String?
    var queuedAt: String
    var sentAt: String?

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    init(_ reply: OutboxReply) {
        id = reply.messageID
        conversation = reply.conversationID
        source = reply.source.rawValue
        state = reply.state.rawValue
        author = reply.authorName
        attempts = reply.attempts
        nextTry = reply.nextTryAt.map(OutboxJSON.iso)
        reason = reply.reason
        remoteID = reply.remoteID
        queuedAt = OutboxJSON.iso(reply.queuedAt)
        sentAt = reply.sentAt.map(OutboxJSON.iso)
    }
}
