import BatonStore
import Foundation

/// `baton ingest mbox` and `maildir`: many messages, one transaction each; each is read
/// only when its turn comes, so a large maildir never sits in memory whole.
public enum MailImport {
    public static func run(_ messages: [(origin: String, read: () -> [UInt8])], roster: Roster, store: SQLiteStore, actor: String,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> IngestReport {
        let intake = EmailIntake(roster: roster)
        var report = IngestReport()
        for (index, message) in messages.enumerated() {
            progress(index, messages.count)
            let raw = message.read()
            report.add(try store.intake(actor: actor, at: Date()) { writer in try intake.store(raw, origin: message.origin, writer: writer) })
        }
        progress(messages.count, messages.count)
        return report
    }
}
