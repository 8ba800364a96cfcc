import BatonCore
import Foundation
import XCTest
@testable import BatonStore

final class OwnershipTests: StoreTestCase {
    func add(_ subject: String = "Router drops subscriptions", owner: String? = nil) throws -> Int64 {
        try store.createConversation(conversation(subject, minutesAgo: 10, owner: owner), actor: "test", at: now)
    }

    func testClaimOfAnUnownedConversationRecordsTheOwnerWhyAndAnEvent() throws {
        let id = try add()
        let result = try store.claim(id, actor: "ana", at: now)
        XCTAssertEqual(result.row.ownerID, "ana")
        XCTAssertEqual(result.row.version, 2)
        XCTAssertEqual(result.event?.kind, "claim")
        XCTAssertEqual(result.event?.detail, "— → ana")
        try store.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT owner_via FROM conversations WHERE id = ?", arguments: [id]), "claim")
        }
        XCTAssertNil(try store.claim(id, actor: "ana", at: now).event, "claiming your own is nothing to do")
    }

    func testClaimOfSomeoneElsesConversationNamesThemAndSinceWhen() throws {
        let id = try add()
        _ = try store.claim(id, actor: "dave", at: now)
        XCTAssertThrowsError(try store.claim(id, actor: "ana", at: now.addingTimeInterval(2))) { error in
            let conflict = error as? ActionConflict
            XCTAssertEqual(conflict, .owned(conversation: id, by: "dave", basis: .claim, since: now))
            XCTAssertEqual(conflict?.text(now: now.addingTimeInterval(2)), "dave claimed this 2 s ago; `take` it to own it instead")
        }
        XCTAssertEqual(try store.conversation(id).row.ownerID, "dave")
        XCTAssertEqual(try store.conversation(id).events.filter { $0.kind == "claim" }.count, 1)
    }

    func testTwoConnectionsClaimingAtOnceExactlyOneWins() throws {
        // Fifty rounds of two connections racing on one conversation from two threads.
        let other = try SQLiteStore(path: store.path)
        let mine: SQLiteStore = store, now = self.now
        for round in 0..<50 {
            let id = try add("race \(round)")
            let outcomes = Failures()  // a thread-safe list; here it collects every outcome
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let (connection, who) = index == 0 ? (mine, "ana") : (other, "dave")
                do {
                    _ = try connection.claim(id, actor: who, at: now)
                    outcomes.add("won \(who)")
                } catch let conflict as ActionConflict {
                    outcomes.add("lost to \(conflict)")
                } catch {
                    outcomes.add("error \(error)")
                }
            }
            let detail = try store.conversation(id)
            let winner = try XCTUnwrap(detail.row.ownerID)
            XCTAssertEqual(outcomes.all.filter { $0.hasPrefix("won") }, ["won \(winner)"], "round \(round)")
            XCTAssertEqual(outcomes.all.filter { $0.hasPrefix("lost") }.count, 1, "round \(round): \(outcomes.all)")
            XCTAssertEqual(detail.events.filter { $0.kind == "claim" }.map(\.actor), [winner])
        }
    }

    func testAStaleVersionIsRefusedNamingTheChangeItMissed() throws {
        let id = try add()
        let seen = try store.conversation(id).row.version
        let other = try SQLiteStore(path: store.path)
        _ = try other.setStatus(id, to: .pending, actor: "dave", expectedVersion: seen, at: now)
        XCTAssertThrowsError(try store.take(id, actor: "ana", expectedVersion: seen, at: now.addingTimeInterval(5))) { error in
            XCTAssertEqual((error as? ActionConflict)?.text(now: now.addingTimeInterval(5)),
                           "dave changed this (status new → pending) 5 s ago; look again and retry")
        }
        XCTAssertNil(try store.conversation(id).row.ownerID, "nothing written")
        XCTAssertEqual(try store.take(id, actor: "ana", expectedVersion: seen + 1, at: now).row.ownerID, "ana")
    }

    func testTakeAssignAndReleaseAreRecordedAsSuch() throws {
        let id = try add()
        _ = try store.claim(id, actor: "dave", at: now)
        XCTAssertEqual(try store.take(id, actor: "ana", at: now).event?.detail, "dave → ana")
        XCTAssertEqual(try store.assign(id, to: "dave", actor: "ana", at: now).event?.detail, "ana → dave")
        XCTAssertThrowsError(try store.release(id, actor: "ana", at: now)) { error in
            XCTAssertEqual(error as? ActionConflict, .notYours(conversation: id, owner: "dave"))
        }
        let released = try store.release(id, actor: "dave", at: now)
        XCTAssertNil(released.row.ownerID)
        XCTAssertEqual(try store.conversation(id).events.map(\.kind), ["created", "claim", "take", "assign", "release"])
        try store.read { db in
            XCTAssertNil(try String.fetchOne(db, sql: "SELECT owner_via FROM conversations WHERE id = ?", arguments: [id]))
        }
    }

    func testUnknownEngineersAndConversationsWriteNothing() throws {
        let id = try add()
        XCTAssertThrowsError(try store.assign(id, to: "zed", actor: "ana", at: now)) { error in
            XCTAssertEqual(error as? StoreError, .unknownEngineer("zed"))
        }
        XCTAssertThrowsError(try store.claim(999, actor: "ana", at: now)) { error in
            XCTAssertEqual(error as? StoreError, .notFound(conversation: 999))
        }
        XCTAssertEqual(try store.conversation(id).events.count, 1)
        XCTAssertEqual(try store.conversation(id).row.version, 1)
    }

    func testRopeInAddsACollaboratorBesideTheOwner() throws {
        let id = try add()
        _ = try store.claim(id, actor: "ana", at: now)
        XCTAssertEqual(try store.ropeIn(id, engineer: "dave", actor: "ana", at: now).event?.detail, "+dave")
        XCTAssertNil(try store.ropeIn(id, engineer: "dave", actor: "ana", at: now).event, "once is enough")
        let detail = try store.conversation(id)
        XCTAssertEqual(detail.row.ownerID, "ana")
        XCTAssertEqual(detail.collaborators, ["dave"])
        _ = try store.assign(id, to: "dave", actor: "ana", at: now)
        XCTAssertEqual(try store.conversation(id).collaborators, [], "the new owner is no longer beside themselves")
    }

    func testAReplyIsQueuedToSendAndAnswersWhatWasOwedOnlyOnceSent() throws {
        let id = try add()
        let due = try store.conversation(id).row.slaDue
        XCTAssertNotNil(due)
        try store.saveDraft(id, author: "ana", kind: "reply", body: "half written", at: now)
        _ = try store.queueReply(id, body: "Fixed in 2.4.1.\nUpgrade and tell us.", actor: "ana", authorName: "Ana", at: now)
        let detail = try store.conversation(id)
        XCTAssertEqual(detail.messages.last?.state, .queued)
        XCTAssertEqual(detail.messages.last?.authorID, "ana")
        XCTAssertEqual(detail.row.slaDue, due, "queued is not sent: the customer has nothing yet")
        XCTAssertEqual(detail.events.last?.detail, "queued to send: Fixed in 2.4.1.")
        XCTAssertNil(try store.draft(id, author: "ana", kind: "reply"), "the draft went with the reply")
    }

    func testANoteIsInternalAndLeavesTheClockAlone() throws {
        let id = try add()
        let due = try store.conversation(id).row.slaDue
        _ = try store.addNote(id, body: "customer on 2.3; see ENG-12", actor: "dave", authorName: "Dave", at: now)
        let detail = try store.conversation(id)
        XCTAssertEqual(detail.messages.last?.state, .note)
        XCTAssertEqual(detail.row.slaDue, due)
    }

    func testStatusChangesMoveTheClockAndTagsAreKept() throws {
        let id = try add()
        let pending = try store.setStatus(id, to: .pending, actor: "ana", at: now)
        XCTAssertNil(pending.row.slaDue, "waiting on the customer: no clock")
        XCTAssertEqual(try store.setStatus(id, to: .open, actor: "ana", at: now).row.slaDue, try store.conversation(id).row.slaDue)
        XCTAssertNotNil(try store.conversation(id).row.slaDue)
        XCTAssertEqual(try store.tag(id, add: ["billing", "urgent"], remove: [], actor: "ana", at: now).event?.detail, "+billing +urgent")
        XCTAssertEqual(try store.tag(id, add: [], remove: ["urgent", "nope"], actor: "ana", at: now).event?.detail, "-urgent")
        XCTAssertEqual(try store.conversation(id).tags, ["billing"])
    }

    func testDraftsSurviveAndAreReplaced() throws {
        let id = try add()
        try store.saveDraft(id, author: "ana", kind: "reply", body: "one", at: now)
        try store.saveDraft(id, author: "ana", kind: "reply", body: "two", at: now)
        XCTAssertEqual(try SQLiteStore(path: store.path).draft(id, author: "ana", kind: "reply"), "two")
        XCTAssertNil(try store.draft(id, author: "dave", kind: "reply"))
    }
}

