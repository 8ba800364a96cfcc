import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Live events carry channel and user ids; the config names channels by name. What an
/// export taught the store routes them; a channel nobody claims goes to the quarantine.
final class SlackChannelRoutingTests: IngestTestCase {
    let secret = Array("8f742231b10e8888abcd99yyyzzz85a5".utf8)

    func post(_ json: String) -> SlackEventReceiver.Reply {
        let body = Array(json.utf8)
        let timestamp = String(Int(now.timeIntervalSince1970))
        let headers = ["x-slack-request-timestamp": timestamp, "x-slack-signature": SlackSignature.sign(body: body, timestamp: timestamp, secret: secret)]
        return SlackEventReceiver(secret: secret, roster: roster, store: store, actor: "test")
            .handle(body: body, header: { headers[$0.lowercased()] }, now: now)
    }

    func message(_ eventID: String, channel: String, user: String, text: String, profile: String = "") -> String {
        """
        {"type":"event_callback","event_id":"\(eventID)","event":{"type":"message","channel":"\(channel)","user":"\(user)",\(profile)
         "text":"\(text)","ts":"1795442300.000100","channel_type":"channel"}}
        """
    }

    func testAnEventFromAChannelTheConfigNamesByNameIsStoredWithItsAuthorsName() throws {
        _ = try SlackExportImport.run(try SlackExport(path: Self.fixture("slack-export")), roster: roster, store: store, actor: "test", now: now)
        let before = try conversations().count
        // C0ACME001 is #acme-support, which Acme's slack_channel names by name.
        XCTAssertEqual(post(message("EvLive1", channel: "C0ACME001", user: "U0CUST01", text: "Live question")).body, "stored\n")
        let all = try conversations()
        XCTAssertEqual(all.count, before + 1)
        let live = try XCTUnwrap(all.last)
        XCTAssertEqual(live.row.customerName, "Acme")
        XCTAssertEqual(live.messages[0].authorName, "Priya Raman", "named from the export's users")
    }

    func testAnUnknownUserIsNamedFromTheEventsProfile() throws {
        _ = try SlackExportImport.run(try SlackExport(path: Self.fixture("slack-export")), roster: roster, store: store, actor: "test", now: now)
        _ = post(message("EvLive2", channel: "C0ACME001", user: "U0NEW0001", text: "New here",
                         profile: #""user_profile":{"real_name":"Nadia Quinn","display_name":"nadia"},"#))
        XCTAssertEqual(try conversations().last?.messages[0].authorName, "nadia")
    }

    func testAnEventFromAChannelNoCustomerClaimsIsQuarantinedNamingTheLineThatWouldClaimIt() throws {
        _ = try SlackExportImport.run(try SlackExport(path: Self.fixture("slack-export")), roster: roster, store: store, actor: "test", now: now)
        let before = try conversations().count
        let reply = post(message("EvLive3", channel: "C0GENERAL", user: "U0CUST01", text: "Anyone?"))
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(try conversations().count, before)
        let entry = try XCTUnwrap(store.quarantineEntries().first)
        XCTAssertEqual(entry.kind, .noPlace)
        XCTAssertEqual(entry.source, "slack-event")
        XCTAssertEqual(entry.reason, "channel C0GENERAL (#general) is claimed by no customer; the customer's line slack_channel = \"general\" would claim it")
        XCTAssertEqual(post(message("EvLive3", channel: "C0GENERAL", user: "U0CUST01", text: "Anyone?")).body, "already stored\n", "a retry keeps nothing twice")
        XCTAssertEqual(try store.quarantineEntries().count, 1)
    }
}
