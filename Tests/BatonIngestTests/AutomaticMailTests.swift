import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Out-of-office replies are bots' messages; bounces are filed where the bounced mail is.
final class AutomaticMailTests: IngestTestCase {
    /// The customer's question, answered by Ana (Message-ID reply-ana-1), then solved.
    func solvedThread() throws -> Int64 {
        _ = try storeEmail(try Self.bytes("email/time/date-ahead.eml"))
        let reply = """
            From: Ana <ana@example-corp.com>\r
            To: Wile Coyote <wile@acme.io>\r
            Subject: Re: Export stalls at 99%\r
            Message-ID: <reply-ana-1@example-corp.com>\r
            In-Reply-To: <future-clock@acme.io>\r
            \r
            Fixed in 4.2; please update.\r

            """
        XCTAssertEqual(try storeEmail(Array(reply.utf8)).messagesAdded, 1)
        let id = try XCTUnwrap(conversations().first?.row.id)
        _ = try store.setStatus(id, to: .solved, actor: "ana", at: now)
        return id
    }

    func testOutOfOfficeRepliesAreBotsAndNeitherReopenNorRestartTheClock() throws {
        let id = try solvedThread()
        for name in ["out-of-office.eml", "vacation.eml"] {
            XCTAssertEqual(try storeEmail(try Self.bytes("email/automatic/" + name)).messagesAdded, 1, name)
        }
        let conversation = try store.conversation(id)
        XCTAssertEqual(conversation.row.status, .solved)
        XCTAssertNil(conversation.row.slaDue)
        XCTAssertEqual(conversation.messages.suffix(2).map(\.authorKind), [.bot, .bot])
    }

    func testPrecedenceListAndAutoSubmittedNoAreAPersonAndReopen() throws {
        let id = try solvedThread()
        _ = try storeEmail(try Self.bytes("email/automatic/group-alias.eml"))
        let conversation = try store.conversation(id)
        XCTAssertEqual(conversation.messages.last?.authorKind, .customer)
        XCTAssertEqual(conversation.row.status, .open)
        XCTAssertNotNil(conversation.row.slaDue)
    }

    func testADeliveryReportIsFiledOnTheBouncedMessagesConversation() throws {
        let id = try solvedThread()
        let report = try storeEmail(try Self.bytes("email/automatic/dsn-postfix.eml"))
        XCTAssertEqual(report.conversationsCreated, 0)
        XCTAssertEqual(report.messagesAdded, 1)
        let conversation = try store.conversation(id)
        XCTAssertEqual(try conversations().count, 1, "never a new conversation")
        let note = try XCTUnwrap(conversation.messages.last)
        XCTAssertEqual(note.authorKind, .system)
        XCTAssertEqual(note.body, "delivery to wile@acme.io failed: 550 5.1.1 <wile@acme.io>: Recipient address rejected: User unknown")
        XCTAssertEqual(conversation.row.status, .solved, "a bounce owes no answer")
    }

    func testAPlainBounceOfMailBatonNeverSawIsQuarantinedAsHavingNoPlace() throws {
        let report = try storeEmail(try Self.bytes("email/automatic/qmail-unknown.eml"))
        XCTAssertEqual(report.quarantined, 1)
        XCTAssertEqual(try conversations().count, 0)
        let entry = try XCTUnwrap(store.quarantineEntries().first)
        XCTAssertEqual(entry.kind, .noPlace)
        XCTAssertTrue(entry.reason.contains("delivery to gone@globex.com failed: Sorry, no mailbox here by that name. (#5.1.1)"), entry.reason)
    }
}
