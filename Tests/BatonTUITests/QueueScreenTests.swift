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
                #    SLA   TIER CUSTOMER     SUBJECT                     OWNER    SRC   AGE
                1  -0:12 ! ENT  Acme         Router drops subscriptions  ana      slk 1h12m
                2   0:41   ENT  Globex       Playground shows stale sch… —        eml   19m
                3  11:06   PRO  Initech      Invoice shows double seats  dave     slk  1d1h
                4      ·   FREE Hooli        How do we set up staging?   —        slk   10m















            ────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ open · c claim · R reply · / filter · ? help · q quit         2/4
            """)
        // The selected row is reversed; a breached deadline is bold on a row that is not.
        XCTAssertTrue(grid[10, 4].style.reverse)
        XCTAssertFalse(grid[10, 3].style.reverse)
        XCTAssertTrue(grid[8, 3].style.bold, "the breached SLA")
        XCTAssertTrue(grid[60, 4].style.bold, "the unowned dash")
    }

    func testNarrowTerminal60x15KeepsEveryColumn() {
        let grid = ScreenRenderer.render(queueState(sampleRows), theme: .monochrome, width: 60, height: 15)
        assertScreen(grid, """
             4 open · 2 unowned · 1 !  point: dave (US) → nobody in 11h
            ────────────────────────────────────────────────────────────
                #    SLA   TIER CUSTOMER   SUBJECT     OWNER  SRC   AGE
                1  -0:12 ! ENT  Acme       Router dro… ana    slk 1h12m
                2   0:41   ENT  Globex     Playground… —      eml   19m
                3  11:06   PRO  Initech    Invoice sh… dave   slk  1d1h
                4      ·   FREE Hooli      How do we … —      slk   10m






            ────────────────────────────────────────────────────────────
             j/k move · ⏎ open · c claim · R reply · / filter       1/4
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
                #    SLA   TIER CUSTOMER     SUBJECT                     OWNER    SRC   AGE
                1   0:30   ENT  海藤システ…  ルーターが再起動を繰り返す… ana      slk    1h
                2   0:30   ENT  Acme         Plain ASCII subject         ben      slk    1h
                3   0:30   ENT  Acme         👩💻 emoji with joiner and… erin     slk    1h
            ────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ open · c claim · R reply · / filter · ? help · q quit         0/3
            """)
        // The ZWJ sequence is drawn as its two emoji (four columns), so the flag no longer fits;
        // every row puts the owner in the same column, whatever the subject held.
        for (y, owner) in [(3, "a"), (4, "b"), (5, "e")] {
            XCTAssertEqual(grid[61, y].text, owner, "row \(y) starts its owner at column 61")
            XCTAssertEqual(grid[60, y].text, " ", "row \(y)")
        }
        XCTAssertEqual(grid[22, 3].width, 2, "藤 takes two columns")
        XCTAssertTrue(grid[23, 3].isContinuation)
    }

    func testHostileTextIsEscapedAndNeverBreaksTheRow() {
        let hostile = "\u{1B}[31mURGENT\u{1B}[0m \u{202E}gnp.exe\u{202C} \u{9B}2J\u{0}x\nnext"
        let rows = [Fixtures.row(1, subject: hostile, customer: "Evil\u{1B}]0;pwned\u{7}Corp", owner: "ana")]
        let grid = ScreenRenderer.render(queueState(rows, selected: -1), theme: .monochrome, width: 100, height: 7)
        assertScreen(grid, """
             baton · 1 open · 0 unowned · 0 breaching     point: dave (US) → nobody in 11h, ana (Europe) in 16h
            ────────────────────────────────────────────────────────────────────────────────────────────────────
                #    SLA   TIER CUSTOMER     SUBJECT                                         OWNER    SRC   AGE
                1   0:30   ENT  Evil^[]0;pw… ^[[31mURGENT^[[0m gnp.exe \\x9B2J^@x next        ana      slk    1h

            ────────────────────────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ open · c claim · R reply · / filter · ? help · q quit                             0/1
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
        state.overlay = .line(LineEditor(.filter, text: "router"))
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 10)
        XCTAssertEqual(grid.line(9).trimmingCharacters(in: .whitespaces), "/ router")
        XCTAssertTrue(grid[9, 9].style.reverse, "the cursor after the text")
    }

    func testOnAShortScreenTheHelpSaysWhereItIsAndScrolls() {
        var state = queueState(sampleRows)
        state.overlay = .help(scroll: 99)
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 15)
        assertScreen(grid, """
             ┌─ keys ─────────────────────────────────────────────────┐
            ─│ q                 quit                                 │─
             │ ?                 this help                            │
             │ :                 command line: :42, :claim, :assign d │
             │ r ^L              refresh and redraw                   │
             │ o                 rotation: the next 7 days            │
             │ H                 handoff report and notes             │
             │ m                 metrics: response times, SLA, people │
             │ N                 a handoff note for whoever takes poi │
             │ x                 acknowledge the alert in the footer  │
             │ Q                 quit from anywhere                   │
             │                                                        │
             │ j/k more: 26–35 of 35 · other keys close               │
            ─└────────────────────────────────────────────────────────┘─
             j/k move · ⏎ open · c claim · R reply · / filter       1/4
            """)
    }

    func testHelpOverlayListsEveryKey() {
        var state = queueState(sampleRows)
        state.overlay = .help(scroll: 0)
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 24)
        assertScreen(grid, """
             b┌─ keys ──────────────────────────────────────────────────────────────────┐1h
            ──│ j ↓ ^N            move down, or scroll down                             │───
              │ k ↑ ^P            move up, or scroll up                                 │GE
              │ PgDn space ^F ^D  page down                                             │2m
              │ PgUp b ^B ^U      page up                                               │9m
              │ g Home            first                                                 │1h
              │ G End             last                                                  │0m
              │ ⏎ l →             open the selected conversation                        │
              │ c                 claim: own an unowned conversation (every marked one) │
              │ T                 take over from its owner (asks first)                 │
              │ a                 assign to an engineer (who is on shift first)         │
              │ e                 rope in an engineer to help, without owning           │
              │ u                 release a conversation you own                        │
              │ s                 status: new, open, pending, on hold, solved, closed   │
              │ R                 reply in $EDITOR; queued to send                      │
              │ n                 internal note in $EDITOR; never sent                  │
              │ t                 tags: +tag adds, -tag removes                         │
              │ /                 filter: words, and owner: customer: tag: status: is:  │
              │ v                 mark the row; c a s t then act on every marked row    │
              │ 1                 view: all open                                        │
              │                                                                         │
              │ j/k more: 1–19 of 35 · other keys close                                 │
            ──└─────────────────────────────────────────────────────────────────────────┘───
             j/k move · ⏎ open · c claim · R reply · / filter · ? help · q quit         1/4
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
        XCTAssertEqual(grid[8, 3].style.foreground, .indexed(1), "the breached SLA")
        XCTAssertEqual(grid[10, 4].style.background, .indexed(14))
    }
}
