import BatonCore
import Foundation
import GRDB
import XCTest
@testable import BatonStore

/// The outbox's states in the store: claims, outcomes, the clock, abandoned senders.
final class OutboxStoreTests: StoreTestCase {
    func queued(_ body: String = "Fixed.") throws -> (conversation: Int64, reply: Int64) {
        let id = try store.createConversation(conversation("x", minutesAgo: 5, key: "slack:C1:1700000000.0001"), actor: "ingest", at: now)
        _ = try store.addNote(id, body: "internal", actor: "ana", authorName: "Ana", at: now)
        _ = try store.queueReply(id, body: body, actor: "ana", authorName: "Ana", at: now)
        let replies = try store.outbox()
        return (id, replies.last!.messageID)
    }

    func testAReplyGoesQueuedSendingSentWithItsRemoteIdAndStopsTheClockWhenSent() throws {
        let (id, reply) = try queued()
        XCTAssertEqual(try store.outbox().map(\.body), ["Fixed."], "notes never leave")
        XCTAssertNotNil(try store.conversation(id).row.slaDue, "owed until sent")
        let later = now.addingTimeInterval(90)
        let claimed = try XCTUnwrap(try store.claimDueReply(sources: [.slack], sender: "box 1", at: later))
        XCTAssertEqual(claimed.state, .sending)
        XCTAssertEqual(claimed.attempts, 1)
        XCTAssertEqual(claimed.conversationKey, "slack:C1:1700000000.0001")
        XCTAssertNil(try store.claimDueReply(sources: [.slack], sender: "box 2", at: later), "claimed once: a second sender gets nothing")
        XCTAssertEqual(try store.conversation(id).messages.last?.state, .sending)
        XCTAssertTrue(try store.markSent(reply, remoteID: "1700000100.0002", messageKey: "slack:C1:1700000100.0002", by: "slack", at: later))
        XCTAssertFalse(try store.markSent(reply, remoteID: "1700000100.0002", messageKey: nil, by: "slack", at: later), "sent once")
        let detail = try store.conversation(id)
        XCTAssertEqual(detail.messages.last?.state, .sent)
        XCTAssertNil(detail.row.slaDue, "answered when sent")
        try store.read { db in
            XCTAssertEqual(try Int64.fetchOne(db, sql: "SELECT first_response_at FROM conversations WHERE id = ?", arguments: [id]),
                           Int64(later.timeIntervalSince1970), "the first answer is the one the customer got")
        }
        XCTAssertEqual(detail.events.suffix(2).map(\.kind), ["sending", "sent"])
        XCTAssertEqual(try store.outboxReply(reply)?.remoteID, "1700000100.0002")
        try store.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT external_key FROM messages WHERE id = ?", arguments: [reply]), "slack:C1:1700000100.0002")
        }
    }

    func testOnlyTheSourcesASenderHasAConnectorForAreClaimed() throws {
        _ = try queued()
        XCTAssertNil(try store.claimDueReply(sources: [.email], sender: "box 1", at: now))
        XCTAssertEqual(try store.outbox().first?.state, .queued)
    }

    func testATemporaryFailureRetriesWithBackoffAndAPermanentOneWaitsForAPerson() throws {
        let (id, reply) = try queued()
        _ = try store.claimDueReply(sources: [.slack], sender: "box 1", at: now)
        XCTAssertTrue(try store.markFailed(reply, reason: "sendmail exit 75", temporary: true, by: "email", at: now))
        var entry = try XCTUnwrap(try store.outboxReply(reply))
        XCTAssertEqual(entry.state, .failed)
        XCTAssertEqual(entry.nextTryAt, now.addingTimeInterval(60))
        XCTAssertEqual(entry.reason, "sendmail exit 75")
        XCTAssertEqual(try store.conversation(id).messages.last?.state, .failed)
        XCTAssertNotNil(try store.conversation(id).row.slaDue, "a failed reply answers nothing")
        XCTAssertEqual(try store.outboxSummary().failed, 1)
        XCTAssertEqual(try store.conversationsWithFailedReplies(), [id])
        XCTAssertNil(try store.claimDueReply(sources: [.slack], sender: "box 1", at: now.addingTimeInterval(59)), "not before its next try")
        let second = try XCTUnwrap(try store.claimDueReply(sources: [.slack], sender: "box 1", at: now.addingTimeInterval(60)))
        XCTAssertEqual(second.attempts, 2)
        XCTAssertTrue(try store.markFailed(reply, reason: "channel_not_found", temporary: false, by: "slack", at: now.addingTimeInterval(61)))
        entry = try XCTUnwrap(try store.outboxReply(reply))
        XCTAssertNil(entry.nextTryAt, "a permanent failure waits for a person")
        XCTAssertNil(try store.claimDueReply(sources: [.slack], sender: "box 1", at: now.addingTimeInterval(86_400)))
        XCTAssertThrowsError(try store.cancelReply(999, actor: "ana", at: now))
        try store.retryReply(reply, actor: "ana", at: now.addingTimeInterval(120))
        XCTAssertEqual(try store.outboxReply(reply)?.state, .queued)
        XCTAssertThrowsError(try store.retryReply(reply, actor: "ana", at: now)) { error in
            XCTAssertEqual((error as? OutboxError)?.description, "reply \(reply) is queued; only a reply that is failed or unconfirmed can be given to retry")
        }
        try store.cancelReply(reply, actor: "ana", at: now.addingTimeInterval(130))
        XCTAssertEqual(try store.conversation(id).messages.last?.state, .cancelled)
        XCTAssertEqual(try store.conversation(id).events.suffix(2).map(\.kind), ["retry", "cancel"])
    }

    func testTheBackoffDoublesToAnHourAndStops() {
        XCTAssertEqual((1...9).map { OutboxState.retryDelay(afterAttempt: $0) }, [60, 120, 240, 480, 960, 1_920, 3_600, nil, nil])
    }

    func testAReplyLeftSendingByADeadSenderIsUnconfirmedNeverResent() throws {
        let (_, reply) = try queued()
        _ = try store.claimDueReply(sources: [.slack], sender: "box 4242", at: now)
        XCTAssertEqual(try store.markAbandoned(isAlive: { _ in true }, staleAfter: 900, by: "sender", at: now.addingTimeInterval(60)), [], "alive and recent")
        XCTAssertEqual(try store.markAbandoned(isAlive: { $0 != "box 4242" }, staleAfter: 900, by: "sender", at: now.addingTimeInterval(60)), [reply])
        let entry = try XCTUnwrap(try store.outboxReply(reply))
        XCTAssertEqual(entry.state, .unconfirmed)
        XCTAssertTrue(entry.reason?.hasPrefix("its sender (box 4242) stopped while handing it over") == true, entry.reason ?? "")
        XCTAssertNil(try store.claimDueReply(sources: [.slack], sender: "box 1", at: now.addingTimeInterval(86_400)), "never sent again by itself")
        XCTAssertEqual(try store.outboxSummary().unconfirmed, 1)
        XCTAssertEqual(try store.retryFailedReplies(conversation: entry.conversationID, actor: "ana", at: now), 1)
        XCTAssertEqual(try store.outboxReply(reply)?.state, .queued)
    }

    func testNoSenderForAMinuteIsToldOnlyWhenRepliesWait() throws {
        XCTAssertFalse(try store.outboxSummary().noSender(now: now))
        _ = try queued()
        XCTAssertTrue(try store.outboxSummary().noSender(now: now), "never ran")
        try store.noteSenderRan(at: now)
        XCTAssertFalse(try store.outboxSummary().noSender(now: now.addingTimeInterval(60)))
        XCTAssertTrue(try store.outboxSummary().noSender(now: now.addingTimeInterval(61)))
    }

    func testACustomerMessageAfterTheReplyWasWrittenStaysOwedWhenItIsSent() throws {
        let (id, reply) = try queued()
        try store.appendMessage(NewMessage(authorKind: .customer, authorName: "Priya", body: "also this", createdAt: now.addingTimeInterval(30)), to: id, actor: "ingest")
        _ = try store.claimDueReply(sources: [.slack], sender: "box 1", at: now.addingTimeInterval(60))
        try store.markSent(reply, remoteID: "1.2", messageKey: nil, by: "slack", at: now.addingTimeInterval(60))
        XCTAssertNotNil(try store.conversation(id).row.slaDue, "the reply did not see the newer message")
    }
}
