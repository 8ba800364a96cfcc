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
        let (condition, _) = SQLiteStore.condition(for: .init())
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT c.* FROM conversations c WHERE \(condition) ORDER BY \(SQLiteStore.queueOrder) LIMIT 20 OFFSET 0")
                .map { $0["detail"] as String }.joined(separator: "\n")
        }
        XCTAssertTrue(plan.contains("conversations_queue"), plan)
        XCTAssertFalse(plan.contains("TEMP B-TREE"), plan)
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.lock(); list.append(failure); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
