import BatonCore
import Foundation
import GRDB
import XCTest
@testable import BatonStore

/// Every message is indexed for search by the code that inserts it, and by nothing else.
final class SearchIndexTests: StoreTestCase {
    func testEveryMessageIsIndexedOnceAndFindable() throws {
        let id = try store.createConversation(conversation("Router drops", minutesAgo: 5, body: "the zeppelin gateway restarts"), actor: "t", at: now)
        try store.appendMessage(NewMessage(authorKind: .customer, authorName: "Priya", body: "still quixotic after the upgrade", createdAt: now), to: id, actor: "t")
        XCTAssertEqual(try store.queueSize(QueueQuery(filter: "zeppelin")), 1)
        XCTAssertEqual(try store.queueSize(QueueQuery(filter: "quixotic")), 1)
        // The code indexes each message; a trigger doing it as well would index it twice.
        let triggers = try store.write { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%AFTER INSERT ON messages %'")
        }
        XCTAssertEqual(triggers, [])
    }
}
