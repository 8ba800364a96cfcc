import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// `conv merge` and `conv split` on a real store, with mail arriving after.
final class MergeSplitTests: IngestTestCase {
    func mail(from: String, id: String, subject: String, replyTo: String? = nil) -> [UInt8] {
        let reply = replyTo.map { "In-Reply-To: <\($0)>\r\n" } ?? ""
        return Array("From: \(from)\r\nTo: support@example-corp.com\r\nSubject: \(subject)\r\nMessage-ID: <\(id)>\r\n\(reply)\r\ntext of \(id)\r\n".utf8)
    }

    func testMergingKeepsBothHistoriesAndLaterMailOfTheMergedThreadArrivesInTheJoinedOne() throws {
        _ = try storeEmail(mail(from: "wile@acme.io", id: "a1@acme.io", subject: "Export broken"))
        _ = try storeEmail(mail(from: "road@acme.io", id: "b1@acme.io", subject: "Exports fail"))
        let (first, second) = try { let all = try conversations(); return (all[0].row.id, all[1].row.id) }()
        try store.merge(second, into: first, actor: "ana", at: now)
        XCTAssertThrowsError(try store.merge(second, into: first, actor: "ana", at: now)) {
            XCTAssertEqual($0 as? MergeSplitError, .alreadyMerged(second, into: first))
        }
        _ = try storeEmail(mail(from: "road@acme.io", id: "b2@acme.io", subject: "Re: Exports fail", replyTo: "b1@acme.io"))
        let joined = try store.conversation(first)
        XCTAssertEqual(joined.messages.map { $0.body.trimmingCharacters(in: .whitespacesAndNewlines) }, ["text of a1@acme.io", "text of b1@acme.io", "text of b2@acme.io"])
        XCTAssertEqual(joined.row.messageCount, 3)
        XCTAssertTrue(joined.events.contains { $0.kind == "merged" && $0.detail == "#\(second) joined, 1 messages" })
        let away = try store.conversation(second)
        XCTAssertEqual(away.row.status, .closed)
        XCTAssertTrue(away.events.contains { $0.kind == "created" }, "its own history stays")
        XCTAssertTrue(away.events.contains { $0.kind == "merged" && $0.detail.hasPrefix("into #\(first)") })
    }

    func testAnotherCustomersConversationDoesNotMerge() throws {
        _ = try storeEmail(mail(from: "wile@acme.io", id: "a1@acme.io", subject: "One"))
        _ = try storeEmail(mail(from: "hank@globex.com", id: "g1@globex.com", subject: "Two"))
        let all = try conversations()
        XCTAssertThrowsError(try store.merge(all[1].row.id, into: all[0].row.id, actor: "ana", at: now)) {
            XCTAssertEqual($0 as? MergeSplitError, .differentCustomers(all[1].row.id, all[0].row.id))
        }
    }

    func testSplittingMovesAMessageAndTheLaterOnesIntoANewConversation() throws {
        _ = try storeEmail(mail(from: "wile@acme.io", id: "a1@acme.io", subject: "Export broken"))
        _ = try storeEmail(mail(from: "wile@acme.io", id: "a2@acme.io", subject: "Re: Export broken", replyTo: "a1@acme.io"))
        _ = try storeEmail(mail(from: "wile@acme.io", id: "a3@acme.io", subject: "Re: Export broken", replyTo: "a2@acme.io"))
        let original = try XCTUnwrap(conversations().first)
        let second = original.messages[1].id
        XCTAssertThrowsError(try store.split(original.row.id, fromMessage: original.messages[0].id, actor: "ana", at: now))
        let new = try store.split(original.row.id, fromMessage: second, actor: "ana", at: now)
        XCTAssertEqual(try store.conversation(original.row.id).messages.map { $0.body.trimmingCharacters(in: .whitespacesAndNewlines) }, ["text of a1@acme.io"])
        let moved = try store.conversation(new)
        XCTAssertEqual(moved.messages.map { $0.body.trimmingCharacters(in: .whitespacesAndNewlines) }, ["text of a2@acme.io", "text of a3@acme.io"])
        XCTAssertEqual(moved.row.customerName, "Acme")
        XCTAssertNotNil(moved.row.slaDue, "the customer waits in the new one")
        _ = try storeEmail(mail(from: "wile@acme.io", id: "a4@acme.io", subject: "Re: Export broken", replyTo: "a3@acme.io"))
        XCTAssertEqual(try store.conversation(new).messages.count, 3, "replies follow the message they answer")
    }
}
