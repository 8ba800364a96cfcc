import BatonCore
import BatonStore
import Foundation

/// `baton ingest slack-export`: every mapped channel's day files, one transaction each.
public enum SlackExportImport {
    /// Day files read and decoded ahead of the store's writes; a few are enough to keep both cores busy.
    static let readAhead = 4

    public static func run(_ export: SlackExport, roster: Roster, store: StoreBackend, actor: String, now: Date,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> IngestReport {
        let intake = SlackIntake(roster: roster, directory: export.directory)
        var report = IngestReport()
        // Remembered for live events, which carry only ids.
        try store.intake(actor: actor, at: now) { writer in
            try writer.rememberSlackChannels(export.directory.channels.map { (id: $0.id, name: $0.name) })
            try writer.rememberSlackUsers(export.directory.users.values.map { StoredSlackUser(id: $0.id, name: $0.name, email: $0.email, isBot: $0.isBot) })
        }
        var work: [DayFile] = []
        var unclaimed: [String] = []
        var claimed = Set<String>()
        for channel in export.directory.channels {
            guard let customer = intake.customer(channel: channel.id) else {
                // A channel no customer names (#general, #random) is not customer conversation.
                unclaimed.append("#" + channel.name)
                continue
            }
            claimed.insert(customer.id)
            do {
                work += try export.dayFiles(of: channel).map { DayFile(export: export, path: $0, channel: channel.id, customer: customer) }
            } catch let error as IngestError {
                // A channel named "../x", or a channel folder that is a link: named, and the rest goes on.
                report.problems.append(error.description)
                report.rejected += 1
            }
        }
        let batches = ReadAhead(count: work.count, depth: readAhead) { [work] index in work[index].read(into: intake) }
        for index in work.indices {
            progress(index, work.count)
            switch batches.take(index) {
            case let .success(batch):
                report.add(try store.intake(actor: actor, at: now) { writer in try intake.store(batch, writer: writer) })
                report.problems += batch.problems
            case let .failure(error):
                report.problems.append(error.description)
                report.rejected += 1
            }
        }
        // Said last, and not failed: an export holds channels that are no customer's, and may not
        // hold every customer's; but a typo in slack_channel must not pass unseen.
        if !unclaimed.isEmpty {
            report.problems.append("\(export.path): not imported, as no customer's slack_channel names them: \(unclaimed.joined(separator: ", "))")
        }
        for customer in roster.team.customers where !claimed.contains(customer.id) {
            if let channel = customer.slackChannel {
                report.problems.append("\(export.path): customer \(customer.id): slack_channel \"\(channel)\" is no channel of this export")
            }
        }
        progress(work.count, work.count)
        return report
    }

    /// One channel's messages of one day, and the customer the channel is for.
    struct DayFile: Sendable {
        var export: SlackExport
        /// The file's place inside the export.
        var path: String
        var channel: String
        var customer: Customer

        /// The file's name in messages.
        var name: String { export.displayName(path) }

        func read(into intake: SlackIntake) -> Result<SlackBatch, IngestError> {
            let data: Data
            do {
                data = try export.read(path)
            } catch let error as IngestError {
                return .failure(error)
            } catch {
                return .failure(IngestError(file: name, message: "unreadable: \(error)"))
            }
            do {
                var batch = intake.prepare(try SlackExport.decodeDay(data), channel: channel, customer: customer)
                batch.problems = batch.problems.map { "\(name): \($0)" }
                return .success(batch)
            } catch {
                return .failure(IngestError(file: name, message: JSONProblem.describe(error, in: data)))
            }
        }
    }
}
