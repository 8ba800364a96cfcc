import BatonConfig
import BatonCore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The rotation screen, rendered into the grid; its keys; the handoff report screen.
final class RotationScreenTests: XCTestCase {
    /// Ben covers for ana from Tuesday 06:00 UTC to Wednesday 14:00 UTC.
    let cover = Override(engineer: "ben", replaces: "ana", start: Fixtures.now.addingTimeInterval(16 * 3_600),
                         end: Fixtures.now.addingTimeInterval(2 * 86_400))

    func rotationState(now: Date = Fixtures.now, overrides: [Override] = []) -> AppState {
        var rotation = Fixtures.team().rotation
        rotation.overrides = overrides
        var state = AppState(now: now, zone: Fixtures.utc)
        state.regionNames = ["europe": "Europe", "us": "US"]
        state.point = PointStatus(rotation: rotation, at: now)
        state.screen = .rotation(RotationScreenState(rotation: rotation, now: now, zone: Fixtures.utc))
        return state
    }

    func testTheNextSevenDaysWithAnOverrideAndTheGaps() {
        let grid = ScreenRenderer.render(rotationState(overrides: [cover]), theme: .monochrome, width: 100, height: 30)
        assertScreen(grid, """
             baton · 0 open · 0 unowned · 0 breaching     point: dave (US) → nobody in 11h, ben (Europe) in 16h
             Rotation · 7 days from Mon 23 Nov · your time GMT
            ────────────────────────────────────────────────────────────────────────────────────────────────────
                               ▼ now 14:00
                        Mon 23      Tue 24      Wed 25      Thu 26      Fri 27      Sat 28      Sun 29
             you GMT    00    12    00    12    00    12    00    12    00    12    00    12    00    12
             Europe        ana         *ben        *ben        ana         ana
             Berlin     01    13    01    13    01    13    01    13    01    13    01    13    01    13
             US                dave        dave        dave        dave        dave
             New York   19    07    19    07    19    07    19    07    19    07    19    07    19    07
             gaps       ░░░         ░░░         ░░░         ░░░         ░░░         ░░░░░░░░░░░░░░░░░░░░░░░░
            ────────────────────────────────────────────────────────────────────────────────────────────────────
             SHIFT (GMT)                         REGION    ENGINEER            LOCAL
             no one holds point Sat 21 Nov 01:00 – Mon 23 Nov 06:00 (GMT, 2d5h)
             Mon 23 Nov 06:00 – Mon 23 Nov 14:00 Europe    ana                 07:00–15:00 Europe/Berlin
             Mon 23 Nov 14:00 – Tue 24 Nov 01:00 US        dave                09:00–20:00 America/New_York
             no one holds point Tue 24 Nov 01:00 – Tue 24 Nov 06:00 (GMT, 5h)
             Tue 24 Nov 06:00 – Tue 24 Nov 14:00 Europe    ben       override  07:00–15:00 Europe/Berlin
             Tue 24 Nov 14:00 – Wed 25 Nov 01:00 US        dave                09:00–20:00 America/New_York
             no one holds point Wed 25 Nov 01:00 – Wed 25 Nov 06:00 (GMT, 5h)
             Wed 25 Nov 06:00 – Wed 25 Nov 14:00 Europe    ben       override  07:00–15:00 Europe/Berlin
             Wed 25 Nov 14:00 – Thu 26 Nov 01:00 US        dave                09:00–20:00 America/New_York
             no one holds point Thu 26 Nov 01:00 – Thu 26 Nov 06:00 (GMT, 5h)
             Thu 26 Nov 06:00 – Thu 26 Nov 14:00 Europe    ana                 07:00–15:00 Europe/Berlin
             Thu 26 Nov 14:00 – Fri 27 Nov 01:00 US        dave                09:00–20:00 America/New_York
             no one holds point Fri 27 Nov 01:00 – Fri 27 Nov 06:00 (GMT, 5h)
             Fri 27 Nov 06:00 – Fri 27 Nov 14:00 Europe    ana                 07:00–15:00 Europe/Berlin
             Fri 27 Nov 14:00 – Sat 28 Nov 01:00 US        dave                09:00–20:00 America/New_York
            ────────────────────────────────────────────────────────────────────────────────────────────────────
             j/k move · ? help · Esc/q back                                                               16/17
            """)
    }

    func testOverridesAndGapsHaveTheirOwnLook() {
        let theme = Theme.monochrome
        let grid = ScreenRenderer.render(rotationState(overrides: [cover]), theme: theme, width: 100, height: 30)
        let europeRow = 6, gapsRow = 10
        // Tuesday's Europe bar starts with the override's engineer, marked.
        let tuesday = grid.line(europeRow).range(of: "*ben")!.lowerBound.utf16Offset(in: grid.line(europeRow))
        XCTAssertEqual(grid[tuesday, europeRow].style, theme[.override])
        let monday = grid.line(europeRow).range(of: "ana")!.lowerBound.utf16Offset(in: grid.line(europeRow))
        XCTAssertEqual(grid[monday, europeRow].style, theme[.shift])
        XCTAssertEqual(grid[12, gapsRow].style, theme[.gap], "Monday 00:00 to 06:00 UTC: nobody")
        XCTAssertEqual(grid[12, gapsRow].text, "░")
        XCTAssertNotEqual(grid[12 + 8, gapsRow].text, "░", "Monday morning: ana holds point")
    }

