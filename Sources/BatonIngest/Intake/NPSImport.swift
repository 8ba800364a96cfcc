import BatonStore
import Foundation

/// `baton ingest nps`: a CSV's answers, one transaction each, so a run killed half way
/// keeps what it stored and the next run skips it.
public enum NPSImport {
    public static func run(csv text: String, name: String, roster: Roster, store: SQLiteStore, actor: String) throws -> IngestReport {
        let (answers, problems) = NPSAnswer.parse(csv: text)
        var report = IngestReport()
        report.problems = problems.map { "\(name): \($0)" }
        report.rejected = problems.count
        let intake = NPSIntake(roster: roster)
        for answer in answers {
            report.add(try store.intake(actor: actor, at: Date()) { writer in try intake.store(answer, writer: writer) })
        }
        return report
    }
}
