import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton conv merge ID --into ID` and `baton conv split ID --from MESSAGE`: joining two
/// conversations of one customer, and taking a later part of one out as its own. Both
/// act as the Unix user's roster entry and are recorded on both conversations.
extension ConvCommand {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join a conversation into another of the same customer; it stays as a pointer, so later messages of its thread arrive in the joined one.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation to merge away.") var id: String
        @Option(help: "The conversation it joins.") var into: String

        func run() throws {
            try reportingFailures {
                let source = try ConversationNumber.parse(id), target = try ConversationNumber.parse(into)
                let context = try Context.load(options)
                let me = try context.actor()
                do {
                    try ActionRun.mapped(source, context: context) { try context.store.merge(source, into: target, actor: me.id, at: Clock.now()) }
                } catch let error as MergeSplitError {
                    throw Failure(description: error.description, exitCode: ExitStatus.usage)
                }
                print("#\(source) merged into #\(target)")
            }
        }
    }

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a message and every later one of a conversation into a new conversation; prints its id.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation to split.") var id: String
        @Option(name: .customLong("from"), help: "The id of the first message to move (`conv show ID --json` lists them).") var message: Int64

        func run() throws {
            try reportingFailures {
                let number = try ConversationNumber.parse(id)
                let context = try Context.load(options)
                let me = try context.actor()
                let new: Int64
                do {
                    new = try ActionRun.mapped(number, context: context) { try context.store.split(number, fromMessage: message, actor: me.id, at: Clock.now()) }
                } catch let error as MergeSplitError {
                    throw Failure(description: error.description, exitCode: ExitStatus.usage)
                }
                print("#\(number) split: message \(message) on is now #\(new)")
            }
        }
    }
}

/// `baton conv attachments ID` and `baton conv attachment ID N`: the files customers sent.
extension ConvCommand {
    struct Attachments: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a conversation's kept attachments: number, size in bytes, type, name.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let number = try context.conversation(id).row.id
                for attachment in try context.store.attachments(ofConversation: number) {
                    // The name is the customer's: made safe for the terminal.
                    print(TerminalText.line("\(attachment.number)  \(attachment.size)  \(attachment.contentType)  \(attachment.name)"))
                }
            }
        }
    }

    struct Attachment: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write one attachment's bytes to standard output (redirect it to a file).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Argument(help: "The attachment's number, as `conv attachments` lists it.") var number: Int

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let conversation = try context.conversation(id).row.id
                guard let attachment = try context.store.attachments(ofConversation: conversation).first(where: { $0.number == number }) else {
                    throw Failure(description: "#\(conversation) has no attachment \(number) (baton conv attachments \(conversation) lists them)",
                                  exitCode: ExitStatus.usage)
                }
                FileHandle.standardOutput.write(try context.store.attachmentData(attachment))
            }
        }
    }
}
