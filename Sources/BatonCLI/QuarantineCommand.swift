import ArgumentParser
import BatonCore
import BatonIngest
import BatonStore
import Foundation

/// `baton quarantine list|show|release`: what intake kept aside, and getting it back.
struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "See what intake kept aside (input that is no message, or has no place yet) and release it.",
        subcommands: [List.self, Show.self, Release.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List quarantined input, oldest first: id, kind, source, when, size, origin and reason.")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let now = Clock.now()
                for entry in try context.store.quarantineEntries() {
                    // Origins and reasons quote customer input (header values, channel names).
                    print(TerminalText.line("\(entry.id)  \(entry.kind.rawValue)  \(entry.source)  "
                        + "\(CalendarText.dayAndTime(entry.receivedAt, in: .current, seenFrom: now))  \(entry.size) bytes  \(entry.origin): \(entry.reason)"))
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one entry: its facts, then its bytes as they came (made safe for the terminal).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The entry's id (baton quarantine list).") var id: Int64

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let (entry, raw) = try context.store.quarantined(id)
                print(TerminalText.line("#\(entry.id) \(entry.kind.rawValue) from \(entry.source), \(entry.origin)"))
                print(TerminalText.line("arrived \(CalendarText.rfc3339(entry.receivedAt)) · \(entry.size) bytes"))
                print(TerminalText.line("why: \(entry.reason)"))
                print("")
                let text = String(decoding: raw, as: UTF8.self)
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) { print(TerminalText.line(String(line))) }
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run intake again on one entry (after a config change or a newer baton), keeping the time it first arrived.",
            discussion: "Exit status: 0 taken in and removed from the quarantine; 65 still unreadable or without a place, kept.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The entry's id (baton quarantine list).") var id: Int64

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let (entry, raw) = try context.store.quarantined(id)
                guard entry.source == "email" else {
                    throw Failure(description: "quarantine entry \(id) came from \(entry.source), which release does not take yet", exitCode: IngestRun.dataError)
                }
                let parsed = EmailIntake.parse([UInt8](raw), origin: "quarantine entry \(id) (\(entry.origin))", arrival: .at(entry.receivedAt))
                let intake = EmailIntake(roster: Roster(team: context.team))
                let report = try context.store.intake(actor: IngestRun.actor("quarantine release"), at: Clock.now()) { writer in
                    let report = try intake.store(parsed, writer: writer)
                    if report.messagesAdded + report.conversationsCreated > 0 || (report.problems.isEmpty && report.skipped > 0) {
                        try writer.removeQuarantined(id)
                    }
                    return report
                }
                try IngestRun.finish(report)
                if report.messagesAdded + report.conversationsCreated == 0 && !report.problems.isEmpty {
                    throw Failure(description: "quarantine entry \(id) kept", exitCode: IngestRun.dataError)
                }
            }
        }
    }
}
