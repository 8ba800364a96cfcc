import BatonCore
import BatonStore
import Foundation
import XCTest

/// The store's promises for alerts, owner changes, metrics and attachments (issue 16's
/// second part: what PostgreSQL lacked), written once against the protocols and run on
/// every backend: this class runs them on SQLite; `PostgresStoreDataConformanceTests`
/// runs the same cases on a PostgreSQL server. Its fixtures are `StoreFixtures`.
class StoreDataConformance: StoreFixtures {
    func alertStore(_ store: StoreBackend) throws -> AlertStore {
        store
    }

    func alert(_ id: Int64?, key: String, kind: Alert.Kind = .atRisk, engineer: String? = "ana", detail: String = "") -> Alert {
        Alert(key: key, kind: kind, engineer: engineer, conversation: id, customer: "acme", subject: "Router drops",
              due: now.addingTimeInterval(600), text: "#\(id ?? 0) at risk: Acme — Router drops", detail: detail)
    }

    // MARK: - alerts

    func testAnAlertIsRaisedOnceByKeyAcrossConnections() throws {
        let backend = try teamStore()
        let store = try alertStore(backend)
        let other = try store.reopenAlerts()
        let id = try backend.createConversation(conversation("Router drops", minutesAgo: 50), actor: "t", at: now)
        let first = try store.raiseAlerts([alert(id, key: "k1")], actor: "ana", at: now)
        XCTAssertEqual(first.map(\.alert), [alert(id, key: "k1")])
        XCTAssertEqual(first.first?.raisedAt, now)
        XCTAssertEqual(try other.raiseAlerts([alert(id, key: "k1"), alert(id, key: "k2")], actor: "dave", at: now).map(\.alert.key), ["k2"])
        XCTAssertEqual(try store.openAlerts(for: "ana", holdsPoint: false).map(\.alert.key), ["k1", "k2"])
        XCTAssertEqual(try store.openAlerts(for: "dave", holdsPoint: true), [])
        XCTAssertEqual(try other.alerts(keys: ["k2", "nope"]).map(\.alert.key), ["k2"])
        XCTAssertEqual(try store.unclaimedAlerts(since: now).map(\.alert.key), ["k1", "k2"])
        XCTAssertEqual(try store.unclaimedAlerts(since: now.addingTimeInterval(1)), [])
        _ = try backend.setStatus(id, to: .solved, actor: "ana", at: now)
        XCTAssertEqual(try store.openAlerts(for: "ana", holdsPoint: false), [], "solved: its alerts are moot")
    }

    func testAcknowledgingIsOnceAndAnAuditEvent() throws {
        let backend = try teamStore()
        let store = try alertStore(backend)
        let id = try backend.createConversation(conversation("Router drops", minutesAgo: 50), actor: "t", at: now)
        let raised = try XCTUnwrap(try store.raiseAlerts([alert(id, key: "k1")], actor: "ana", at: now).first)
        XCTAssertTrue(try store.acknowledgeAlert(raised.id, by: "ana", at: now.addingTimeInterval(30)))
        XCTAssertFalse(try store.reopenAlerts().acknowledgeAlert(raised.id, by: "ana", at: now.addingTimeInterval(31)),
                       "a second screen finds it acknowledged")
        XCTAssertEqual(try store.openAlerts(for: "ana", holdsPoint: false), [])
        let events = try backend.conversation(id).events.filter { $0.kind == "alert_acknowledged" }
        XCTAssertEqual(events.map(\.actor), ["ana"])
        XCTAssertEqual(events.first?.detail, "at_risk (k1)")
        let stored = try XCTUnwrap(try store.alerts(keys: ["k1"]).first)
        XCTAssertEqual(stored.acknowledgedBy, "ana")
        XCTAssertEqual(stored.acknowledgedAt, now.addingTimeInterval(30))
    }

