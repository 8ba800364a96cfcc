import XCTest
@testable import BatonCore

final class SLAClockTests: XCTestCase {
    private let enterprise = Tier(id: "enterprise", firstResponse: 3_600, nextResponse: 4 * 3_600)
    private let t0 = utc("2026-11-23T09:00:00Z")
    private func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    // MARK: SLAClock.due

    func testFirstResponseCountsFromTheCustomersFirstMessage() {
        XCTAssertEqual(SLAClock.due(tier: enterprise, status: .new, firstResponseAt: nil, awaitingSince: t0), utc("2026-11-23T10:00:00Z"))
    }

    func testAThreadABotStartedOwesAFirstAnswerFromTheCustomersFirstMessage() {
        var clock = ConversationClock(createdAt: t0)
        clock.record(.bot, at: t0)
        XCTAssertNil(clock.slaDue(tier: enterprise), "only a bot has spoken: nothing is owed")
        clock.record(.customer, at: at(30))
        clock.record(.customer, at: at(40))
        XCTAssertEqual(clock.slaDue(tier: enterprise), at(30).addingTimeInterval(3_600), "a follow-up does not move the first-response deadline")
    }

    func testNextResponseCountsFromTheCustomersFirstUnansweredMessage() {
        XCTAssertEqual(SLAClock.due(tier: enterprise, status: .open, firstResponseAt: at(10), awaitingSince: at(60)), utc("2026-11-23T14:00:00Z"))
    }

    func testNothingIsOwedWhenTheTeamSpokeLast() {
        XCTAssertNil(SLAClock.due(tier: enterprise, status: .open, firstResponseAt: at(10), awaitingSince: nil))
    }

    func testClockStopsOutsideNewAndOpen() {
        for status in [ConversationStatus.pending, .onHold, .solved, .closed] {
            XCTAssertNil(SLAClock.due(tier: enterprise, status: status, firstResponseAt: nil, awaitingSince: t0), status.rawValue)
            XCTAssertNil(SLAClock.due(tier: enterprise, status: status, firstResponseAt: at(5), awaitingSince: at(50)), status.rawValue)
        }
    }

    func testStatusFlags() {
        XCTAssertEqual(ConversationStatus.allCases.filter(\.clockRuns), [.new, .open])
        XCTAssertEqual(ConversationStatus.allCases.filter(\.isOpen), [.new, .open, .pending, .onHold])
        XCTAssertEqual(ConversationStatus.onHold.rawValue, "on_hold")
    }

    // MARK: ConversationClock

    func testNewConversationOwesAFirstResponse() {
        var clock = ConversationClock(createdAt: t0)
        clock.record(.customer, at: t0)
        XCTAssertEqual(clock.status, .new)
        XCTAssertEqual(clock.awaitingSince, t0)
        XCTAssertNil(clock.firstResponseAt)
        XCTAssertEqual(clock.slaDue(tier: enterprise), utc("2026-11-23T10:00:00Z"))
    }

    func testFollowUpBeforeTheFirstAnswerKeepsTheFirstResponseDeadline() {
        var clock = ConversationClock(createdAt: t0)
        clock.record(.customer, at: t0)
        clock.record(.customer, at: at(45))
        XCTAssertEqual(clock.awaitingSince, t0)
        XCTAssertEqual(clock.slaDue(tier: enterprise), utc("2026-11-23T10:00:00Z"))
    }

    func testTeamAnswerStopsTheClockAndOpens() {
        var clock = ConversationClock(createdAt: t0)
        clock.record(.customer, at: t0)
        clock.record(.team, at: at(20))
        XCTAssertEqual(clock.status, .open)
        XCTAssertEqual(clock.firstResponseAt, at(20))
        XCTAssertNil(clock.awaitingSince)
        XCTAssertNil(clock.slaDue(tier: enterprise))
    }

    func testCustomerFollowUpAfterAnAnswerOwesANextResponse() {
        var clock = ConversationClock(createdAt: t0)
        clock.record(.customer, at: t0)
        clock.record(.team, at: at(20))
        clock.record(.customer, at: at(60))
        clock.record(.customer, at: at(90))
        XCTAssertEqual(clock.awaitingSince, at(60), "the first unanswered message counts")
        XCTAssertEqual(clock.slaDue(tier: enterprise), utc("2026-11-23T14:00:00Z"))
        clock.record(.team, at: at(120))
        XCTAssertEqual(clock.firstResponseAt, at(20), "the first response stays the first")
        XCTAssertNil(clock.slaDue(tier: enterprise))
    }

    func testPendingStopsTheClockAndACustomerMessageReopens() {
        var clock = ConversationClock(createdAt: t0)
        clock.record(.customer, at: t0)
        clock.record(.team, at: at(20))
        clock.status = .pending
        XCTAssertNil(clock.slaDue(tier: enterprise))
        clock.record(.customer, at: at(300))
        XCTAssertEqual(clock.status, .open)
        XCTAssertEqual(clock.slaDue(tier: enterprise), at(300 + 240))
    }

