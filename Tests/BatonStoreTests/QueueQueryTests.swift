import BatonCore
import Foundation
import XCTest
@testable import BatonStore

final class QueueQueryTests: StoreTestCase {
    func testQueueIsSortedByDeadlineWithNothingOwedLastAndDoneLeftOut() throws {
        try store.createConversation(conversation("free, new", minutesAgo: 10, tier: "free"), actor: "t", at: now)       // due in 2d
        try store.createConversation(conversation("ent, breached", minutesAgo: 90), actor: "t", at: now)                 // due 30 min ago
        try store.createConversation(conversation("ent, fresh", minutesAgo: 5), actor: "t", at: now)                     // due in 55 min
        try store.createConversation(conversation("pending", minutesAgo: 500, status: .pending), actor: "t", at: now)    // owes nothing
        try store.createConversation(conversation("solved", minutesAgo: 100, status: .solved), actor: "t", at: now)
        let rows = try store.queueWindow(.init(), offset: 0, limit: 10)
        XCTAssertEqual(rows.map(\.subject), ["ent, breached", "ent, fresh", "free, new", "pending"])
        XCTAssertEqual(rows[0].slaDue, now.addingTimeInterval(-30 * 60))
        XCTAssertNil(rows[3].slaDue)
        XCTAssertEqual(try store.queueWindow(.init(includeClosed: true), offset: 0, limit: 10).count, 5)
    }

    func testWindowReturnsOnlyTheRowsAsked() throws {
        try store.createConversations((0..<30).map { conversation("c\($0)", minutesAgo: Double(30 - $0)) }, actor: "t", at: now)
        let window = try store.queueWindow(.init(), offset: 10, limit: 5)
        XCTAssertEqual(window.map(\.subject), ["c10", "c11", "c12", "c13", "c14"])
        XCTAssertEqual(try store.queueSize(.init()), 30)
    }

    func testCountsOpenUnownedAndBreaching() throws {
        try store.createConversation(conversation("a", minutesAgo: 90, owner: "ana"), actor: "t", at: now)
        try store.createConversation(conversation("b", minutesAgo: 61), actor: "t", at: now)
        try store.createConversation(conversation("c", minutesAgo: 10), actor: "t", at: now)
        try store.createConversation(conversation("d", minutesAgo: 10, status: .closed), actor: "t", at: now)
        XCTAssertEqual(try store.queueCounts(now: now), QueueCounts(open: 3, unowned: 2, breaching: 2))
    }

    func testFilterMatchesSubjectCustomerOwnerAndMessageWords() throws {
        try store.createConversation(conversation("Router drops subscriptions", minutesAgo: 5), actor: "t", at: now)
        try store.createConversation(conversation("Invoice", minutesAgo: 5, customer: "Globex"), actor: "t", at: now)
        try store.createConversation(conversation("SSO loop", minutesAgo: 5, owner: "dave"), actor: "t", at: now)
        try store.createConversation(conversation("Question", minutesAgo: 5, body: "our websocket heartbeat fails"), actor: "t", at: now)
        func subjects(_ filter: String) throws -> [String] {
            try store.queueWindow(.init(filter: filter), offset: 0, limit: 10).map(\.subject).sorted()
        }
        XCTAssertEqual(try subjects("router"), ["Router drops subscriptions"])
        XCTAssertEqual(try subjects("glob"), ["Invoice"])
        XCTAssertEqual(try subjects("dave"), ["SSO loop"])
        XCTAssertEqual(try subjects("heartb"), ["Question"], "a word of the text, by its start")
        XCTAssertEqual(try subjects("%"), [], "LIKE wildcards are taken literally")
        XCTAssertEqual(try subjects("\"*) OR ("), [], "full-text syntax is taken literally")
        XCTAssertEqual(try store.queueSize(.init(filter: "router")), 1)
    }

    func testFilterFindsAConversationByItsNumber() throws {
        let router = try store.createConversation(conversation("Router drops subscriptions", minutesAgo: 5), actor: "t", at: now)
        try store.createConversation(conversation("Invoice", minutesAgo: 5, customer: "Globex"), actor: "t", at: now)
        for filter in ["\(router)", "#\(router)"] {
            XCTAssertEqual(try store.queueWindow(.init(filter: filter), offset: 0, limit: 10).map(\.id), [router], filter)
        }
        XCTAssertEqual(try store.queueWindow(.init(filter: "#x"), offset: 0, limit: 10).map(\.id), [])
    }
}
