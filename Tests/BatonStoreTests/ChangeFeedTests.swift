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

    /// Every command opens the store and mirrors the config; when nothing changed that must
    /// not wake the screens open on the store.
    func testOpeningAgainWithTheSameTeamWritesNothing() throws {
        let team = Self.team(path: store.path)
        let before = try store.changeToken()
        let other = try SQLiteStore(path: store.path)
        try other.syncTeam(team)
        XCTAssertEqual(try store.changeToken(), before)
        var changed = team
        changed.customers[0].name = "Acme Corporation"
        try other.syncTeam(changed)
        XCTAssertNotEqual(try store.changeToken(), before, "a changed customer is written")
    }
}
