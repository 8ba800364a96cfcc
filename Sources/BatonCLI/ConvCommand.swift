import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton conv ...`: the queue for scripts.
struct ConvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv", abstract: "List, show and act on conversations, for scripts and quick hands.",
        subcommands: [List.self, Show.self, History.self, Claim.self, Take.self, Assign.self, Release.self, RopeIn.self,
                      Reply.self, Note.self, Status.self, Tag.self, Merge.self, Split.self, Attachments.self, Attachment.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the queue: open conversations by SLA deadline, earliest first.")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Include solved and closed conversations.") var all = false
        @Flag(help: "Print a JSON array.") var json = false
        @Option(help: ArgumentHelp("Only the conversations that match every word: subject, customer, owner, tags, authors or text; and qualifiers owner:ID customer:ID tier:ID tag:TAG status:STATUS is:unowned is:mine is:breaching is:atrisk is:closed.",
                                   valueName: "TEXT")) var filter: String = ""

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let now = Clock.now()
                // is:mine is whoever runs this; for someone not on the roster it matches nothing.
                let query = QueueQuery(includeClosed: all, filter: filter, viewer: (try? context.identity())?.engineer?.id, now: now)
                var offset = 0
                var first = true
                if json { print("[", terminator: "") }
                else { print(ConversationText.listHeader) }
                // Page through the store so that a large queue never sits in memory whole.
                while true {
                    let rows = try context.store.queueWindow(query, offset: offset, limit: 500)
                    for row in rows {
                        if json {
                            print((first ? "\n" : ",\n") + (try JSONOutput.encode(ConversationJSON(row: row))), terminator: "")
                        } else {
                            print(ConversationText.listLine(row, now: now))
                        }
                        first = false
                    }
                    if rows.count < 500 { break }
                    offset += rows.count
                }
                if json { print(first ? "]" : "\n]") }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one conversation: its facts, thread and history.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Flag(help: "Print a JSON object with its messages and events.") var json = false

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let detail = try context.conversation(id)
                if json {
                    print(try JSONOutput.encode(ConversationJSON(row: detail.row, detail: detail)))
                } else {
                    print(ConversationText.show(detail, now: Clock.now(), zone: .current))
                }
            }
        }
    }
}
