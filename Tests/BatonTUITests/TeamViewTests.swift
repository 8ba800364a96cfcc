import BatonConfig
import BatonCore
import BatonTestSupport
import XCTest
@testable import BatonTUI

/// The conversation screen with the team on it: collaborators beside the owner, who else
/// is here, touches and tags on the rule, notes and queued replies told apart.
final class TeamViewTests: XCTestCase {
    func testConversationShowsPresenceTouchesCollaboratorsAndMessageStates() {
        let row = Fixtures.row(42, subject: "Router drops subscriptions", owner: "ana", age: 4_320, dueIn: nil, status: .pending)
        let at = Fixtures.now.addingTimeInterval(-600)
        let detail = ConversationDetail(row: row, messages: [
            Message(id: 1, authorKind: .customer, authorName: "Priya Raman", body: "Subscriptions drop.", createdAt: Fixtures.now.addingTimeInterval(-4_320)),
            Message(id: 2, authorKind: .team, authorName: "Ben", authorID: "ben", body: "Seen on 1.42 only.", createdAt: at, state: .note),
            Message(id: 3, authorKind: .team, authorName: "Ana Lima", authorID: "ana", body: "Fixed in 1.43.", createdAt: at, state: .queued),
        ], events: [
            AuditEvent(id: 1, at: Fixtures.now.addingTimeInterval(-4_320), actor: "ingest", kind: "created", conversationID: 42, detail: "from slack"),
            AuditEvent(id: 2, at: at, actor: "ana", kind: "claim", conversationID: 42, detail: "— → ana"),
            AuditEvent(id: 3, at: at, actor: "ana", kind: "ropein", conversationID: 42, detail: "+ben"),
        ], collaborators: ["ben"], tags: ["billing"])
        var state = AppState(now: Fixtures.now, zone: Fixtures.utc)
        state.ownership.roster = ["ana", "ben", "dave"].map { RosterEntry(id: $0, name: $0, region: "europe") }
        state.ownership.pairs["acme"] = CustomerPair(engineer: "ana", csm: "viola")
        state.ownership.presence[42] = [Presence(engineer: "dave", conversationID: 42, activity: .replying, heartbeatAt: Fixtures.now)]
        state.screen = .conversation(ConversationState(detail: detail))
        assertScreen(ScreenRenderer.render(state, theme: .monochrome, width: 72, height: 20), """
             baton · 0 open · 0 unowned · 0 breaching        point: no rotation set
             #42 Router drops subscriptions
             Acme · ENT · owner ana with ben · pending · slack · 2 messages · 1h12…
            ── dave is replying ──────────────────────── 2 touches · tags billing ──
             Priya Raman · customer · Mon 23 Nov 12:48 (1h12m ago)
               Subscriptions drop.

             Ben · team · Mon 23 Nov 13:50 (10m ago) · internal note
               Seen on 1.42 only.

             Ana Lima · team · Mon 23 Nov 13:50 (10m ago) · queued to send
               Fixed in 1.43.

             History
               Mon 23 Nov 12:48  ingest  created  from slack
               Mon 23 Nov 13:50  ana  claim  — → ana
               Mon 23 Nov 13:50  ana  ropein  +ben

            ────────────────────────────────────────────────────────────────────────
             j/k move · c claim · R reply · ? help · Esc/q back               13/13
            """)
    }

    func testTheRuleShowsTheCustomersPairWhenThereIsRoom() {
        let row = Fixtures.row(42, subject: "Router drops subscriptions", owner: "ana")
        var state = AppState(now: Fixtures.now, zone: Fixtures.utc)
        state.ownership.pairs["acme"] = CustomerPair(engineer: "ana", csm: "viola")
        state.screen = .conversation(ConversationState(detail: ConversationDetail(row: row, messages: [], events: [], tags: ["billing"])))
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 8)
        let text = " dedicated ana · CSM viola · tags billing "
        XCTAssertEqual(grid.line(3), String(repeating: "─", count: 80 - 2 - text.count) + text + "──")
    }
}
