import BatonConfig
import BatonCore
import BatonTestSupport
import XCTest
@testable import BatonTUI

/// At risk by the tier's warn_before, the header's at-risk count, paused clocks, and the
/// conversation screen's SLA line.
final class SLAScreenTests: XCTestCase {
    let theme = try! ThemeFile.parse("[due_soon]\nfg = \"yellow\"\n[breaching]\nfg = \"red\"\n", name: "t", file: "t.toml")

    func testAtRiskFollowsTheTiersWarning() {
        // Due in 20 minutes: at risk for a tier that warns 30 minutes before, not for one that warns 15.
        var warned = Fixtures.row(1, subject: "warned", dueIn: 1_200)
        warned.warnBefore = 1_800
        var calm = Fixtures.row(2, subject: "calm", dueIn: 1_200)
        calm.warnBefore = 900
        let selected = Fixtures.row(3, subject: "selected, drawn in its own style", dueIn: 7_200)
        let grid = ScreenRenderer.render(queueState([selected, warned, calm]), theme: theme, width: 80, height: 9)
        // The SLA cell, right-aligned after the flags and the `#` column.
        let columns = QueueColumns(width: 80)
        let sla = columns.flags + columns.number + 1 + columns.sla - 4
        XCTAssertTrue(grid.line(4).dropFirst(sla).hasPrefix("0:20"), grid.line(4))
        XCTAssertEqual(grid[sla, 4].style.foreground, .indexed(3), "due soon: yellow")
        XCTAssertTrue(grid.line(5).dropFirst(sla).hasPrefix("0:20"), grid.line(5))
        XCTAssertNotEqual(grid[sla, 5].style.foreground, .indexed(3))
    }

    func testHeaderCountsAtRiskBesideBreaching() {
        var state = queueState(sampleRows)
        state.counts.atRisk = 2
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 100, height: 8)
        XCTAssertTrue(grid.line(0).contains("4 open · 2 unowned · 1 breaching · 2 at risk"), grid.line(0))
        let narrow = ScreenRenderer.render(state, theme: .monochrome, width: 60, height: 8)
        XCTAssertTrue(narrow.line(0).contains("1 ! 2 ~"), narrow.line(0))
    }

    func testAPausedClockSaysSo() {
        var paused = Fixtures.row(4, subject: "waiting on them", dueIn: nil, status: .pending)
        paused.slaPaused = true
        let grid = ScreenRenderer.render(queueState([paused]), theme: .monochrome, width: 80, height: 6)
        XCTAssertTrue(grid.line(3).contains(" 4 paused "), grid.line(3))
    }

    func testConversationScreenShowsTheSLALine() {
        let row = Fixtures.row(42, subject: "Router drops subscriptions", owner: "ana", dueIn: 1_800)
        var detail = ConversationDetail(row: row, messages: [], events: [])
        let policy = SLAPolicy(firstResponse: 3_600, nextResponse: 3_600, calendar: .business(zone: TimeZone(identifier: "Europe/Berlin")!, id: "business:Europe/Berlin"))
        var clock = ConversationClock(createdAt: Date(timeIntervalSince1970: 1_795_442_400))
        clock.record(.customer, at: Date(timeIntervalSince1970: 1_795_442_400))  // Mon 23 Nov 2026 15:00 CET
        detail.sla = SLAExplanation.make(conversation: 42, tier: "enterprise", policy: policy, clock: clock)
        var state = queueState(sampleRows)
        state.screen = .conversation(ConversationState(detail: detail))
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 12)
        XCTAssertEqual(grid.line(10), "── SLA first response 1h (business:Europe/Berlin): due Mon 23 Nov 16:00 UTC+… ──")
    }
}
