import BatonCore
import Foundation
import GRDB
import XCTest
@testable import BatonStore

/// Deadlines as the store computes, keeps and recomputes them, in a real SQLite file.
final class SLAStoreTests: StoreTestCase {
    let friday = SLAStoreTests.instant("2026-11-27T15:30:00Z")  // Fri 16:30 CET

    /// Instants as RFC 3339 text, read by Foundation's parser.
    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    func instant(_ text: String) -> Date { Self.instant(text) }

    static func businessTeam(path: String, proHours: String = "berlin", holidays: [String] = []) throws -> TeamConfig {
        var team = team(path: path)
        team.tiers.append(Tier(id: "pro", short: "PRO", firstResponse: 3_600, nextResponse: 2 * 3_600, hours: proHours, rank: 2,
                               resolution: 16 * 3_600, warnBefore: 600))
        team.customers.append(Customer(id: "globex", name: "Globex", tier: "pro"))
        team.calendars = [try BusinessCalendar(id: "berlin", zone: TimeZone(identifier: "Europe/Berlin")!, hours: ["mon-fri 09:00-17:00"],
                                               holidays: Set(holidays.compactMap(LocalDate.init(parsing:))))]
        return team
    }

    private func create(_ subject: String, at instant: Date, tier: String = "pro", customer: String = "Globex", status: ConversationStatus? = nil) throws -> Int64 {
        try store.createConversation(NewConversation(customerID: customer.lowercased(), customerName: customer, tierID: tier, subject: subject, source: .email,
                                                     status: status, messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: instant)]),
                                     actor: "test", at: instant)
    }

    private func due(_ id: Int64) throws -> Date? { try store.conversation(id).row.slaDue }

    func testABusinessHoursTierCountsOnMonday() throws {
        try store.syncTeam(Self.businessTeam(path: store.path))
        let pro = try create("friday evening", at: friday)
        let enterprise = try create("around the clock", at: friday, tier: "enterprise", customer: "Acme")
        XCTAssertEqual(try due(pro), instant("2026-11-30T08:30:00Z"), "Mon 30 Nov 09:30 CET")
        XCTAssertEqual(try due(enterprise), friday.addingTimeInterval(3_600))
        XCTAssertEqual(try store.queueWindow(.init(), offset: 0, limit: 5).map(\.id), [enterprise, pro], "sorted by the deadline that is due")
    }

    func testPendingPausesAndTheCustomersAnswerResumes() throws {
        try store.syncTeam(Self.businessTeam(path: store.path))
        let id = try create("paused", at: friday.addingTimeInterval(-3 * 86_400 - 5 * 3_600))  // Tue 24 Nov 11:30 CET
        _ = try store.setStatus(id, to: .pending, actor: "ana", at: friday.addingTimeInterval(-3 * 86_400 - 5 * 3_600 + 600))
        XCTAssertNil(try due(id))
        XCTAssertTrue(try store.conversation(id).row.slaPaused)
        XCTAssertEqual(try store.conversation(id).row.slaState(at: friday), SLAState.none)
        // The customer answers Fri 16:30 CET: 10 minutes were used, 50 remain: Mon 09:20 CET.
        XCTAssertTrue(try store.appendMessage(NewMessage(authorKind: .customer, authorName: "Priya", body: "still broken", createdAt: friday), to: id, actor: "test"))
        let row = try store.conversation(id).row
        XCTAssertEqual(row.status, ConversationStatus.open)
        XCTAssertFalse(row.slaPaused)
        XCTAssertEqual(row.slaDue, instant("2026-11-30T08:20:00Z"))
    }

    func testAtRiskUsesTheTiersWarning() throws {
        try store.syncTeam(Self.businessTeam(path: store.path))
        let id = try create("soon", at: friday.addingTimeInterval(-3_600 + 300))  // due Fri 16:35 CET
        let row = try store.conversation(id).row
        XCTAssertEqual(row.warnBefore, 600)
        XCTAssertEqual(row.slaState(at: friday), SLAState.atRisk)
        XCTAssertEqual(row.slaState(at: friday.addingTimeInterval(-301)), SLAState.ok)
        XCTAssertEqual(try store.queueCounts(now: friday), QueueCounts(open: 1, unowned: 1, breaching: 0, atRisk: 1))
        XCTAssertEqual(try store.queueCounts(now: friday.addingTimeInterval(300)), QueueCounts(open: 1, unowned: 1, breaching: 1, atRisk: 0))
    }

    func testDeadlinesFollowTheConfigOnceInOneSync() throws {
        try store.syncTeam(Self.businessTeam(path: store.path))
        let open = try create("open", at: friday)
        let solved = try create("solved", at: friday, status: .solved)
        XCTAssertEqual(try due(open), instant("2026-11-30T08:30:00Z"))
        // Monday 30 Nov becomes a holiday: the deadline moves to Tuesday 09:30 CET.
        try store.syncTeam(Self.businessTeam(path: store.path, holidays: ["2026-11-30"]))
        XCTAssertEqual(try due(open), instant("2026-12-01T08:30:00Z"))
        XCTAssertNil(try due(solved))
        // The same config again works nothing out: a deadline changed by hand stays.
        try store.write { db in try db.execute(sql: "UPDATE conversations SET sla_due = 42 WHERE id = ?", arguments: [open]) }
        try store.syncTeam(Self.businessTeam(path: store.path, holidays: ["2026-11-30"]))
        XCTAssertEqual(try due(open), Date(timeIntervalSince1970: 42))
        // Around the clock again: 16:30 + 1 h.
        try store.syncTeam(Self.businessTeam(path: store.path, proHours: "24x7"))
        XCTAssertEqual(try due(open), friday.addingTimeInterval(3_600))
    }

    func testExplanationFromTheStore() throws {
        try store.syncTeam(Self.businessTeam(path: store.path))
        let id = try create("explain", at: friday)
        let (row, explanation) = try store.slaExplanation(id, now: friday)
        XCTAssertEqual(row.id, id)
        XCTAssertEqual(explanation.calendar, "berlin")
        XCTAssertEqual(explanation.parts.map { $0.target }, ["first_response", "resolution"])
        XCTAssertEqual(explanation.due, instant("2026-11-30T08:30:00Z"))
        XCTAssertEqual(try store.conversation(id).sla?.line, "SLA first response 1h (berlin): due Mon 30 Nov 09:30 UTC+01:00, skipped 2d16h closed")
        XCTAssertThrowsError(try store.slaExplanation(9_999, now: friday))
    }
}

