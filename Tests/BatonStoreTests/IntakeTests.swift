import BatonCore
import Foundation
import XCTest
@testable import BatonStore

final class IntakeTests: StoreTestCase {
    func testTheSameExternalKeyIsStoredOnce() throws {
        let first = try store.createConversation(conversation("once", minutesAgo: 5, key: "slack:C1:1.0"), actor: "t", at: now)
        let second = try store.createConversation(conversation("once", minutesAgo: 5, key: "slack:C1:1.0"), actor: "t", at: now)
        XCTAssertEqual(first, second)
        XCTAssertEqual(try store.queueSize(.init(includeClosed: true)), 1)
        let reply = NewMessage(externalKey: "slack:C1:2.0", authorKind: .customer, authorName: "Priya", body: "more", createdAt: now)
        XCTAssertTrue(try store.appendMessage(reply, to: first, actor: "t"))
        XCTAssertFalse(try store.appendMessage(reply, to: first, actor: "t"))
        XCTAssertEqual(try store.conversation(first).messages.count, 2)
    }

    func testATeamAnswerStopsTheClockAndAFollowUpStartsTheNextOne() throws {
        let id = try store.createConversation(conversation("clock", minutesAgo: 30), actor: "t", at: now)
        XCTAssertEqual(try store.conversation(id).row.slaDue, now.addingTimeInterval(30 * 60))
        try store.appendMessage(NewMessage(authorKind: .team, authorName: "Ana", authorID: "ana", body: "on it", createdAt: now), to: id, actor: "t")
        var row = try store.conversation(id).row
        XCTAssertNil(row.slaDue)
        XCTAssertEqual(row.status, .open)
        XCTAssertEqual(row.version, 2)
        let later = now.addingTimeInterval(600)
        try store.appendMessage(NewMessage(authorKind: .customer, authorName: "Priya", body: "still broken", createdAt: later), to: id, actor: "t")
        row = try store.conversation(id).row
        XCTAssertEqual(row.slaDue, later.addingTimeInterval(4 * 3_600), "next response target counts from the follow-up")
        XCTAssertEqual(row.messageCount, 3)
    }

    func testEveryCreationIsInTheAuditLog() throws {
        let id = try store.createConversation(conversation("audited", minutesAgo: 1), actor: "ingest", at: now)
        let events = try store.conversation(id).events
        XCTAssertEqual(events.map(\.kind), ["created"])
        XCTAssertEqual(events.first?.actor, "ingest")
    }

    func testUnknownTierIsRefusedAndNothingIsWritten() throws {
        XCTAssertThrowsError(try store.createConversation(conversation("x", minutesAgo: 1, tier: "platinum"), actor: "t", at: now)) { error in
            XCTAssertEqual(error as? StoreError, .unknownTier("platinum"))
        }
        XCTAssertEqual(try store.queueSize(.init(includeClosed: true)), 0)
    }

    func testABatchIsOneTransaction() throws {
        let batch = [conversation("good", minutesAgo: 1), conversation("bad", minutesAgo: 1, tier: "platinum")]
        XCTAssertThrowsError(try store.createConversations(batch, actor: "t", at: now))
        XCTAssertEqual(try store.queueSize(.init(includeClosed: true)), 0, "the good one rolled back with the bad one")
    }

    func testMissingConversationIsNamed() {
        XCTAssertThrowsError(try store.conversation(404)) { error in
            XCTAssertEqual("\(error)", "no conversation 404")
        }
    }
}
