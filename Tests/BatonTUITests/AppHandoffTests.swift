import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The event loop runs the handoff when its boundary passes, and shows its report to the
/// incoming engineer the next time they open baton.
final class AppHandoffTests: XCTestCase {
    var folder: String!
    var store: SQLiteStore!
    /// Half an hour before the US takes point from Europe (ana → dave this week).
    var clock = Fixtures.now.addingTimeInterval(-1_800)

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-app-handoff-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func add(_ subject: String, customer: String, owner: String, via: OwnerBasis) throws {
        let at = Fixtures.now.addingTimeInterval(-3_600)
        try store.createConversation(NewConversation(customerID: customer, customerName: customer.capitalized, tierID: "enterprise", subject: subject,
                                                     source: .email, ownerID: owner, ownerVia: via,
                                                     messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
                                     actor: "test", at: at)
    }

    func makeApp(_ terminal: MemoryTerminal, viewer: String? = nil) -> App {
        let team = Fixtures.team(storePath: store.path)
        let identity = viewer.flatMap(team.engineer).map(Identity.engineer) ?? .reader(reason: "you (unix user test) are not on the roster")
        return App(store: store, team: team, theme: .monochrome, terminal: terminal, zone: Fixtures.utc,
                   clock: { [unowned self] in clock }, identity: identity)
    }

    func testTheHandoffRunsWhenItsBoundaryPassesAndTheIncomingEngineerSeesTheReport() throws {
        try add("held by point", customer: "globex", owner: "ana", via: .point)
        try add("dedicated", customer: "acme", owner: "ana", via: .point)
        let terminal = MemoryTerminal(width: 100, height: 12)
        let app = makeApp(terminal)
        app.start()
        XCTAssertEqual(app.state.queue.rows.map(\.ownerID), ["ana", "ana"], "nothing moves before the boundary")
        XCTAssertTrue(terminal.lastFrame!.line(0).contains("point: ana (Europe) → dave (US) in 30m"))

        clock = Fixtures.now.addingTimeInterval(1)
        app.tick()
        let owners = Dictionary(uniqueKeysWithValues: app.state.queue.rows.map { ($0.subject, $0.ownerID) })
        XCTAssertEqual(owners["held by point"], "dave")
        XCTAssertEqual(owners["dedicated"], "ana", "acme's dedicated engineer keeps it")
        XCTAssertTrue(terminal.lastFrame!.line(0).contains("point: dave (US) →"), terminal.lastFrame!.text)
        XCTAssertEqual(try store.handoffs().map(\.toEngineer), ["dave", "ana"], "this boundary, and the morning's before it")

        let daves = MemoryTerminal(width: 100, height: 16)
        let second = makeApp(daves, viewer: "dave")
        second.start()
        XCTAssertNotNil(second.state.handoff, "dave opens baton: the report is the first screen")
        XCTAssertTrue(daves.lastFrame!.text.contains("Moved to dave: 1"), daves.lastFrame!.text)
        XCTAssertNil(makeApp(MemoryTerminal(width: 100, height: 16), viewer: "dave").startAndReturnState().handoff, "shown once")
    }

    func testANoteTypedOnTheReportIsStored() throws {
        let terminal = MemoryTerminal(width: 100, height: 12)
        let app = makeApp(terminal, viewer: "ana")
        app.start()
        app.handle(.character("H"))
        app.handle(.character("n"))
        for character in "Globex waits on 2.3.1" { app.handle(.character(character)) }
        app.handle(.enter)
        XCTAssertEqual(app.state.notice, "note saved for the next handoff")
        clock = Fixtures.now.addingTimeInterval(60)
        app.tick()
        let report = try store.handoffReport(for: "dave", now: clock)
        XCTAssertEqual(report?.notes.map(\.body), ["Globex waits on 2.3.1"])
        XCTAssertEqual(report?.notes.first?.author, "ana")
    }

    func testSomeoneOffTheRosterCannotLeaveANote() throws {
        let app = makeApp(MemoryTerminal(width: 100, height: 12))
        app.start()
        app.handle(.character("H"))
        app.handle(.character("n"))
        // Told at once (issue 11), not after typing the note.
        XCTAssertEqual(app.state.notice, "you (unix user test) are not on the roster")
        XCTAssertNil(app.state.overlay, "no note box to type into")
        app.handle(.character("x"))
        app.handle(.enter)
        XCTAssertEqual(try store.handoffReport(for: nil, now: clock)?.notes ?? [], [])
    }
}

extension App {
    func startAndReturnState() -> AppState {
        start()
        return state
    }
}
