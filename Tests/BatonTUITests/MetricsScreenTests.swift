import BatonConfig
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The metrics screen: its charts drawn from figures worked out by hand here, its keys
/// through the pure update, and the whole loop against a real store (the figures worked
/// out off the loop and picked up by a tick).
final class MetricsScreenTests: XCTestCase {
    let utc = Fixtures.utc

    func seconds(_ text: String) -> Int64 {
        let formatter = ISO8601DateFormatter()
        return Int64(formatter.date(from: text)!.timeIntervalSince1970)
    }

    /// Three weeks with conversations (W46, W47, W48: the one holding Fixtures.now) among nine.
    func data() -> MetricsData {
        var data = MetricsData()
        func add(_ id: Int64, tier: String, asked: String, answered: String, by engineer: String) {
            data.conversations.append(MetricsConversation(id: id, createdAt: seconds(asked), tierID: tier, customerID: tier == "pro" ? "globex" : "acme",
                                                          customerName: tier == "pro" ? "Globex" : "Acme", ownerID: engineer))
            data.messages.append(MetricsMessage(conversationID: id, authorKind: .customer, createdAt: seconds(asked)))
            data.messages.append(MetricsMessage(conversationID: id, authorKind: .team, authorID: engineer, createdAt: seconds(answered)))
        }
        add(1, tier: "enterprise", asked: "2026-11-23T09:00:00Z", answered: "2026-11-23T09:12:00Z", by: "ana")   // 12m
        add(2, tier: "enterprise", asked: "2026-11-23T10:00:00Z", answered: "2026-11-23T11:04:00Z", by: "ben")   // 1h4m: late
        add(3, tier: "pro", asked: "2026-11-23T08:00:00Z", answered: "2026-11-23T09:00:00Z", by: "dave")         // 1h
        add(4, tier: "enterprise", asked: "2026-11-16T09:00:00Z", answered: "2026-11-16T09:30:00Z", by: "ana")   // 30m
        add(5, tier: "pro", asked: "2026-11-17T09:00:00Z", answered: "2026-11-17T10:00:00Z", by: "ben")          // 1h
        add(6, tier: "enterprise", asked: "2026-11-09T09:00:00Z", answered: "2026-11-09T10:00:00Z", by: "ana")   // 1h
        data.nps = [MetricsNPSAnswer(answeredAt: seconds("2026-11-23T12:00:00Z"), email: "a@acme.io", customerID: "acme", score: 10),
                    MetricsNPSAnswer(answeredAt: seconds("2026-11-23T12:00:00Z"), email: "b@acme.io", customerID: "acme", score: 9),
                    MetricsNPSAnswer(answeredAt: seconds("2026-11-23T12:00:00Z"), email: "c@acme.io", customerID: "acme", score: 2, conversationID: 2),
                    MetricsNPSAnswer(answeredAt: seconds("2026-11-17T12:00:00Z"), email: "d@acme.io", customerID: "acme", score: 8)]
        let enterprise = SLAPolicy(firstResponse: 3_600, nextResponse: 4 * 3_600)
        let pro = SLAPolicy(firstResponse: 4 * 3_600, nextResponse: 86_400)
        data.policies = [MetricsData.policyKey(tier: "enterprise", customer: "acme"): enterprise, MetricsData.policyKey(tier: "pro", customer: "globex"): pro]
        return data
    }

    func figures(_ request: MetricsRequest = MetricsRequest(span: .week, grouping: .tier)) -> MetricsFigures {
        let bounds = request.span.bounds(now: Fixtures.now, zone: utc, before: 8)
        return MetricsFigures.compute(data(), request: request, bounds: bounds, zone: utc, team: Fixtures.team(), now: Int64(Fixtures.now.timeIntervalSince1970))
    }

    func testSparklinesAndBars() {
        XCTAssertEqual(MetricsView.sparkline([0, 1, 2, nil, 7]), "▁▂▃ █", "0 to 7 is one level a step")
        XCTAssertEqual(MetricsView.sparkline([5, 5]), "▄▄", "nothing moved")
        XCTAssertEqual(MetricsView.sparkline([nil, nil]), "  ")
        XCTAssertEqual(MetricsView.bar(0.5, width: 4), "██░░")
        XCTAssertEqual(MetricsView.bar(0.3, width: 4), "█▎░░", "9.6 eighths round to 10: one cell and two eighths")
        XCTAssertEqual(MetricsView.bar(1, width: 4), "████")
        XCTAssertEqual(MetricsView.bar(0, width: 4), "░░░░")
    }

