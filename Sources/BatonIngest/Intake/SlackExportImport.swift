import BatonCore
import BatonStore
import Foundation

/// `baton ingest slack-export`: every mapped channel's day files, one transaction each.
public enum SlackExportImport {
    /// Day files read and decoded ahead of the store's writes; a few are enough to keep both cores busy.
    static let readAhead = 4

    public static func run(_ export: SlackExport, roster: Roster, store: SQLiteStore, actor: String, now: Date,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> IngestReport {
        let intake = SlackIntake(roster: roster, directory: export.directory)
        var report = IngestReport()
        var work: [DayFile] = []
        for channel in export.directory.channels {
            guard let customer = intake.customer(channel: channel.id) else {
                // A channel no customer names (#general, #random) is not customer conversation.
                report.skipped += export.dayFiles(of: channel).count
                continue
            }
            work += export.dayFiles(of: channel).map { DayFile(path: $0, name: export.displayName($0), channel: channel.id, customer: customer) }
        }
        let batches = ReadAhead(count: work.count, depth: readAhead) { [work] index in work[index].read(into: intake) }
        for index in work.indices {
            progress(index, work.count)
            switch batches.take(index) {
            case let .success(batch):
                report.add(try store.intake(actor: actor, at: now) { writer in try intake.store(batch, writer: writer) })
            case let .failure(error):
                report.problems.append(error.description)
                report.rejected += 1
            }
        }
        progress(work.count, work.count)
        return report
    }

    /// One channel's messages of one day, and the customer the channel is for.
    struct DayFile: Sendable {
        var path: String
        /// The file's place in the export, for messages.
        var name: String
        var channel: String
        var customer: Customer

        func read(into intake: SlackIntake) -> Result<SlackBatch, IngestError> {
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(IngestError(file: name, message: "unreadable"))
            }
            do {
                return .success(intake.prepare(try SlackExport.decodeDay(data), channel: channel, customer: customer))
            } catch {
                return .failure(IngestError(file: name, message: JSONProblem.describe(error, in: data)))
            }
        }
    }
}
