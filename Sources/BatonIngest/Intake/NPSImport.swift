import BatonStore
import Foundation

/// `baton ingest nps`: a CSV's answers, one transaction each, so a run killed half way
/// keeps what it stored and the next run skips it.
public enum NPSImport {
    /// `now` is the clock: when baton received the answers, from which their follow-up is due.
    public static func run(csv text: String, name: String, roster: Roster, store: StoreBackend, actor: String,
                           now: () -> Date = Date.init) throws -> IngestReport {
        let (answers, problems) = NPSAnswer.parse(csv: text)
        var report = IngestReport()
        report.problems = problems.map { "\(name): \($0)" }
        report.rejected = problems.count
        let intake = NPSIntake(roster: roster)
        for answer in answers {
            report.add(try store.intake(actor: actor, at: now()) { writer in try intake.store(answer, writer: writer) })
        }
        return report
    }
}