    func testPeriodsAreWeeksMonthsAndQuartersOnTheViewersClock() {
        let weeks = MetricsSpan.week.bounds(now: Fixtures.now, zone: utc, before: 8)
        XCTAssertEqual(weeks.first, seconds("2026-09-28T00:00:00Z"), "the Monday of W40")
        XCTAssertEqual(weeks.last, seconds("2026-11-30T00:00:00Z"))
        XCTAssertEqual(weeks.count, 10)
        let months = MetricsSpan.month.bounds(now: Fixtures.now, zone: utc, before: 8)
        XCTAssertEqual(months.first, seconds("2026-03-01T00:00:00Z"))
        XCTAssertEqual(months.last, seconds("2026-12-01T00:00:00Z"))
        let quarters = MetricsSpan.quarter.bounds(now: Fixtures.now, zone: utc, before: 8)
        XCTAssertEqual(quarters.first, seconds("2024-10-01T00:00:00Z"))
        XCTAssertEqual(quarters.last, seconds("2027-01-01T00:00:00Z"))
        XCTAssertEqual(MetricsSpan.quarter.label(quarters[8], zone: utc), "Q4")
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        XCTAssertEqual(MetricsSpan.week.bounds(now: Fixtures.now, zone: berlin, before: 0).first, seconds("2026-11-22T23:00:00Z"), "Monday 00:00 in Berlin")
    }

    /// The charts at 80x24, monochrome. By hand: ENT first responses per week: W46 1h, W47
    /// 30m, W48 12m and 1h4m (p50 by nearest rank 12m, p90 1h4m); scaled 12m..1h, they draw
    /// █ ▄ ▁. PRO: 1h both weeks, ▄▄. ENT met 1/1, 1/1, 1/2 (the 1h4m was late): █ █ ▁ and
    /// half a bar. People: 0 for six weeks, then ana; ana, ben; ana, ben, dave: ▁ ▃ ▆ █.
    /// NPS: W47 one passive (0), W48 two promoters and a detractor: (2 − 1) / 3 = +33.
    func testTheChartsAt80x24() {
        var state = AppState(now: Fixtures.now, zone: utc)
        var metrics = MetricsScreenState()
        metrics.figures = figures()
        state.screen = .metrics(metrics)
        let grid = ScreenRenderer.render(state, theme: .monochrome, width: 80, height: 24)
        assertScreen(grid, """
             baton · 0 open · 0 unowned · 0 breaching                point: no rotation set
             Metrics · week W48 (23 Nov–29 Nov) against the 8 before · by tier
            ────────────────────────────────────────────────────────────────────────────────
             FIRST RESPONSE   W40→W48     p50    p90     n   (this week)
              enterprise          █▄▁     12m   1h4m     2
              pro                  ▄▄      1h     1h     1
             SLA ATTAINMENT   first and next responses met, out of those due
              enterprise          ██▁  ██████████░░░░░░░░░░  50%  1/2
              pro                  ▄▄  ████████████████████ 100%  1/1
             PEOPLE TOUCHING  distinct team members per week
              all           ▁▁▁▁▁▁▃▆█    3  ana ben dave
             NPS              % promoters (9-10) − % detractors (0-6), customers only
              all                  ▁█   +33  9-10: 2 · 7-8: 0 · 0-6: 1









            ────────────────────────────────────────────────────────────────────────────────
             j/k move · ⏎ list · p period · B by · [/] earlier · ? help · Esc/q back    1/6
            """)
        // The selected line is reversed, so it shows without colour.
        XCTAssertTrue(grid.cells[(4 * 80)..<(5 * 80)].allSatisfy { $0.style.reverse }, "the first figure is selected")
        XCTAssertFalse(grid.cells[(5 * 80)..<(6 * 80)].contains { $0.style.reverse })
    }