    func testEscalationsAndBreachesAreEventsAndAGapEscalationWaitsForPoint() throws {
        let backend = try teamStore()
        let store = try alertStore(backend)
        let id = try backend.createConversation(conversation("Router drops", minutesAgo: 50), actor: "t", at: now)
        _ = try store.raiseAlerts([alert(id, key: "e1", kind: .escalated, engineer: nil, detail: "ana is off shift"),
                               alert(id, key: "b1", kind: .breached, engineer: "ana", detail: "csm: carol")], actor: "erin (serve)", at: now)
        let events = try backend.conversation(id).events
        XCTAssertEqual(events.first { $0.kind == "escalated" }?.detail, "to notify_command (nobody holds point): ana is off shift")
        XCTAssertEqual(events.first { $0.kind == "breached" }?.detail, "owner ana; csm: carol")
        XCTAssertEqual(try store.openAlerts(for: "dave", holdsPoint: false).map(\.alert.key), [])
        XCTAssertEqual(try store.openAlerts(for: "dave", holdsPoint: true).map(\.alert.key), ["e1"], "whoever takes point next sees it")
        // Raised again by another process: no second event.
        _ = try store.reopenAlerts().raiseAlerts([alert(id, key: "e1", kind: .escalated, engineer: nil, detail: "ana is off shift")], actor: "x", at: now)
        XCTAssertEqual(try backend.conversation(id).events.filter { $0.kind == "escalated" }.count, 1)
    }

