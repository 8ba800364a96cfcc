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
        try IngestRun.importing(options) { context in
            let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try IngestRun.contents(of: path)
            let name = path == "-" ? "standard input" : path
            guard let text = String(data: data, encoding: .utf8) else {
                throw IngestError(file: name, message: "not UTF-8 text; save the CSV as UTF-8")
            }
            return try NPSImport.run(csv: text, name: name, roster: Roster(team: context.team), store: context.store,
                                     actor: IngestRun.actor("nps"), now: Clock.now)
        }
    }
}
