import BatonCore
@testable import BatonIngest
import BatonStore
import Foundation
import XCTest

final class NPSTests: IngestTestCase {
    func importFixture() throws -> IngestReport {
        try NPSImport.run(csv: try String(contentsOfFile: Self.fixture("nps.csv"), encoding: .utf8), name: "nps.csv",
                          roster: roster, store: store, actor: "test")
    }

    func testDetractorsWithACommentBecomeConversationsForTheDedicatedPair() throws {
        let report = try importFixture()
        XCTAssertEqual(report.problems, [#"nps.csv: line 8: score "eleven" is not a whole number from 0 to 10"#])
        XCTAssertEqual(report.conversationsCreated, 2, "Acme's 3 and the unknown startup's 5; the 9 and the empty comment are not queued")
        let all = try conversations()
        XCTAssertEqual(all.map(\.row.subject), [
            "NPS 3/10: The router keeps dropping subscriptions, and support took \"days\" to answer.",
            "NPS 5/10: Line one",
        ])
        XCTAssertEqual(all[0].row.ownerID, "ana", "Acme's dedicated engineer")
        XCTAssertEqual(all[0].row.source, .nps)
        XCTAssertEqual(all[0].events.last?.detail, "score 3; for ana and viola (CSM)")
        XCTAssertEqual(all[1].row.customerName, "unknown (unknown-startup.dev)")
        XCTAssertEqual(all[1].row.tierID, "free")
        XCTAssertEqual(all[1].messages.first?.body, "NPS score 5/10\n\nLine one\nline two")
        let counts = try store.npsCounts()
        XCTAssertEqual(counts.all, 5, "every well-formed answer is kept")
        XCTAssertEqual(counts.counted, 4, "ana@example-corp.com is the team's own")
    }

    func testADetractorIsAFollowUpDueByTheTiersNPSFollowUpFromReceipt() throws {
        _ = try NPSImport.run(csv: try String(contentsOfFile: Self.fixture("nps.csv"), encoding: .utf8), name: "nps.csv",
                              roster: roster, store: store, actor: "test", now: { self.now })
        let all = try conversations()
        for conversation in all {
            XCTAssertEqual(conversation.row.slaDue, now.addingTimeInterval(2 * 86_400), "two days from the import, not an hour from the survey")
            XCTAssertFalse(conversation.row.isBreaching(at: now))
            XCTAssertEqual(conversation.messages[0].createdAt, now, "received at the import")
        }
        XCTAssertEqual(all[0].messages[0].sentAt, Date(timeIntervalSince1970: 1_795_165_200), "answered 2026-11-20T09:00:00Z, kept")

        var team = Self.team
        team.tiers[0].npsFollowUp = 4 * 3_600
        let later = now.addingTimeInterval(60)
        _ = try NPSImport.run(csv: "time,email,score,comment\n2026-11-23T13:00:00Z,wile@acme.io,1,still broken\n", name: "more.csv",
                              roster: Roster(team: team), store: store, actor: "test", now: { later })
        let enterprise = try XCTUnwrap(conversations().first { $0.messages[0].body.hasSuffix("still broken") })
        XCTAssertEqual(enterprise.row.slaDue, later.addingTimeInterval(4 * 3_600), "the tier's own nps_follow_up")
    }

    func testImportingTwiceAddsNothing() throws {
        _ = try importFixture()
        let second = try importFixture()
        XCTAssertEqual(second.conversationsCreated, 0)
        XCTAssertEqual(second.skipped, 5)
        XCTAssertEqual(try store.npsCounts().all, 5)
    }

    func testCSVQuotesCommasAndLineBreaks() throws {
        let (records, problems) = CSVReader.records("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\n\nlast")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(records, [
            CSVReader.Record(line: 1, fields: ["a", "b,c", "say \"hi\""]),
            CSVReader.Record(line: 2, fields: ["multi\nline", "x", ""]),
            CSVReader.Record(line: 5, fields: ["last"]),
        ])
        let unclosed = CSVReader.records("a,\"never closed\nb")
        XCTAssertEqual(unclosed.problems, ["line 1: a quoted field is never closed"])
        XCTAssertEqual(unclosed.records, [CSVReader.Record(line: 2, fields: ["b"])], "the lines after it are read again as rows")
    }

    func testAHeaderMayOrderTheColumns() {
        let (answers, problems) = NPSAnswer.parse(csv: "email,comment,score,time\nx@acme.io,meh,4,2026-11-20T09:00:00.250Z\n")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(answers.first?.score, 4)
        XCTAssertEqual(answers.first?.time, Date(timeIntervalSince1970: 1_795_165_200.25))
    }
}
