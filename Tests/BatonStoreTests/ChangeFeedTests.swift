import BatonCore
import Foundation
import XCTest
@testable import BatonStore

final class ChangeFeedTests: StoreTestCase {
    func testAnotherConnectionsWriteChangesTheToken() throws {
        let other = try SQLiteStore(path: store.path)
        let before = try store.changeToken()
        XCTAssertEqual(try store.changeToken(), before, "nothing changed, nothing to refetch")
        try other.createConversation(conversation("from elsewhere", minutesAgo: 1), actor: "t", at: now)
        XCTAssertNotEqual(try store.changeToken(), before)
        XCTAssertEqual(try store.queueWindow(.init(), offset: 0, limit: 5).map(\.subject), ["from elsewhere"])
    }
}
