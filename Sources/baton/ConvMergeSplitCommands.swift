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
