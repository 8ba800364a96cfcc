import XCTest
@testable import BatonCore

/// Deadlines of whole conversations: pauses recorded by status changes, the resolution
/// target, on hold per tier, at risk, and the explanation and its one line.
final class SLAPolicyTests: XCTestCase {
    private let business = BusinessCalendar.business(zone: berlin, id: "business:Europe/Berlin")

    private func deadlines(_ policy: SLAPolicy, _ clock: ConversationClock) -> SLADeadlines {
        SLAClock.deadlines(policy: policy, clock: clock, counter: SLACalendarClock(policy.calendar))
    }

    func testPendingPausesAndACustomerMessageEndsThePause() {
        // Mon 30 Nov 2026 10:00 CET, 4 h first response, business hours.
        let policy = SLAPolicy(firstResponse: 4 * 3_600, nextResponse: 3_600, calendar: business)
        var clock = ConversationClock(createdAt: utc("2026-11-30T09:00:00Z"))
        clock.record(.customer, at: utc("2026-11-30T09:00:00Z"))
        XCTAssertEqual(deadlines(policy, clock).due, utc("2026-11-30T13:00:00Z"))
        clock.setStatus(.pending, at: utc("2026-11-30T10:00:00Z"))
        XCTAssertEqual(deadlines(policy, clock), SLADeadlines(paused: true), "nothing runs while pending")
        // The customer answers Tue 09:30 CET: 1 h was used, 3 h remain from then.
        clock.record(.customer, at: utc("2026-12-01T08:30:00Z"))
        XCTAssertEqual(clock.status, .open)
        XCTAssertEqual(clock.pauses, [SLAPause(kind: .pending, start: utc("2026-11-30T10:00:00Z"), end: utc("2026-12-01T08:30:00Z"))])
        XCTAssertEqual(deadlines(policy, clock).due, utc("2026-12-01T11:30:00Z"))
    }

    func testOnHoldPausesUnlessTheTierSaysOtherwise() {
        var clock = ConversationClock(createdAt: utc("2026-11-30T09:00:00Z"))
        clock.record(.customer, at: utc("2026-11-30T09:00:00Z"))
        clock.setStatus(.onHold, at: utc("2026-11-30T10:00:00Z"))
        let pausing = SLAPolicy(firstResponse: 4 * 3_600, nextResponse: 3_600, calendar: business)
        XCTAssertTrue(deadlines(pausing, clock).paused)
        XCTAssertNil(deadlines(pausing, clock).due)
        let counting = SLAPolicy(firstResponse: 4 * 3_600, nextResponse: 3_600, pauseOnHold: false, calendar: business)
        XCTAssertEqual(deadlines(counting, clock), SLADeadlines(response: utc("2026-11-30T13:00:00Z")), "hold time counts")
        clock.setStatus(.open, at: utc("2026-11-30T11:00:00Z"))
        XCTAssertEqual(deadlines(pausing, clock).due, utc("2026-11-30T14:00:00Z"), "the hour on hold did not count")
        XCTAssertEqual(deadlines(counting, clock).due, utc("2026-11-30T13:00:00Z"))
    }

    func testResolutionCountsFromTheFirstMessageThroughAnswersAndSkipsDoneTime() {
        let policy = SLAPolicy(firstResponse: 3_600, nextResponse: 3_600, resolution: 16 * 3_600, calendar: business)
        var clock = ConversationClock(createdAt: utc("2026-11-30T09:00:00Z"))
        clock.record(.customer, at: utc("2026-11-30T09:00:00Z"))
        clock.record(.team, at: utc("2026-11-30T09:30:00Z"))
        // Answered: no response owed, the resolution still runs: Mon 10-17, Tue 09-17, Wed 09-10 CET.
        XCTAssertEqual(deadlines(policy, clock), SLADeadlines(resolution: utc("2026-12-02T09:00:00Z")))
        clock.setStatus(.solved, at: utc("2026-11-30T11:00:00Z"))
        XCTAssertEqual(deadlines(policy, clock), SLADeadlines(), "solved owes nothing")
        // Reopened Wed 10:00 CET: 1 h next response; resolution had 14 h left of 16 (10:00-12:00 used).
        clock.record(.customer, at: utc("2026-12-02T09:00:00Z"))
        let reopened = deadlines(policy, clock)
        XCTAssertEqual(reopened.response, utc("2026-12-02T10:00:00Z"))
        XCTAssertEqual(reopened.resolution, utc("2026-12-03T15:00:00Z"), "Wed 10-17 (7 h) and Thu 09-16 (7 h)")
        XCTAssertEqual(reopened.due, utc("2026-12-02T10:00:00Z"), "the queue sorts by the earliest")
    }

