import BatonConfig
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// Issue 11 item 1, the screen's callers: with "erin covers dave" stored, the header and the
/// assign picker both say erin holds point. Each fails if its caller reads the configured
/// rotation (dave) instead of the one with the store's overrides.
final class PointOverrideAppTests: XCTestCase {
    var folder: String!
    var store: SQLiteStore!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-point-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
        try store.addOverride(Override(engineer: "erin", replaces: "dave", start: Fixtures.now.addingTimeInterval(-3_600), end: Fixtures.now.addingTimeInterval(6 * 3_600)),
                              actor: "dave", at: Fixtures.now.addingTimeInterval(-86_400))
        let at = Fixtures.now.addingTimeInterval(-600)
        _ = try store.createConversation(NewConversation(customerID: "globex", customerName: "Globex", tierID: "pro", subject: "Invoice wrong", source: .email,
                                                     messages: [NewMessage(authorKind: .customer, authorName: "Dana", body: "help", createdAt: at)]),
                                     actor: "ingest", at: at)
        XCTAssertEqual(Fixtures.team().rotation.holder(at: Fixtures.now)?.engineer, "dave", "the roster alone says dave")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func makeApp(_ terminal: MemoryTerminal) -> App {
        let team = Fixtures.team(storePath: store.path)
        return App(store: store, team: team, theme: .monochrome, terminal: terminal, zone: Fixtures.utc, clock: { Fixtures.now },
                   identity: .engineer(team.engineer("ana")!))
    }

    func testTheHeaderSaysTheCoveringEngineerHoldsPoint() throws {
        let terminal = MemoryTerminal(width: 100, height: 10)
        makeApp(terminal).start()
        XCTAssertTrue(terminal.lastFrame!.line(0).contains("point: erin (US)"), terminal.lastFrame!.line(0))
        XCTAssertFalse(terminal.lastFrame!.line(0).contains("point: dave"), terminal.lastFrame!.line(0))
    }

    func testTheAssignPickerPutsTheCoveringEngineerFirstAsPoint() throws {
        let terminal = MemoryTerminal(width: 60, height: 14)
        let app = makeApp(terminal)
        app.start()
        app.handle(.character("a"))
        guard case .picker(let picker)? = app.state.overlay else { return XCTFail("no picker: \(terminal.lastFrame!.text)") }
        XCTAssertEqual(picker.options.first?.value, "erin")
        XCTAssertEqual(picker.options.first?.note, "point")
        XCTAssertTrue(terminal.lastFrame!.text.contains("│ erin  point"), terminal.lastFrame!.text)
    }

    /// Issue 11 item 6: someone not on the roster hears it when they press n, before typing a note.
    func testSomeoneNotOnTheRosterIsToldBeforeTypingAHandoffNote() throws {
        let terminal = MemoryTerminal(width: 100, height: 12)
        let app = App(store: store, team: Fixtures.team(storePath: store.path), theme: .monochrome, terminal: terminal, zone: Fixtures.utc,
                      clock: { Fixtures.now }, identity: .reader(reason: "you (unix user zed) are not on the roster in baton.toml"))
        app.start()
        app.handle(.character("H"))
        XCTAssertNotNil(app.state.handoff)
        app.handle(.character("n"))
        XCTAssertNil(app.state.overlay, "no note box to type into")
        XCTAssertEqual(app.state.notice, "you (unix user zed) are not on the roster in baton.toml")
        XCTAssertTrue(terminal.lastFrame!.text.contains("not on the roster"), terminal.lastFrame!.text)
    }
}