final class IntakeOwnerTests: StoreTestCase {
    func testAConversationResolvedToItsPairRecordsOwnerWhyAndCollaborator() throws {
        var new = conversation("Router drops subscriptions", minutesAgo: 5)
        new.ownerID = "dave"
        new.ownerVia = .point
        new.collaborators = ["ana"]
        let id = try store.createConversation(new, actor: "ingest", at: now)
        let detail = try store.conversation(id)
        XCTAssertEqual(detail.collaborators, ["ana"])
        XCTAssertEqual(detail.events.map(\.detail), ["from slack, owner dave (point) with ana"])
        try store.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT owner_via FROM conversations WHERE id = ?", arguments: [id]), "point")
        }
    }
}

final class NewMessageConflictTests: StoreTestCase {
    func testAMessageAfterWhatTheActorSawIsNamed() throws {
        let id = try store.createConversation(conversation("x", minutesAgo: 5), actor: "ingest", at: now.addingTimeInterval(-300))
        let seen = try store.conversation(id).row.version
        try store.appendMessage(NewMessage(authorKind: .customer, authorName: "Priya", body: "still broken", createdAt: now.addingTimeInterval(-3)), to: id, actor: "ingest")
        XCTAssertThrowsError(try store.setStatus(id, to: .solved, actor: "ana", expectedVersion: seen, at: now)) { error in
            XCTAssertEqual((error as? ActionConflict)?.text(now: now), "Priya wrote 3 s ago, after what you saw; look again and retry")
        }
        XCTAssertEqual(try store.conversation(id).row.status, .new, "not solved over a message nobody read")
    }
}
