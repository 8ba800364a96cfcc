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
    @Option(name: .customLong("sender"), help: ArgumentHelp("The envelope sender, for mail without a From header (procmail's -f, Postfix pipe's ${sender}).",
                                                        valueName: "ADDR"))
    var sender: String?

    func run() throws {
        try reportingFailures {
            do {
                // The config first: a PostgreSQL store runs this command again as
                // baton-postgres, which must find the message still on standard input.
                let context = try Context.load(options)
                let raw = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
                // Received now: a mail server hands the message over as it arrives.
                try IngestRun.finish(try MailImport.run([("standard input", { raw })], roster: Roster(team: context.team),
                                                        store: context.store, actor: IngestRun.actor("email"), now: Clock.now,
                                                        envelopeSender: sender.flatMap { $0.isEmpty || $0 == "<>" ? nil : $0 }))
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
        try IngestRun.importing(options) { context in
            let data = try IngestRun.contents(of: path)
            var bar = ProgressBar(label: "messages")
            let entries = Mbox.messages([UInt8](data))
            return try MailImport.run(entries.map { entry in
                ("\(path): message \(entry.number) (line \(entry.line))", { entry.raw })
            }, roster: Roster(team: context.team), store: context.store, actor: IngestRun.actor("mbox"), now: Clock.now,
               arrival: { .delivered(fallback: entries[$0].deliveredAt) }) { bar.update($0, $1) }
        }
    }
}

/// `baton ingest maildir DIR`.
struct IngestMaildirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "maildir", abstract: "Store every message in a maildir's new/ and cur/, one transaction each.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The maildir (the folder holding new/ and cur/).") var path: String

    func run() throws {
        try IngestRun.importing(options) { context in
            try IngestRun.requireExists(path)
            var bar = ProgressBar(label: "messages")
            let files = try Maildir.files(path)
            return try MailImport.run(files.map { file in
                (file, { try Maildir.read(file) })
            }, roster: Roster(team: context.team), store: context.store, actor: IngestRun.actor("maildir"), now: Clock.now,
               arrival: { .delivered(fallback: Maildir.deliveryTime(files[$0])) }) { bar.update($0, $1) }
        }
    }
}
