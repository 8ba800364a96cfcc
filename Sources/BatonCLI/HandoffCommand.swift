import ArgumentParser
import BatonCore
import BatonStore
import Foundation

/// `baton handoff`: the note for whoever takes point next, the report for whoever took it,
/// and the handoff itself for cron or a process that was not running at the boundary.
struct HandoffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handoff", abstract: "Handoff notes and reports; run due handoffs.",
        subcommands: [Note.self, Report.self, Run.self])

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Leave a note for whoever takes point next (the text, or standard input).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The note; read from standard input when absent.") var words: [String] = []

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                // Before anything is typed: someone not on the roster is told now, not after the note.
                let author = try context.actor()
                var body = words.joined(separator: " ")
                if body.isEmpty {
                    if isatty(STDIN_FILENO) == 1 { FileHandle.standardError.write(Data("Write the note, then Ctrl-D:\n".utf8)) }
                    body = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                }
                body = body.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !body.isEmpty else { throw Failure(description: "the note is empty; nothing saved", exitCode: 2) }
                try context.store.addHandoffNote(author: author.id, body: body, at: Clock.now())
                print("note saved for the next handoff")
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The latest handoff: what moved, what breaches in the next two hours, the notes.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "The engineer whose latest incoming handoff to show (default: you, else the latest handoff).") var engineer: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                let now = Clock.now()
                if try Clock.mayRunHandoffs(context) { try context.store.runDueHandoffs(context.team.rotation, now: now) }
                if let engineer, context.team.engineer(engineer) == nil {
                    throw Failure(description: "--engineer \"\(engineer)\": no [[engineer]] has that id in \(context.configPath)", exitCode: 2)
                }
                let who = try engineer ?? context.identity().engineer?.id
                // Asked about one engineer, answer about them; otherwise the latest handoff will do.
                let report = try context.store.handoffReport(for: who, now: now) ?? (engineer == nil ? context.store.handoffReport(now: now) : nil)
                guard let report else {
                    print(engineer.map { "no handoff to \($0) has run yet" } ?? "no handoff has run yet")
                    return
                }
                if json {
                    print(try JSONOutput.encode(HandoffReportJSON(report: report)))
                } else {
                    print(HandoffReportText.lines(report, team: context.team, now: now, zone: .current).joined(separator: "\n"))
                }
                if let viewer = try context.identity().engineer, viewer.id == report.handoff.toEngineer {
                    _ = try context.store.markHandoffSeen(by: viewer.id, at: now)
                }
            }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the handoffs whose time has come (each runs once, whoever runs it first; any baton does this on start).")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try reportingFailures {
                let context = try Context.load(options)
                guard try Clock.mayRunHandoffs(context) else {
                    throw Failure(description: "BATON_NOW or BATON_CLOCK_SPEED is set: handoffs run at the real time, or on a demo store", exitCode: 2)
                }
                let ran = try context.store.runDueHandoffs(context.team.rotation, now: Clock.now())
                if ran.isEmpty { print("no handoff due") }
                for record in ran {
                    let gap = record.arrivedInGap > 0 ? ", \(record.arrivedInGap) from the gap" : ""
                    print("handoff at \(CalendarText.rfc3339(record.boundary)): \(record.fromEngineer ?? "nobody") → \(record.toEngineer ?? "nobody"), \(record.moved) moved\(gap)")
                }
            }
        }
    }
}
