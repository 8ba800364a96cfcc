import BatonCore
import BatonStore
import Foundation

/// `baton ingest slack-export`: every mapped channel's day files, one transaction each.
public enum SlackExportImport {
    public static func run(_ export: SlackExport, roster: Roster, store: SQLiteStore, actor: String, now: Date,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> IngestReport {
        let intake = SlackIntake(roster: roster, directory: export.directory)
        var report = IngestReport()
        var work: [(channel: SlackDirectory.Channel, customer: Customer, file: String)] = []
        for channel in export.directory.channels {
            guard let customer = intake.customer(channel: channel.id) else {
                // A channel no customer names (#general, #random) is not customer conversation.
                report.skipped += export.dayFiles(of: channel).count
                continue
            }
            work += export.dayFiles(of: channel).map { (channel, customer, $0) }
        }
        for (index, item) in work.enumerated() {
            progress(index, work.count)
            let name = export.displayName(item.file)
            let messages: [SlackMessage]
            do {
                guard let data = FileManager.default.contents(atPath: item.file) else {
                    throw IngestError(file: name, message: "unreadable")
                }
                do {
                    messages = try SlackExport.decodeDay(data)
                } catch {
                    throw IngestError(file: name, message: JSONProblem.describe(error, in: data))
                }
            } catch let error as IngestError {
                report.problems.append(error.description)
                report.rejected += 1
                continue
            }
            report.add(try store.intake(actor: actor, at: now) { writer in
                try intake.store(messages, channel: item.channel.id, customer: item.customer, writer: writer)
            })
        }
        progress(work.count, work.count)
        return report
    }
}