    /// Eight connections, each its own session to the store, claim one alert at once: one wins.
    func testTheNotifyClaimGoesToExactlyOneOfEightConnections() throws {
        let backend = try teamStore()
        let store = try alertStore(backend)
        let connections = try (0..<8).map { _ in try store.reopenAlerts() }
        let now = self.now
        for round in 0..<5 {
            let id = try backend.createConversation(conversation("race \(round)", minutesAgo: 50), actor: "t", at: now)
            let raised = try XCTUnwrap(try store.raiseAlerts([alert(id, key: "race \(round)")], actor: "ana", at: now).first)
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: connections.count) { index in
                do {
                    if try connections[index].claimNotify(raised.id, claimant: "p\(index)", at: now) { outcomes.add("won p\(index)") }
                } catch {
                    outcomes.add("error \(error)")
                }
            }
            let won = outcomes.all.compactMap { $0 as? String }
            XCTAssertEqual(won.filter { $0.hasPrefix("error") }, [], "round \(round)")
            XCTAssertEqual(won.count, 1, "round \(round): \(won)")
            XCTAssertEqual(try store.notifyState(raised.id).claimedBy.map { "won " + $0 }, won.first)
            XCTAssertEqual(try store.unclaimedAlerts(since: now).map(\.id).contains(raised.id), false)
        }
    }

    func testANotifyOutcomeIsKeptAndAFailureIsAnEvent() throws {
        let backend = try teamStore()
        let store = try alertStore(backend)
        let id = try backend.createConversation(conversation("Router drops", minutesAgo: 50), actor: "t", at: now)
        let raised = try store.raiseAlerts([alert(id, key: "k1"), alert(id, key: "k2")], actor: "ana", at: now)
        XCTAssertTrue(try store.claimNotify(raised[0].id, claimant: "box:1", at: now))
        try store.recordNotifyOutcome(raised[0].id, outcome: "page exit 0", failed: false, actor: "ana", at: now)
        try store.recordNotifyOutcome(raised[1].id, outcome: "sh exit 3: relay down", failed: true, actor: "ana", at: now)
        XCTAssertEqual(try store.notifyState(raised[0].id).claimedBy, "box:1")
        XCTAssertEqual(try store.notifyState(raised[0].id).outcome, "page exit 0")
        XCTAssertEqual(try store.notifyState(raised[1].id).outcome, "sh exit 3: relay down")
        XCTAssertEqual(try backend.conversation(id).events.filter { $0.kind == "notify_failed" }.map(\.detail), ["alert \(raised[1].id): sh exit 3: relay down"])
    }

    func testLastKeysComeFromOpenScreensOnly() throws {
        let store = try alertStore(try teamStore())
        try store.screenBeat(engineer: "ana", lastKey: now.addingTimeInterval(-300), host: "box", pid: 1, at: now)
        try store.screenBeat(engineer: "ana", lastKey: now.addingTimeInterval(-20), host: "box", pid: 2, at: now)
        try store.screenBeat(engineer: "dave", lastKey: now, host: "box", pid: 3, at: now.addingTimeInterval(-60))
        XCTAssertEqual(try store.reopenAlerts().lastKeys(now: now), ["ana": now.addingTimeInterval(-20)],
                       "the latest key of ana's screens, seen from another connection; dave's screen is gone")
        try store.clearScreen(host: "box", pid: 2)
        XCTAssertEqual(try store.lastKeys(now: now), ["ana": now.addingTimeInterval(-300)])
    }

    /// A screen beating on the store holds it open: `baton store copy` refuses to copy it.
    func testAnOpenScreenHoldsTheStoreForACopy() throws {
        let backend = try teamStore()
        let copying = try XCTUnwrap(backend as? StoreCopying)
        try alertStore(backend).screenBeat(engineer: "ana", lastKey: now, host: "box", pid: 7, at: now)
        XCTAssertEqual(try copying.openElsewhere(now: now.addingTimeInterval(1)), ["a screen of ana (host box, pid 7)"])
        XCTAssertEqual(try copying.openElsewhere(now: now.addingTimeInterval(ScreenBeat.expirySeconds + 1)), [], "a silent screen is gone")
    }

    /// The rules' pass on the store (`AlertWatch`): the at-risk alert of an owned conversation
    /// is raised once, and a second process deciding the same raises nothing.
    func testAWatchRaisesAnAtRiskAlertOnceAcrossProcesses() throws {
        let backend = try teamStore()
        let store = try alertStore(backend)
        // Enterprise: 1 h, warned 15 min before. Due in 10 min: at risk.
        let id = try backend.createConversation(conversation("Router drops", minutesAgo: 50, owner: "ana"), actor: "t", at: now)
        let team = team(backend)
        let raised = try AlertWatch(store: store, team: team, actor: "erin (serve)").pass(now: now, rotation: team.rotation)
        XCTAssertTrue(raised.contains { $0.alert.kind == .atRisk && $0.alert.conversation == id && $0.alert.engineer == "ana" }, "\(raised)")
        XCTAssertEqual(try AlertWatch(store: try store.reopenAlerts(), team: team, actor: "ana").pass(now: now.addingTimeInterval(6), rotation: team.rotation), [])
    }

    // MARK: - owner changes as fields

    /// Owned by whoever held point when it came in: the handoff moves it on.
    func pointOwned(_ new: NewConversation) -> NewConversation {
        var new = new
        new.ownerVia = .point
        return new
    }

    /// Every action that moves the owner, and the handoff, keep the owner before and after
    /// as fields of their event (what the metrics count); other events keep none.
    func testOwnerChangesAreFieldsOfTheirEvents() throws {
        let backend = try teamStore()
        let metrics: MetricsStore = backend
        let id = try backend.createConversation(conversation("moves", minutesAgo: 50), actor: "t", at: now.addingTimeInterval(-3000))
        _ = try backend.claim(id, actor: "ana", at: now.addingTimeInterval(-2400))
        _ = try backend.addNote(id, body: "looking", actor: "ana", authorName: "Ana", at: now.addingTimeInterval(-2300))
        _ = try backend.take(id, actor: "dave", at: now.addingTimeInterval(-1200))
        _ = try backend.assign(id, to: "ben", actor: "dave", at: now.addingTimeInterval(-900))
        _ = try backend.release(id, actor: "ben", at: now.addingTimeInterval(-600))
        // Europe's point holder owns one by point; at 14:00 UTC point passes to dave and it moves.
        let byPoint = try backend.createConversation(pointOwned(conversation("by point", minutesAgo: 30, owner: "ana")), actor: "t", at: now.addingTimeInterval(-1800))
        XCTAssertFalse(try backend.runDueHandoffs(rotation, now: now.addingTimeInterval(60)).isEmpty)
        let day = Int64(now.timeIntervalSince1970)
        let events = try metrics.metricsData(from: day - 86_400, to: day + 86_400).events
        let moves = events.filter { $0.ownerFrom != nil || $0.ownerTo != nil }
        XCTAssertEqual(moves.map { "\($0.conversationID) \($0.kind) \($0.ownerFrom ?? "—") → \($0.ownerTo ?? "—")" },
                       ["\(id) claim — → ana", "\(id) take ana → dave", "\(id) assign dave → ben", "\(id) release ben → —",
                        "\(byPoint) handoff ana → dave"])
        XCTAssertTrue(events.contains { $0.kind == "note" && $0.ownerFrom == nil && $0.ownerTo == nil }, "a note moves no owner: \(events)")
    }

    // MARK: - metrics

    /// A small team's day: answered, bounced, handed off, unanswered, an NPS detractor.
    /// Returns the ids it made, in order.
    @discardableResult
    func metricsFixture(_ backend: StoreBackend) throws -> [Int64] {
        let answered = try backend.createConversation(conversation("answered", minutesAgo: 50), actor: "t", at: now.addingTimeInterval(-3000))
        _ = try backend.claim(answered, actor: "ana", at: now.addingTimeInterval(-2700))
        _ = try backend.queueReply(answered, body: "On it.", actor: "ana", authorName: "Ana", at: now.addingTimeInterval(-2400))
        let reply = try XCTUnwrap(try backend.claimDueReply(sources: [.email], sender: "box", at: now.addingTimeInterval(-1800)))
        XCTAssertTrue(try backend.markSent(reply.messageID, remoteID: "r1@box", messageKey: nil, by: "serve", at: now.addingTimeInterval(-1800)))
        _ = try backend.take(answered, actor: "dave", at: now.addingTimeInterval(-1500))
        _ = try backend.take(answered, actor: "ana", at: now.addingTimeInterval(-1400))
        _ = try backend.setStatus(answered, to: .solved, actor: "ana", at: now.addingTimeInterval(-1200))
        let waiting = try backend.createConversation(conversation("waiting", minutesAgo: 30, tier: "free", customer: "Globex"), actor: "t",
                                                     at: now.addingTimeInterval(-1800))
        let byPoint = try backend.createConversation(pointOwned(conversation("by point", minutesAgo: 20, owner: "ana")), actor: "t", at: now.addingTimeInterval(-1200))
        _ = try backend.runDueHandoffs(rotation, now: now.addingTimeInterval(60))
        try backend.intake(actor: "nps", at: now) { writer in
            _ = try writer.recordNPS(NPSRecord(externalKey: "nps-1", answeredAt: now.addingTimeInterval(-600), email: "priya@acme.io", customerID: "acme",
                                               isInternal: false, score: 3, comment: "slow", conversationID: waiting))
            _ = try writer.recordNPS(NPSRecord(externalKey: "nps-2", answeredAt: now.addingTimeInterval(-500), email: "ana@us.example", customerID: nil,
                                               isInternal: true, score: 10, comment: "", conversationID: nil))
        }
        return [answered, waiting, byPoint]
    }

    /// The ISO week of `now` (Monday 23 November 2026, 00:00 UTC, for 7 days): one group by week.
    var metricsPeriod: MetricsPeriod {
        let monday = Int64(now.timeIntervalSince1970) - 14 * 3_600
        return MetricsPeriod(from: monday, to: monday + 7 * 86_400, zone: TimeZone(identifier: "UTC")!)
    }

    func metricsReport(_ backend: StoreBackend, grouping: MetricsGrouping = .week) throws -> MetricsReport {
        let data = try backend.metricsData(from: metricsPeriod.from, to: metricsPeriod.to)
        return Metrics.report(data, period: metricsPeriod, grouping: grouping, team: team(backend), now: Int64(now.timeIntervalSince1970) + 120)
    }

    /// The figures worked out by hand for `metricsFixture`, on this backend.
    func testMetricsOfASmallDay() throws {
        let backend = try teamStore()
        let ids = try metricsFixture(backend)
        let data = try backend.metricsData(from: metricsPeriod.from, to: metricsPeriod.to)
        XCTAssertEqual(data.conversations.map(\.id), ids)
        XCTAssertEqual(data.messages.filter { $0.conversationID == ids[0] }.map(\.answeredAt), [nil, Int64(now.timeIntervalSince1970) - 1800],
                       "the reply counts from when it was sent")
        XCTAssertEqual(data.nps.map(\.score), [3, 10])
        XCTAssertEqual(data.nps.first?.conversationID, ids[1])
        let report = try metricsReport(backend)
        let group = try XCTUnwrap(report.groups.first)
        XCTAssertEqual(report.groups.count, 1)
        XCTAssertEqual(group.opened, 3)
        XCTAssertEqual(group.solved, 1)
        XCTAssertEqual(group.firstResponse.count, 1)
        XCTAssertEqual(group.firstResponse.p50, 20 * 60, "asked 50 minutes ago, the reply sent 30 minutes ago")
        XCTAssertEqual(group.ownerChanges, OwnerChange.Counts(handoffs: 1, reassignments: 2, bounces: 1))
        XCTAssertEqual(group.nps.detractors, 1)
        XCTAssertEqual(group.nps.internalExcluded, 1)
    }

    // MARK: - attachments

    func testAttachmentsKeepTheirBytesAndOrder() throws {
        let backend = try teamStore()
        var binary = [UInt8](repeating: 0, count: 300_000)
        for index in binary.indices { binary[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index / 7) }
        let text = Array("a plain note\n".utf8)
        let files = [
            NewAttachment(name: "dump.bin", contentType: "application/octet-stream", data: binary, digest: try Self.sha256(binary)),
            NewAttachment(name: "note.txt", contentType: "text/plain", data: text, digest: try Self.sha256(text)),
            NewAttachment(name: "bad.txt", contentType: "text/plain", data: text, digest: "not-a-digest"),
        ]
        let id = try backend.intake(actor: "ingest", at: now) { writer in
            let made = try writer.create(conversation("with files", minutesAgo: 5, key: "c1", messageKey: "m1"))
            try writer.keepAttachments(files, ofMessage: "m1")
            return made.id
        }
        // The same note again, on a second conversation: kept once, listed for each.
        let second = try backend.intake(actor: "ingest", at: now) { writer in
            let made = try writer.create(conversation("again", minutesAgo: 4, key: "c2", messageKey: "m2"))
            try writer.keepAttachments([files[1]], ofMessage: "m2")
            return made.id
        }
        let kept = try backend.attachments(ofConversation: id)
        XCTAssertEqual(kept.map(\.name), ["dump.bin", "note.txt"], "a file with a malformed digest is skipped")
        XCTAssertEqual(kept.map(\.number), [1, 2])
        XCTAssertEqual(kept.map(\.size), [binary.count, text.count])
        XCTAssertEqual(kept.map(\.contentType), ["application/octet-stream", "text/plain"])
        let other = try backend.reopen()
        XCTAssertEqual([UInt8](try other.attachmentData(kept[0])), binary, "read back from another connection")
        XCTAssertEqual([UInt8](try other.attachmentData(kept[1])), text)
        let again = try backend.attachments(ofConversation: second)
        XCTAssertEqual(again.map(\.digest), [kept[1].digest])
        XCTAssertEqual([UInt8](try backend.attachmentData(again[0])), text)
        // A unit that fails keeps no attachment.
        struct Stop: Error {}
        XCTAssertThrowsError(try backend.intake(actor: "ingest", at: now) { writer in
            _ = try writer.create(conversation("rolled back", minutesAgo: 3, key: "c3", messageKey: "m3"))
            try writer.keepAttachments([files[0]], ofMessage: "m3")
            throw Stop()
        })
        XCTAssertNil(try backend.intake(actor: "t", at: now) { try $0.conversationID(externalKey: "c3") })
    }

    /// SHA-256 in lowercase hex, by the system's sha256sum (the tests do not link a crypto library).
    static func sha256(_ bytes: [UInt8]) throws -> String {
        let file = NSTemporaryDirectory() + "baton-sum-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        defer { unlink(file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: out.prefix(64), as: UTF8.self)
    }
}
