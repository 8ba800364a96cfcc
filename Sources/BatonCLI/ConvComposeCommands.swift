import ArgumentParser
import BatonCore
import BatonStore
import BatonTUI
import Foundation

/// `baton conv reply|note|history`: writing to a conversation, and reading its audit log.
extension ConvCommand {
    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reply to the customer: the body comes from stdin when it is not a terminal, else from $EDITOR. The reply is queued to send.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Flag(help: "Print a JSON object.") var json = false

        func run() throws {
            try ComposeRun.run(.reply, id: id, options: options, json: json) { context, me, number, body in
                try context.store.queueReply(number, body: body, actor: me.id, authorName: me.name, at: Clock.now())
            }
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an internal note for the team (never sent): from stdin when it is not a terminal, else from $EDITOR.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Flag(help: "Print a JSON object.") var json = false

        func run() throws {
            try ComposeRun.run(.note, id: id, options: options, json: json) { context, me, number, body in
                try context.store.addNote(number, body: body, actor: me.id, authorName: me.name, at: Clock.now())
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a conversation's audit log: who did what, when, from what to what.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Flag(help: "Print a JSON object with the events and the touch count.") var json = false

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let detail = try context.conversation(id)
                let touches = Touches.count(detail, engineers: Set(context.team.engineers.map(\.id)))
                if json {
                    print(try JSONOutput.encode(HistoryJSON(id: detail.row.id, touches: touches, events: detail.events.map(EventJSON.init))))
                } else {
                    for event in detail.events {
                        print(ConversationText.safe("\(CalendarText.dayAndTime(event.at, in: .current))  \(event.actor)  \(event.kind)  \(event.detail)"))
                    }
                    print("touches: \(touches)")
                }
            }
        }
    }
}

struct HistoryJSON: Encodable {
    var id: Int64
    var touches: Int
    var events: [EventJSON]
}

/// Gets a reply's or note's body (stdin for scripts, the editor for people), then stores it.
enum ComposeRun {
    static func run(_ kind: ComposeKind, id: String, options: GlobalOptions, json: Bool,
                    _ store: (Context, Engineer, Int64, String) throws -> ActionResult) throws {
        try reportingFailures {
            let number = try ConversationNumber.parse(id)
            let context = try Context.load(options)
            let me = try context.actor()
            // Before the editor opens: nobody writes a reply to a conversation that is not there.
            let detail = try ActionRun.mapped(number, context: context) { try context.store.conversation(number) }
            let body: String
            if isatty(STDIN_FILENO) == 0 {
                body = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                guard !body.isEmpty else { throw Failure(description: "the \(kind.rawValue) on stdin is empty; nothing stored") }
            } else {
                let presence = ReplyingPresence(store: context.store, engineer: me.id, conversation: number)
                if kind == .reply {
                    let others = try presence.othersReplying()
                    if !others.isEmpty, !TerminalQuestion.ask("\(Presence.summary(others)) to #\(number). Reply anyway?") {
                        throw Failure(description: "nothing written")
                    }
                    presence.start()
                }
                defer { if kind == .reply { presence.stop() } }
                let opened = Date()
                // The same file the screen's R opens: the quoted message and the scissors block naming where it goes.
                let reply = ReplyContext(kind, detail: detail, team: context.team, zone: .current, now: Clock.now())
                switch try Composer.compose(kind, conversation: number, author: me.id, store: context.store,
                                            environment: ProcessInfo.processInfo.environment, now: Date(), context: reply) {
                case .body(let text):
                    // As on the screen: someone wrote meanwhile, so ask, keeping the text either way.
                    let writers = ReplyCollision.writers(in: try context.store.conversation(number).messages, since: opened, author: me.id)
                    if kind == .reply, !writers.isEmpty,
                       !TerminalQuestion.ask("\(ReplyCollision.text(writers)) while you were writing. Queue your reply anyway?") {
                        try context.store.saveDraft(number, author: me.id, kind: kind.rawValue, body: text, at: Clock.now())
                        throw Failure(description: "not sent; your reply is kept as a draft and `baton conv reply \(number)` opens it again")
                    }
                    body = text
                case .cancelled: throw Failure(description: "the \(kind.rawValue) was left empty; nothing stored")
                case .failed(let message): throw Failure(description: message)
                }
            }
            let result = try ActionRun.mapped(number, context: context) { try store(context, me, number, body) }
            print(json ? try JSONOutput.encode(ActionJSON(result: result)) : ActionRun.text(result, me: me))
        }
    }
}
