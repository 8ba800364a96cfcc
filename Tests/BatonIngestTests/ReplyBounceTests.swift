import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// A delivery status notification (RFC 3464) for a reply baton sent fails that reply in the
/// outbox, with the report's reason; a delay only notes itself.
final class ReplyBounceTests: IngestTestCase {
    /// The Message-ID the fixtures' reports return (dsn-reply-*.eml).
    static let sentID = "baton.2.5f1c@example-corp.com"

    /// Wile's question and Ana's reply through the outbox, claimed with `sentID` and left in
    /// `state` (sent, or unconfirmed when the sender died holding it).
    func replyOut(leaving state: OutboxState = .sent) throws -> OutboxReply {
        _ = try storeEmail(try Self.bytes("email/time/date-ahead.eml"))
        let id = try XCTUnwrap(conversations().first?.row.id)
        _ = try store.queueReply(id, body: "Fixed in 4.2; please update.", actor: "ana", authorName: "Ana", at: now)
        let claimed = try XCTUnwrap(store.claimDueReply(sources: [.email], sender: "box 1", at: now) { _ in Self.sentID })
        if state == .sent {
            XCTAssertTrue(try store.markSent(claimed.messageID, remoteID: Self.sentID, messageKey: "email:" + Self.sentID, by: "box 1", at: now))
        } else {
            _ = try store.markAbandoned(isAlive: { _ in false }, staleAfter: 0, by: "box 2", at: now.addingTimeInterval(60))
        }
        return try XCTUnwrap(store.outboxReply(claimed.messageID))
    }

    func testAFailureReportForASentReplyMarksItFailedWithTheServersReason() throws {
        let reply = try replyOut()
        XCTAssertEqual(reply.state, .sent)
        let report = try storeEmail(try Self.bytes("email/automatic/dsn-reply-failed.eml"))
        XCTAssertEqual(report.messagesAdded, 1)
        XCTAssertEqual(report.quarantined, 0)
        let failed = try XCTUnwrap(store.outboxReply(reply.messageID))
        XCTAssertEqual(failed.state, .failed)
        XCTAssertNil(failed.nextTryAt, "the address failed: no try by itself")
        XCTAssertEqual(failed.reason, "bounced: delivery to wile@acme.io failed: 552 Mailbox full (status 5.2.2)")
        let conversation = try store.conversation(reply.conversationID)
        XCTAssertEqual(conversation.messages.first { $0.id == reply.messageID }?.state, .failed, "the thread shows it")
        XCTAssertEqual(conversation.messages.last?.authorKind, .system)
        XCTAssertEqual(conversation.messages.last?.body, "delivery to wile@acme.io failed: 552 Mailbox full")
        XCTAssertEqual(try store.conversationsWithFailedReplies(), [reply.conversationID], "the queue row says reply failed")
        let events = try store.conversation(reply.conversationID).events.filter { $0.kind == "bounced" }
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?.detail, "reply \(reply.messageID) (was sent): \(failed.reason!)")

        // The same report again adds nothing; a person may queue the reply again.
        XCTAssertEqual(try storeEmail(try Self.bytes("email/automatic/dsn-reply-failed.eml")).skipped, 1)
        try store.retryReply(reply.messageID, actor: "ana", at: now)
        XCTAssertEqual(try store.outboxReply(reply.messageID)?.state, .queued)
    }

    func testAFailureReportForAnUnconfirmedReplySettlesItAsFailed() throws {
        let reply = try replyOut(leaving: .unconfirmed)
        XCTAssertEqual(reply.state, .unconfirmed)
        XCTAssertEqual(try storeEmail(try Self.bytes("email/automatic/dsn-reply-failed.eml")).messagesAdded, 1)
        let failed = try XCTUnwrap(store.outboxReply(reply.messageID))
        XCTAssertEqual(failed.state, .failed, "it was sent after all, and bounced")
        XCTAssertTrue(failed.reason?.hasPrefix("bounced: ") == true, failed.reason ?? "")
    }

    func testADelayReportIsNotedAndLeavesTheReplySent() throws {
        let reply = try replyOut()
        XCTAssertEqual(try storeEmail(try Self.bytes("email/automatic/dsn-reply-delayed.eml")).messagesAdded, 1)
        XCTAssertEqual(try store.outboxReply(reply.messageID)?.state, .sent)
        let note = try XCTUnwrap(store.conversation(reply.conversationID).messages.last)
        XCTAssertEqual(note.authorKind, .system)
        XCTAssertTrue(note.body.hasPrefix("delivery to wile@acme.io delayed: connect to mx.acme.io"), note.body)
        XCTAssertEqual(try store.conversationsWithFailedReplies(), [])
    }

    func testAFailureReportForACustomersMessageFailsNoReply() throws {
        let reply = try replyOut()
        // Postfix returns the customer's own mail (future-clock@acme.io): noted, and the reply stays sent.
        let raw = String(decoding: try Self.bytes("email/automatic/dsn-reply-failed.eml"), as: UTF8.self)
            .replacingOccurrences(of: "<\(Self.sentID)>", with: "<future-clock@acme.io>")
        XCTAssertEqual(try storeEmail(Array(raw.utf8)).messagesAdded, 1)
        XCTAssertEqual(try store.outboxReply(reply.messageID)?.state, .sent)
    }
}
