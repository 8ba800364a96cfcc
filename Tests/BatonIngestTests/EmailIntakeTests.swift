import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Mail into a real store: threading, customers, team replies, duplicates, quarantine.
final class EmailIntakeTests: IngestTestCase {
    func testARepliedThreadAndASubjectMatchJoinOneConversationAndTheTeamReplyStopsTheClock() throws {
        XCTAssertEqual(try storeEmail(try Self.bytes("email/multipart-alternative.eml")).conversationsCreated, 1)
        let first = try conversations()[0]
        XCTAssertEqual(first.row.customerName, "Acme")
        XCTAssertEqual(first.row.tierID, "enterprise")
        XCTAssertEqual(first.row.source, .email)
        XCTAssertNotNil(first.row.slaDue)

        let reply = try storeEmail(try Self.bytes("email/reply-from-team.eml"))
        XCTAssertEqual(reply.messagesAdded, 1)
        XCTAssertEqual(reply.conversationsCreated, 0, "In-Reply-To names the first message")
        // "Re: Router drops subscriptions" with no In-Reply-To: the same customer's open subject.
        let bySubject = try storeEmail(try Self.bytes("email/broken-boundary.eml"))
        XCTAssertEqual(bySubject.conversationsCreated, 0)
        XCTAssertEqual(bySubject.problems.count, 1, "the broken boundary is reported")

        let thread = try conversations()
        XCTAssertEqual(thread.count, 1)
        XCTAssertEqual(thread[0].messages.map(\.authorKind), [.customer, .team, .customer])
        XCTAssertEqual(thread[0].messages[1].authorName, "Ana", "the roster's engineer, by address")
        XCTAssertNotNil(thread[0].row.slaDue, "the customer wrote again after the team")
    }

    func testAnUnknownDomainLandsAsAnUnknownCustomerAtTheLowestTier() throws {
        _ = try storeEmail(try Self.bytes("email/no-message-id.eml"))
        let conversation = try XCTUnwrap(conversations().first)
        XCTAssertEqual(conversation.row.customerName, "unknown (unknown-startup.dev)")
        XCTAssertNil(conversation.row.customerID)
        XCTAssertEqual(conversation.row.tierID, "free")
    }

    func testDeliveringTheSameMailTwiceStoresItOnceWithOrWithoutAMessageID() throws {
        for name in ["email/no-message-id.eml", "email/latin1-rfc2047.eml"] {
            let raw = try Self.bytes(name)
            XCTAssertEqual(try storeEmail(raw).messagesAdded, 1)
            let again = try storeEmail(raw)
            XCTAssertEqual(again.messagesAdded, 0)
            XCTAssertEqual(again.skipped, 1)
        }
        XCTAssertEqual(try store.messageCount(), 2)
    }

    func testAnUnreadableMessageIsQuarantinedWholeOnce() throws {
        let raw = try Self.bytes("email/not-a-message.txt")
        let report = try storeEmail(raw, origin: "standard input")
        XCTAssertEqual(report.quarantined, 1)
        XCTAssertTrue(report.leftSomethingOut)
        XCTAssertEqual(report.problems, ["standard input: cannot be parsed (no header fields: not an RFC 5322 message); kept whole in the quarantine"])
        XCTAssertEqual(try storeEmail(raw).quarantined, 0, "the same bytes are kept once")
        XCTAssertEqual(try store.quarantineCount(), 1)
        XCTAssertEqual(try store.messageCount(), 0)
    }

    func testMailFromAnInternalAddressIsATeamReplyForTheRecipientsCustomer() throws {
        let raw = Array("From: Ben <ben@eu.example-corp.com>\nTo: dana@globex.com\nSubject: Your renewal\nMessage-ID: <ben-1@example-corp.com>\n\nHi Dana\n".utf8)
        _ = try storeEmail(raw)
        let conversation = try XCTUnwrap(conversations().first)
        XCTAssertEqual(conversation.row.customerName, "Globex")
        XCTAssertEqual(conversation.messages.first?.authorKind, .team)
    }

    func testMboxSplitsOnFromLinesAndUnquotesThem() throws {
        let mbox = Array("""
            From priya@acme.io Mon Nov 23 13:58:02 2026
            From: priya@acme.io
            Subject: one
            Message-ID: <m1@acme.io>

            first
            >From here on it breaks

            From dana@globex.com Mon Nov 23 14:00:00 2026
            From: dana@globex.com
            Subject: two

            second

            """.utf8)
        let entries = Mbox.messages(mbox)
        XCTAssertEqual(entries.map(\.number), [1, 2])
        XCTAssertEqual(entries.map(\.line), [1, 9])
        XCTAssertEqual(try EmailMessage.parse(entries[0].raw).text, "first\nFrom here on it breaks\n")
        XCTAssertEqual(try EmailMessage.parse(entries[1].raw).subject, "two")
    }
}

final class MailImportTests: IngestTestCase {
    func testAMaildirsNewAndCurAreReadAndTmpIsLeftAlone() throws {
        let maildir = folder + "/Maildir"
        for sub in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(atPath: maildir + "/" + sub, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(atPath: Self.fixture("email/multipart-alternative.eml"), toPath: maildir + "/cur/1795442280.M1P1.box:2,S")
        try FileManager.default.copyItem(atPath: Self.fixture("email/reply-from-team.eml"), toPath: maildir + "/new/1795442400.M2P1.box")
        try FileManager.default.copyItem(atPath: Self.fixture("email/not-a-message.txt"), toPath: maildir + "/new/1795442500.M3P1.box")
        try FileManager.default.copyItem(atPath: Self.fixture("email/no-message-id.eml"), toPath: maildir + "/tmp/1795442600.M4P1.box")
        let files = try Maildir.files(maildir)
        XCTAssertEqual(files.map { ($0 as NSString).lastPathComponent }, ["1795442280.M1P1.box:2,S", "1795442400.M2P1.box", "1795442500.M3P1.box"], "delivery order")
        let report = try MailImport.run(files.map { file in (file, { [UInt8](FileManager.default.contents(atPath: file)!) }) },
                                        roster: roster, store: store, actor: "test")
        XCTAssertEqual(report.conversationsCreated, 1, "the reply joins the first message by In-Reply-To")
        XCTAssertEqual(report.messagesAdded, 2)
        XCTAssertEqual(report.quarantined, 1)
        XCTAssertEqual(report.problems, [maildir + "/new/1795442500.M3P1.box: cannot be parsed (no header fields: not an RFC 5322 message); kept whole in the quarantine"])
        XCTAssertThrowsError(try Maildir.files(folder)) { XCTAssertEqual("\($0)", "\(folder!): not a maildir: it has neither new/ nor cur/") }
    }
}
