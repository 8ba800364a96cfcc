import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Slack's odd corners: an Enterprise Grid export's org_users.json, and Slackbot's posts,
/// reminders and huddle stubs, which owe nobody an answer.
final class SlackOddityTests: IngestTestCase {
    func testAGridExportIsReadThroughOrgUsersAndSlackbotOwesNoAnswer() throws {
        let report = try SlackExportImport.run(try SlackExport(path: Self.fixture("slack-grid-export")), roster: roster, store: store,
                                               actor: "test", now: now)
        XCTAssertFalse(report.leftSomethingOut, report.problems.joined(separator: "\n"))
        let all = try conversations()
        let question = try XCTUnwrap(all.first { $0.messages.first?.body.hasPrefix("Our export job") == true })
        XCTAssertEqual(question.messages[0].authorKind, .customer)
        XCTAssertEqual(question.messages[0].authorName, "Priya Raman", "named from org_users.json")
        XCTAssertNotNil(question.row.slaDue)
        let others = all.filter { $0.row.id != question.row.id }
        XCTAssertEqual(others.count, 4, "Slackbot's response, the reminder, its notice and the huddle stub with text")
        for conversation in others {
            XCTAssertEqual(conversation.messages.map(\.authorKind), [.bot], conversation.messages[0].body)
            XCTAssertNil(conversation.row.slaDue, "no clock for \(conversation.messages[0].body)")
        }
        XCTAssertTrue(others.contains { $0.messages[0].authorName == "Slackbot" })
    }

    func testAnExportWithNeitherUsersFileIsRefusedNamingBoth() throws {
        let copy = folder + "/grid"
        try FileManager.default.copyItem(atPath: Self.fixture("slack-grid-export"), toPath: copy)
        try FileManager.default.removeItem(atPath: copy + "/org_users.json")
        XCTAssertThrowsError(try SlackExport(path: copy)) { error in
            XCTAssertTrue("\(error)".contains("no org_users.json either"), "\(error)")
        }
    }
}
