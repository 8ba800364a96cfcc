import ArgumentParser
import BatonCore
import BatonIngest
import BatonStore
import Foundation

/// `baton ingest ...`: conversations in from Slack exports, mail and NPS surveys.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Bring conversations in from a Slack export, mail (one message, mbox, maildir) or an NPS CSV.",
        discussion: """
            Every import can be run again: what is stored already is skipped. Exit status: 0 all \
            stored; 65 some input was bad (named on stderr) and left out or quarantined, the rest \
            stored; 75 the store was busy or its server away, try again; 1 anything else.
            """,
        subcommands: [IngestSlackExportCommand.self, IngestEmailCommand.self, IngestMboxCommand.self,
                      IngestMaildirCommand.self, IngestNPSCommand.self])
}

/// What every import shares: the audit log's actor, the summary, and the exit status.
enum IngestRun {
    static let dataError: Int32 = 65  // EX_DATAERR
    static let tempFail: Int32 = 75   // EX_TEMPFAIL

    /// Who did it, for the audit log: the Unix user and the command.
    static func actor(_ command: String) -> String { "\(NSUserName()) (ingest \(command))" }

    /// Prints the problems and the one-line summary on stderr; fails with 65 when input was left out.
    static func finish(_ report: IngestReport) throws {
        // Problems quote what customers wrote (From headers, boundaries, channel names, CSV
        // fields): each line is made safe for the terminal.
        for problem in report.problems { FileHandle.standardError.write(Data("baton: \(TerminalText.line(problem))\n".utf8)) }
        FileHandle.standardError.write(Data("baton: \(report.summary)\n".utf8))
        if report.leftSomethingOut { throw ExitCode(dataError) }
    }

    /// An import's frame: the config and store, the work, the summary and the exit status.
    /// A busy store (or a server away) is worth retrying, so it exits 75 (EX_TEMPFAIL); bad input named by
    /// an `IngestError` before anything was stored exits 65.
    static func importing(_ options: GlobalOptions, _ work: (Context) throws -> IngestReport) throws {
        try reportingFailures {
            do {
                try finish(try work(try Context.load(options)))
            } catch let error as StoreError {
                // Busy, or the server away (issue 16): worth retrying, as sysexits says.
                if error.isTransient { throw Failure(description: error.description, exitCode: tempFail) }
                throw error
            } catch let error as IngestError {
                throw Failure(description: error.description, exitCode: dataError)
            }
        }
    }

    static let noInput: Int32 = 66     // EX_NOINPUT

    /// A path that is not there exits 66 (EX_NOINPUT), as sysexits has it.
    static func requireExists(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure(description: "\(path): no such file or folder", exitCode: noInput) }
    }

    /// A file's bytes; one that is not there or cannot be read exits 66 (EX_NOINPUT).
    static func contents(of path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path): no such file or unreadable", exitCode: noInput)
        }
        return data
    }
}

/// A progress bar on stderr while a long import runs, only when stderr is a terminal.
struct ProgressBar {
    let label: String
    let enabled = isatty(STDERR_FILENO) == 1
    private var lastDrawn = DispatchTime(uptimeNanoseconds: 0)

    init(label: String) { self.label = label }

    mutating func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let now = DispatchTime.now()
        // A tenth of a second between redraws: drawing must not slow the import.
        guard done == total || now.uptimeNanoseconds - lastDrawn.uptimeNanoseconds > 100_000_000 else { return }
        lastDrawn = now
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) \(label)".utf8))
        if done == total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
