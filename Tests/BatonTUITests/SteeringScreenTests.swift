import BatonConfig
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The queue an engineer steers, drawn: the # column, marks, own rows, unread rows, the
/// view in the header, the command line, and the customer's context on a conversation.
final class SteeringScreenTests: XCTestCase {
    func testRowsShowTheirNumberMarksOwnershipAndUnread() {
        var state = queueState(sampleRows, selected: 3)
        state.ownership.me = "ana"
        state.queue.marks = [2: 1]
        state.ownership.unread = [3]
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 9)
        assertScreen(grid, """
             ana@baton · 4 open · 2 unowned · 1 breaching  point: dave (US) → nobody in 11h
            ────────────────────────────────────────────────────────────────────────────────
                #    SLA   TIER CUSTOMER     SUBJECT                     OWNER    SRC   AGE
                1  -0:12 ! ENT  Acme         Router drops subscriptions  ana      slk 1h12m
            *   2   0:41   ENT  Globex       Playground shows stale sch… —        eml   19m
             •  3  11:06   PRO  Initech      Invoice shows double seats  dave     slk  1d1h
                4      ·   FREE Hooli        How do we set up staging?   —        slk   10m
            ────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ open · c claim · R reply · / filter · ? help       1 marked · 4/4
            """)
        XCTAssertTrue(grid[61, 3].style.underline && grid[61, 3].style.bold, "ana's own row: the owner stands out")
        XCTAssertFalse(grid[61, 5].style.underline, "dave's row does not")
    }

    func testTheHeaderNamesTheViewAndANarrowOneStillSaysWhoYouAre() {
        var state = queueState(sampleRows)
        state.ownership.me = "ana"
        state.queue.view = 1
        let wide = ScreenRenderer.render(state, theme: .monochrome, width: 100, height: 8)
        XCTAssertTrue(wide.line(0).hasPrefix(" ana@baton [mine] · 4 open · 2 unowned · 1 breaching"), wide.line(0))
        let narrow = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 15)
        XCTAssertTrue(narrow.line(0).hasPrefix(" ana [mine] · 4 open · 2 unowned · 1 !"), narrow.line(0))
        state.queue.view = 0
        let plain = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 15)
        XCTAssertTrue(plain.line(0).hasPrefix(" ana · 4 open · 2 unowned · 1 !"), plain.line(0))
    }

    func testTheCommandLineIsTypedInTheFooterWithTheCursorWhereItIs() {
        var state = queueState(sampleRows)
        var editor = LineEditor(.command, text: "assign dave")
        _ = editor.edit(.left)
        _ = editor.edit(.left)
        state.overlay = .line(editor)
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 8)
        XCTAssertEqual(grid.line(7).trimmingCharacters(in: .whitespaces), ": assign dave")
        XCTAssertTrue(grid[12, 7].style.reverse, "the cursor on the v of dave")
        XCTAssertEqual(grid[12, 7].text, "v")
    }

    func testAConversationShowsTheContactAndTheCustomersOtherOpenConversations() {
        var state = queueState(sampleRows)
        let row = Fixtures.row(42, subject: "Router drops subscriptions", owner: "ana", age: 4_320, dueIn: -720)
        var open = ConversationState(detail: ConversationDetail(row: row, messages: [
            Message(id: 1, authorKind: .customer, authorName: "Priya Raman", authorID: "priya@acme.io", body: "It drops again",
                    createdAt: Fixtures.now.addingTimeInterval(-4_320)),
        ], events: []))
        open.related = [Fixtures.row(43, subject: "Invoice is wrong", owner: "dave", dueIn: 600), Fixtures.row(44, subject: "SSO", dueIn: nil)]
        open.chosen = 1
        state.screen = .conversation(open)
        state.ownership.pairs = ["acme": CustomerPair(engineer: "ana", csm: "viola")]
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 14)
        assertScreen(grid, """
             baton · 4 open · 2 unowned · 1 breaching      point: dave (US) → nobody in 11h
             #42 Router drops subscriptions
             Acme · ENT · owner ana · open · slack · breached 12m ago · 2 messages · 1h12m…
            ─────────────────────────────────────────────────── dedicated ana · CSM viola ──
             contact Priya Raman <priya@acme.io>
             2 other open of Acme · Tab chooses, ⏎ opens
               #43       0:10  Invoice is wrong                                 dave
               #44          ·  SSO                                              —

             Priya Raman · customer · Mon 23 Nov 12:48 (1h12m ago)
               It drops again

            ────────────────────────────────────────────────────────────────────────────────
             j/k move · c claim · R reply · ? help · Esc/q back                         8/8
            """)
        XCTAssertTrue(grid[4, 7].style.reverse, "the chosen one")
        XCTAssertFalse(grid[4, 6].style.reverse)
    }

    func testTheReplyFileQuotesTheMessageAndNamesWhereItGoesBelowTheScissors() {
        let row = Fixtures.row(42, subject: "Invoice", source: .email)
        let detail = ConversationDetail(row: row, messages: [
            Message(id: 1, authorKind: .customer, authorName: "Priya", authorID: "priya@acme.io", body: "First", createdAt: Fixtures.now.addingTimeInterval(-7_200)),
            Message(id: 2, authorKind: .customer, authorName: "Raj", authorID: "raj@acme.io", body: "Still broken.\n\nRaj", createdAt: Fixtures.now.addingTimeInterval(-600)),
        ], events: [])
        let context = ReplyContext(.reply, detail: detail, team: Fixtures.team(), zone: Fixtures.utc, now: Fixtures.now)
        XCTAssertEqual(context.template(draft: nil), """


            On Mon 23 Nov 13:50, Raj wrote:
            > Still broken.
            >
            > Raj
            ------------------------ >8 ------------------------
            Do not change or remove the line above; everything below it is not sent.
            To: raj@acme.io
            Cc: priya@acme.io

            """)
        XCTAssertEqual(context.body(of: "Thanks, fixed.\n\n" + context.quote + "\n" + ReplyContext.scissors + "\nTo: raj@acme.io"),
                       "Thanks, fixed.\n\n" + context.quote, "the quote stays, the block below the scissors goes")
        XCTAssertNil(context.body(of: context.template(draft: nil)), "a file left as it opened is no reply")
        XCTAssertNil(context.body(of: ""))
        XCTAssertEqual(context.template(draft: "kept"), "kept\n" + ReplyContext.scissors
                       + "\nDo not change or remove the line above; everything below it is not sent.\nTo: raj@acme.io\nCc: priya@acme.io\n",
                       "a draft opens as it was left, with no second quote")

        var team = Fixtures.team()
        team.customers[0].slackChannel = "C024BE91L"
        let slack = ReplyContext(.reply, detail: ConversationDetail(row: Fixtures.row(7, subject: "s"), messages: [], events: []), team: team,
                                 zone: Fixtures.utc, now: Fixtures.now)
        XCTAssertEqual(slack.quote, "")
        XCTAssertEqual(slack.destination, ["Slack: channel C024BE91L, in the thread"])
        XCTAssertEqual(ReplyContext(.note, detail: detail, team: team, zone: Fixtures.utc, now: Fixtures.now), ReplyContext(), "notes stay inside the team")
    }

    func testUnreadIsKeptPerEngineerInAFileBesideTheStore() throws {
        let folder = NSTemporaryDirectory() + "baton-seen-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = folder + "/baton.sqlite"
        let seen = SeenFile(storePath: store, engineer: "ana", now: Fixtures.now)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store + "-seen-ana"))
        var row = Fixtures.row(5, subject: "s")
        row.updatedAt = Fixtures.now.addingTimeInterval(-60)
        XCTAssertFalse(seen.isUnread(row), "nothing new since the file began")
        row.updatedAt = Fixtures.now.addingTimeInterval(60)
        XCTAssertTrue(seen.isUnread(row), "changed since, never opened")
        seen.markSeen(5, messageCount: row.messageCount)
        XCTAssertFalse(seen.isUnread(row))
        row.messageCount += 1
        XCTAssertTrue(seen.isUnread(row), "a message more than when it was opened")
        // Another screen of the same engineer reads what this one wrote; another engineer does not.
        let again = SeenFile(storePath: store, engineer: "ana", now: Fixtures.now.addingTimeInterval(999))
        XCTAssertEqual(again.since, seen.since)
        XCTAssertEqual(again.counts, [5: 2])
        XCTAssertTrue(SeenFile(storePath: store, engineer: "dave", now: Fixtures.now).counts.isEmpty)
    }
}
