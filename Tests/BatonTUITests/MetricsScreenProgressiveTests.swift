import BatonConfig
import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest
@testable import BatonTUI

/// The metrics screen's figures in two steps (issue 14's 200 ms target): the current
/// period's from a read of its own rows, then the 8 before; joined, they are the figures
/// one read of all nine gives.
extension MetricsScreenTests {
    func testTheCurrentPeriodFirstThenTheEightBeforeMakeTheSameFigures() {
        let request = MetricsRequest(span: .week, grouping: .tier)
        let bounds = request.span.bounds(now: Fixtures.now, zone: utc, before: 8)
        let now = Int64(Fixtures.now.timeIntervalSince1970)
        let all = figures(request)
        // What each read brings: only the rows of its own periods.
        let currentRows = data().split(at: Array(bounds.suffix(2)))[0]
        let earlierRows = data().split(at: [bounds[0], bounds[bounds.count - 2]])[0]
        XCTAssertEqual(currentRows.conversations.map(\.id), [1, 2, 3], "W48's conversations only")
        let current = MetricsFigures.compute(currentRows, request: request, bounds: Array(bounds.suffix(2)), zone: utc, team: Fixtures.team(), now: now)
            .awaitingEarlier(bounds: bounds, zone: utc)
        XCTAssertEqual(current.firstLoaded, 8)
        XCTAssertFalse(current.isComplete)
        XCTAssertEqual(current.labels, all.labels, "all nine periods named at once")
        XCTAssertEqual(current.periods, all.periods)
        XCTAssertEqual(current.totals[8], all.totals[8], "this week's figures are final")
        XCTAssertEqual(current.groups[8], all.groups[8])
        XCTAssertEqual(current.totals[7].opened, 0, "W47 still to come")
        let earlier = MetricsFigures.compute(earlierRows, request: request, bounds: Array(bounds.dropLast()), zone: utc, team: Fixtures.team(), now: now)
        let joined = current.joined(earlier: earlier)
        XCTAssertTrue(joined.isComplete)
        XCTAssertEqual(joined, all)

        // While the earlier periods are coming, [ has nowhere to go; once they are in, it steps back.
        var state = AppState(now: Fixtures.now, zone: utc)
        _ = Update.openMetrics(state: &state)
        _ = Update.metricsComputed(current, state: &state)
        guard case .metrics(let partial) = state.screen else { return XCTFail("not on the metrics screen") }
        XCTAssertEqual(Update.metricsCommand(.earlier, partial, state: &state, layout: Layout(width: 80, height: 24)), [.ring])
        _ = Update.metricsComputed(joined, state: &state)
        guard case .metrics(let complete) = state.screen else { return XCTFail("not on the metrics screen") }
        XCTAssertEqual(Update.metricsCommand(.earlier, complete, state: &state, layout: Layout(width: 80, height: 24)), [])
        guard case .metrics(let stepped) = state.screen else { return XCTFail("not on the metrics screen") }
        XCTAssertEqual(stepped.chosen, 7)
    }

    /// The loader against a real store: two results, this week's figures alone, then all nine weeks.
    func testTheLoaderBringsTheCurrentPeriodFirst() throws {
        let folder = NSTemporaryDirectory() + "baton-metrics-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteStore(path: folder + "/baton.sqlite")
        let team = Fixtures.team(storePath: store.path)
        try store.syncTeam(team)
        for (days, minutes) in [(0.1, 10.0), (7, 30), (14, 90)] {
            let asked = Fixtures.now.addingTimeInterval(-days * 86_400)
            _ = try store.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Router", source: .email,
                                                             messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: asked),
                                                                        NewMessage(authorKind: .team, authorName: "Ana", authorID: "ana", body: "on it",
                                                                                   createdAt: asked.addingTimeInterval(minutes * 60))]),
                                             actor: "test", at: asked)
        }
        let request = MetricsRequest(span: .week, grouping: .tier)
        let loader = MetricsLoader(source: store, team: team)
        loader.submit(request, now: Fixtures.now, zone: utc)
        loader.wait()
        let results = try loader.takeFinished().map { try $0.get() }
        XCTAssertEqual(results.count, 2)
        XCTAssertEqual(results.first?.firstLoaded, 8)
        XCTAssertEqual(results.first?.totals.map(\.opened), [0, 0, 0, 0, 0, 0, 0, 0, 1])
        let bounds = request.span.bounds(now: Fixtures.now, zone: utc, before: 8)
        let once = MetricsFigures.compute(try store.metricsData(from: bounds[0], to: bounds[bounds.count - 1]), request: request, bounds: bounds, zone: utc,
                                          team: team, now: Int64(Fixtures.now.timeIntervalSince1970))
        XCTAssertEqual(results.last, once)
        XCTAssertEqual(once.totals.suffix(3).map(\.opened), [1, 1, 1], "the fixture has a conversation in each of the last three weeks")
    }
}
