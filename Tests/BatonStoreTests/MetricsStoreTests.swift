import BatonCore
import Foundation
import GRDB
import XCTest
@testable import BatonStore

/// The rows the metrics read, from a real store: owner changes kept as fields of their
/// events (new ones as written, old ones read back from their text by migration 17), and a
/// reply counted when the outbox sent it.
final class MetricsStoreTests: StoreTestCase {
    func testOwnerChangesAreStoredWithFromAndToAndToldApart() throws {
        let id = try store.createConversation(conversation("Router drops", minutesAgo: 60), actor: "intake", at: now.addingTimeInterval(-3_600))
        _ = try store.claim(id, actor: "ana", at: now)
        _ = try store.take(id, actor: "dave", at: now.addingTimeInterval(60))
        _ = try store.take(id, actor: "ana", at: now.addingTimeInterval(120))  // taken back within 24 h: a bounce
        _ = try store.addNote(id, body: "looking", actor: "ana", authorName: "Ana", at: now.addingTimeInterval(130))
        _ = try store.release(id, actor: "ana", at: now.addingTimeInterval(200))
        let fields = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, owner_from, owner_to FROM events WHERE conversation_id = ? ORDER BY id", arguments: [id])
                .map { "\($0["kind"] as String) \(($0["owner_from"] as String?) ?? "-") \(($0["owner_to"] as String?) ?? "-")" }
        }
        XCTAssertEqual(fields, ["created - -", "claim - ana", "take ana dave", "take dave ana", "note - -", "release ana -"])

        let from = Int64(now.timeIntervalSince1970) - 7_200
        let data = try store.metricsData(from: from, to: from + 86_400)
        XCTAssertEqual(data.conversations.map(\.id), [id])
        XCTAssertEqual(OwnerChange.count(data.events), OwnerChange.Counts(handoffs: 0, reassignments: 2, bounces: 1))
        XCTAssertNotNil(data.policies[MetricsData.policyKey(tier: "enterprise", customer: "acme")])
        XCTAssertTrue(try store.metricsData(from: from + 86_400, to: from + 2 * 86_400).conversations.isEmpty, "opened in another period")
    }

    func testAReplyCountsWhenTheOutboxSentIt() throws {
        let id = try store.createConversation(conversation("Invoice", minutesAgo: 30), actor: "intake", at: now.addingTimeInterval(-1_800))
        _ = try store.queueReply(id, body: "On it", actor: "ana", authorName: "Ana", at: now)
        var data = try store.metricsData(from: Int64(now.timeIntervalSince1970) - 3_600, to: Int64(now.timeIntervalSince1970) + 3_600)
        XCTAssertEqual(data.messages.map(\.answeredAt), [nil, nil], "the customer's message, and a reply not sent yet")
        let reply = try XCTUnwrap(store.claimDueReply(sources: [.slack], sender: "test 1", at: now.addingTimeInterval(5)))
        XCTAssertTrue(try store.markSent(reply.messageID, remoteID: "1.2", messageKey: nil, by: "sender", at: now.addingTimeInterval(90)))
        data = try store.metricsData(from: Int64(now.timeIntervalSince1970) - 3_600, to: Int64(now.timeIntervalSince1970) + 3_600)
        XCTAssertEqual(data.messages.last?.answeredAt, Int64(now.timeIntervalSince1970) + 90)
        let report = Metrics.report(data, period: MetricsPeriod(from: Int64(now.timeIntervalSince1970) - 3_600, to: Int64(now.timeIntervalSince1970) + 3_600,
                                                                zone: TimeZone(identifier: "UTC")!),
                                    grouping: .tier, team: Self.team(path: store.path), now: Int64(now.timeIntervalSince1970) + 600)
        XCTAssertEqual(report.group("enterprise")?.firstResponse.p50, 1_800 + 90, "from the customer's message to the send")
    }

    /// Events written before migration 17 get their from and to read back from their text.
    func testOldOwnerEventsAreReadBackFromTheirText() throws {
        let path = folder + "/sixteen.sqlite"
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            for migration in Schema.migrations.prefix(16) { try db.execute(sql: migration) }
            try db.execute(sql: "PRAGMA user_version = 16")
            try db.execute(sql: """
                INSERT INTO conversations (id, customer_name, tier_id, subject, status, source, created_at, updated_at) VALUES (7, 'Acme', 'enterprise', 'old', 'open', 'email', 1, 1);
                INSERT INTO events (at, actor, kind, conversation_id, detail) VALUES
                    (1, 'ana', 'claim', 7, '— → ana'),
                    (2, 'dave', 'take', 7, 'ana → dave'),
                    (3, 'dave', 'assign', 7, 'dave → ana'),
                    (4, 'ana', 'release', 7, 'ana → —'),
                    (5, 'rotation', 'handoff', 7, 'owner ana → dave, point passed at 2026-11-23T14:00:00Z'),
                    (6, 'rotation', 'handoff', 7, 'owner — → erin, arrived in the gap before point passed at 2026-11-23T14:00:00Z'),
                    (7, 'rotation', 'handoff', NULL, 'point ana → dave at 2026-11-23T14:00:00Z, 1 moved'),
                    (8, 'ana', 'status', 7, 'open → solved'),
                    (9, 'ana', 'take', 7, 'garbled');
                """)
        }
        try old.close()
        chmod(path, 0o600)
        let migrated = try SQLiteStore(path: path)
        let fields = try migrated.read { db in
            try Row.fetchAll(db, sql: "SELECT owner_from, owner_to FROM events ORDER BY id")
                .map { "\(($0["owner_from"] as String?) ?? "-") \(($0["owner_to"] as String?) ?? "-")" }
        }
        XCTAssertEqual(fields, ["- ana", "ana dave", "dave ana", "ana -", "ana dave", "- erin", "- -", "- -", "- -"],
                       "the point handoff has no conversation, a status is no owner change, a garbled text tells nothing")
    }
}