/// A store written by the baton before the SLA clock (schema 8) opens, migrates, and gets
/// its open deadlines worked out under the calendar on the first sync.
final class SLAMigrationTests: XCTestCase {
    func testAStoreFromBeforeTheCalendarsIsUpgradedAndRecomputed() throws {
        let folder = NSTemporaryDirectory() + "baton-sla-migration-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/baton.sqlite"
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            for migration in Schema.migrations.prefix(8) { try db.execute(sql: migration) }
            try db.execute(sql: "PRAGMA user_version = 8")
            try db.execute(sql: "INSERT INTO tiers (id, name, short, first_response_s, next_response_s, hours, rank) VALUES ('pro', 'Pro', 'PRO', 3600, 3600, 'business', 0)")
            // Fri 27 Nov 2026 16:30 CET, stored with the old 24x7 deadline (17:30 CET).
            try db.execute(sql: """
                INSERT INTO conversations (id, customer_id, customer_name, tier_id, subject, status, source, created_at, updated_at, awaiting_since, sla_due, message_count)
                VALUES (1, 'globex', 'Globex', 'pro', 'old', 'new', 'email', 1795793400, 1795793400, 1795793400, 1795797000, 1)
                """)
            try db.execute(sql: "INSERT INTO messages (conversation_id, author_kind, author_name, body, created_at) VALUES (1, 'customer', 'Priya', 'help', 1795793400)")
        }
        try old.close()
        chmod(path, 0o600)
        let store = try SQLiteStore(path: path)
        var team = SLAStoreTests.team(path: path)
        team.tiers = [Tier(id: "pro", short: "PRO", firstResponse: 3_600, nextResponse: 3_600, hours: "business")]
        team.customers = [Customer(id: "globex", name: "Globex", tier: "pro", timeZone: TimeZone(identifier: "Europe/Berlin"))]
        try store.syncTeam(team)
        XCTAssertEqual(try store.conversation(1).row.slaDue, SLAStoreTests.instant("2026-11-30T08:30:00Z"), "Mon 09:30 CET")
        try store.read { db in
            XCTAssertEqual(try Int64.fetchOne(db, sql: "SELECT first_customer_at FROM conversations WHERE id = 1"), 1_795_793_400)
        }
    }
}