    func testAWeekWhenEuropeAndTheUSAreAnHourCloserSaysSo() {
        // Tuesday 10 March 2026: New York has sprung forward, Berlin waits until the 29th.
        let grid = ScreenRenderer.render(rotationState(now: Date(timeIntervalSince1970: 1_773_144_000)), theme: .monochrome, width: 100, height: 30)
        XCTAssertEqual(grid.line(12).trimmingCharacters(in: .whitespaces), "Europe–US: 5 h apart this week, usually 6 h")
        XCTAssertTrue(grid.text.contains("Tue 10 Mar 13:00 – Wed 11 Mar 00:00 US        erin"), grid.text)
    }

    func testNarrowScreenKeepsTheLabelsAndTheList() {
        let grid = ScreenRenderer.render(rotationState(), theme: .monochrome, width: 50, height: 20)
        XCTAssertEqual(grid.line(4).split(separator: " ").map(String.init), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                       "five columns a day: the day's name only, never run together")
        XCTAssertTrue(grid.line(6).hasPrefix(" Europe "), grid.text)
        XCTAssertTrue(grid.line(8).hasPrefix(" US "), grid.text)
        XCTAssertTrue(grid.line(12).hasPrefix(" SHIFT (GMT)"), grid.text)
        XCTAssertEqual(grid.line(19).trimmingCharacters(in: .whitespaces), "j/k move · ? help · Esc/q back              6/17")
    }

    /// Issue 11: at 60x15 the list under the timeline still shows shifts, not only its heading;
    /// each region keeps its bar and gives up its row of hours.
    func testASixtyByFifteenScreenShowsShiftRows() {
        let grid = ScreenRenderer.render(rotationState(), theme: .monochrome, width: 60, height: 15)
        assertScreen(grid, """
             0 open · 0 unowned · 0 !  point: dave (US) → nobody in 11h
             Rotation · 7 days from Mon 23 Nov · your time GMT
            ────────────────────────────────────────────────────────────
                           ▼ now 14:00
                        Mon   Tue   Wed   Thu   Fri   Sat   Sun
             you GMT    00    00    00    00    00    00    00
             Europe      an    an    an    an    an
             US            dav   dav   dav   dav   dav
             gaps       ░     ░     ░     ░     ░     ░░░░░░░░░░░░
            ────────────────────────────────────────────────────────────
             SHIFT (GMT)                         REGION    ENGINEER
             no one holds point Sat 21 Nov 01:00 – Mon 23 Nov 06:00 (GM
             Mon 23 Nov 06:00 – Mon 23 Nov 14:00 Europe    ana
            ────────────────────────────────────────────────────────────
             j/k move · ? help · Esc/q back                        3/17
            """)
        XCTAssertTrue(grid.text.contains("Mon 23 Nov 06:00 – Mon 23 Nov 14:00 Europe    ana"), "a shift row")
        let taller = ScreenRenderer.render(rotationState(), theme: .monochrome, width: 60, height: 18)
        XCTAssertTrue(taller.line(7).hasPrefix(" Berlin "), "with room, each region shows its hours again: \(taller.text)")
    }

    // MARK: keys

    func press(_ key: Key, _ state: inout AppState, _ layout: Layout) -> [Effect] {
        Update.update(.key(key), state: &state, layout: layout)
    }

    func testOOpensTheRotationAndEscapeGoesBack() {
        var state = AppState(now: Fixtures.now, zone: Fixtures.utc)
        let layout = Layout(width: 100, height: 30)
        XCTAssertEqual(press(.character("o"), &state, layout), [.load(.rotation)])
        state = rotationState()
        XCTAssertEqual(press(.character("j"), &state, layout), [])
        XCTAssertEqual(state.rotation?.scroll, 1)
        XCTAssertEqual(press(.character("G"), &state, layout), [])
        XCTAssertEqual(state.rotation?.scroll, 1, "17 lines, 16 shown: the bottom is one line down")
        XCTAssertEqual(press(.character("H"), &state, layout), [.load(.handoff)])
        XCTAssertEqual(press(.escape, &state, layout), [])
        XCTAssertNil(state.rotation)
        XCTAssertEqual(state.scope, .queue)
    }

    func testNoteIsTypedInTheFooterAndSavedWithEnter() {
        var state = AppState(now: Fixtures.now, zone: Fixtures.utc)
        state.ownership.me = "ana"
        state.screen = .handoff(HandoffScreenState(lines: ["Handoff Mon 23 Nov 14:00 GMT: ana (Europe) → dave (US)"]))
        let layout = Layout(width: 60, height: 8)
        XCTAssertEqual(press(.character("n"), &state, layout), [])
        for character in "Globex waits?" { _ = press(.character(character), &state, layout) }
        XCTAssertEqual(state.line?.text, "Globex waits?", "? and q are text while writing a note")
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 8)
        XCTAssertEqual(grid.line(7).trimmingCharacters(in: .whitespaces), "note: Globex waits?")
        XCTAssertEqual(press(.enter, &state, layout), [.saveHandoffNote("Globex waits?")])
        XCTAssertNil(state.overlay)
        _ = press(.character("n"), &state, layout)
        _ = press(.character("x"), &state, layout)
        XCTAssertEqual(press(.escape, &state, layout), [], "Esc drops the note")
        XCTAssertNil(state.overlay)
        XCTAssertEqual(press(.character("q"), &state, layout), [])
        XCTAssertNil(state.handoff)
    }
}
