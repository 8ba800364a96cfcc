import BatonConfig
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The screen while the store's server cannot be reached (issue 16 item 4), through the pure
/// update and the views: the last frame kept and the outage said with its start, moves over
/// the rows in hand, writes refused with a line saying why, and a catch-up when it is back.
final class StoreAwayScreenTests: XCTestCase {
    let layout = Layout(width: 80, height: 8)

    func awayState() -> AppState {
        var state = queueState(sampleRows)
        state.ownership.me = "ana"
        XCTAssertEqual(Update.update(.storeUnreachable(at: Fixtures.now, reason: "connection refused"), state: &state, layout: layout), [])
        _ = Update.update(.tick(now: Fixtures.now.addingTimeInterval(185), point: nil), state: &state, layout: layout)
        return state
    }

    func testTheLastFrameStaysAndTheHeaderAndFooterSaySinceWhen() {
        assertScreen(ScreenRenderer.render(awayState(), theme: .monochrome, width: 80, height: 8), """
             ana@baton · 4 open · 2 unowned · 1 breaching      unreachable since 14:00 (3m)
            ────────────────────────────────────────────────────────────────────────────────
                #    SLA   TIER CUSTOMER     SUBJECT                     OWNER    SRC   AGE
                1  -0:16 ! ENT  Acme         Router drops subscriptions  ana      slk 1h15m
                2   0:37   ENT  Globex       Playground shows stale sch… —        eml   22m
                3  11:03   PRO  Initech      Invoice shows double seats  dave     slk  1d1h
            ────────────────────────────────────────────────────────────────────────────────
             store unreachable since 14:00 (3m): connection refused · showing what was loa…
            """)
        // A second failure keeps the start and takes the newer reason.
        var state = awayState()
        _ = Update.update(.storeUnreachable(at: Fixtures.now.addingTimeInterval(200), reason: "the server closed the connection"), state: &state, layout: layout)
        XCTAssertEqual(state.storeAway, StoreAway(since: Fixtures.now, reason: "the server closed the connection"))
        // Wide: the whole of it; narrow: a short form.
        XCTAssertTrue(ScreenRenderer.render(state, theme: .monochrome, width: 100, height: 8).line(0).hasSuffix("store unreachable since 14:00 (3m) "))
        let narrow = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 8)
        XCTAssertTrue(narrow.line(0).hasSuffix(" unreachable "), narrow.line(0))
    }

    func testWritesAreRefusedWithALineAndNothingIsAskedOfTheStore() {
        for key in ["c", "u", "R", "N", "/", "2"] {
            var state = awayState()
            XCTAssertEqual(Update.update(.key(.character(Character(key))), state: &state, layout: layout), [], key)
            XCTAssertNil(state.overlay, key)
            XCTAssertTrue(state.notice?.hasPrefix("the store cannot be reached: ") == true, "\(key): \(state.notice ?? "")")
            XCTAssertTrue(state.notice?.hasSuffix("must wait until it is back; nothing changed") == true, "\(key): \(state.notice ?? "")")
        }
        var state = awayState()
        _ = Update.update(.key(.character("c")), state: &state, layout: layout)
        XCTAssertEqual(state.notice, "the store cannot be reached: claiming must wait until it is back; nothing changed")
        // Enter on a row would load the conversation: refused too, the queue stays.
        XCTAssertEqual(Update.update(.key(.enter), state: &state, layout: layout), [])
        XCTAssertEqual(state.screen, .queue)
        XCTAssertEqual(state.notice, "the store cannot be reached: opening the conversation must wait until it is back; nothing changed")
        // A question asked before it went away, answered y after: the write is not attempted.
        state.overlay = .confirm(question: "Take #3 from dave? y/n", requests: [.take(3, version: 1)])
        XCTAssertEqual(Update.update(.key(.character("y")), state: &state, layout: layout), [])
    }

    func testMovesStayOnTheRowsInHandAndHelpStillOpens() {
        var state = awayState()
        state.queue.total = 40  // more than the window holds: the rest would need the store
        XCTAssertEqual(Update.update(.key(.character("j")), state: &state, layout: layout), [])
        XCTAssertEqual(state.queue.selected, 1)
        XCTAssertEqual(Update.update(.key(.character("G")), state: &state, layout: layout), [])
        XCTAssertEqual(state.queue.selected, 3, "the last row loaded")
        XCTAssertEqual(state.notice, "the store cannot be reached: only the rows loaded before can be shown")
        XCTAssertEqual(Update.update(.key(.character("k")), state: &state, layout: layout), [])
        XCTAssertEqual(state.queue.selected, 2)
        XCTAssertEqual(Update.update(.key(.character("?")), state: &state, layout: layout), [])
        XCTAssertTrue(state.showHelp)
    }

    func testBackFetchesEverythingAgainAndSaysHowLongItWasAway() {
        var state = awayState()
        XCTAssertEqual(Update.update(.storeBack(at: Fixtures.now.addingTimeInterval(250)), state: &state, layout: layout), [.reload(.all)])
        XCTAssertNil(state.storeAway)
        XCTAssertEqual(state.notice, "the store is back after 4m; caught up")
        XCTAssertEqual(Update.update(.storeBack(at: Fixtures.now.addingTimeInterval(260)), state: &state, layout: layout), [], "once")
        XCTAssertEqual(Update.update(.key(.character("c")), state: &state, layout: layout).count, 1, "writes go again")
    }

    // MARK: a reply written while the store went away

    func testAReplyKeptInAFileBecomesTheStoresDraftWhenItIsBack() throws {
        let folder = NSTemporaryDirectory() + "baton-kept-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
        try store.createConversations([NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Kept", source: .email,
                                                       messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: Fixtures.now)])],
                                      actor: "test", at: Fixtures.now)
        let id: Int64 = 1
        let kept = KeptDrafts(base: folder + "/store.sqlite", engineer: "ana")
        let path = try kept.keep("Fixed in 2.4.1.", conversation: id, kind: .reply)
        _ = try kept.keep("And in 2.4.2.", conversation: id, kind: .reply)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "Fixed in 2.4.1.\n\nAnd in 2.4.2.", "a second one goes below the first")
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
        XCTAssertEqual(mode, 0o600, "customer-facing text, for this engineer only")
        XCTAssertEqual(kept.restore(into: store, author: "ana", at: Fixtures.now), 1)
        XCTAssertEqual(try store.draft(id, author: "ana", kind: "reply"), "Fixed in 2.4.1.\n\nAnd in 2.4.2.")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "the file goes once the store holds it")
        XCTAssertEqual(kept.restore(into: store, author: "ana", at: Fixtures.now), 0)
    }
}
