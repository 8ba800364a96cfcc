import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// The receiver with a spool: answered at once, stored from the spool, nothing lost or doubled.
final class EventSpoolTests: IngestTestCase {
    let secret = Array("8f742231b10e8888abcd99yyyzzz85a5".utf8)

    func post(_ receiver: SlackEventReceiver, _ eventID: String, ts: String, text: String) -> SlackEventReceiver.Reply {
        let body = Array("""
            {"type":"event_callback","event_id":"\(eventID)","event":{"type":"message","channel":"C0GLOBEX1","user":"U0CUST01","text":"\(text)","ts":"\(ts)"}}
            """.utf8)
        let timestamp = String(Int(now.timeIntervalSince1970))
        let headers = ["x-slack-request-timestamp": timestamp, "x-slack-signature": SlackSignature.sign(body: body, timestamp: timestamp, secret: secret)]
        return receiver.handle(body: body, header: { headers[$0.lowercased()] }, now: now)
    }

    func testEventsAreAnsweredFromTheSpoolAndStoredOnceFromIt() throws {
        let spool = try EventSpool(storePath: store.path)
        let receiver = SlackEventReceiver(secret: secret, roster: roster, store: store, actor: "test", spool: spool)
        XCTAssertEqual(post(receiver, "Ev1", ts: "1795442300.000100", text: "first"), .init(status: 200, body: "queued\n"))
        XCTAssertEqual(post(receiver, "Ev2", ts: "1795442301.000100", text: "second"), .init(status: 200, body: "queued\n"))
        XCTAssertEqual(post(receiver, "Ev1", ts: "1795442300.000100", text: "first"), .init(status: 200, body: "queued\n"), "Slack's retry")
        XCTAssertEqual(spool.pending().count, 3)
        XCTAssertEqual(try store.messageCount(), 0, "answered before anything touched the store")
        let mode = (try FileManager.default.attributesOfItem(atPath: spool.path + "/" + spool.pending()[0])[.posixPermissions] as! NSNumber).intValue
        XCTAssertEqual(mode, 0o660, "the team's, like the store")

        var said: [String] = []
        let drained = receiver.drainSpool(now: { self.now }, report: { said.append($0) })
        XCTAssertEqual(drained, .init(stored: 3, setAside: 0, busy: false))
        XCTAssertEqual(said, [])
        XCTAssertEqual(try store.messageCount(), 2, "the retry stored nothing twice")
        XCTAssertEqual(spool.pending(), [])
    }

    func testAnEventThatCannotBeStoredIsSetAsideAndSaid() throws {
        let spool = try EventSpool(storePath: store.path)
        let receiver = SlackEventReceiver(secret: secret, roster: roster, store: store, actor: "test", spool: spool)
        let name = try spool.put(Array(#"{"type":"event_callback","event_id":"Ev9"}"#.utf8))
        XCTAssertEqual(post(receiver, "Ev1", ts: "1795442300.000100", text: "fine"), .init(status: 200, body: "queued\n"))
        var said: [String] = []
        XCTAssertEqual(receiver.drainSpool(now: { self.now }, report: { said.append($0) }), .init(stored: 1, setAside: 1, busy: false))
        XCTAssertEqual(said.count, 1)
        XCTAssertTrue(said[0].hasPrefix("\(spool.path)/\(name): cannot store the event: "), said[0])
        XCTAssertTrue(FileManager.default.fileExists(atPath: spool.path + "/" + name + ".rejected"), "kept for a person, out of the way")
        XCTAssertEqual(try store.messageCount(), 1)
    }

    func testABusyStoreLeavesEventsInTheSpoolForTheNextPass() throws {
        let spool = try EventSpool(storePath: store.path)
        let receiver = SlackEventReceiver(secret: secret, roster: roster, store: store, actor: "test", spool: spool)
        XCTAssertEqual(post(receiver, "Ev1", ts: "1795442300.000100", text: "while busy").status, 200)
        // Another connection holds the write lock past the busy timeout.
        let holder = try SQLiteStore(path: store.path)
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let then = now
        Thread { _ = try? holder.intake(actor: "holder", at: then) { _ in held.signal(); release.wait() } }.start()
        held.wait()
        let drained = receiver.drainSpool(now: { self.now }, report: { XCTFail($0) })
        release.signal()
        XCTAssertTrue(drained.busy)
        XCTAssertEqual(spool.pending().count, 1, "kept for the next pass")
        XCTAssertEqual(receiver.drainSpool(now: { self.now }, report: { XCTFail($0) }).stored, 1)
        XCTAssertEqual(try store.messageCount(), 1)
    }
}
