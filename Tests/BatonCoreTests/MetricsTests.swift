import BatonCore
import Foundation
import XCTest

/// The metrics over fixtures whose figures are worked out by hand here, in the comments
/// beside each expectation: medians and p90 by nearest rank over odd and even counts, a
/// conversation never answered, a reopen, a take and a take back, a reply counted when it
/// was sent, bots left out, and staff NPS answers kept out of the score.
final class MetricsTests: XCTestCase {
    /// Monday 2026-11-23 00:00 UTC: ISO week 2026-W48.
    let t0 = Int64(utc("2026-11-23T00:00:00Z").timeIntervalSince1970)

    func team() -> TeamConfig {
        let europe = Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana", "ben"])
        let us = Region(id: "us", timeZone: newYork, takesPoint: LocalTime(hour: 9, minute: 0), roster: ["dave"])
        var team = TeamConfig(storePath: ":memory:", internalDomains: ["example-corp.com"],
                              rotation: Rotation(regions: [europe, us], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5))),
                              engineers: [Engineer(id: "ana", region: "europe"), Engineer(id: "ben", region: "europe"),
                                          Engineer(id: "dave", region: "us", email: "dave@dave.io")],
                              tiers: [Tier(id: "enterprise", firstResponse: 3_600, nextResponse: 4 * 3_600),
                                      Tier(id: "pro", firstResponse: 4 * 3_600, nextResponse: 86_400, hours: "berlin-office", rank: 1)],
                              customers: [Customer(id: "acme", tier: "enterprise", engineer: "ana"), Customer(id: "globex", tier: "pro")])
        team.calendars = [try! BusinessCalendar(id: "berlin-office", zone: berlin, hours: ["mon-fri 09:00-17:00"])]
        return team
    }

    func testPercentilesByNearestRank() {
        XCTAssertEqual(MetricsPercentile.nearestRank(50, of: [4, 1, 3, 2]), 2, "even count: rank ceil(0.5 × 4) = 2, the lower middle")
        XCTAssertEqual(MetricsPercentile.nearestRank(50, of: [5, 1, 4, 2, 3]), 3, "odd count: rank ceil(2.5) = 3")
        XCTAssertEqual(MetricsPercentile.nearestRank(90, of: Array(stride(from: 10, through: 100, by: 10))), 90, "rank ceil(9) = 9")
        XCTAssertEqual(MetricsPercentile.nearestRank(90, of: [1, 2, 3, 4, 5]), 5, "rank ceil(4.5) = 5")
        XCTAssertEqual(MetricsPercentile.nearestRank(90, of: [7]), 7)
        XCTAssertNil(MetricsPercentile.nearestRank(50, of: []))
    }

    func testISOWeeksAndTheDefaultPeriod() {
        XCTAssertEqual(MetricsPeriod.weekKey(t0, zone: utcZone), "2026-W48")
        XCTAssertEqual(MetricsPeriod.weekKey(of: LocalDate(year: 2027, month: 1, day: 1)), "2026-W53", "a Friday: its Thursday is 31 Dec 2026")
        XCTAssertEqual(MetricsPeriod.weekKey(of: LocalDate(year: 2025, month: 12, day: 29)), "2026-W01", "a Monday whose Thursday is 1 Jan 2026")
        // Sunday 22:30 UTC is 23:30 Sunday in Berlin (week 48) and 07:30 Monday in Tokyo (week 49).
        let sundayNight = Int64(utc("2026-11-29T22:30:00Z").timeIntervalSince1970)
        XCTAssertEqual(MetricsPeriod.weekKey(sundayNight, zone: berlin), "2026-W48")
        XCTAssertEqual(MetricsPeriod.weekKey(sundayNight, zone: zone("Asia/Tokyo")), "2026-W49", "07:30 Monday in Tokyo")
        let period = MetricsPeriod.lastWeeks(8, now: utc("2026-11-25T12:00:00Z"), zone: berlin)
        XCTAssertEqual(period.from, Int64(utc("2026-10-04T22:00:00Z").timeIntervalSince1970), "Mon 5 Oct 00:00 CEST (UTC+2)")
        XCTAssertEqual(period.to, Int64(utc("2026-11-29T23:00:00Z").timeIntervalSince1970), "Mon 30 Nov 00:00 CET")
        XCTAssertEqual(period.weekKeys, ["2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48"])
    }

    /// Five enterprise conversations (1 h first, 4 h next, around the clock) in week 48.
    func weekData() -> MetricsData {
        func conversation(_ id: Int64, owner: String?, status: ConversationStatus = .open, pauses: [SLAPause] = []) -> MetricsConversation {
            MetricsConversation(id: id, createdAt: t0, tierID: "enterprise", customerID: "acme", customerName: "Acme", ownerID: owner, status: status, pauses: pauses)
        }
        func date(_ offset: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(t0 + offset)) }
        func customer(_ id: Int64, _ at: Int64) -> MetricsMessage { MetricsMessage(conversationID: id, authorKind: .customer, createdAt: t0 + at) }
        func team(_ id: Int64, _ who: String, _ at: Int64, state: MessageState = .received, sent: Int64? = nil) -> MetricsMessage {
            MetricsMessage(conversationID: id, authorKind: .team, authorID: who, state: state, createdAt: t0 + at, sentAt: sent.map { t0 + $0 })
        }
        func event(_ id: Int64, _ actor: String, _ kind: String, _ at: Int64, _ from: String? = nil, _ to: String? = nil) -> MetricsEvent {
            MetricsEvent(conversationID: id, at: t0 + at, actor: actor, kind: kind, ownerFrom: from, ownerTo: to)
        }
        let conversations = [
            // Solved at +6000 and still solved: resolution 6000 s.
            conversation(1, owner: "ana", status: .solved, pauses: [SLAPause(kind: .done, start: date(6_000))]),
            // Solved at +2000, reopened at +5000: reopened, not solved.
            conversation(2, owner: "ben", pauses: [SLAPause(kind: .done, start: date(2_000), end: date(5_000))]),
            conversation(3, owner: "dave"),
            conversation(4, owner: nil),
            conversation(5, owner: "ana", status: .closed, pauses: [SLAPause(kind: .done, start: date(9_000))]),
        ]
        let messages = [
            customer(1, 0), team(1, "ana", 600), customer(1, 3_600), team(1, "ana", 4_800),
            // A bot's automatic reply is no customer message; a note answers nothing; the reply
            // queued at +60 counts when the outbox sent it, at +1800.
            customer(2, 0), MetricsMessage(conversationID: 2, authorKind: .bot, authorID: "mailer-daemon", createdAt: t0 + 10),
            team(2, "dave", 30, state: .note), team(2, "ben", 60, state: .sent, sent: 1_800),
            customer(3, 0), team(3, "ana", 7_200),
            customer(4, 0),
            // A reply still queued answers nothing; ana's message from Slack at +300 does.
            customer(5, 0), team(5, "ana", 100, state: .queued), team(5, "ana", 300),
        ]
        let events = [
            event(1, "ana", "assign", 50, nil, "ben"),
            // Claimed, taken, taken back within 24 h (a bounce), and handed off a day later.
            event(3, "ana", "claim", 100, nil, "ana"), event(3, "ben", "take", 200, "ana", "ben"), event(3, "ana", "take", 300, "ben", "ana"),
            event(3, "rotation", "handoff", 90_000, "ana", "dave"),
            // The rotation and intake are not people, whatever the kind.
            event(5, "rotation", "assign", 20, nil, "ana"), event(5, "intake", "status", 9_000),
        ]
        let nps = [
            MetricsNPSAnswer(answeredAt: t0 + 100, email: "a@acme.io", customerID: "acme", score: 10),
            MetricsNPSAnswer(answeredAt: t0 + 200, email: "b@acme.io", customerID: "acme", score: 9),
            MetricsNPSAnswer(answeredAt: t0 + 300, email: "c@acme.io", customerID: "acme", score: 10),
            MetricsNPSAnswer(answeredAt: t0 + 400, email: "d@acme.io", customerID: "acme", score: 8),
            // Followed up one hour after the comment's conversation was received: within two days.
            MetricsNPSAnswer(answeredAt: t0 + 500, email: "e@acme.io", customerID: "acme", score: 3, hasComment: true,
                             conversationID: 99, conversationCreatedAt: t0 + 500, firstAnsweredAt: t0 + 4_100),
            // A detractor without a comment owes a follow-up all the same, and got none.
            MetricsNPSAnswer(answeredAt: t0 + 600, email: "f@acme.io", customerID: "acme", score: 5, hasComment: false),
            // Staff: an internal domain, an engineer's address, and one marked internal at intake.
            MetricsNPSAnswer(answeredAt: t0 + 700, email: "ana@Example-Corp.com", score: 10),
            MetricsNPSAnswer(answeredAt: t0 + 800, email: "dave@dave.io", score: 0),
            MetricsNPSAnswer(answeredAt: t0 + 900, email: "x@elsewhere.io", isInternal: true, score: 0),
            // Outside the period: not counted at all.
            MetricsNPSAnswer(answeredAt: t0 + 8 * 86_400, email: "g@acme.io", customerID: "acme", score: 0),
        ]
        let policy = SLAPolicy(firstResponse: 3_600, nextResponse: 4 * 3_600)
        return MetricsData(conversations: conversations, messages: messages, events: events, nps: nps,
                           policies: [MetricsData.policyKey(tier: "enterprise", customer: "acme"): policy])
    }

    func testAWeekWorkedOutByHand() throws {
        let period = MetricsPeriod(from: t0, to: t0 + 7 * 86_400, zone: utcZone)
        let report = Metrics.report(weekData(), period: period, grouping: .week, team: team(), now: t0 + 86_400)
        XCTAssertEqual(report.groups.map(\.key), ["2026-W48"])
        let week = try XCTUnwrap(report.group("2026-W48"))
        XCTAssertEqual(week.opened, 5)
        XCTAssertEqual(week.solved, 2, "#1 solved, #5 closed")
        XCTAssertEqual(week.reopened, 1, "#2")
        XCTAssertEqual(week.customerMessages, 6, "2 + 1 + 1 + 1 + 1; the bot's is not one")

        // First responses: #1 600, #2 1800 (sent, not queued), #3 7200, #5 300; #4 never.
        // Sorted 300, 600, 1800, 7200: p50 rank ceil(2) = 2 → 600; p90 rank ceil(3.6) = 4 → 7200.
        XCTAssertEqual(week.firstResponse, MetricsDurations(count: 4, p50: 600, p90: 7_200, businessP50: 600, businessP90: 7_200))
        // Next: #1's second answer, 4800 − 3600 = 1200.
        XCTAssertEqual(week.nextResponse, MetricsDurations(count: 1, p50: 1_200, p90: 1_200, businessP50: 1_200, businessP90: 1_200))
        // Resolution: #1 6000, #5 9000: p50 rank 1 → 6000, p90 rank 2 → 9000.
        XCTAssertEqual(week.resolution, MetricsDurations(count: 2, p50: 6_000, p90: 9_000))
        // First: #1, #2, #5 met; #3 late; #4 still waiting a day later, past its 1 h: due, not met.
        XCTAssertEqual(week.sla, MetricsSLA(firstMet: 3, firstDue: 5, nextMet: 1, nextDue: 1))
        XCTAssertEqual(report.breaches.map(\.conversationID), [3, 4], "both were due at +3600; #3 first by id")
        XCTAssertEqual(report.breaches.map(\.answeredAt), [t0 + 7_200, nil])

        // Touches: #1 ana (assigning ben is ana's touch, not ben's) · #2 dave (note), ben ·
        // #3 ana, ben (the rotation's handoff is no touch) · #4 nobody · #5 ana (the rotation's
        // assign and intake's status are not people). Sorted 0, 1, 1, 2, 2: p50 rank 3 → 1; p90 rank 5 → 2.
        XCTAssertEqual(week.touches, MetricsTouches(p50: 1, p90: 2, max: 2))
        XCTAssertEqual(week.people, ["ana", "ben", "dave"])
        XCTAssertEqual(report.people, ["ana", "ben", "dave"])
        // #3: two takes are reassignments, the take back a bounce, the rotation's move a handoff.
        // #1's assign from nobody and #5's are no reassignment.
        XCTAssertEqual(week.ownerChanges, OwnerChange.Counts(handoffs: 1, reassignments: 2, bounces: 1))

        // NPS: promoters 10, 9, 10; passive 8; detractors 3, 5 → (3 − 2) / 6 = 16.7% → 17.
        XCTAssertEqual(week.nps.promoters, 3)
        XCTAssertEqual(week.nps.passives, 1)
        XCTAssertEqual(week.nps.detractors, 2)
        XCTAssertEqual(week.nps.internalExcluded, 3)
        XCTAssertEqual(week.nps.score, 17)
        XCTAssertEqual(week.nps.owingFollowUp, 2)
        XCTAssertEqual(week.nps.followedUp, 1)

        // Load: ana owns #1 and #5, answered 2 + 1 + 1, first-answered #1 600, #3 7200, #5 300 → p50 600.
        XCTAssertEqual(report.load.map(\.engineer), ["ana", "ben", "dave"])
        XCTAssertEqual(report.load[0].owned, 2)
        XCTAssertEqual(report.load[0].replies, 4)
        XCTAssertEqual(report.load[0].firstResponses, 3)
        XCTAssertEqual(report.load[0].firstResponseP50, 600)
        XCTAssertEqual(report.load[1].firstResponseP50, 1_800)
        XCTAssertEqual(report.load[2].replies, 0, "dave's note is no answer")
    }

    func testGroupingByEngineerAndRegionUsesTheOwner() {
        let period = MetricsPeriod(from: t0, to: t0 + 7 * 86_400, zone: utcZone)
        let byEngineer = Metrics.report(weekData(), period: period, grouping: .engineer, team: team(), now: t0 + 86_400)
        XCTAssertEqual(byEngineer.groups.map(\.key), ["ana", "ben", "dave", "—"])
        XCTAssertEqual(byEngineer.groups.map(\.opened), [2, 1, 1, 1])
        XCTAssertEqual(byEngineer.group("ana")?.nps.promoters, 3, "acme's dedicated engineer is ana")
        let byRegion = Metrics.report(weekData(), period: period, grouping: .region, team: team(), now: t0 + 86_400)
        XCTAssertEqual(byRegion.groups.map(\.key), ["europe", "us", "—"])
        XCTAssertEqual(byRegion.groups.map(\.opened), [3, 1, 1])
    }

    /// A pro conversation (4 h first response in Berlin's Mon-Fri 09:00-17:00): the customer
    /// writes Friday 16:00 and the answer comes Monday 10:00.
    func testBusinessHoursAndTheSLACountInTheTiersCalendar() throws {
        let friday = Int64(utc("2026-11-27T15:00:00Z").timeIntervalSince1970)  // 16:00 CET
        let monday = Int64(utc("2026-11-30T09:00:00Z").timeIntervalSince1970)  // 10:00 CET
        let calendar = team().calendars[0]
        let data = MetricsData(
            conversations: [MetricsConversation(id: 7, createdAt: friday, tierID: "pro", customerID: "globex", customerName: "Globex", ownerID: "ben")],
            messages: [MetricsMessage(conversationID: 7, authorKind: .customer, createdAt: friday),
                       MetricsMessage(conversationID: 7, authorKind: .team, authorID: "ben", createdAt: monday)],
            policies: [MetricsData.policyKey(tier: "pro", customer: "globex"): SLAPolicy(firstResponse: 4 * 3_600, nextResponse: 86_400, calendar: calendar)])
        let report = Metrics.report(data, period: MetricsPeriod(from: t0, to: t0 + 14 * 86_400, zone: berlin), grouping: .tier, team: team(), now: monday + 3_600)
        XCTAssertEqual(report.groups.map(\.key), ["pro"])
        let pro = try XCTUnwrap(report.group("pro"))
        // Calendar: Fri 16:00 → Mon 10:00 is 66 h. Open hours: Fri 16-17 and Mon 09-10, 2 h.
        XCTAssertEqual(pro.firstResponse, MetricsDurations(count: 1, p50: 66 * 3_600, p90: 66 * 3_600, businessP50: 7_200, businessP90: 7_200))
        XCTAssertEqual(pro.sla, MetricsSLA(firstMet: 1, firstDue: 1), "the 4 h deadline is Mon 12:00 CET")
    }

    func testACustomerLeftWaitingIsNotDueBeforeTheDeadlineOrWhenSolvedInTime() {
        func data(status: ConversationStatus, pauses: [SLAPause]) -> MetricsData {
            MetricsData(conversations: [MetricsConversation(id: 1, createdAt: t0, tierID: "enterprise", status: status, pauses: pauses)],
                        messages: [MetricsMessage(conversationID: 1, authorKind: .customer, createdAt: t0)],
                        policies: [MetricsData.policyKey(tier: "enterprise", customer: nil): SLAPolicy(firstResponse: 3_600, nextResponse: 3_600)])
        }
        let period = MetricsPeriod(from: t0, to: t0 + 86_400, zone: utcZone)
        let running = Metrics.report(data(status: .open, pauses: []), period: period, grouping: .week, team: team(), now: t0 + 1_800)
        XCTAssertEqual(running.groups[0].sla, MetricsSLA(), "30 minutes in, nothing is due yet")
        let solved = SLAPause(kind: .done, start: Date(timeIntervalSince1970: TimeInterval(t0 + 600)))
        let closedInTime = Metrics.report(data(status: .solved, pauses: [solved]), period: period, grouping: .week, team: team(), now: t0 + 86_400)
        XCTAssertEqual(closedInTime.groups[0].sla, MetricsSLA(), "solved after 10 minutes: nothing was owed any more")
        XCTAssertEqual(closedInTime.groups[0].firstResponse.count, 0)
        let late = SLAPause(kind: .done, start: Date(timeIntervalSince1970: TimeInterval(t0 + 7_200)))
        let closedLate = Metrics.report(data(status: .solved, pauses: [late]), period: period, grouping: .week, team: team(), now: t0 + 86_400)
        XCTAssertEqual(closedLate.groups[0].sla, MetricsSLA(firstMet: 0, firstDue: 1), "solved unanswered after the deadline: a breach")
    }

    func testTheScreenAndTheMetricsShareOneTouchDefinition() {
        let now = Date(timeIntervalSince1970: TimeInterval(t0))
        let row = QueueRow(id: 1, subject: "s", status: .open, source: .slack, customerID: nil, customerName: "A", tierID: "t", tierShort: "T",
                           ownerID: nil, createdAt: now, updatedAt: now, slaDue: nil, messageCount: 0)
        let detail = ConversationDetail(row: row, messages: [Message(id: 1, authorKind: .team, authorName: "Ben", authorID: "ben", body: "hi", createdAt: now)],
                                        events: [AuditEvent(id: 1, at: now, actor: "ana", kind: "assign", conversationID: 1, detail: "— → dave"),
                                                 AuditEvent(id: 2, at: now, actor: "rotation", kind: "handoff", conversationID: 1, detail: "")])
        XCTAssertEqual(Touches.people(detail, engineers: ["ana", "ben", "dave"]), ["ana", "ben"], "dave was assigned: no touch of his")
    }
}

/// The around-the-clock walk of `SLACalendarClock.deadline` (a fast path the metrics lean on).
final class AroundTheClockDeadlineTests: XCTestCase {
    func testPausesAreSkippedAndAPauseThatLastsNeverOverflows() {
        let clock = SLACalendarClock(nil)
        XCTAssertEqual(clock.deadline(start: 100, target: 60), 160)
        XCTAssertEqual(clock.deadline(start: 100, target: 60, pauses: [(120, 150)]), 190, "20 s, a 30 s pause, 40 s more")
        XCTAssertEqual(clock.deadline(start: 100, target: 60, pauses: [(50, 130), (140, 145), (300, 400)]), 195, "from 130: 10 s, 5 s paused, 50 s")
        XCTAssertEqual(clock.deadline(start: 100, target: 60, pauses: [(200, 300)]), 160, "a pause after the deadline changes nothing")
        XCTAssertNil(clock.deadline(start: 100, target: 60, pauses: [(130, Int64.max)]), "a pause still lasting: no deadline, no overflow")
        XCTAssertNil(clock.deadline(start: 100, target: SLACalendarClock.horizon + 1), "beyond the horizon")
    }
}
