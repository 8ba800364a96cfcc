import BatonCore
import BatonIngest
import BatonSocketMode
import BatonStore
import Foundation
import XCTest

/// `baton serve --socket-mode` against a local Slack that follows Socket Mode's contract:
/// events arrive in the spool before they are acknowledged and in the store from it, a
/// duplicate envelope is stored once, `disconnect` and a dropped link lead to a new link.
final class SocketModeTests: XCTestCase {
    var folder: String!
    var store: SQLiteStore!
    let now = Date(timeIntervalSince1970: 1_795_442_400)  // Mon 23 Nov 2026 14:00 UTC

    static let team = TeamConfig(
        storePath: ":memory:", internalDomains: ["example-corp.com"],
        rotation: Rotation(regions: [], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5))),
        engineers: [Engineer(id: "ana", name: "Ana", region: "europe", slackUser: "U0ANA001", email: "ana@example-corp.com")],
        tiers: [Tier(id: "enterprise", short: "ENT", firstResponse: 3_600, nextResponse: 4 * 3_600, rank: 0)],
        customers: [Customer(id: "globex", name: "Globex", tier: "enterprise", slackChannel: "C0GLOBEX1", emailDomains: ["globex.com"])])

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-socket-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Self.team)
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// An Events API `event_callback`: a customer's post in Globex's channel.
    func payload(_ eventID: String, ts: String, text: String) -> String {
        #"{"type":"event_callback","event_id":"\#(eventID)","team_id":"T0TEST","event":{"type":"message","channel":"C0GLOBEX1","user":"U0CUST01","text":"\#(text)","ts":"\#(ts)"}}"#
    }

    /// Waits up to `seconds` for `condition`, without holding a thread of the pool the
    /// client and the server run on.
    func eventually(_ seconds: TimeInterval = 15, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    func startServer(_ slack: FakeSlack) async throws -> Task<Void, Error> {
        let server = Task { try await slack.run() }
        for _ in 0..<500 where slack.port == 0 { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertNotEqual(slack.port, 0, "the fake Slack listens")
        return server
    }

    func testEventsAreSpooledBeforeTheyAreAcknowledgedStoredOnceAndTheLinkComesBack() async throws {
        let spool = try EventSpool(storePath: store.path)
        let first = payload("Ev1", ts: "1795442300.000100", text: "first")
        let slack = FakeSlack(scripts: [
            // Link 1: an event, Slack's retry of it (the same envelope), then a routine refresh.
            [.envelope(id: "env-1", payload: first, retry: 0), .envelope(id: "env-1", payload: first, retry: 1), .disconnect("refresh_requested")],
            // Link 2: another event, then the link drops without a disconnect.
            [.envelope(id: "env-2", payload: payload("Ev2", ts: "1795442301.000100", text: "second"), retry: 0), .drop],
            // Link 3: up, and quiet.
        ], spooled: { spool.pending().count })
        let server = try await startServer(slack)
        defer { server.cancel() }

        // The spool is drained only after the acknowledgements, to see that each event was
        // in it when Slack heard back.
        let receiver = SlackEventReceiver(secret: [], roster: Roster(team: Self.team), store: store, actor: "test", spool: spool)
        let said = Lines()
        let client = SocketModeClient(apiURL: "http://127.0.0.1:\(slack.port)/api", appToken: "xapp-1-A0TEST-1-secret", receiver: receiver,
                                      backoff: SocketModeBackoff(initial: 0.05, maximum: 0.2), log: { said.append($0) })
        let running = Task { await client.run() }
        defer { running.cancel() }

        let linked = await eventually { slack.links >= 3 }
        XCTAssertTrue(linked, "a new link after the disconnect and after the drop: \(slack.links) links; said \(said.all)")
        XCTAssertEqual(slack.acks, ["env-1", "env-1", "env-2"])
        XCTAssertEqual(slack.spooledAtAck, [1, 2, 3], "each event was in the spool before its acknowledgement")
        XCTAssertEqual(slack.opens.count, 3, "apps.connections.open once per link")
        XCTAssertEqual(Set(slack.opens), ["Bearer xapp-1-A0TEST-1-secret"])
        XCTAssertTrue(said.all.contains("Socket Mode: Slack asked to reconnect (refresh_requested)"), said.all.joined(separator: "\n"))
        XCTAssertTrue(said.all.contains { $0.hasPrefix("Socket Mode: the link closed; opening another in ") }, said.all.joined(separator: "\n"))

        var reports: [String] = []
        XCTAssertEqual(receiver.drainSpool(now: { self.now }, report: { reports.append($0) }), .init(stored: 3, setAside: 0, busy: false))
        XCTAssertEqual(reports, [])
        XCTAssertEqual(try store.messageCount(), 2, "the duplicate envelope stored nothing twice")
        // Two posts at the channel's top level: two conversations, one message each.
        let bodies = try store.openConversationIDs(limit: 10).flatMap { try store.conversation($0).messages.map(\.body) }
        XCTAssertEqual(bodies.sorted(), ["first", "second"])
    }

    func testOpeningRefusedSaysSlacksReasonAndBacksOff() async throws {
        let slack = FakeSlack(scripts: [], openAnswer: #"{"ok":false,"error":"invalid_auth"}"#, spooled: { 0 })
        let server = try await startServer(slack)
        defer { server.cancel() }
        let receiver = SlackEventReceiver(secret: [], roster: Roster(team: Self.team), store: store, actor: "test", spool: nil)
        let said = Lines()
        let client = SocketModeClient(apiURL: "http://127.0.0.1:\(slack.port)/api", appToken: "xapp-bad", receiver: receiver,
                                      backoff: SocketModeBackoff(initial: 0.05, maximum: 0.1), log: { said.append($0) })
        do {
            _ = try await client.openConnection()
            XCTFail("invalid_auth opened a link")
        } catch {
            XCTAssertEqual("\(error)", "apps.connections.open: invalid_auth")
        }
        let running = Task { await client.run() }
        defer { running.cancel() }
        let retried = await eventually { said.all.count >= 3 }
        XCTAssertTrue(retried, said.all.joined(separator: "\n"))
        for line in said.all.prefix(3) {
            XCTAssertTrue(line.hasPrefix("Socket Mode: apps.connections.open: invalid_auth; trying again in "), line)
        }
        XCTAssertGreaterThanOrEqual(slack.opens.count, 4, "tried again, with backoff, not given up")
        XCTAssertEqual(slack.links, 0)
    }

    func testMessagesAsSlackSendsThem() throws {
        XCTAssertEqual(try SocketModeMessage.parse(#"{"type":"hello","num_connections":2,"debug_info":{"host":"x"}}"#), .hello(connections: 2))
        XCTAssertEqual(try SocketModeMessage.parse(#"{"type":"disconnect","reason":"warning","debug_info":{"host":"x"}}"#), .disconnect(reason: "warning"))
        guard case let .envelope(id, type, payload?) = try SocketModeMessage.parse(#"{"envelope_id":"e9","type":"events_api","payload":{"type":"event_callback","event_id":"Ev9"},"accepts_response_payload":false}"#) else {
            return XCTFail("not an envelope")
        }
        XCTAssertEqual(id, "e9")
        XCTAssertEqual(type, "events_api")
        let object = try JSONSerialization.jsonObject(with: Data(payload)) as? [String: String]
        XCTAssertEqual(object, ["type": "event_callback", "event_id": "Ev9"])
        XCTAssertEqual(try SocketModeMessage.parse(#"{"type":"slash_commands","envelope_id":"e10","payload":{}}"#),
                       .envelope(id: "e10", type: "slash_commands", payload: Array("{}".utf8)))
        XCTAssertEqual(try SocketModeMessage.parse(#"{"type":"something_new"}"#), .other(type: "something_new"))
        XCTAssertThrowsError(try SocketModeMessage.parse("not json"))
        XCTAssertThrowsError(try SocketModeMessage.parse(#"{"envelope_id":""}"#))
        XCTAssertEqual(SocketModeMessage.acknowledgement("e9"), #"{"envelope_id":"e9"}"#)
    }

    func testBackoffDoublesToItsCeilingAndAHelloEndsIt() {
        var backoff = SocketModeBackoff(initial: 1, maximum: 60)
        XCTAssertEqual((0..<8).map { _ in backoff.failed() }, [1, 2, 4, 8, 16, 32, 60, 60])
        backoff.connected()
        XCTAssertEqual(backoff.failed(), 1)
    }
}

/// Lines said by the client, from its task.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
