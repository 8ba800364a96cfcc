import BatonConfig
import BatonCore
@testable import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// Reply states through the event loop against a real store: a sender in another process
/// (a second connection here) fails a reply, the change feed brings it to the queue, the
/// header and the thread, and `!` queues it again.
final class ReplyStateAppTests: XCTestCase {
    var folder: String!
    var store: SQLiteStore!
    var sender: SQLiteStore!
    var clock = Fixtures.now

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-replies-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
        sender = try SQLiteStore(path: store.path)
        let at = Fixtures.now.addingTimeInterval(-600)
        try store.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Router drops subscriptions",
                                                     source: .slack, messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
                                     actor: "ingest", at: at)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func makeApp(_ terminal: MemoryTerminal) -> App {
        let team = Fixtures.team(storePath: store.path)
        return App(store: store, team: team, theme: .monochrome, terminal: terminal, zone: Fixtures.utc, clock: { [unowned self] in clock },
                   identity: team.engineer("ana").map(Identity.engineer))
    }

    func testAFailedReplyReachesTheScreenThroughTheChangeFeedAndBangQueuesItAgain() throws {
        _ = try store.queueReply(1, body: "Try 1.43", actor: "ana", authorName: "Ana", at: clock.addingTimeInterval(-300))
        let id = try XCTUnwrap(try store.outbox().first?.messageID)
        let terminal = MemoryTerminal(width: 80, height: 16)
        let app = makeApp(terminal)
        app.start()
        XCTAssertFalse(terminal.lastFrame!.text.contains("reply failed"))

        // The sender, elsewhere: claims the reply and the connector refuses it for good.
        try sender.noteSenderRan(at: clock)
        _ = try sender.claimDueReply(sources: [.slack], sender: "box 4242", at: clock)
        try sender.markFailed(id, reason: "Slack: channel_not_found", temporary: false, by: "serve", at: clock)
        clock = clock.addingTimeInterval(1)
        app.tick()
        let queue = terminal.lastFrame!.text
        // 80 columns: the narrow header, and the subject gives way to the marker.
        XCTAssertTrue(queue.hasPrefix(" ana · 1 open · 1 unowned · 0 ! 1 failed "), queue)
        XCTAssertTrue(queue.contains(" 1   0:49   ENT  Acme         Router drop… · reply failed —  "), queue)

        app.handle(.enter)
        let thread = terminal.lastFrame!.text
        XCTAssertTrue(thread.contains("Ana · team · Mon 23 Nov 13:55 (5m ago) · reply failed"), thread)
        XCTAssertTrue(thread.contains("failed after 1 try: Slack: channel_not_found"), thread)
        XCTAssertTrue(thread.contains("no more tries by itself · ! sends it again"), thread)

        app.handle(.character("!"))
        XCTAssertEqual(try store.outboxReply(id)?.state, .queued)
        let after = terminal.lastFrame!.text
        XCTAssertTrue(after.contains("Ana · team · Mon 23 Nov 13:55 (5m ago) · queued to send"), after)
        XCTAssertTrue(after.contains("#1: replies queued again; the sender sends them next"), after)
        XCTAssertFalse(after.contains("reply failed"), after)
        XCTAssertEqual(try store.conversation(1).events.last?.kind, "retry")

        // Nothing is sending it now: a minute later the header says so.
        clock = clock.addingTimeInterval(61)
        app.tick()
        XCTAssertTrue(terminal.lastFrame!.line(0).hasPrefix(" ana · 1 open · 1 unowned · 0 ! no sender "), terminal.lastFrame!.line(0))
        terminal.width = 120
        clock = clock.addingTimeInterval(1)
        app.tick()
        XCTAssertTrue(terminal.lastFrame!.line(0).contains(" · 1 queued, no sender for 1m "), terminal.lastFrame!.line(0))
    }
}
