import BatonStore
import Foundation

/// `baton ingest mbox` and `maildir` (and `email`, one message): each message is read and
/// parsed on a thread of its own, a few ahead of the store's single writer, and only when
/// its turn comes, so a large maildir never sits in memory whole and both cores work.
///
/// The writer stores messages in batches: one immediate transaction holds up to
/// `batchLimit` messages or `holdLimit` seconds of them, each message in its own savepoint.
/// Why a batch and not one transaction a message: every commit wrote the pages the message
/// touched (the messages table and its indexes, the full-text index's new segment, the
/// conversation) to the WAL again, and took and gave back the write lock; a batch writes
/// each page once. Why a savepoint each: a message whose store fails is undone alone, what
/// came before it in the batch is committed, and then the error stops the run, as before.
/// The store is never held waiting for a slow (or hostile) parse: when the next message is
/// not ready within `waitLimit`, the batch commits first.
public enum MailImport {
    /// The most messages one transaction holds.
    static let batchLimit = 500
    /// The longest a batch keeps the write lock (seconds): other processes' writes wait at
    /// most this long, and every screen sees the import's progress as often.
    static let holdLimit: TimeInterval = 0.1
    /// How long the writer, holding the lock, waits for the next parse before committing (seconds).
    static let waitLimit: TimeInterval = 0.005
    /// Messages read and parsed ahead of the writer: enough to keep both cores busy, few
    /// enough that large messages do not pile up in memory.
    static let readAhead = 8

    /// A message that cannot be read (`read` throws an `IngestError`) is named and counted
    /// as rejected, so the run exits 65, and the rest go on.
    ///
    /// `now` is the clock (`BATON_NOW` in the command); `arrival` says, by index, how each
    /// message's received time is found: `.now` for one handed over as it arrives (stdin),
    /// `.delivered` for a stored one (mbox, maildir). `envelopeSender` is the mail server's
    /// envelope sender, the author of mail without From. `read` and `arrival` are called on
    /// the reading thread, one message at a time; `now` and `progress` on the caller's.
    public static func run(_ messages: [(origin: String, read: () throws -> [UInt8])], roster: Roster, store: StoreBackend, actor: String,
                           now: () -> Date = Date.init, arrival: @escaping (Int) -> EmailIntake.Arrival = { _ in .now }, envelopeSender: String? = nil,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> IngestReport {
        let intake = EmailIntake(roster: roster)
        let readers = Readers(messages: messages, arrival: arrival, envelopeSender: envelopeSender)
        var report = IngestReport()
        // One message (ingest email) is parsed here: a thread would only add to its 50 ms.
        if messages.count == 1 {
            report.add(try storeAlone(readers.parse(0), intake: intake, store: store, actor: actor, at: now()))
            progress(1, 1)
            return report
        }
        let ahead = ReadAhead(count: messages.count, depth: readAhead) { index in readers.parse(index) }
        var index = 0
        while index < messages.count {
            progress(index, messages.count)
            var next: Parsed? = ahead.take(index)
            var failure: Error?
            try store.intake(actor: actor, at: now()) { writer in
                let opened = DispatchTime.now().uptimeNanoseconds
                var held = 0
                while let parsed = next {
                    do {
                        report.add(try writer.savepoint { try intake.store(parsed, writer: writer) })
                    } catch {
                        // Undone alone; the batch before it is committed, then the run stops.
                        failure = error
                        return
                    }
                    index += 1
                    held += 1
                    next = nil
                    let elapsed = TimeInterval(DispatchTime.now().uptimeNanoseconds - opened) / 1e9
                    guard index < messages.count, held < batchLimit, elapsed < holdLimit else { return }
                    next = ahead.take(index, waitingAtMost: waitLimit)
                    if next != nil { progress(index, messages.count) }
                }
            }
            if let failure { throw failure }
        }
        progress(messages.count, messages.count)
        return report
    }

    /// A message read and parsed, or why it could not be read.
    typealias Parsed = Result<EmailIntake.Parsed, IngestError>

    /// Stores one message in a transaction of its own.
    static func storeAlone(_ parsed: Parsed, intake: EmailIntake, store: StoreBackend, actor: String, at now: Date) throws -> IngestReport {
        try store.intake(actor: actor, at: now) { writer in try writer.savepoint { try intake.store(parsed, writer: writer) } }
    }

    /// The callers' readers, used from the reading thread. Unchecked: they hold only what
    /// they were given (bytes, paths, an mbox's entries) and read files; no state is shared.
    struct Readers: @unchecked Sendable {
        let messages: [(origin: String, read: () throws -> [UInt8])]
        let arrival: (Int) -> EmailIntake.Arrival
        let envelopeSender: String?

        func parse(_ index: Int) -> Parsed {
            let message = messages[index]
            let raw: [UInt8]
            do {
                raw = try message.read()
            } catch let error as IngestError {
                return .failure(error)
            } catch {
                return .failure(IngestError(file: message.origin, message: "cannot be read: \(error)"))
            }
            return .success(EmailIntake.parse(raw, origin: message.origin, arrival: arrival(index), envelopeSender: envelopeSender))
        }
    }
}

extension EmailIntake {
    /// A message that could not be read counts as rejected and is named; it is left where it is.
    func store(_ parsed: MailImport.Parsed, writer: IntakeWriter) throws -> IngestReport {
        switch parsed {
        case let .success(message):
            return try store(message, writer: writer)
        case let .failure(error):
            var report = IngestReport()
            report.rejected += 1
            report.problems.append(error.description + "; left where it is")
            return report
        }
    }
}