    func testSLAStateAroundTheWarning() {
        let due = utc("2026-11-30T12:00:00Z")
        XCTAssertEqual(SLAState(due: nil, warnBefore: 900, now: due), .none)
        XCTAssertEqual(SLAState(due: due, warnBefore: 900, now: due.addingTimeInterval(-901)), .ok)
        XCTAssertEqual(SLAState(due: due, warnBefore: 900, now: due.addingTimeInterval(-900)), .atRisk)
        XCTAssertEqual(SLAState(due: due, warnBefore: 900, now: due), .breached)
    }

    func testExplanationSaysWhatWasSkipped() throws {
        var calendar = business
        calendar.holidays = [LocalDate(year: 2026, month: 12, day: 24)]
        let policy = SLAPolicy(firstResponse: 4 * 3_600, nextResponse: 3_600, calendar: calendar)
        // Wed 23 Dec 2026 15:00 CET, pending 15:30-16:00 CET, 4 h: Wed 2 h (less 30 min), Fri 25 Dec 09:00 + 2 h 30 min.
        var clock = ConversationClock(createdAt: utc("2026-12-23T14:00:00Z"))
        clock.record(.customer, at: utc("2026-12-23T14:00:00Z"))
        clock.setStatus(.pending, at: utc("2026-12-23T14:30:00Z"))
        clock.record(.customer, at: utc("2026-12-23T15:00:00Z"))
        let explanation = SLAExplanation.make(conversation: 7, tier: "pro", policy: policy, clock: clock)
        XCTAssertEqual(explanation.due, utc("2026-12-25T10:30:00Z"))
        let part = try XCTUnwrap(explanation.parts.first)
        XCTAssertEqual(part.target, "first_response")
        XCTAssertEqual(part.countingFrom, utc("2026-12-23T14:00:00Z"))
        XCTAssertEqual(part.holidays, [LocalDate(year: 2026, month: 12, day: 24)])
        XCTAssertEqual(part.closed.first, SLAExplanation.Stretch(start: utc("2026-12-23T16:00:00Z"), end: utc("2026-12-25T08:00:00Z")))
        XCTAssertEqual(part.pauses, [SLAExplanation.Pause(kind: "pending", start: utc("2026-12-23T14:30:00Z"), end: utc("2026-12-23T15:00:00Z"))])
        XCTAssertEqual(explanation.line, "SLA first response 4h (business:Europe/Berlin): due Fri 25 Dec 11:30 UTC+01:00, skipped 1d16h closed, 1 holiday, 30m paused")
    }

    func testExplanationLineWhenPausedOrNothingOwed() {
        let policy = SLAPolicy(firstResponse: 3_600, nextResponse: 3_600)
        var clock = ConversationClock(createdAt: utc("2026-11-30T09:00:00Z"))
        XCTAssertEqual(SLAExplanation.make(conversation: 1, tier: "pro", policy: policy, clock: clock).line, "SLA: nothing owed")
        clock.record(.customer, at: utc("2026-11-30T09:00:00Z"))
        clock.setStatus(.pending, at: utc("2026-11-30T09:10:00Z"))
        XCTAssertEqual(SLAExplanation.make(conversation: 1, tier: "pro", policy: policy, clock: clock).line, "SLA paused (pending): no deadline runs")
    }

    func testFingerprintFollowsWhatDeadlinesDependOn() {
        let region = Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), days: [1, 2, 3, 4, 5], roster: [])
        var team = TeamConfig(storePath: "/x", rotation: Rotation(regions: [region], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5), lengthDays: 7)),
                              engineers: [], tiers: [Tier(id: "pro", firstResponse: 3_600, nextResponse: 3_600, hours: "business")],
                              customers: [Customer(id: "acme", tier: "pro")])
        let before = team.slaFingerprint
        XCTAssertEqual(team.slaCalendar(tier: team.tiers[0], customer: team.customers[0])?.id, "business:Europe/Berlin")
        team.customers[0].timeZone = newYork
        XCTAssertEqual(team.slaCalendar(tier: team.tiers[0], customer: team.customers[0])?.id, "business:America/New_York")
        XCTAssertNotEqual(team.slaFingerprint, before)
        team.customers[0].timeZone = nil
        XCTAssertEqual(team.slaFingerprint, before, "the same config gives the same fingerprint")
        team.tiers[0].warnBefore = 60
        XCTAssertNotEqual(team.slaFingerprint, before)
    }
}
