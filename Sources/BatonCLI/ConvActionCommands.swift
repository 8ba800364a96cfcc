import ArgumentParser
import BatonCore
import BatonStore
import BatonTUI
import Foundation

/// `baton conv claim|take|assign|release|ropein|status|tag`: ownership and team actions
/// for scripts and quick hands. Every one acts as the Unix user's roster entry, goes
/// through the conversation's version, and is recorded in the audit log.
extension ConvCommand {
    struct Claim: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take ownership of unowned conversations; one that someone owns is refused, naming them (exit 3).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Conversation ids.") var ids: [String]
        @Flag(help: "Print a JSON array, one object per conversation.") var json = false

        func run() throws {
            try ActionRun.many(ids, options: options, json: json) { context, me, id in
                try context.store.claim(id, actor: me.id, at: Clock.now())
            }
        }
    }

    struct Take: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a conversation over from its owner, on purpose; recorded as a take.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Option(name: .customLong("if-version"), help: "Only if the conversation is still at this version (as `conv show --json` gave it).")
        var version: Int?
        @Flag(help: "Print a JSON object.") var json = false

        func run() throws {
            try ActionRun.one(id, options: options, json: json) { context, me, id in
                try context.store.take(id, actor: me.id, expectedVersion: version, at: Clock.now())
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an engineer the owner of a conversation.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Argument(help: "The engineer's id from the roster.") var engineer: String
        @Option(name: .customLong("if-version"), help: "Only if the conversation is still at this version.") var version: Int?
        @Flag(help: "Print a JSON object.") var json = false

        func run() throws {
            try ActionRun.one(id, options: options, json: json) { context, me, id in
                try context.store.assign(id, to: engineer, actor: me.id, expectedVersion: version, at: Clock.now())
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a conversation you own back to the queue, unowned.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Option(name: .customLong("if-version"), help: "Only if the conversation is still at this version.") var version: Int?
        @Flag(help: "Print a JSON object.") var json = false

        func run() throws {
            try ActionRun.one(id, options: options, json: json) { context, me, id in
                try context.store.release(id, actor: me.id, expectedVersion: version, at: Clock.now())
            }
        }
    }

    struct RopeIn: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ropein", abstract: "Rope an engineer in to help; the owner stays the owner.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Argument(help: "The engineer's id from the roster.") var engineer: String
        @Flag(help: "Print a JSON object.") var json = false

        func run() throws {
            try ActionRun.one(id, options: options, json: json) { context, me, id in
                try context.store.ropeIn(id, engineer: engineer, actor: me.id, at: Clock.now())
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a conversation's status: new, open, pending (on the customer), on_hold, solved or closed.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Argument(help: "The new status.") var status: String
        @Option(name: .customLong("if-version"), help: "Only if the conversation is still at this version.") var version: Int?
        @Flag(help: "Print a JSON object.") var json = false

        func run() throws {
            try ActionRun.one(id, options: options, json: json) { context, me, id in
                guard let status = ConversationStatus(name: self.status) else {
                    throw Failure(description: "\"\(self.status)\" is not a status; use one of \(ConversationStatus.names)", exitCode: ExitStatus.usage)
                }
                return try context.store.setStatus(id, to: status, actor: me.id, expectedVersion: version, at: Clock.now())
            }
        }
    }

    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add tags (word or +word) and remove them (-word).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The conversation's id.") var id: String
        @Argument(parsing: .allUnrecognized, help: "Tags: billing, +billing, -urgent.") var tags: [String]
        @Flag(help: "Print a JSON object.") var json = false

        func run() throws {
            try ActionRun.one(id, options: options, json: json) { context, me, id in
                let (add, remove): ([String], [String])
                do {
                    (add, remove) = try TagInput.parse(tags.filter { $0 != "--json" })
                } catch let invalid as TagInput.Invalid {
                    throw Failure(description: invalid.description, exitCode: ExitStatus.usage)
                }
                return try context.store.tag(id, add: add, remove: remove, actor: me.id, at: Clock.now())
            }
        }
    }
}
