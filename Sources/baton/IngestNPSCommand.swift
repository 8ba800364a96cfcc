import ArgumentParser
import BatonIngest
import Foundation

/// `baton ingest nps FILE.csv|-`.
struct IngestNPSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nps",
        abstract: "Store NPS answers from a CSV (time, email, score, comment); detractors with a comment become conversations.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The CSV file, or - for standard input.") var path: String

    func run() throws {
        try reportingFailures {
            try IngestRun.mappingBusy {
                let context = try Context.load(options)
                let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
                guard let data else { throw Failure(description: "\(path): no such file or unreadable", exitCode: 66) }
                let name = path == "-" ? "standard input" : path
                guard let text = String(data: data, encoding: .utf8) else {
                    throw Failure(description: "\(name): not UTF-8 text; save the CSV as UTF-8", exitCode: IngestRun.dataError)
                }
                let (answers, problems) = NPSAnswer.parse(csv: text)
                var report = IngestReport()
                report.problems = problems.map { "\(name): \($0)" }
                report.rejected = problems.count
                let intake = NPSIntake(roster: Roster(team: context.team))
                // One transaction per answer: a run killed half way keeps what it stored.
                for answer in answers {
                    report.add(try context.store.intake(actor: IngestRun.actor("nps"), at: Date()) { writer in
                        try intake.store(answer, writer: writer)
                    })
                }
                try IngestRun.finish(report)
            }
        }
    }
}