    func testKeysOpenChangeListAndLeave() {
        var state = AppState(now: Fixtures.now, zone: utc)
        let layout = Layout(width: 80, height: 24)
        XCTAssertEqual(Update.update(.key(.character("m")), state: &state, layout: layout), [.computeMetrics(MetricsRequest(span: .week, grouping: .tier))])
        guard case .metrics(let opened) = state.screen else { return XCTFail("m opens the metrics screen") }
        XCTAssertNil(opened.figures, "worked out off the loop")
        // Figures for another request (a key pressed meanwhile) are dropped; these are taken.
        _ = Update.update(.metricsComputed(figures(MetricsRequest(span: .month, grouping: .tier))), state: &state, layout: layout)
        XCTAssertNil(metrics(state)?.figures)
        _ = Update.update(.metricsComputed(figures()), state: &state, layout: layout)
        XCTAssertEqual(metrics(state)?.rows.count, 6)

        // j to the enterprise SLA line... rows: FRT ent, FRT pro, SLA ent, SLA pro, people, NPS.
        for _ in 0..<2 { _ = Update.update(.key(.character("j")), state: &state, layout: layout) }
        XCTAssertEqual(metrics(state)?.rows[metrics(state)!.selected], .sla("enterprise"))
        _ = Update.update(.key(.enter), state: &state, layout: layout)
        XCTAssertEqual(metrics(state)?.listing?.ids, [2], "the one breach behind 1/2")
        XCTAssertEqual(metrics(state)?.listing?.title, "enterprise, W48: 1 breaches")
        XCTAssertEqual(Update.update(.key(.enter), state: &state, layout: layout), [.load(.conversation(2))])
        _ = Update.update(.key(.escape), state: &state, layout: layout)
        XCTAssertNil(metrics(state)?.listing, "Esc closes the list first")

        // [ steps back a week: W47's enterprise answer was in time, so its list is the week's conversations.
        _ = Update.update(.key(.character("[")), state: &state, layout: layout)
        XCTAssertEqual(metrics(state)?.chosen, 7)
        _ = Update.update(.key(.enter), state: &state, layout: layout)
        XCTAssertEqual(metrics(state)?.listing?.title, "enterprise, W47: no breaches; the 1 conversations opened")
        XCTAssertEqual(metrics(state)?.listing?.lines, ["#4  Acme · ENT"])
        _ = Update.update(.key(.escape), state: &state, layout: layout)
        _ = Update.update(.key(.character("]")), state: &state, layout: layout)
        XCTAssertNil(metrics(state)?.chosen, "back on the current week")
        XCTAssertEqual(Update.update(.key(.character("]")), state: &state, layout: layout), [.ring], "nothing after the current week")

        XCTAssertEqual(Update.update(.key(.character("p")), state: &state, layout: layout), [.computeMetrics(MetricsRequest(span: .month, grouping: .tier))])
        XCTAssertEqual(Update.update(.key(.character("B")), state: &state, layout: layout), [.computeMetrics(MetricsRequest(span: .month, grouping: .customer))])
        XCTAssertNil(metrics(state)?.figures)
        _ = Update.update(.key(.escape), state: &state, layout: layout)
        XCTAssertEqual(state.screen, .queue)
    }

    func metrics(_ state: AppState) -> MetricsScreenState? {
        if case .metrics(let metrics) = state.screen { return metrics }
        return nil
    }

    /// The whole loop: m draws the screen at once, the figures come from the store off the
    /// loop, and a tick shows them.
    func testTheLoopWorksTheFiguresOutOffTheLoop() throws {
        let folder = NSTemporaryDirectory() + "baton-metrics-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteStore(path: folder + "/baton.sqlite")
        let team = Fixtures.team(storePath: store.path)
        try store.syncTeam(team)
        let asked = Fixtures.now.addingTimeInterval(-3_600)
        _ = try store.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Router", source: .email,
                                                     messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: asked),
                                                                NewMessage(authorKind: .team, authorName: "Ana", authorID: "ana", body: "on it",
                                                                           createdAt: asked.addingTimeInterval(600))]),
                                     actor: "test", at: asked)
        let terminal = MemoryTerminal(width: 80, height: 24)
        let app = App(store: store, team: team, theme: .monochrome, terminal: terminal, zone: utc, clock: { Fixtures.now })
        app.start()
        app.handle(.character("m"))
        XCTAssertEqual(terminal.lastFrame?.line(1).contains("working the figures out"), true, terminal.lastFrame?.line(1) ?? "")
        app.metricsLoader?.wait()
        app.tick()
        // One answer, 10 minutes, in the last of nine weeks: the sparkline's one block, at its middle level.
        XCTAssertEqual(terminal.lastFrame?.line(4).hasPrefix("  enterprise            ▄     10m    10m     1"), true, terminal.lastFrame?.line(4) ?? "")
    }
}
