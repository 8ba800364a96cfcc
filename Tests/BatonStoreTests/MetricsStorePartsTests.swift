import BatonCore
import Foundation
import XCTest
@testable import BatonStore

/// `baton metrics` reads and folds a period in stretches of time at once, each on a
/// connection of its own (issue 14's speed target): the merged parts are the report one read
/// and one fold give, for every grouping, over a real store whose conversation ids do not
/// follow the time they were opened in (an import of old threads), with replies sent and not,
/// notes, takes and a take back, solves and a reopen, and NPS answers with their follow-ups.
extension MetricsStoreTests {
    func testTheReportReadInStretchesOfTimeIsTheReportOfOneRead() throws {
        // Three weeks back from now, created newest first for half of them: ids against time.
        var ids: [Int64] = []
        for index in 0..<24 {
            let minutesAgo = Double(index % 2 == 0 ? index : 23 - index) * 60 * 20 + 30
            let opened = now.addingTimeInterval(-minutesAgo * 60)
            let id = try store.createConversation(conversation("Case \(index)", minutesAgo: minutesAgo, tier: index % 3 == 0 ? "free" : "enterprise",
                                                               customer: index % 3 == 0 ? "Globex" : "Acme", owner: index % 4 == 3 ? nil : "ana"),
                                                  actor: "intake", at: opened)
            ids.append(id)
            if index % 3 == 1 {
                _ = try store.take(id, actor: "dave", at: opened.addingTimeInterval(600))
                if index % 2 == 1 { _ = try store.take(id, actor: "ana", at: opened.addingTimeInterval(1_200)) }
            }
            if index % 5 == 0 { _ = try store.addNote(id, body: "looking", actor: "dave", authorName: "Dave", at: opened.addingTimeInterval(60)) }
            if index % 4 != 2 {
                _ = try store.queueReply(id, body: "On it", actor: index % 2 == 0 ? "ana" : "dave", authorName: "Ana",
                                         at: opened.addingTimeInterval(Double(index) * 500))
            }
            if index % 6 == 5 {
                _ = try store.setStatus(id, to: .solved, actor: "ana", at: opened.addingTimeInterval(9_000))
                if index % 12 == 11 { _ = try store.setStatus(id, to: .open, actor: "ana", at: opened.addingTimeInterval(9_600)) }
            }
        }
        for seconds in [10.0, 20, 30, 40, 50] {
            let reply = try XCTUnwrap(store.claimDueReply(sources: [.slack, .email], sender: "test", at: now.addingTimeInterval(seconds)))
            XCTAssertTrue(try store.markSent(reply.messageID, remoteID: "r\(seconds)", messageKey: nil, by: "sender", at: now.addingTimeInterval(seconds + 5)))
        }
        try store.intake(actor: "nps", at: now) { writer in
            for index in 0..<12 {
                let score = [10, 2, 8, 0, 9, 6][index % 6]
                _ = try writer.recordNPS(NPSRecord(externalKey: "nps:\(index)", answeredAt: now.addingTimeInterval(-Double(index) * 36_000 - 60),
                                                   email: index % 5 == 0 ? "staff@example-corp.com" : "c\(index)@acme.io", customerID: "acme",
                                                   isInternal: index % 5 == 0, score: score, comment: score <= 6 ? "slow" : "",
                                                   conversationID: score <= 6 ? ids[index] : nil))
            }
        }

        let team = Self.team(path: store.path)
        let utc = TimeZone(identifier: "UTC")!
        let period = MetricsPeriod(from: Int64(now.timeIntervalSince1970) - 21 * 86_400, to: Int64(now.timeIntervalSince1970) + 3_600, zone: utc)
        let at = Int64(now.timeIntervalSince1970) + 600
        let data = try store.metricsData(from: period.from, to: period.to)
        XCTAssertEqual(Set(data.conversations.map(\.id)), Set(ids))
        for grouping in MetricsGrouping.allCases {
            let one = Metrics.report(data, period: period, grouping: grouping, team: team, now: at)
            if grouping == .week {
                // The fixture reaches every part of the fold, so a part dropped or merged wrong shows.
                XCTAssertGreaterThan(one.groups.filter { $0.opened > 0 }.count, 1)
                XCTAssertEqual(one.groups.reduce(0) { $0 + $1.opened }, 24)
                XCTAssertGreaterThan(one.groups.reduce(0) { $0 + $1.ownerChanges.bounces }, 0)
                XCTAssertGreaterThan(one.groups.reduce(0) { $0 + $1.nps.detractors + $1.nps.internalExcluded }, 0)
                XCTAssertGreaterThan(one.groups.reduce(0) { $0 + $1.reopened + $1.resolution.count }, 1)
                XCTAssertGreaterThan(one.groups.reduce(0) { $0 + $1.firstResponse.count }, 0)
            }
            for parts in [1, 2, 3, 7] {
                XCTAssertEqual(try store.metricsReport(period: period, grouping: grouping, team: team, now: at, parts: parts), one, "\(grouping), \(parts) parts")
            }
            XCTAssertEqual(try store.metricsReport(period: period, grouping: grouping, team: team, now: at), one, "\(grouping), one part per core")
        }

        // A few conversations scattered among many ids are found by when they were opened,
        // the whole period's by walking their ids: the same rows either way.
        let window = try store.metricsData(from: Int64(now.timeIntervalSince1970) - 2_460 * 60, to: period.to)
        let chosen = Set(window.conversations.map(\.id))
        XCTAssertEqual(chosen.count, 4)
        XCTAssertLessThan(chosen.count * 4, Int(chosen.max()! - chosen.min()! + 1), "scattered: the other way of reading")
        XCTAssertEqual(window.conversations, data.conversations.filter { chosen.contains($0.id) })
        XCTAssertEqual(window.messages, data.messages.filter { chosen.contains($0.conversationID) })
        XCTAssertEqual(window.events, data.events.filter { chosen.contains($0.conversationID) })
        XCTAssertFalse(window.messages.isEmpty || window.events.isEmpty)
    }

    /// The conversations' stretches of stopped clock, read from their bytes, are the ones `SLAPause.decode` reads.
    func testThePausesReadForTheMetricsAreTheOnesDecodeReads() throws {
        let id = try store.createConversation(conversation("Paused", minutesAgo: 30), actor: "intake", at: now.addingTimeInterval(-1_800))
        let texts = ["", "d1795440600-", "p1795440600-1795441200,h1795441200-1795441800,d1795441800-",
                     "x1-2,p5-6", "p12-", "p1-2,", "p+1-2", "p1-2-3", "p-", "d17954406001234567890-"]
        let utc = Int64(now.timeIntervalSince1970)
        for text in texts {
            try store.write { db in try db.execute(sql: "UPDATE conversations SET sla_pauses = ? WHERE id = ?", arguments: [text, id]) }
            let read = try store.metricsData(from: utc - 3_600, to: utc + 3_600).conversations.first?.pauses
            XCTAssertEqual(read, SLAPause.decode(text), "\"\(text)\"")
        }
    }
}
