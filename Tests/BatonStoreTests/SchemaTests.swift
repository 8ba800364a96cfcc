import Foundation
import GRDB
import XCTest
@testable import BatonStore

final class SchemaTests: StoreTestCase {
    func testStoreIsWALWithEveryMigrationApplied() throws {
        try store.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA user_version"), Schema.migrations.count)
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            for table in ["conversations", "customers", "engineers", "events", "messages", "tiers"] {
                XCTAssertTrue(tables.contains(table), table)
            }
        }
    }

    func testReopeningRunsNoMigrationTwice() throws {
        try store.createConversation(conversation("kept", minutesAgo: 5), actor: "test", at: now)
        let again = try SQLiteStore(path: store.path)
        XCTAssertEqual(try again.queueSize(.init()), 1)
    }

    func testAStoreFromANewerBatonIsRefused() throws {
        try store.write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        XCTAssertThrowsError(try SQLiteStore(path: store.path)) { error in
            XCTAssertEqual(error as? StoreError, .newerSchema(path: store.path, found: 99, known: Schema.migrations.count))
        }
    }

    func testManyProcessesOpeningANewStoreAtOnceAllSucceed() throws {
        let path = folder + "/race.sqlite"
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do { _ = try SQLiteStore(path: path) } catch { failures.add("\(error)") }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try SQLiteStore(path: path).queueSize(.init()), 0)
    }

    func testQueueWindowIsOneIndexWalkWithNoSort() throws {
        let (condition, _) = try SQLiteStore.condition(for: .init())
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT c.* FROM conversations c WHERE \(condition) ORDER BY \(SQLiteStore.queueOrder) LIMIT 20 OFFSET 0")
                .map { $0["detail"] as String }.joined(separator: "\n")
        }
        XCTAssertTrue(plan.contains("conversations_queue"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }

    func testInsertingAMessageBuildsNoTemporaryTableForItsChecks() throws {
        try store.read { db in
            for sql in ["INSERT INTO messages (conversation_id, author_kind, author_name, body, created_at) VALUES (1, 'team', 'a', 'b', 1)",
                        "INSERT INTO conversations (customer_name, tier_id, subject, status, source, created_at, updated_at) VALUES ('A', 't', 's', 'open', 'slack', 1, 1)"] {
                let opcodes = try Row.fetchAll(db, sql: "EXPLAIN " + sql).map { $0["opcode"] as String }
                XCTAssertFalse(opcodes.contains("OpenEphemeral"), "\(sql): \(opcodes.joined(separator: " "))")
            }
        }
    }

    func testTheChecksStillRefuseWhatTheyRefusedBefore() throws {
        let id = try store.createConversation(conversation("kept", minutesAgo: 5), actor: "test", at: now)
        try store.read { db in XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA integrity_check"), "ok") }
        for sql in ["INSERT INTO messages (conversation_id, author_kind, author_name, body, created_at) VALUES (\(id), 'stranger', 'a', 'b', 1)",
                    "UPDATE conversations SET status = 'lost' WHERE id = \(id)",
                    "UPDATE conversations SET source = 'fax' WHERE id = \(id)"] {
            XCTAssertThrowsError(try store.write { db in try db.execute(sql: sql) }, sql) { error in
                XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_CONSTRAINT, "\(error)")
            }
        }
        try store.write { db in try db.execute(sql: "UPDATE conversations SET status = 'on_hold' WHERE id = \(id)") }
    }

    /// A store made by the baton before migration 7, with a conversation in it, opens,
    /// keeps its rows and gets the new checks.
    func testAStoreAtSchemaSixIsMigratedInPlace() throws {
        let path = folder + "/six.sqlite"
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            for migration in Schema.migrations.prefix(6) { try db.execute(sql: migration) }
            try db.execute(sql: "PRAGMA user_version = 6")
            try db.execute(sql: """
                INSERT INTO conversations (id, customer_name, tier_id, subject, status, source, created_at, updated_at) VALUES (7, 'Acme', 'enterprise', 'old', 'open', 'email', 1, 1);
                INSERT INTO messages (conversation_id, author_kind, author_name, body, created_at) VALUES (7, 'customer', 'Priya', 'before the upgrade', 1);
                INSERT INTO messages_fts (rowid, body) SELECT id, body FROM messages;
                INSERT INTO conversations (id, customer_name, tier_id, subject, status, source, created_at, updated_at, sla_due)
                    VALUES (8, 'Acme', 'enterprise', 'bot alert', 'new', 'slack', 1, 1, 3601);
                UPDATE conversations SET awaiting_since = 1, sla_due = 3601 WHERE id = 7;
                """)
        }
        try old.close()
        chmod(path, 0o600)
        let store = try SQLiteStore(path: path)
        try store.read { db in
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA integrity_check"), "ok")
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA user_version"), Schema.migrations.count)
            let tables = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_schema WHERE name IN ('messages', 'conversations')").joined()
            XCTAssertFalse(tables.contains("author_kind IN"), tables)
            XCTAssertFalse(tables.contains("status IN"), tables)
            XCTAssertTrue(tables.contains("author_kind = 'customer' OR author_kind = 'team'"), tables)
            XCTAssertEqual(try String.fetchOne(db, sql: "SELECT body FROM messages WHERE rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'upgrade')"),
                           "before the upgrade")
        }
        XCTAssertThrowsError(try store.write { db in try db.execute(sql: "UPDATE conversations SET status = 'lost' WHERE id = 7") })
        try store.read { db in
            XCTAssertEqual(try Int64.fetchOne(db, sql: "SELECT sla_due FROM conversations WHERE id = 7"), 3601, "the customer is owed an answer still")
            XCTAssertNil(try Int64.fetchOne(db, sql: "SELECT sla_due FROM conversations WHERE id = 8"), "migration 8: a thread only a bot wrote in owes nothing")
        }
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.lock(); list.append(failure); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
