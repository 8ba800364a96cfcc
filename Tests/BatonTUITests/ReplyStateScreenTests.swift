import BatonConfig
import BatonCore
@testable import BatonStore
import BatonTestSupport
import XCTest
@testable import BatonTUI

/// Issue 13 item 6: each reply's outbox state in the thread, `reply failed` on the queue,
/// the header's count and its warning when nothing sends, and `!`.
final class ReplyStateScreenTests: XCTestCase {
    let layout = Layout(width: 80, height: 24)

    func reply(_ id: Int64, _ state: OutboxState, attempts: Int = 1, nextTryIn: TimeInterval? = nil, reason: String? = nil,
               sentAgo: TimeInterval? = nil) -> OutboxReply {
        OutboxReply(messageID: id, conversationID: 42, conversationKey: "email:q1@acme.io", source: .email, subject: "Webhooks stopped",
                    customerName: "Acme", authorID: "ana", authorName: "Ana Lima", body: "reply \(id)", queuedAt: Fixtures.now.addingTimeInterval(-900),
                    state: state, attempts: attempts, nextTryAt: nextTryIn.map { Fixtures.now.addingTimeInterval($0) }, reason: reason,
                    remoteID: nil, claimedBy: nil, sentAt: sentAgo.map { Fixtures.now.addingTimeInterval(-$0) })
    }

    func message(_ id: Int64, _ state: MessageState, ago: TimeInterval) -> Message {
        Message(id: id, authorKind: .team, authorName: "Ana Lima", authorID: "ana", body: "reply \(id)", createdAt: Fixtures.now.addingTimeInterval(-ago), state: state)
    }

    /// A conversation screen over the queue, its replies in the given states.
    func screen(_ replies: [(Message, OutboxReply)], me: String? = "ana") -> AppState {
        var state = queueState(sampleRows)
        state.ownership.me = me
        let row = Fixtures.row(42, subject: "Webhooks stopped", owner: "ana", source: .email, age: 3_600, dueIn: 1_800)
        var open = ConversationState(detail: ConversationDetail(row: row, messages: [
            Message(id: 1, authorKind: .customer, authorName: "Zoe", body: "Nothing since noon.", createdAt: Fixtures.now.addingTimeInterval(-3_600)),
        ] + replies.map(\.0), events: []))
        open.replies = Dictionary(uniqueKeysWithValues: replies.map { ($0.0.id, $0.1) })
        state.screen = .conversation(open)
        return state
    }

