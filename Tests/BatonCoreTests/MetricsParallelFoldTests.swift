@testable import BatonCore
import Foundation
import XCTest

/// The fold over runs of conversation ids on several threads, merged (issue 14's speed
/// target), gives the report one pass gives: every grouping, over a generated quarter
/// mixing tiers on and off a business calendar, pauses, reopens, notes, sent and queued
/// replies, bots, owner changes and NPS answers.
final class MetricsParallelFoldTests: XCTestCase {
    let t0 = Int64(utc("2026-09-07T00:00:00Z").timeIntervalSince1970)  // a Monday

    func team() -> TeamConfig {
        let europe = Region(id: "europe", timeZone: berlin, takesPoint: LocalTime(hour: 7, minute: 0), roster: ["ana", "ben"])
        let us = Region(id: "us", timeZone: zone("America/New_York"), takesPoint: LocalTime(hour: 9, minute: 0), roster: ["dave"])
        var team = TeamConfig(storePath: ":memory:", internalDomains: ["example-corp.com"],
                              rotation: Rotation(regions: [europe, us], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5))),
                              engineers: [Engineer(id: "ana", region: "europe"), Engineer(id: "ben", region: "europe"), Engineer(id: "dave", region: "us")],
                              tiers: [Tier(id: "enterprise", firstResponse: 3_600, nextResponse: 4 * 3_600),
                                      Tier(id: "pro", firstResponse: 4 * 3_600, nextResponse: 86_400, hours: "berlin-office", rank: 1)],
                              customers: [Customer(id: "acme", tier: "enterprise", engineer: "ana"), Customer(id: "globex", tier: "pro")])
        team.calendars = [try! BusinessCalendar(id: "berlin-office", zone: berlin, hours: ["mon-fri 09:00-17:00"])]
        return team
    }

    /// `count` conversations over 13 weeks from a fixed seed.
    func quarter(_ count: Int) -> MetricsData {
        var seed: UInt64 = 14
        func next(_ bound: Int64) -> Int64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int64((seed >> 33) % UInt64(bound))
        }
        let people = ["ana", "ben", "dave", "intake", "rotation"]
        var data = MetricsData()
        let team = self.team()
        data.policies[MetricsData.policyKey(tier: "enterprise", customer: "acme")] = SLAPolicy(firstResponse: 3_600, nextResponse: 4 * 3_600)
        data.policies[MetricsData.policyKey(tier: "pro", customer: "globex")] = SLAPolicy(firstResponse: 4 * 3_600, nextResponse: 86_400, calendar: team.calendars[0])
        for index in 0..<count {
            let id = Int64(index + 1)
            let createdAt = t0 + next(91 * 86_400)
            let pro = next(3) == 0
            var pauses: [SLAPause] = []
            var status = ConversationStatus.open
            let solved = createdAt + 600 + next(5 * 86_400)
            switch next(4) {
            case 0: status = .solved; pauses = [SLAPause(kind: .done, start: Date(timeIntervalSince1970: TimeInterval(solved)))]
            case 1: pauses = [SLAPause(kind: .done, start: Date(timeIntervalSince1970: TimeInterval(solved)), end: Date(timeIntervalSince1970: TimeInterval(solved + 3_600)))]
            case 2: pauses = [SLAPause(kind: .pending, start: Date(timeIntervalSince1970: TimeInterval(createdAt + 1_800)), end: Date(timeIntervalSince1970: TimeInterval(createdAt + 7_200)))]
            default: break
            }
            let owner = next(5) == 0 ? nil : people[Int(next(3))]
            data.conversations.append(MetricsConversation(id: id, createdAt: createdAt, tierID: pro ? "pro" : "enterprise", customerID: pro ? "globex" : "acme",
                                                          customerName: pro ? "Globex" : "Acme", ownerID: owner, status: status,
                                                          source: next(50) == 0 ? .nps : .email, pauses: pauses))
            var clock = createdAt
            for turn in 0..<Int(next(12)) {
                let who = people[Int(next(3))]
                let message: MetricsMessage
                switch (turn % 2, next(10)) {
                case (0, 0): message = MetricsMessage(conversationID: id, authorKind: .bot, authorID: "mailer-daemon", createdAt: clock)
                case (0, _): message = MetricsMessage(conversationID: id, authorKind: .customer, createdAt: clock)
                case (_, 0): message = MetricsMessage(conversationID: id, authorKind: .team, authorID: who, state: .note, createdAt: clock)
                case (_, 1): message = MetricsMessage(conversationID: id, authorKind: .team, authorID: who, state: .queued, createdAt: clock)
                case (_, 2), (_, 3): message = MetricsMessage(conversationID: id, authorKind: .team, authorID: who, state: .sent, createdAt: clock, sentAt: clock + next(600))
                default: message = MetricsMessage(conversationID: id, authorKind: .team, authorID: who, createdAt: clock)
                }
                data.messages.append(message)
                clock += next(3) == 0 ? 0 : next(30_000)
            }
            if next(4) == 0 {
                data.events.append(MetricsEvent(conversationID: id, at: createdAt + 60, actor: "ana", kind: "claim", ownerFrom: nil, ownerTo: "ana"))
                data.events.append(MetricsEvent(conversationID: id, at: createdAt + 3_600, actor: "ben", kind: "take", ownerFrom: "ana", ownerTo: "ben"))
                if next(3) == 0 { data.events.append(MetricsEvent(conversationID: id, at: createdAt + 5_400, actor: "ana", kind: "take", ownerFrom: "ben", ownerTo: "ana")) }
                if next(3) == 0 { data.events.append(MetricsEvent(conversationID: id, at: createdAt + 90_000, actor: "rotation", kind: "handoff", ownerFrom: "ana", ownerTo: "dave")) }
                data.events.append(MetricsEvent(conversationID: id, at: createdAt + 100, actor: people[Int(next(5))], kind: "status"))
            }
        }
        for index in 0..<count / 10 {
            let score = Int(next(11))
            let email = index % 10 == 0 ? "staff\(index)@example-corp.com" : "c\(index)@acme.io"
            let conversation: Int64? = score <= 6 ? Int64(next(Int64(count)) + 1) : nil
            let at = t0 + next(91 * 86_400)
            data.nps.append(MetricsNPSAnswer(answeredAt: at, email: email, customerID: next(2) == 0 ? "acme" : "globex", score: score,
                                             hasComment: conversation != nil, conversationID: conversation, conversationCreatedAt: conversation.map { _ in at },
                                             firstAnsweredAt: conversation.map { _ in at + next(4 * 86_400) }, ownerID: conversation.map { _ in "ben" }))
        }
        return data
    }

    func testTheFoldOnSeveralThreadsGivesTheReportOnePassGives() {
        let data = quarter(6_000)
        let period = MetricsPeriod(from: t0, to: t0 + 91 * 86_400, zone: berlin)
        let now = t0 + 92 * 86_400
        let team = self.team()
        for grouping in [MetricsGrouping.week, .tier, .customer, .region, .engineer] {
            let one = Metrics.fold(data, period: period, grouping: grouping, single: nil, team: team, now: now, runs: 1)
            // The fixture exercises every part of the fold, so a merge that drops one shows.
            XCTAssertEqual(one.groups.reduce(0) { $0 + $1.opened }, 6_000)
            XCTAssertFalse(one.breaches.isEmpty)
            XCTAssertTrue(one.groups.contains { $0.sla.nextDue > 0 && $0.ownerChanges.bounces > 0 && $0.nps.detractors > 0 && $0.resolution.count > 0 })
            for runs in [2, 3, 7] {
                XCTAssertEqual(Metrics.fold(data, period: period, grouping: grouping, single: nil, team: team, now: now, runs: runs), one, "\(grouping), \(runs) runs")
            }
            XCTAssertEqual(Metrics.report(data, period: period, grouping: grouping, team: team, now: now), one, "\(grouping), one run per core")
        }
        let total = Metrics.fold(data, period: period, grouping: .week, single: "all", team: team, now: now, runs: 1).group("all")
        XCTAssertEqual(Metrics.total(data, period: period, team: team, now: now), total)
        XCTAssertEqual(total?.opened, 6_000)
    }

    func testMoreRunsThanConversations() {
        let data = quarter(3)
        let period = MetricsPeriod(from: t0, to: t0 + 91 * 86_400, zone: berlin)
        let one = Metrics.fold(data, period: period, grouping: .tier, single: nil, team: team(), now: t0, runs: 1)
        XCTAssertEqual(Metrics.fold(data, period: period, grouping: .tier, single: nil, team: team(), now: t0, runs: 8), one)
    }
}
