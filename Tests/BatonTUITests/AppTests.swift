import BatonConfig
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The event loop against a real store and the in-memory terminal.
final class AppTests: XCTestCase {
    var folder: String!
    var store: SQLiteStore!
    var clock = Fixtures.now

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-app-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func add(_ subject: String, minutesAgo: Double, into target: SQLiteStore? = nil) throws {
        let at = Fixtures.now.addingTimeInterval(-minutesAgo * 60)
        try (target ?? store).createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: subject, source: .email,
                                                     messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
                                     actor: "test", at: at)
    }

    func makeApp(_ terminal: MemoryTerminal) -> App {
        App(store: store, team: Fixtures.team(storePath: store.path), theme: .monochrome, terminal: terminal, zone: Fixtures.utc, clock: { [unowned self] in clock })
    }

    func testAnotherProcessesWriteShowsWithoutAKeystroke() throws {
        try add("first", minutesAgo: 10)
        let terminal = MemoryTerminal(width: 80, height: 10)
        let app = makeApp(terminal)
        app.start()
        XCTAssertEqual(terminal.lastFrame?.line(3).contains("first"), true)
        // A second connection, as the demo feeder or another baton would be.
        let other = try SQLiteStore(path: store.path)
        try add("breaching now", minutesAgo: 70, into: other)
        let frames = terminal.frames.count
        app.tick()
        XCTAssertEqual(terminal.frames.count, frames + 1)
        assertScreen(terminal.lastFrame, """
             baton · 2 open · 2 unowned · 1 breaching      point: dave (US) → nobody in 11h
            ────────────────────────────────────────────────────────────────────────────────
                #    SLA   TIER CUSTOMER     SUBJECT                     OWNER    SRC   AGE
                2  -0:10 ! ENT  Acme         breaching now               —        eml 1h10m
                1   0:50   ENT  Acme         first                       —        eml   10m



            ────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ open · c claim · R reply · / filter · ? help · q quit         2/2
            """)
        XCTAssertEqual(app.state.queue.selectedRow?.subject, "first", "the selection stays on its conversation")
    }

    func testIdleTickDrawsNothingUntilTheSecondChanges() throws {
        try add("first", minutesAgo: 10)
        let terminal = MemoryTerminal(width: 80, height: 10)
        let app = makeApp(terminal)
        app.start()
        let frames = terminal.frames.count
        app.tick()
        XCTAssertEqual(terminal.frames.count, frames, "nothing changed: no frame")
        clock = clock.addingTimeInterval(60)
        app.tick()
        XCTAssertEqual(terminal.frames.count, frames + 1)
        XCTAssertTrue(terminal.lastFrame!.line(3).hasPrefix("    1   0:49"), "the countdown moved on")
    }

    func testKeysOpenAConversationAndComeBack() throws {
        try add("first", minutesAgo: 10)
        try add("second", minutesAgo: 5)
        let terminal = MemoryTerminal(width: 80, height: 12)
        let app = makeApp(terminal)
        app.start()
        app.handle(.character("j"))
        app.handle(.enter)
        XCTAssertEqual(terminal.lastFrame?.line(1).trimmingCharacters(in: .whitespaces).hasSuffix("second"), true)
        XCTAssertTrue(terminal.lastFrame!.text.contains("Priya · customer"))
        app.handle(.escape)
        XCTAssertTrue(terminal.lastFrame!.line(2).contains("SUBJECT"))
        app.handle(.character("q"))
        XCTAssertTrue(app.isFinished)
    }

    func testFilterQueriesTheStoreAsYouType() throws {
        try add("Router drops subscriptions", minutesAgo: 10)
        try add("Invoice shows double seats", minutesAgo: 5)
        let terminal = MemoryTerminal(width: 80, height: 12)
        let app = makeApp(terminal)
        app.start()
        for key in [Key.character("/"), .character("i"), .character("n"), .character("v")] { app.handle(key) }
        XCTAssertEqual(app.state.queue.total, 1)
        XCTAssertTrue(terminal.lastFrame!.line(3).contains("Invoice"))
        app.handle(.escape)
        XCTAssertEqual(app.state.queue.total, 2)
    }

    /// `count` conversations "c0", "c1", …, a minute apart, oldest first: the queue's order.
    func createNumbered(_ count: Int) throws {
        try store.createConversations((0..<count).map { index in
            let at = Fixtures.now.addingTimeInterval(Double(-50 + index) * 60)
            return NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "c\(index)", source: .slack,
                                   messages: [NewMessage(authorKind: .customer, authorName: "P", body: "x", createdAt: at)])
        }, actor: "t", at: Fixtures.now)
    }

    func testScrollingFetchesOnlyTheVisibleWindow() throws {
        try createNumbered(50)
        let terminal = MemoryTerminal(width: 80, height: 10)
        let app = makeApp(terminal)
        app.start()
        XCTAssertEqual(app.state.queue.rows.count, 5, "only the rows that fit")
        app.handle(.character("G"))
        XCTAssertEqual(app.state.queue.rows.map(\.subject), ["c45", "c46", "c47", "c48", "c49"])
        XCTAssertTrue(terminal.lastFrame!.line(9).hasSuffix("50/50 "))
    }

    /// A queue a little longer than the screen: G and g reach the very last and first rows,
    /// and the highlighted row is the one actions will act on.
    func testEndAndHomeReachTheLastAndFirstRowOfAShortQueue() throws {
        try createNumbered(12)
        let terminal = MemoryTerminal(width: 80, height: 15)
        let app = makeApp(terminal)
        app.start()
        app.handle(.character("G"))
        XCTAssertEqual(app.state.queue.selectedRow?.subject, "c11")
        XCTAssertTrue(terminal.lastFrame!.line(14).hasSuffix("12/12 "), terminal.lastFrame!.text)
        app.handle(.character("g"))
        XCTAssertEqual(app.state.queue.selectedRow?.subject, "c0")
        app.handle(.pageDown)
        app.handle(.pageDown)
        XCTAssertEqual(app.state.queue.selectedRow?.subject, "c11")
    }

    /// The selected conversation moves far down the queue (answered, so nothing is owed): the
    /// selection follows it, so the next action is on the conversation the engineer chose.
    func testTheSelectionFollowsItsConversationOutOfTheWindow() throws {
        try createNumbered(20)
        let terminal = MemoryTerminal(width: 80, height: 10)
        let app = makeApp(terminal)
        app.start()
        app.handle(.character("j"))
        let chosen = try XCTUnwrap(app.state.queue.selectedRow)
        XCTAssertEqual(chosen.subject, "c1")
        let other = try SQLiteStore(path: store.path)
        try other.appendMessage(NewMessage(authorKind: .team, authorName: "Dave", body: "On it", createdAt: Fixtures.now), to: chosen.id, actor: "dave")
        app.tick()
        XCTAssertEqual(app.state.queue.selectedRow?.id, chosen.id, "followed to its new place")
        XCTAssertEqual(app.state.queue.selected, 19, "nothing owed now: it sorts last")
    }
}
