import BatonConfig
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The steering features through the event loop, against a real store and the in-memory
/// terminal: views, the command line, marks, unread and the customer's context.
final class SteeringAppTests: XCTestCase {
    var folder: String!
    var store: SQLiteStore!
    var other: SQLiteStore!
    var clock = Fixtures.now

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-steer-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
        other = try SQLiteStore(path: store.path)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    @discardableResult
    func add(_ subject: String, customer: String = "acme", minutesAgo: Double, address: String = "priya@acme.io", into target: SQLiteStore? = nil) throws -> Int64 {
        let at = Fixtures.now.addingTimeInterval(-minutesAgo * 60)
        return try (target ?? store).createConversation(
            NewConversation(customerID: customer, customerName: customer.capitalized, tierID: customer == "acme" ? "enterprise" : "pro", subject: subject, source: .email,
                            messages: [NewMessage(authorKind: .customer, authorName: "Priya", authorID: address, body: "help", createdAt: at)]),
            actor: "test", at: at)
    }

    func makeApp(_ terminal: MemoryTerminal) -> App {
        let team = Fixtures.team(storePath: store.path)
        return App(store: store, team: team, theme: .monochrome, terminal: terminal, zone: Fixtures.utc, clock: { [unowned self] in clock },
                   identity: .engineer(team.engineer("ana")!))
    }

    func type(_ text: String, into app: App) {
        for character in text { app.handle(.character(character)) }
    }

    func testViewsAndTheCommandLineThroughTheLoop() throws {
        let router = try add("Router drops subscriptions", minutesAgo: 50)
        try add("Invoice shows double seats", customer: "globex", minutesAgo: 20)
        _ = try store.claim(router, actor: "ana", at: clock)
        let terminal = MemoryTerminal(width: 80, height: 10)
        let app = makeApp(terminal)
        app.start()
        XCTAssertEqual(app.state.queue.total, 2)
        app.handle(.character("2"))
        XCTAssertEqual(app.state.queue.rows.map(\.subject), ["Router drops subscriptions"])
        // One is at risk, so at 80 columns the header takes its narrow form, which still names who and the view.
        XCTAssertTrue(terminal.lastFrame!.line(0).hasPrefix(" ana [mine] · 2 open"), terminal.lastFrame!.line(0))
        app.handle(.character("3"))
        XCTAssertEqual(app.state.queue.rows.map(\.subject), ["Invoice shows double seats"])
        app.handle(.character(":"))
        type("assign dave", into: app)
        app.handle(.enter)
        XCTAssertEqual(try store.conversation(2).row.ownerID, "dave")
        XCTAssertEqual(terminal.lastFrame?.line(9).trimmingCharacters(in: .whitespaces), "#2 assign: — → dave")
        XCTAssertEqual(app.state.queue.total, 0, "owned now: out of the unowned view")
        app.handle(.character(":"))
        type("#1", into: app)
        app.handle(.enter)
        XCTAssertEqual(app.state.conversation?.detail.row.id, 1)
    }

    func testMarkedRowsAreClaimedTogether() throws {
        for index in 0..<4 { try add("outage \(index)", minutesAgo: Double(40 - index)) }
        let terminal = MemoryTerminal(width: 80, height: 10)
        let app = makeApp(terminal)
        app.start()
        app.handle(.character("v"))
        app.handle(.character("j"))
        app.handle(.character("v"))
        XCTAssertTrue(terminal.lastFrame!.line(3).hasPrefix("*"), terminal.lastFrame!.text)
        XCTAssertTrue(terminal.lastFrame!.line(9).contains("2 marked"))
        app.handle(.character("c"))
        XCTAssertEqual(try (1...4).map { try store.conversation($0).row.ownerID }, ["ana", nil, "ana", nil])
        XCTAssertTrue(app.state.queue.marks.isEmpty)
    }

    func testUnreadUntilOpenedAndTheCustomersOtherConversationsOpenFromTheThread() throws {
        let terminal = MemoryTerminal(width: 80, height: 14)
        var app = makeApp(terminal)
        app.start()  // the seen file starts now: what came before is read
        clock = clock.addingTimeInterval(60)
        try add("Router drops subscriptions", minutesAgo: -1, into: other)
        try add("SSO broken", minutesAgo: -1, into: other)
        app.tick()
        XCTAssertEqual(app.state.ownership.unread, [1, 2])
        XCTAssertTrue(terminal.lastFrame!.line(3).hasPrefix(" •"), terminal.lastFrame!.text)
        app.handle(.enter)
        XCTAssertTrue(terminal.lastFrame!.text.contains("contact Priya <priya@acme.io>"), terminal.lastFrame!.text)
        XCTAssertTrue(terminal.lastFrame!.text.contains("1 other open of Acme"), terminal.lastFrame!.text)
        app.handle(.tab)
        app.handle(.enter)
        XCTAssertEqual(app.state.conversation?.detail.row.id, 2, "Tab chose the other, Enter opened it")
        app.handle(.escape)
        XCTAssertEqual(app.state.scope, .queue)
        XCTAssertEqual(app.state.ownership.unread, [], "both read now")
        // Another screen of ana's reads the same file; a new message makes it unread again.
        app = makeApp(MemoryTerminal(width: 80, height: 14))
        app.start()
        XCTAssertEqual(app.state.ownership.unread, [])
        _ = try other.appendMessage(NewMessage(authorKind: .customer, authorName: "Priya", body: "still", createdAt: clock), to: 1, actor: "ingest")
        app.tick()
        XCTAssertEqual(app.state.ownership.unread, [1])
    }
}
