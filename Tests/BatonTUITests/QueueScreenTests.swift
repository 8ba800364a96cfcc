import BatonConfig
import BatonCore
import BatonTestSupport
import XCTest
@testable import BatonTUI

func queueState(_ rows: [QueueRow], selected: Int = 0, width: Int = 80) -> AppState {
    var state = AppState(now: Fixtures.now, zone: Fixtures.utc)
    state.counts = QueueCounts(open: rows.count, unowned: rows.filter { $0.ownerID == nil }.count,
                               breaching: rows.filter { $0.isBreaching(at: Fixtures.now) }.count)
    state.point = PointStatus(rotation: Fixtures.team().rotation, at: Fixtures.now)
    state.regionNames = ["europe": "Europe", "us": "US"]
    state.queue.rows = rows
    state.queue.total = rows.count
    state.queue.selected = selected
    return state
}

let sampleRows = [
    Fixtures.row(1, subject: "Router drops subscriptions", owner: "ana", age: 4_320, dueIn: -720),
    Fixtures.row(2, subject: "Playground shows stale schema", customer: "Globex", source: .email, age: 1_140, dueIn: 2_460),
    Fixtures.row(3, subject: "Invoice shows double seats", customer: "Initech", tier: "PRO", owner: "dave", age: 90_000, dueIn: 40_000),
    Fixtures.row(4, subject: "How do we set up staging?", customer: "Hooli", tier: "FREE", age: 600, dueIn: nil, status: .pending),
]

final class QueueScreenTests: XCTestCase {
    func testQueueAt80x24ShowsRowsByDeadlineWithHeaderAndFooter() {
        let grid = ScreenRenderer.render(queueState(sampleRows, selected: 1), theme: .monochrome, width: 80, height: 24)
        assertScreen(grid, """
             baton · 4 open · 2 unowned · 1 breaching      point: dave (US) → nobody in 11h
            ────────────────────────────────────────────────────────────────────────────────
                SLA   TIER CUSTOMER     SUBJECT                          OWNER    SRC   AGE
              -0:12 ! ENT  Acme         Router drops subscriptions       ana      slk 1h12m
               0:41   ENT  Globex       Playground shows stale schema    —        eml   19m
              11:06   PRO  Initech      Invoice shows double seats       dave     slk  1d1h
                  ·   FREE Hooli        How do we set up staging?        —        slk   10m















            ────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ open · / filter · o rotation · H handoff · ? help · q quit    2/4
            """)
        // The selected row is reversed; a breached deadline is bold on a row that is not.
        XCTAssertTrue(grid[10, 4].style.reverse)
        XCTAssertFalse(grid[10, 3].style.reverse)
        XCTAssertTrue(grid[3, 3].style.bold, "the breached SLA")
        XCTAssertTrue(grid[60, 4].style.bold, "the unowned dash")
    }

    func testNarrowTerminal60x15KeepsEveryColumn() {
        let grid = ScreenRenderer.render(queueState(sampleRows), theme: .monochrome, width: 60, height: 15)
        assertScreen(grid, """
             4 open · 2 unowned · 1 !  point: dave (US) → nobody in 11h
            ────────────────────────────────────────────────────────────
                SLA   TIER CUSTOMER   SUBJECT          OWNER  SRC   AGE
              -0:12 ! ENT  Acme       Router drops su… ana    slk 1h12m
               0:41   ENT  Globex     Playground show… —      eml   19m
              11:06   PRO  Initech    Invoice shows d… dave   slk  1d1h
                  ·   FREE Hooli      How do we set u… —      slk   10m






            ────────────────────────────────────────────────────────────
             j/k move · ⏎ open · / filter · o rotation · H handoff  1/4
            """)
    }

    func testWideCharactersTakeTwoColumnsAndKeepTheColumnsAligned() {
        let rows = [
            Fixtures.row(1, subject: "ルーターが再起動を繰り返す 🔁", customer: "海藤システムズ", owner: "ana"),
            Fixtures.row(2, subject: "Plain ASCII subject", owner: "ben"),
            Fixtures.row(3, subject: "👩‍💻 emoji with joiner and flag 🇯🇵", owner: "erin"),
        ]
        let grid = ScreenRenderer.render(queueState(rows, selected: -1), theme: .monochrome, width: 80, height: 8)
        assertScreen(grid, """
             baton · 3 open · 0 unowned · 0 breaching      point: dave (US) → nobody in 11h
            ────────────────────────────────────────────────────────────────────────────────
                SLA   TIER CUSTOMER     SUBJECT                          OWNER    SRC   AGE
               0:30   ENT  海藤システ…  ルーターが再起動を繰り返す 🔁    ana      slk    1h
               0:30   ENT  Acme         Plain ASCII subject              ben      slk    1h
               0:30   ENT  Acme         👩💻 emoji with joiner and flag… erin     slk    1h
            ────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ open · / filter · o rotation · H handoff · ? help · q quit    0/3
            """)
        // The ZWJ sequence is drawn as its two emoji (four columns), so the flag no longer fits;
        // every row puts the owner in the same column, whatever the subject held.
        for (y, owner) in [(3, "a"), (4, "b"), (5, "e")] {
            XCTAssertEqual(grid[61, y].text, owner, "row \(y) starts its owner at column 61")
            XCTAssertEqual(grid[60, y].text, " ", "row \(y)")
        }
        XCTAssertEqual(grid[17, 3].width, 2, "海 takes two columns")
        XCTAssertTrue(grid[18, 3].isContinuation)
    }

