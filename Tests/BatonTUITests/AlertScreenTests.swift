import BatonConfig
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// Alerts on screen (issue 12, item 8): the bell and the footer line when one comes, the
/// bell again every five minutes, `x` to acknowledge; then the same through the event loop
/// on a real store, where a conversation crosses into its warning window.
final class AlertScreenTests: XCTestCase {
    let layout = Layout(width: 80, height: 8)

    func record(_ id: Int64, dueIn: TimeInterval?, text: String = "#1 at risk: Acme — Router drops subscriptions") -> AlertRecord {
        AlertRecord(id: id, alert: Alert(key: "at_risk:\(id)", kind: .atRisk, engineer: "ana", conversation: 1, customer: "acme",
                                         subject: "Router drops subscriptions", due: dueIn.map { Fixtures.now.addingTimeInterval($0) }, text: text),
                    raisedAt: Fixtures.now)
    }

    func testAnAlertRingsShowsItsLineAndXAcknowledgesIt() {
        var state = queueState(sampleRows)
        state.ownership.me = "ana"
        XCTAssertEqual(Update.update(.alerts([record(7, dueIn: 720)]), state: &state, layout: layout), [.ring])
        assertScreen(ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 8), """
             ana@baton · 4 open · 2 unowned · 1 breaching  point: dave (US) → nobody in 11h
            ────────────────────────────────────────────────────────────────────────────────
                #    SLA   TIER CUSTOMER     SUBJECT                     OWNER    SRC   AGE
                1  -0:12 ! ENT  Acme         Router drops subscriptions  ana      slk 1h12m
                2   0:41   ENT  Globex       Playground shows stale sch… —        eml   19m
                3  11:06   PRO  Initech      Invoice shows double seats  dave     slk  1d1h
            ────────────────────────────────────────────────────────────────────────────────
             ! #1 at risk: Acme — Router drops subscriptions · due in 12m · x acknowledges
            """)
        XCTAssertEqual(Update.update(.alerts([record(7, dueIn: 720)]), state: &state, layout: layout), [], "the same alert read again does not ring")
        XCTAssertEqual(Update.update(.key(.character("x")), state: &state, layout: layout), [.acknowledgeAlert(7)])
        XCTAssertEqual(state.alerts.open, [])
        let after = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 8)
        XCTAssertEqual(after.line(7).trimmingCharacters(in: .whitespaces), "acknowledged: #1 at risk: Acme — Router drops subscriptions")
        XCTAssertEqual(Update.update(.key(.character("x")), state: &state, layout: layout), [])
        XCTAssertEqual(state.notice, "no alert to acknowledge")
    }

    func testItRingsAgainEveryFiveMinutesUntilAcknowledged() {
        var state = queueState(sampleRows)
        XCTAssertEqual(Update.update(.alerts([record(7, dueIn: 720)]), state: &state, layout: layout), [.ring])
        XCTAssertEqual(Update.update(.tick(now: Fixtures.now.addingTimeInterval(299), point: nil), state: &state, layout: layout), [])
        XCTAssertEqual(Update.update(.tick(now: Fixtures.now.addingTimeInterval(300), point: nil), state: &state, layout: layout), [.ring])
        XCTAssertEqual(Update.update(.tick(now: Fixtures.now.addingTimeInterval(301), point: nil), state: &state, layout: layout), [])
        _ = Update.update(.key(.character("x")), state: &state, layout: layout)
        XCTAssertEqual(Update.update(.tick(now: Fixtures.now.addingTimeInterval(900), point: nil), state: &state, layout: layout), [], "acknowledged: quiet")
    }

    func testTheLineKeepsItsKeyOnANarrowScreenAndCountsTheOthers() {
        var state = queueState(sampleRows)
        _ = Update.update(.alerts([record(7, dueIn: -90, text: "#1 breached: Acme — Router drops subscriptions after the upgrade"),
                                   record(8, dueIn: 600)]), state: &state, layout: layout)
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 8)
        XCTAssertEqual(grid.line(7), " ! #1 breached:… · breached 1m ago · x acknowledges (1 of 2)")
    }

    func testOscAddsADesktopNotificationAndNoneOnlyTheLine() {
        var osc = queueState(sampleRows)
        osc.alerts.style = .osc
        XCTAssertEqual(Update.update(.alerts([record(7, dueIn: 720)]), state: &osc, layout: layout),
                       [.ring, .desktopNotify(title: "baton: at risk", body: "#1 at risk: Acme — Router drops subscriptions")])
        var quiet = queueState(sampleRows)
        quiet.alerts.style = .none
        XCTAssertEqual(Update.update(.alerts([record(7, dueIn: 720)]), state: &quiet, layout: layout), [])
        XCTAssertTrue(ScreenRenderer.render(quiet, theme: .monochrome, width: 80, height: 8).line(7).contains("x acknowledges"))
    }

    // MARK: through the loop, on a real store

    var folder: String!
    var store: SQLiteStore!
    var clock = Fixtures.now

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-alerts-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func makeApp(_ terminal: MemoryTerminal, viewer: String) -> App {
        var team = Fixtures.team(storePath: store.path)
        team.engineers[2].alert = .osc
        let app = App(store: store, team: team, theme: .monochrome, terminal: terminal, zone: Fixtures.utc,
                      clock: { [unowned self] in clock }, identity: team.engineer(viewer).map(Identity.engineer),
                      environment: ["TMUX": "/tmp/tmux-1000/default,1,0"])
        app.enableAlerts(notifyStore: nil)
        return app
    }

    func testAConversationCrossingIntoItsWarningWindowRingsUntilAcknowledgedOnEveryScreen() throws {
        // Enterprise answers within 1 h and warns 15 min before: due at 14:16, at risk from 14:01.
        let at = Fixtures.now.addingTimeInterval(-44 * 60)
        let id = try store.createConversation(NewConversation(customerID: "globex", customerName: "Globex", tierID: "enterprise", subject: "Router drops",
                                                              source: .email, ownerID: "dave", ownerVia: .claim,
                                                              messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
                                              actor: "test", at: at)
        let terminal = MemoryTerminal(width: 100, height: 10)
        let app = makeApp(terminal, viewer: "dave")
        app.start()
        XCTAssertEqual(app.bells, 0)
        XCTAssertEqual(app.state.alerts.open, [])

        clock = Fixtures.now.addingTimeInterval(61)
        app.tick()
        XCTAssertEqual(app.bells, 1)
        XCTAssertEqual(app.state.alerts.open.map(\.alert.kind), [.atRisk])
        XCTAssertEqual(terminal.lastFrame?.line(9).trimmingCharacters(in: .whitespaces), "! #\(id) at risk: Globex — Router drops · due in 14m · x acknowledges")
        XCTAssertEqual(app.notifications.count, 1, "dave's alert = osc")
        XCTAssertTrue(app.notifications[0].hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}]777;notify;baton: at risk;"), "wrapped for tmux")

        let second = makeApp(MemoryTerminal(width: 100, height: 10), viewer: "dave")
        second.start()
        XCTAssertEqual(second.state.alerts.open.count, 1, "the same alert on dave's other screen, raised once")

        clock = Fixtures.now.addingTimeInterval(61 + 299)
        app.tick()
        XCTAssertEqual(app.bells, 1)
        clock = Fixtures.now.addingTimeInterval(61 + 300)
        app.tick()
        XCTAssertEqual(app.bells, 2, "again after five minutes")

        app.handle(.character("x"))
        XCTAssertEqual(app.state.alerts.open, [])
        XCTAssertEqual(try store.openAlerts(for: "dave", holdsPoint: true), [])
        XCTAssertEqual(try store.conversation(id).events.filter { $0.kind == "alert_acknowledged" }.map(\.actor), ["dave"])
        clock = Fixtures.now.addingTimeInterval(61 + 306)
        second.tick()
        XCTAssertEqual(second.state.alerts.open, [], "acknowledged on one screen, gone from the other")
    }
}
