import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// The signed Events API path with the numbers that killed `baton-serve`: a verified event
/// whose `ts` or `edited.ts` is `1e300`, `inf`, `nan` or `1e19` is answered, stores nothing
/// and leaves the receiver serving the next event.
final class SlackEventNumberTests: IngestTestCase {
    let secret = Array("number-test-signing-secret-000001".utf8)

    func post(_ receiver: SlackEventReceiver, _ json: String) -> SlackEventReceiver.Reply {
        let body = Array(json.utf8)
        let timestamp = String(Int(now.timeIntervalSince1970))
        let headers = ["x-slack-request-timestamp": timestamp,
                       "x-slack-signature": SlackSignature.sign(body: body, timestamp: timestamp, secret: secret)]
        return receiver.handle(body: body, header: { headers[$0.lowercased()] }, now: now)
    }

    func event(_ id: String, ts: String, edited: String? = nil) -> String {
        let editedField = edited.map { #","edited":{"user":"U0CUST01","ts":"\#($0)"}"# } ?? ""
        return #"{"type":"event_callback","event_id":"\#(id)","event":{"type":"message","channel":"C0GLOBEX1","user":"U0CUST01","text":"hi","ts":"\#(ts)"\#(editedField)}}"#
    }

    func testTrapNumbersInASignedEventAreAnsweredAndStoreNothing() throws {
        let receiver = SlackEventReceiver(secret: secret, roster: roster, store: store, actor: "test")
        for (index, value) in ["1e300", "inf", "nan", "1e19", "-1e19"].enumerated() {
            XCTAssertEqual(post(receiver, event("EvTS\(index)", ts: value)).status, 200, value)
            XCTAssertEqual(post(receiver, event("EvEd\(index)", ts: "1795442300.00010\(index)", edited: value)).status, 200, value)
        }
        XCTAssertEqual(try store.messageCount(), 0)
        XCTAssertEqual(post(receiver, event("EvGood", ts: "1795442300.000900")).body, "stored\n", "still serving")
        XCTAssertEqual(try store.messageCount(), 1)
    }
}
