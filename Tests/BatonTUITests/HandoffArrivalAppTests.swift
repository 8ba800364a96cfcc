import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// Issue 11 items 2 and 3 with a real store: the handoff report reaches an engineer who
/// keeps baton open, the outgoing one is asked for a note, and an override's notice shows
/// on the screen of the engineer it puts on point.
final class HandoffArrivalAppTests: XCTestCase {
    var folder: String!
    var store: SQLiteStore!
    /// Half an hour before the US takes point from Europe (ana → dave this week).
    var clock = Fixtures.now.addingTimeInterval(-1_800)

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-handoff-arrival-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
        let at = Fixtures.now.addingTimeInterval(-3_600)
        try store.createConversation(NewConversation(customerID: "globex", customerName: "Globex", tierID: "pro", subject: "held by point",
                                                     source: .email, ownerID: "ana", ownerVia: .point,
                                                     messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
                                     actor: "test", at: at)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func makeApp(_ terminal: MemoryTerminal, viewer: String) -> App {
        let team = Fixtures.team(storePath: store.path)
        return App(store: store, team: team, theme: .monochrome, terminal: terminal, zone: Fixtures.utc,
                   clock: { [unowned self] in clock }, identity: .engineer(team.engineer(viewer)!))
    }

    func testTheReportReachesTheIncomingEngineerWhoseScreenIsOpenOnceTheFilterCloses() throws {
        let terminal = MemoryTerminal(width: 100, height: 14)
        let app = makeApp(terminal, viewer: "dave")
        app.start()
        XCTAssertNil(app.state.handoff, "nothing to see before the boundary")
        app.handle(.character("/"))
        app.handle(.character("g"))
        XCTAssertEqual(app.bells, 0)

        clock = Fixtures.now.addingTimeInterval(1)
        app.tick()
        XCTAssertEqual(app.bells, 1, "the bell, at once")
        XCTAssertEqual(app.state.line?.text, "g", "the filter being typed stays")
        XCTAssertNil(app.state.handoff, "not over the filter")
        XCTAssertNotNil(try store.handoffs().first { $0.toEngineer == "dave" }?.seenAt, "marked seen: the next start does not show it again")

        app.handle(.enter)
        XCTAssertNotNil(app.state.handoff, terminal.lastFrame!.text)
        XCTAssertTrue(terminal.lastFrame!.text.contains("Moved to dave: 1"), terminal.lastFrame!.text)
        clock = Fixtures.now.addingTimeInterval(5)
        app.tick()
        app.handle(.escape)
        XCTAssertNil(app.state.handoff)
        clock = Fixtures.now.addingTimeInterval(9)
        app.tick()
        XCTAssertEqual(app.bells, 1, "once")
        XCTAssertNil(app.state.handoff, "and shown once")
    }

    /// The handoff can be run by another baton before this one's clock passes the boundary.
    func testAHandoffRunByAnotherProcessIsFoundToo() throws {
        let terminal = MemoryTerminal(width: 100, height: 14)
        let app = makeApp(terminal, viewer: "dave")
        app.runsHandoffs = false
        app.start()
        clock = Fixtures.now.addingTimeInterval(1)
        let other = try SQLiteStore(path: store.path)
        try other.runDueHandoffs(try other.rotationWithOverrides(Fixtures.team(storePath: store.path).rotation), now: clock)
        app.tick()
        XCTAssertEqual(app.bells, 1)
        XCTAssertTrue(terminal.lastFrame!.text.contains("Moved to dave: 1"), terminal.lastFrame!.text)
    }

    func testTheOutgoingEngineerIsAskedForANoteAndNWritesIt() throws {
        clock = Fixtures.now.addingTimeInterval(-3_600)
        let terminal = MemoryTerminal(width: 120, height: 14)
        let app = makeApp(terminal, viewer: "ana")
        app.start()
        XCTAssertNotNil(app.state.handoff, "the morning's report, to ana")
        app.handle(.escape)
        XCTAssertFalse(terminal.lastFrame!.line(13).contains("handoff note"), "an hour before: not yet")
        clock = Fixtures.now.addingTimeInterval(-1_500)
        app.tick()
        XCTAssertTrue(terminal.lastFrame!.line(13).contains("point passes in 25m: N leaves a handoff note"), terminal.lastFrame!.line(13))
        XCTAssertFalse(makeAppFrame(viewer: "dave").line(13).contains("handoff note"), "only the outgoing engineer is asked")

        app.handle(.enter)  // from the conversation: N works on every screen
        XCTAssertNotNil(app.state.conversation)
        app.handle(.character("N"))
        for character in "Globex waits on 2.3.1" { app.handle(.character(character)) }
        app.handle(.enter)
        XCTAssertEqual(app.state.notice, "note saved for the next handoff")
        app.handle(.character("j"))
        XCTAssertFalse(terminal.lastFrame!.line(13).contains("handoff note"), "asked no more once written: " + terminal.lastFrame!.line(13))

        clock = Fixtures.now.addingTimeInterval(60)
        app.tick()
        XCTAssertEqual(try store.handoffReport(for: "dave", now: clock)?.notes.map(\.body), ["Globex waits on 2.3.1"])
        XCTAssertEqual(app.bells, 0, "the outgoing engineer hears no bell")
    }

    func makeAppFrame(viewer: String) -> ScreenGrid {
        let terminal = MemoryTerminal(width: 120, height: 14)
        makeApp(terminal, viewer: viewer).start()
        return terminal.lastFrame!
    }

    /// Item 2: an override that puts someone on point is said on their screen, once.
    func testAnOverrideNoticeShowsOnTheScreenOfTheEngineerItPutsOnPoint() throws {
        let terminal = MemoryTerminal(width: 160, height: 14)
        let app = makeApp(terminal, viewer: "erin")
        app.start()
        XCTAssertNil(app.state.notice)
        // The lead, in another process, has erin cover dave tomorrow.
        let other = try SQLiteStore(path: store.path)
        try other.addOverride(Override(engineer: "erin", replaces: "dave", start: Fixtures.now.addingTimeInterval(86_400),
                                       end: Fixtures.now.addingTimeInterval(86_400 + 8 * 3_600), reason: "dave is away"),
                              actor: "lead", at: clock)
        clock = clock.addingTimeInterval(1)
        app.tick()
        let said = try XCTUnwrap(app.state.notice)
        XCTAssertTrue(said.hasPrefix("You hold point for dave from "), said)
        XCTAssertTrue(said.contains("(set by lead: dave is away)"), said)
        XCTAssertTrue(terminal.lastFrame!.line(13).contains("You hold point for dave"), terminal.lastFrame!.line(13))
        XCTAssertEqual(try store.unseenPointNotices(for: "erin"), [], "marked seen")

        let again = MemoryTerminal(width: 160, height: 14)
        let next = makeApp(again, viewer: "erin")
        next.start()
        XCTAssertNil(next.state.notice, "shown once")
    }

    func testANoticeWaitingAtStartShowsOnTheFirstScreen() throws {
        try store.addOverride(Override(engineer: "erin", replaces: "ana", start: Fixtures.now.addingTimeInterval(86_400),
                                       end: Fixtures.now.addingTimeInterval(90_000)), actor: "dave", at: clock)
        XCTAssertNil(makeAppFrame(viewer: "dave").line(13).range(of: "You hold point"), "not someone else's")
        let terminal = MemoryTerminal(width: 160, height: 14)
        makeApp(terminal, viewer: "erin").start()
        XCTAssertTrue(terminal.lastFrame!.line(13).contains("You hold point for ana"), terminal.lastFrame!.line(13))
    }
}
