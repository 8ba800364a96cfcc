import ArgumentParser
import BatonIngest
import Foundation

/// `baton ingest slack-export DIR_OR_ZIP`.
struct IngestSlackExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slack-export",
        abstract: "Import a Slack workspace export (a folder or its .zip); channels map to customers through slack_channel.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The export's folder or .zip file.") var path: String
    @Option(help: "For a .zip: the most the import may unpack in all, in MiB (a zip bomb is refused before it is read).")
    var maxUnpacked: UInt64 = SlackExport.defaultUnpackLimit >> 20

    func run() throws {
        try IngestRun.importing(options) { context in
            try IngestRun.requireExists(path)
            let export = try SlackExport(path: path, unpackLimit: maxUnpacked << 20)
            var bar = ProgressBar(label: "day files")
            return try SlackExportImport.run(export, roster: Roster(team: context.team), store: context.store,
                                             actor: IngestRun.actor("slack-export"), now: Date()) { bar.update($0, $1) }
        }
    }
}
