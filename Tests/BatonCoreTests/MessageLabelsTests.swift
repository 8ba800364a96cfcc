import BatonCore
import Foundation
import XCTest

final class MessageLabelsTests: XCTestCase {
    let at = Date(timeIntervalSince1970: 1_795_442_400)

    func message(state: MessageState = .received, edited: TimeInterval? = nil, deleted: TimeInterval? = nil) -> Message {
        Message(id: 1, authorKind: .customer, authorName: "Priya", body: "hi", createdAt: at, state: state,
                editedAt: edited.map(at.addingTimeInterval), deletedAt: deleted.map(at.addingTimeInterval))
    }

    func testLabelsSayWhatHappenedAndHowLongAfter() {
        XCTAssertEqual(message().labels, [])
        XCTAssertEqual(message(state: .queued).labels, ["queued to send"])
        XCTAssertEqual(message(edited: 150, deleted: 3_700).labels, ["edited 2m later", "deleted 1h1m later"])
    }

    func testADeletionWhoseTimeIsNotKnownSaysOnlyThatItHappened() {
        XCTAssertEqual(message(deleted: 0).labels, ["deleted"], "a Slack tombstone is stored with the message's own time")
    }
}
