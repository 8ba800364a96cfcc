import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// The Events API handler against a real store: signatures, url_verification, retries.
final class SlackEventReceiverTests: IngestTestCase {
    let secret = Array("8f742231b10e8888abcd99yyyzzz85a5".utf8)

    func testSlacksPublishedExampleSignatureVerifies() {
        // The example from Slack's "Verifying requests from Slack" page.
        let body = Array("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c".utf8)
        let signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
        let then = Date(timeIntervalSince1970: 1_531_420_618)
        XCTAssertEqual(SlackSignature.sign(body: body, timestamp: "1531420618", secret: secret), signature)
        XCTAssertEqual(SlackSignature.verify(body: body, timestamp: "1531420618", signature: signature, secret: secret, now: then.addingTimeInterval(299)), .valid)
        XCTAssertEqual(SlackSignature.verify(body: body, timestamp: "1531420618", signature: signature, secret: secret, now: then.addingTimeInterval(301)), .stale)
        XCTAssertEqual(SlackSignature.verify(body: body + [0x20], timestamp: "1531420618", signature: signature, secret: secret, now: then), .mismatch)
        XCTAssertEqual(SlackSignature.verify(body: body, timestamp: "1531420619", signature: signature, secret: secret, now: then), .mismatch)
        XCTAssertEqual(SlackSignature.verify(body: body, timestamp: nil, signature: signature, secret: secret, now: then), .missingHeaders)
    }

    var receiver: SlackEventReceiver { SlackEventReceiver(secret: secret, roster: roster, store: store, actor: "test") }

    func post(_ json: String, at time: Date? = nil, signedAt: Date? = nil, signature: String? = nil, retry: Int? = nil) -> SlackEventReceiver.Reply {
        let body = Array(json.utf8)
        let timestamp = String(Int((signedAt ?? now).timeIntervalSince1970))
        let headers = ["x-slack-request-timestamp": timestamp,
                       "x-slack-signature": signature ?? SlackSignature.sign(body: body, timestamp: timestamp, secret: secret),
                       "x-slack-retry-num": retry.map(String.init)]
        return receiver.handle(body: body, header: { headers[$0.lowercased()] ?? nil }, now: time ?? now)
    }

    func message(_ eventID: String, ts: String, text: String, user: String = "U0CUST01", channel: String = "C0GLOBEX1", thread: String? = nil) -> String {
        """
        {"token":"x","team_id":"T0ACME","api_app_id":"A1","type":"event_callback","event_id":"\(eventID)","event_time":1795442400,
         "event":{"type":"message","channel":"\(channel)","user":"\(user)","text":"\(text)","ts":"\(ts)"\(thread.map { ",\"thread_ts\":\"\($0)\"" } ?? ""),"event_ts":"\(ts)","channel_type":"channel"}}
        """
    }

    func testURLVerificationAnswersTheChallenge() {
        let reply = post(#"{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.body, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    }

    func testAMessageIsStoredAndARetryStoresNothingTwice() throws {
        XCTAssertEqual(post(message("Ev1", ts: "1795442300.000100", text: "Is the API down? <@U0ANA001>")), .init(status: 200, body: "stored\n"))
        XCTAssertEqual(post(message("Ev2", ts: "1795442350.000200", text: "Looking", user: "U0ANA001", thread: "1795442300.000100")).status, 200)
        XCTAssertEqual(post(message("Ev1", ts: "1795442300.000100", text: "Is the API down? <@U0ANA001>"), retry: 1),
                       .init(status: 200, body: "already stored\n"))
        let all = try conversations()
        XCTAssertEqual(all.count, 1)
        XCTAssertEqual(all[0].row.customerName, "Globex", "C0GLOBEX1 is Globex's slack_channel")
        XCTAssertEqual(all[0].messages.map(\.authorKind), [.customer, .team], "U0ANA001 is ana's slack_user")
        XCTAssertEqual(all[0].messages[0].body, "Is the API down? @U0ANA001", "events carry no names; the id stays readable")
    }

    func testABadSignatureAndAStaleTimestampAreRefusedAndStoreNothing() throws {
        XCTAssertEqual(post(message("Ev1", ts: "1795442300.000100", text: "hi"), signature: "v0=" + String(repeating: "0", count: 64)).status, 401)
        let stale = post(message("Ev1", ts: "1795442300.000100", text: "hi"), signedAt: now.addingTimeInterval(-6 * 60))
        XCTAssertEqual(stale, .init(status: 401, body: "request timestamp is more than 5 minutes away from now\n"))
        XCTAssertEqual(post(message("Ev1", ts: "1795442300.000100", text: "hi"), signature: "").status, 401)
        XCTAssertEqual(try store.messageCount(), 0)
    }

    func testEditsAndDeletionsArriveAsEvents() throws {
        _ = post(message("Ev1", ts: "1795442300.000100", text: "teh typo"))
        let edit = """
            {"type":"event_callback","event_id":"Ev2","event":{"type":"message","subtype":"message_changed","channel":"C0GLOBEX1","hidden":true,
             "ts":"1795442400.000300","message":{"type":"message","user":"U0CUST01","text":"the typo","ts":"1795442300.000100","edited":{"user":"U0CUST01","ts":"1795442400.000000"}}}}
            """
        XCTAssertEqual(post(edit).status, 200)
        XCTAssertEqual(try store.messageState("slack:C0GLOBEX1:1795442300.000100")?.body, "the typo")
        let delete = #"{"type":"event_callback","event_id":"Ev3","event":{"type":"message","subtype":"message_deleted","channel":"C0GLOBEX1","hidden":true,"ts":"1795442500.000400","deleted_ts":"1795442300.000100"}}"#
        XCTAssertEqual(post(delete).status, 200)
        XCTAssertEqual(try store.messageState("slack:C0GLOBEX1:1795442300.000100")?.deleted, true)
    }

    func testAChannelNoCustomerNamesAndABodyThatIsNotJSON() throws {
        // Kept where a person sees it (baton quarantine list), not stored as a conversation.
        XCTAssertEqual(post(message("Ev9", ts: "1795442300.000100", text: "lunch?", channel: "C0RANDOM")),
                       .init(status: 200, body: "kept in the quarantine: channel C0RANDOM is claimed by no customer; the customer's line slack_channel = \"C0RANDOM\" would claim it\n"))
        XCTAssertEqual(try store.messageCount(), 0)
        XCTAssertEqual(try store.quarantineEntries().map(\.kind), [.noPlace])
        XCTAssertEqual(post("not json").status, 400)
    }
}
