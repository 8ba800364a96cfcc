import BatonStore
import Foundation

/// `baton ingest mbox` and `maildir`: many messages, one transaction each; each is read
/// only when its turn comes, so a large maildir never sits in memory whole.
public enum MailImport {
    /// A message that cannot be read (`read` throws an `IngestError`) is named and counted
    /// as rejected, so the run exits 65, and the rest go on.
    ///
    /// `now` is the clock (`BATON_NOW` in the command); `arrival` says, by index, how each
    /// message's received time is found: `.now` for one handed over as it arrives (stdin),
    /// `.delivered` for a stored one (mbox, maildir). `envelopeSender` is the mail server's
    /// envelope sender, the author of mail without From.
    public static func run(_ messages: [(origin: String, read: () throws -> [UInt8])], roster: Roster, store: StoreBackend, actor: String,
                           now: () -> Date = Date.init, arrival: (Int) -> EmailIntake.Arrival = { _ in .now }, envelopeSender: String? = nil,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> IngestReport {
        let intake = EmailIntake(roster: roster)
        var report = IngestReport()
        for (index, message) in messages.enumerated() {
            progress(index, messages.count)
            // Parsed before the transaction opens: the store is held only for the writes.
            let raw: [UInt8]
            do {
                raw = try message.read()
            } catch let error as IngestError {
                report.rejected += 1
                report.problems.append(error.description + "; left where it is")
                continue
            }
            let parsed = EmailIntake.parse(raw, origin: message.origin, arrival: arrival(index), envelopeSender: envelopeSender)
            report.add(try store.intake(actor: actor, at: now()) { writer in try intake.store(parsed, writer: writer) })
        }
        progress(messages.count, messages.count)
        return report
    }
}
