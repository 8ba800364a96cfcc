import ArgumentParser
import BatonIngest
import BatonStore
import Foundation

/// `baton ingest email`: one message on standard input, as a mail server delivers it.
struct IngestEmailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email",
        abstract: "Store one RFC 5322 message read from standard input (for a Postfix pipe or a procmail rule).",
        discussion: "Exit status: 0 stored (or stored before); 65 unreadable, kept whole in the quarantine; 75 try again later.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingFailures {
            let raw = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            do {
                let context = try Context.load(options)
                let intake = EmailIntake(roster: Roster(team: context.team))
                let report = try context.store.intake(actor: IngestRun.actor("email"), at: Date()) { writer in
                    try intake.store(raw, origin: "standard input", writer: writer)
                }
                try IngestRun.finish(report)
            } catch let exit as ExitCode {
                throw exit
            } catch {
                // The message is not at fault (no config, store busy or unwritable): the mail
                // server keeps it and tries again, rather than bouncing it.
                throw Failure(description: "\(error)", exitCode: IngestRun.tempFail)
            }
        }
    }
}

/// `baton ingest mbox FILE`.
struct IngestMboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mbox", abstract: "Store every message of an mbox file, one transaction each.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The mbox file.") var path: String

    func run() throws {
        try reportingFailures {
            try IngestRun.mappingBusy {
                let context = try Context.load(options)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw Failure(description: "\(path): no such file or unreadable", exitCode: 66)
                }
                let messages = Mbox.messages([UInt8](data))
                let report = try MailImport.run(messages.map { entry in
                    ("\(path): message \(entry.number) (line \(entry.line))", { entry.raw })
                }, context: context, actor: IngestRun.actor("mbox"))
                try IngestRun.finish(report)
            }
        }
    }
}

/// `baton ingest maildir DIR`.
struct IngestMaildirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "maildir", abstract: "Store every message in a maildir's new/ and cur/, one transaction each.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The maildir (the folder holding new/ and cur/).") var path: String

    func run() throws {
        try reportingFailures {
            try IngestRun.mappingBusy {
                let context = try Context.load(options)
                let files: [String]
                do {
                    files = try Maildir.files(path)
                } catch let error as IngestError {
                    throw Failure(description: error.description, exitCode: 66)
                }
                let report = try MailImport.run(files.map { file in
                    (file, { FileManager.default.contents(atPath: file).map { [UInt8]($0) } ?? [] })
                }, context: context, actor: IngestRun.actor("maildir"))
                try IngestRun.finish(report)
            }
        }
    }
}

/// Many messages, one transaction each, with a progress bar; each is read only when its turn comes.
enum MailImport {
    static func run(_ messages: [(origin: String, read: () -> [UInt8])], context: Context, actor: String) throws -> IngestReport {
        let intake = EmailIntake(roster: Roster(team: context.team))
        var report = IngestReport()
        var bar = ProgressBar(label: "messages")
        for (index, message) in messages.enumerated() {
            bar.update(index, messages.count)
            let raw = message.read()
            report.add(try context.store.intake(actor: actor, at: Date()) { writer in
                try intake.store(raw, origin: message.origin, writer: writer)
            })
        }
        bar.update(messages.count, messages.count)
        return report
    }
}