    func testSolvedAndClosedReopenOnACustomerMessage() {
        for done in [ConversationStatus.solved, .closed] {
            var clock = ConversationClock(status: done, createdAt: t0, firstResponseAt: at(20), awaitingSince: nil)
            XCTAssertNil(clock.slaDue(tier: enterprise))
            clock.record(.customer, at: at(1_000))
            XCTAssertEqual(clock.status, .open, done.rawValue)
            XCTAssertEqual(clock.slaDue(tier: enterprise), at(1_000 + 240), done.rawValue)
        }
    }

    func testPendingCustomerMessageWhileWaitingSinceEarlierKeepsTheEarlierStart() {
        // Set to pending while a customer message was still unanswered: the reopen counts from that message.
        var clock = ConversationClock(status: .pending, createdAt: t0, firstResponseAt: at(20), awaitingSince: at(30))
        XCTAssertNil(clock.slaDue(tier: enterprise))
        clock.record(.customer, at: at(100))
        XCTAssertEqual(clock.awaitingSince, at(30))
        XCTAssertEqual(clock.slaDue(tier: enterprise), at(30 + 240))
    }

    func testBotsAndTheSystemChangeNothing() {
        var clock = ConversationClock(createdAt: t0)
        clock.record(.customer, at: t0)
        let before = clock
        clock.record(.bot, at: at(5))
        clock.record(.system, at: at(6))
        XCTAssertEqual(clock, before)

        var solved = ConversationClock(status: .solved, createdAt: t0, firstResponseAt: at(1))
        solved.record(.bot, at: at(5))
        XCTAssertEqual(solved.status, .solved)
    }

    func testTeamMessageDoesNotReopenASolvedConversation() {
        var clock = ConversationClock(status: .solved, createdAt: t0, firstResponseAt: at(1))
        clock.record(.team, at: at(5))
        XCTAssertEqual(clock.status, .solved)
    }

    func testTierDefaults() {
        let tier = Tier(id: "enterprise", firstResponse: 60, nextResponse: 120)
        XCTAssertEqual(tier.name, "Enterprise")
        XCTAssertEqual(tier.short, "ENTE")
        XCTAssertEqual(tier.hours, "24x7")
        XCTAssertEqual(Tier(id: "pro", firstResponse: 1, nextResponse: 1).short, "PRO")
    }

    // MARK: NewConversation.clock and QueueRow

    func testNewConversationClockFoldsMessagesInTimeOrder() {
        let conversation = NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "s", source: .email, messages: [
            NewMessage(authorKind: .customer, authorName: "c", body: "again?", createdAt: at(90)),
            NewMessage(authorKind: .team, authorName: "t", body: "hi", createdAt: at(30)),
            NewMessage(authorKind: .customer, authorName: "c", body: "help", createdAt: at(0)),
        ])
        let clock = conversation.clock(startingAt: at(-500))
        XCTAssertEqual(clock.createdAt, t0, "the earliest message, not the fallback")
        XCTAssertEqual(clock.firstResponseAt, at(30))
        XCTAssertEqual(clock.awaitingSince, at(90))
        XCTAssertEqual(clock.status, .open)
        XCTAssertEqual(clock.slaDue(tier: enterprise), at(90 + 240))
    }

    func testNewConversationStatusOverridesTheMessages() {
        var conversation = NewConversation(customerID: nil, customerName: "x", tierID: "free", subject: "s", source: .slack, status: .solved, messages: [
            NewMessage(authorKind: .customer, authorName: "c", body: "help", createdAt: t0),
        ])
        XCTAssertEqual(conversation.clock(startingAt: t0).status, .solved)
        conversation.messages = []
        conversation.status = nil
        let empty = conversation.clock(startingAt: at(7))
        XCTAssertEqual(empty.createdAt, at(7))
        XCTAssertEqual(empty.status, .new)
    }

    func testQueueRowBreaching() {
        var row = QueueRow(id: 1, subject: "s", status: .open, source: .slack, customerID: nil, customerName: "x", tierID: "pro", tierShort: "PRO",
                           ownerID: nil, createdAt: t0, updatedAt: t0, slaDue: at(60), messageCount: 1)
        XCTAssertFalse(row.isBreaching(at: at(59)))
        XCTAssertTrue(row.isBreaching(at: at(60)))
        row.slaDue = nil
        XCTAssertFalse(row.isBreaching(at: at(10_000)))
    }

    func testSourceShortNames() {
        XCTAssertEqual(Source.allCases.map(\.short), ["slk", "eml", "nps"])
    }
}
