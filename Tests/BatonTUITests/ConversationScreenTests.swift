import BatonConfig
import BatonCore
import BatonTestSupport
import XCTest
@testable import BatonTUI

final class ConversationScreenTests: XCTestCase {
    func detail() -> ConversationDetail {
        let row = Fixtures.row(42, subject: "Router drops subscriptions", owner: "ana", age: 4_320, dueIn: -720)
        return ConversationDetail(row: row, messages: [
            Message(id: 1, authorKind: .customer, authorName: "Priya Raman", body: "Since Tuesday our router closes every WebSocket subscription after roughly 30 minutes.\n\nWe run 1.42.", createdAt: Fixtures.now.addingTimeInterval(-4_320)),
            Message(id: 2, authorKind: .team, authorName: "Ana Lima", authorID: "ana", body: "Looking now. Logs please?", createdAt: Fixtures.now.addingTimeInterval(-600)),
        ], events: [AuditEvent(id: 1, at: Fixtures.now.addingTimeInterval(-4_320), actor: "ingest", kind: "created", conversationID: 42, detail: "from slack")])
    }

    func testThreadIsWrappedToTheWidthWithAuthorsToldApart() {
        var state = queueState(sampleRows)
        state.screen = .conversation(ConversationState(detail: detail()))
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 18)
        assertScreen(grid, """
             4 open · 2 unowned · 1 !  point: dave (US) → nobody in 11h
             #42 Router drops subscriptions
             Acme · ENT · owner ana · open · slack · breached 12m ago …
            ────────────────────────────────────────────────────────────
             Priya Raman · customer · Mon 23 Nov 12:48 (1h12m ago)
               Since Tuesday our router closes every WebSocket
               subscription after roughly 30 minutes.

               We run 1.42.

             Ana Lima · team · Mon 23 Nov 13:50 (10m ago)
               Looking now. Logs please?

             History
               Mon 23 Nov 12:48  ingest  created  from slack

            ────────────────────────────────────────────────────────────
             j/k move · c claim · R reply · ? help · Esc/q back   11/11
            """)
        XCTAssertTrue(grid[2, 4].style.bold, "customer author line")
        XCTAssertTrue(grid[2, 10].style.underline, "team author line")
    }

    func testScrolledThreadShowsLaterLines() {
        var state = queueState(sampleRows)
        state.screen = .conversation(ConversationState(detail: detail(), scroll: 6))
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 10)
        XCTAssertEqual(grid.line(4).trimmingCharacters(in: .whitespaces), "Ana Lima · team · Mon 23 Nov 13:50 (10m ago)")
        XCTAssertTrue(grid.line(9).hasSuffix("10/11 "))
    }

    func testEditedAndDeletedMessagesSayWhenAndTheDeletedTextIsGreyed() {
        let row = Fixtures.row(42, subject: "Router drops subscriptions", owner: "ana", age: 4_320, dueIn: -720)
        var state = queueState(sampleRows)
        state.screen = .conversation(ConversationState(detail: ConversationDetail(row: row, messages: [
            Message(id: 1, authorKind: .customer, authorName: "Priya Raman", body: "Router drops subscriptions on 1.42",
                    createdAt: Fixtures.now.addingTimeInterval(-4_320), editedAt: Fixtures.now.addingTimeInterval(-4_200)),
            Message(id: 2, authorKind: .customer, authorName: "Priya Raman", body: "wrong channel, sorry",
                    createdAt: Fixtures.now.addingTimeInterval(-600), deletedAt: Fixtures.now.addingTimeInterval(-540)),
        ], events: [])))
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 12)
        assertScreen(grid, """
             baton · 4 open · 2 unowned · 1 breaching      point: dave (US) → nobody in 11h
             #42 Router drops subscriptions
             Acme · ENT · owner ana · open · slack · breached 12m ago · 2 messages · 1h12m…
            ────────────────────────────────────────────────────────────────────────────────
             Priya Raman · customer · Mon 23 Nov 12:48 (1h12m ago) · edited 2m later
               Router drops subscriptions on 1.42

             Priya Raman · customer · Mon 23 Nov 13:50 (10m ago) · deleted 1m later
               wrong channel, sorry

            ────────────────────────────────────────────────────────────────────────────────
             j/k move · c claim · R reply · ? help · Esc/q back                         6/6
            """)
        XCTAssertFalse(grid[4, 5].style.dim, "the edited text reads as usual")
        XCTAssertTrue(grid[4, 8].style.dim, "the deleted text is greyed")
    }

    func testTinyTerminalAsksToBeLarger() {
        let grid = ScreenRenderer.render(queueState(sampleRows), theme: .monochrome, width: 18, height: 4)
        XCTAssertTrue(grid.line(0).hasPrefix("baton: make the te"))
    }
}
