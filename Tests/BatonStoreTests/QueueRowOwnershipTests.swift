import BatonCore
import Foundation
import XCTest
@testable import BatonStore

/// The queue's rows say why the owner owns each conversation and who is roped in.
final class QueueRowOwnershipTests: StoreTestCase {
    func testRowsCarryTheOwnersBasisAndTheCollaborators() throws {
        let id = try store.createConversation(conversation("Router drops", minutesAgo: 5), actor: "t", at: now)
        var row = try XCTUnwrap(store.queueWindow(.init(), offset: 0, limit: 5).first)
        XCTAssertNil(row.ownerVia)
        XCTAssertEqual(row.ownerText, "—")

        try store.claim(id, actor: "ana", at: now)
        try store.ropeIn(id, engineer: "dave", actor: "ana", at: now)
        row = try XCTUnwrap(store.queueWindow(.init(), offset: 0, limit: 5).first)
        XCTAssertEqual(row.ownerVia, .claim)
        XCTAssertEqual(row.collaborators, ["dave"])
        XCTAssertEqual(row.ownerText, "ana+1")
        XCTAssertEqual(try store.conversation(id).row.collaborators, ["dave"])
    }
}