    func testHostileTextIsEscapedAndNeverBreaksTheRow() {
        let hostile = "\u{1B}[31mURGENT\u{1B}[0m \u{202E}gnp.exe\u{202C} \u{9B}2J\u{0}x\nnext"
        let rows = [Fixtures.row(1, subject: hostile, customer: "Evil\u{1B}]0;pwned\u{7}Corp", owner: "ana")]
        let grid = ScreenRenderer.render(queueState(rows, selected: -1), theme: .monochrome, width: 100, height: 7)
        assertScreen(grid, """
             baton · 1 open · 0 unowned · 0 breaching     point: dave (US) → nobody in 11h, ana (Europe) in 16h
            ────────────────────────────────────────────────────────────────────────────────────────────────────
                SLA   TIER CUSTOMER     SUBJECT                                              OWNER    SRC   AGE
               0:30   ENT  Evil^[]0;pw… ^[[31mURGENT^[[0m gnp.exe \\x9B2J^@x next             ana      slk    1h

            ────────────────────────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ open · / filter · o rotation · H handoff · ? help · q quit                        0/1
            """)
        for cell in grid.cells {
            for scalar in cell.text.unicodeScalars {
                XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value),
                               "control U+\(String(scalar.value, radix: 16)) reached the grid")
            }
        }
    }

    func testEmptyQueueAndEmptyFilterResultSayWhy() {
        var state = queueState([])
        var grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 8)
        XCTAssertTrue(grid.line(4).contains("No open conversations."))
        state.queue.filter = "zzz"
        grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 8)
        XCTAssertTrue(grid.line(4).contains("Nothing matches “zzz”"))
        XCTAssertTrue(grid.line(7).hasSuffix("/zzz · 0/0 "))
    }

    func testFilterBeingTypedShowsInTheFooterWithACursor() {
        var state = queueState(sampleRows)
        state.queue.filter = "router"
        state.queue.editingFilter = true
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 10)
        XCTAssertEqual(grid.line(9).trimmingCharacters(in: .whitespaces), "/ router")
        XCTAssertTrue(grid[9, 9].style.reverse, "the cursor after the text")
    }

    func testOnAShortScreenTheHelpSaysWhereItIsAndScrolls() {
        var state = queueState(sampleRows)
        state.showHelp = true
        state.helpScroll = 99
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 15)
        assertScreen(grid, """
             ┌─ keys ─────────────────────────────────────────────────┐
            ─│ c                  claim: take ownership of an unowned │─
             │ T                  take over from its owner (asks firs │
             │ a e                assign to / rope in an engineer (on │
             │ u                  release a conversation you own      │
             │ s                  status: new, open, pending, on hold │
             │ R n                reply (queued to send) / internal n │
             │ t                  tags: +tag adds, -tag removes       │
             │ o H                rotation: the next 7 days / handoff │
             │ r ^L               refresh and redraw                  │
             │ ? Q                this help / quit from anywhere      │
             │                                                        │
             │ j/k more: 7–16 of 16 · other keys close                │
            ─└────────────────────────────────────────────────────────┘─
             j/k move · ⏎ open · / filter · o rotation · H handoff  1/4
            """)
    }

    func testHelpOverlayListsEveryKey() {
        var state = queueState(sampleRows)
        state.showHelp = true
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 24)
        let text = grid.text
        for (key, meaning) in HelpView.keys {
            XCTAssertTrue(text.contains(key), "help lists \(key)")
            XCTAssertTrue(text.contains(meaning), "help explains \(key)")
        }
        assertScreen(grid, """
             baton · 4 open · 2 unowned · 1 breaching      point: dave (US) → nobody in 11h
            ────────────────────────────────────────────────────────────────────────────────
              ┌─ keys ──────────────────────────────────────────────────────────────────┐GE
              │ j k ↓ ↑            move, or scroll a conversation                       │2m
              │ g G Home End       first / last                                         │9m
              │ PgDn PgUp space b  page down / up                                       │1h
              │ ⏎ l →              open the selected conversation                       │0m
              │ Esc q h ←          back; q on the queue quits                           │
              │ /                  filter as you type (subject, customer, owner, text)  │
              │ c                  claim: take ownership of an unowned conversation     │
              │ T                  take over from its owner (asks first)                │
              │ a e                assign to / rope in an engineer (on shift first)     │
              │ u                  release a conversation you own                       │
              │ s                  status: new, open, pending, on hold, solved, closed  │
              │ R n                reply (queued to send) / internal note, in $EDITOR   │
              │ t                  tags: +tag adds, -tag removes                        │
              │ o H                rotation: the next 7 days / handoff report and notes │
              │ r ^L               refresh and redraw                                   │
              │ ? Q                this help / quit from anywhere                       │
              │                                                                         │
              │ any key closes this                                                     │
              └─────────────────────────────────────────────────────────────────────────┘
            ────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ open · / filter · o rotation · H handoff · ? help · q quit    1/4
            """)
    }

    func testColorThemeGivesRolesTheirColors() throws {
        let theme = try ThemeFile.parse("""
            [selected]
            fg = "black"
            bg = "bright_cyan"
            [breaching]
            fg = "red"
            bold = true
            """, name: "t", file: "t.toml")
        let grid = ScreenRenderer.render(queueState(sampleRows, selected: 1), theme: theme, width: 80, height: 10)
        XCTAssertEqual(grid[3, 3].style.foreground, .indexed(1))
        XCTAssertEqual(grid[10, 4].style.background, .indexed(14))
    }
}
