import BatonCore
import Foundation
import XCTest
@testable import BatonStore

/// A large period's messages and events read in two halves of ids at once, the second on
/// a connection of its own (issue 14's speed target): the same rows, in the same order, as
/// one read.
extension MetricsStoreTests {
    func testTheRowsReadInTwoHalvesAreTheRowsOfOneRead() throws {
        var ids: [Int64] = []
        for index in 0..<9 {
            let id = try store.createConversation(conversation("Case \(index)", minutesAgo: Double(90 - index), owner: index % 3 == 2 ? nil : "ana"),
                                                  actor: "intake", at: now.addingTimeInterval(-Double(90 - index) * 60))
            ids.append(id)
            if index % 3 == 0 { _ = try store.take(id, actor: "dave", at: now) }
            if index % 4 == 0 { _ = try store.addNote(id, body: "looking", actor: "ana", authorName: "Ana", at: now.addingTimeInterval(10)) }
            _ = try store.queueReply(id, body: "On it", actor: "ana", authorName: "Ana", at: now.addingTimeInterval(20))
        }
        // Two of the replies sent: their answer counts from the send, the others' from nothing yet.
        for seconds in [30.0, 40] {
            let reply = try XCTUnwrap(store.claimDueReply(sources: [.slack, .email], sender: "test", at: now.addingTimeInterval(seconds)))
            XCTAssertTrue(try store.markSent(reply.messageID, remoteID: "r\(seconds)", messageKey: nil, by: "sender", at: now.addingTimeInterval(seconds + 5)))
        }
        let from = Int64(now.timeIntervalSince1970) - 7_200, to = Int64(now.timeIntervalSince1970) + 3_600
        let once = try store.metricsData(from: from, to: to, splitFrom: Int.max)
        let halves = try store.metricsData(from: from, to: to, splitFrom: 2)
        XCTAssertEqual(halves, once)
        XCTAssertEqual(once.conversations.map(\.id), ids)
        // Both halves hold rows, so a half dropped or read twice shows.
        XCTAssertEqual(Set(once.messages.map(\.conversationID)), Set(ids))
        XCTAssertEqual(once.events.filter { $0.kind == "take" }.count, 3)
        XCTAssertEqual(once.messages.compactMap(\.sentAt).count, 2, "only the sent replies carry the outbox's instant")
        XCTAssertEqual(try store.metricsData(from: from, to: to), once)
    }
}