    func testTheThreadSaysWhereEachReplyStands() {
        let state = screen([
            (message(2, .sent, ago: 3_000), reply(2, .sent, sentAgo: 2_940)),
            (message(3, .queued, ago: 1_200), reply(3, .queued)),
            (message(4, .sending, ago: 900), reply(4, .sending, attempts: 2)),
            (message(5, .cancelled, ago: 600), reply(5, .cancelled)),
        ])
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 22)
        assertScreen(grid, """
             ana@baton · 4 open · 2 unowned · 1 breaching  point: dave (US) → nobody in 11h
             #42 Webhooks stopped
             Acme · ENT · owner ana · open · email · due in 0:30 · 2 messages · 1h old
            ────────────────────────────────────────────────────────────────────────────────
             Zoe · customer · Mon 23 Nov 13:00 (1h ago)
               Nothing since noon.

             Ana Lima · team · Mon 23 Nov 13:10 (50m ago) · sent Mon 23 Nov 13:11
               reply 2

             Ana Lima · team · Mon 23 Nov 13:40 (20m ago) · queued to send
               reply 3

             Ana Lima · team · Mon 23 Nov 13:45 (15m ago) · sending, try 2
               reply 4

             Ana Lima · team · Mon 23 Nov 13:50 (10m ago) · cancelled, not sent
               reply 5


            ────────────────────────────────────────────────────────────────────────────────
             j/k move · c claim · R reply · ? help · Esc/q back                       15/15
            """)
    }

    func testAFailedReplySaysWhyHowOftenAndWhenNextInTheFailedRole() {
        let state = screen([
            (message(2, .failed, ago: 1_200), reply(2, .failed, attempts: 3, nextTryIn: 150, reason: "sendmail: exited 1: <zoe@acme.io>: mailbox unavailable\u{1B}[2J")),
            (message(3, .failed, ago: 900), reply(3, .failed, attempts: 1, reason: "Slack: channel_not_found")),
        ])
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 18)
        assertScreen(grid, """
             ana@baton · 4 open · 2 unowned · 1 breaching  point: dave (US) → nobody in 11h
             #42 Webhooks stopped
             Acme · ENT · owner ana · open · email · due in 0:30 · 2 messages · 1h old
            ────────────────────────────────────────────────────────────────────────────────
             Zoe · customer · Mon 23 Nov 13:00 (1h ago)
               Nothing since noon.

             Ana Lima · team · Mon 23 Nov 13:40 (20m ago) · reply failed
               failed after 3 tries: sendmail: exited 1: <zoe@acme.io>: mailbox
               unavailable^[[2J
               next try Mon 23 Nov 14:02 (in 2m) · ! retries now
               reply 2

             Ana Lima · team · Mon 23 Nov 13:45 (15m ago) · reply failed
               failed after 1 try: Slack: channel_not_found
               no more tries by itself · ! sends it again
            ────────────────────────────────────────────────────────────────────────────────
             j/k move · c claim · R reply · ? help · Esc/q back                       12/14
            """)
        XCTAssertEqual(grid[3, 8].style, Theme.monochrome[.failed], "the reason is in the failed role")
        XCTAssertNotEqual(Theme.monochrome[.failed], Theme.monochrome[.normal])
    }

    func testAnUnconfirmedReplySaysItMayHaveLeft() {
        let state = screen([(message(2, .unconfirmed, ago: 1_200),
                             reply(2, .unconfirmed, reason: "its sender (box 4242) stopped while handing it over at 2026-11-23T13:41:00Z"))])
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 14)
        assertScreen(grid, """
             ana@baton · 4 open · 2 unowned · 1 breaching  point: dave (US) → nobody in 11h
             #42 Webhooks stopped
             Acme · ENT · owner ana · open · email · due in 0:30 · 2 messages · 1h old
            ────────────────────────────────────────────────────────────────────────────────
             Zoe · customer · Mon 23 Nov 13:00 (1h ago)
               Nothing since noon.

             Ana Lima · team · Mon 23 Nov 13:40 (20m ago) · unconfirmed
               unconfirmed: its sender (box 4242) stopped while handing it over at
               2026-11-23T13:41:00Z
               ! sends it again once you have checked (asks first)
               reply 2
            ────────────────────────────────────────────────────────────────────────────────
             j/k move · c claim · R reply · ? help · Esc/q back                         8/9
            """)
    }

    func testQueueRowOfAConversationWithAFailedReplySaysSoInTheFailedRole() {
        var state = queueState(sampleRows)
        state.replies = ReplyWatch(summary: OutboxSummary(queued: 0, failed: 2, unconfirmed: 1, lastSenderRunAt: Fixtures.now), failedConversations: [2])
        state.ownership.presence[2] = [Presence(engineer: "dave", conversationID: 2, activity: .viewing, heartbeatAt: Fixtures.now)]
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 9)
        assertScreen(grid, """
             baton · 4 open · 2 unowned · 1 breaching · 3 failed       dave → nobody in 11h
            ────────────────────────────────────────────────────────────────────────────────
                #    SLA   TIER CUSTOMER     SUBJECT                     OWNER    SRC   AGE
                1  -0:12 ! ENT  Acme         Router drops subscriptions  ana      slk 1h12m
                2   0:41   ENT  Globex       Pl… · reply failed · dave … —        eml   19m
                3  11:06   PRO  Initech      Invoice shows double seats  dave     slk  1d1h
                4      ·   FREE Hooli        How do we set up staging?   —        slk   10m
            ────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ open · c claim · R reply · / filter · ? help · q quit         1/4
            """)
        let x = grid.line(4).range(of: "reply failed").map { grid.line(4).distance(from: grid.line(4).startIndex, to: $0.lowerBound) } ?? 0
        XCTAssertEqual(grid[x, 4].style, Theme.monochrome[.failed])
        XCTAssertEqual(grid[x - 2, 4].style, Theme.monochrome[.normal])
    }

    func testHeaderWarnsWhenRepliesWaitAndNoSenderRanForAMinute() {
        var state = queueState(sampleRows)
        state.replies = ReplyWatch(summary: OutboxSummary(queued: 3, failed: 0, unconfirmed: 0, lastSenderRunAt: Fixtures.now.addingTimeInterval(-61)))
        var grid = ScreenRenderer.render(state, theme: .monochrome, width: 100, height: 6)
        XCTAssertEqual(grid.line(0), " baton · 4 open · 2 unowned · 1 breaching · 3 queued, no sender for 1m         dave → nobody in 11h ")
        let warning = grid.line(0).range(of: "3 queued").map { grid.line(0).distance(from: grid.line(0).startIndex, to: $0.lowerBound) } ?? 0
        XCTAssertEqual(grid[warning, 0].style.bold, true, "in the notice role")
        // A sender that ran within the minute, or nothing queued: no warning.
        state.replies.summary?.lastSenderRunAt = Fixtures.now.addingTimeInterval(-30)
        grid = ScreenRenderer.render(state, theme: .monochrome, width: 100, height: 6)
        XCTAssertFalse(grid.line(0).contains("no sender"), grid.line(0))
        state.replies.summary = OutboxSummary(queued: 0, failed: 0, unconfirmed: 0, lastSenderRunAt: nil)
        grid = ScreenRenderer.render(state, theme: .monochrome, width: 100, height: 6)
        XCTAssertFalse(grid.line(0).contains("no sender"), grid.line(0))
        // Never a sender at all, and a failed reply: the long words where they fit, the
        // short ones where they do not, then the narrow header's.
        state.replies.summary = OutboxSummary(queued: 1, failed: 1, unconfirmed: 0, lastSenderRunAt: nil)
        grid = ScreenRenderer.render(state, theme: .monochrome, width: 140, height: 6)
        XCTAssertTrue(grid.line(0).contains(" · 1 breaching · 1 reply failed · 1 queued, no sender running "), grid.line(0))
        grid = ScreenRenderer.render(state, theme: .monochrome, width: 100, height: 6)
        XCTAssertTrue(grid.line(0).hasPrefix(" baton · 4 open · 2 unowned · 1 breaching · 1 failed · no sender   point: dave (US)"), grid.line(0))
        grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 6)
        XCTAssertTrue(grid.line(0).hasPrefix(" 4 open · 2 unowned · 1 ! 1 failed no sender "), grid.line(0))
    }

    // MARK: `!`

    func press(_ key: Key, on state: inout AppState) -> [Effect] {
        Update.update(.key(key), state: &state, layout: layout)
    }

    func testBangRetriesFailedRepliesAtOnce() {
        var state = screen([(message(2, .failed, ago: 600), reply(2, .failed, reason: "exit 1"))])
        XCTAssertEqual(press(.character("!"), on: &state), [.write(.retryReplies(42))])
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.notice, "#42: queueing its failed replies again…")
        _ = Update.update(.written(.retryReplies(42), .done(nil)), state: &state, layout: layout)
        XCTAssertEqual(state.notice, "#42: replies queued again; the sender sends them next")
        _ = Update.update(.written(.retryReplies(42), .failed("no failed or unconfirmed reply left to send again")), state: &state, layout: layout)
        XCTAssertEqual(state.notice, "#42: no failed or unconfirmed reply left to send again")
    }

    func testBangAsksFirstWhenAReplyIsUnconfirmed() {
        var state = screen([(message(2, .failed, ago: 900), reply(2, .failed)), (message(3, .unconfirmed, ago: 600), reply(3, .unconfirmed))])
        XCTAssertEqual(press(.character("!"), on: &state), [])
        XCTAssertEqual(state.overlay, .confirm(question: "#42: send 1 unconfirmed and 1 failed again? It may have reached the customer already. y/n",
                                               requests: [.retryReplies(42)]))
        XCTAssertEqual(press(.character("n"), on: &state), [])
        XCTAssertEqual(state.notice, "nothing changed")
        _ = press(.character("!"), on: &state)
        XCTAssertEqual(press(.character("y"), on: &state), [.write(.retryReplies(42))])
    }

    func testBangWithNothingFailedOrByAReaderOrOnTheQueue() {
        var state = screen([(message(2, .sent, ago: 600), reply(2, .sent, sentAgo: 500))])
        XCTAssertEqual(press(.character("!"), on: &state), [])
        XCTAssertEqual(state.notice, "#42 has no failed or unconfirmed reply to send again")
        var reader = screen([(message(2, .failed, ago: 600), reply(2, .failed))], me: nil)
        XCTAssertEqual(press(.character("!"), on: &reader), [])
        XCTAssertEqual(reader.notice, reader.ownership.readerReason)
        var queue = queueState(sampleRows)
        XCTAssertEqual(press(.character("!"), on: &queue), [.ring], "the queue does not bind !")
    }

    func testBangIsInTheHelpAndOnTheCommandLine() {
        XCTAssertEqual(Bindings.command(for: .character("!"), in: .conversation), .retryReplies)
        XCTAssertNil(Bindings.command(for: .character("!"), in: .queue))
        var state = screen([(message(2, .failed, ago: 600), reply(2, .failed))])
        state.overlay = .line(LineEditor(.command, text: "retry"))
        XCTAssertEqual(press(.enter, on: &state), [.write(.retryReplies(42))])
    }
}
