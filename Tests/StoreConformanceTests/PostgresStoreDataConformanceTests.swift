import BatonCore
import BatonStore
import Foundation
import XCTest
@testable import BatonPostgres

/// `StoreDataConformance` (alerts, owner changes, metrics, attachments) on a PostgreSQL
/// server, each case from an empty database; plus what only a second backend can show: the
/// same fixture read from SQLite and from PostgreSQL gives the same metrics.
final class PostgresStoreDataConformanceTests: StoreDataConformance {
    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let url = PostgresStoreConformanceTests.url else {
            throw XCTSkip("BATON_TEST_POSTGRES_URL is not set: no PostgreSQL server for this run (`make test` starts one)")
        }
        try PostgresStore.dropEverything(url: url)
    }

    override func makeStore() throws -> StoreBackend {
        try openStore(location: try XCTUnwrap(PostgresStoreConformanceTests.url))
    }

    override class func setUp() {
        super.setUp()
        PostgresStore.register()
    }

    // The shared cases, declared here too so that every test runner lists them for this class.
    override func testAnAlertIsRaisedOnceByKeyAcrossConnections() throws { try super.testAnAlertIsRaisedOnceByKeyAcrossConnections() }
    override func testAcknowledgingIsOnceAndAnAuditEvent() throws { try super.testAcknowledgingIsOnceAndAnAuditEvent() }
    override func testEscalationsAndBreachesAreEventsAndAGapEscalationWaitsForPoint() throws {
        try super.testEscalationsAndBreachesAreEventsAndAGapEscalationWaitsForPoint()
    }
    override func testTheNotifyClaimGoesToExactlyOneOfEightConnections() throws { try super.testTheNotifyClaimGoesToExactlyOneOfEightConnections() }
    override func testANotifyOutcomeIsKeptAndAFailureIsAnEvent() throws { try super.testANotifyOutcomeIsKeptAndAFailureIsAnEvent() }
    override func testLastKeysComeFromOpenScreensOnly() throws { try super.testLastKeysComeFromOpenScreensOnly() }
    override func testAnOpenScreenHoldsTheStoreForACopy() throws { try super.testAnOpenScreenHoldsTheStoreForACopy() }
    override func testAWatchRaisesAnAtRiskAlertOnceAcrossProcesses() throws { try super.testAWatchRaisesAnAtRiskAlertOnceAcrossProcesses() }
    override func testOwnerChangesAreFieldsOfTheirEvents() throws { try super.testOwnerChangesAreFieldsOfTheirEvents() }
    override func testMetricsOfASmallDay() throws { try super.testMetricsOfASmallDay() }
    override func testAttachmentsKeepTheirBytesAndOrder() throws { try super.testAttachmentsKeepTheirBytesAndOrder() }

    /// The same fixture on a SQLite store and on PostgreSQL: the same rows for the metrics,
    /// and the same report for every grouping.
    func testTheSameStoreGivesTheSameMetricsOnBothBackends() throws {
        let postgres = try teamStore()
        let sqlite = try openStore(location: folder + "/same.sqlite")
        try sqlite.syncTeam(team(sqlite))
        XCTAssertEqual(try metricsFixture(sqlite), try metricsFixture(postgres))
        let fromSQLite = try sqlite.metricsData(from: metricsPeriod.from, to: metricsPeriod.to)
        let fromPostgres = try postgres.reopenMetrics().metricsData(from: metricsPeriod.from, to: metricsPeriod.to)
        XCTAssertFalse(fromSQLite.messages.isEmpty)
        XCTAssertFalse(fromSQLite.events.isEmpty)
        XCTAssertEqual(fromPostgres.conversations, fromSQLite.conversations)
        XCTAssertEqual(fromPostgres.messages, fromSQLite.messages)
        XCTAssertEqual(fromPostgres.events, fromSQLite.events)
        XCTAssertEqual(fromPostgres.nps, fromSQLite.nps)
        XCTAssertEqual(fromPostgres.policies, fromSQLite.policies)
        for grouping in MetricsGrouping.allCases {
            XCTAssertEqual(try metricsReport(postgres, grouping: grouping), try metricsReport(sqlite, grouping: grouping), "by \(grouping)")
        }
    }

    /// A copy to PostgreSQL sends many rows a statement: a table of more rows than one
    /// statement carries lands whole, the same on a second copy, and the ids go on after it.
    func testACopyOfMoreRowsThanOneStatementCarriesLandsWhole() throws {
        let sqlite = try openStore(location: folder + "/many.sqlite")
        try sqlite.syncTeam(team(sqlite))
        let count = PostgresStore.copyRowsPerStatement * 2 + 7
        try sqlite.intake(actor: "ingest", at: now) { writer in
            for index in 0..<count {
                _ = try writer.create(conversation("many \(index)", minutesAgo: Double(index % 300), owner: index % 3 == 0 ? "ana" : nil,
                                                   key: "k\(index)", messageKey: "m\(index)"))
            }
        }
        let postgres = try teamStore()
        let from = try XCTUnwrap(sqlite as? StoreCopying), into = try XCTUnwrap(postgres as? StoreCopying)
        let report = try StoreCopy.run(from: from, to: into, sourceName: "many.sqlite", targetName: "postgres", now: now)
        let counts = { (backend: StoreBackend) in
            (try backend.queueSize(QueueQuery()), try backend.queueWindow(QueueQuery(), offset: 0, limit: count + 10).map(\.subject).sorted())
        }
        let (sqliteSize, sqliteSubjects) = try counts(sqlite)
        let (postgresSize, postgresSubjects) = try counts(postgres)
        XCTAssertEqual(sqliteSize, count)
        XCTAssertEqual(postgresSize, count)
        XCTAssertEqual(postgresSubjects, sqliteSubjects)
        for table in ["conversations", "messages"] {
            XCTAssertEqual(report.tables.first { $0.name == table }?.inserted, count, table)
        }
        let again = try StoreCopy.run(from: from, to: into, sourceName: "many.sqlite", targetName: "postgres", now: now)
        XCTAssertEqual(again.tables.map(\.inserted).reduce(0, +), 0, "a second copy copies nothing")
        XCTAssertEqual(again.tables.first { $0.name == "messages" }?.targetRows, count)
        let next = try postgres.createConversation(conversation("after the copy", minutesAgo: 1), actor: "t", at: now)
        XCTAssertEqual(next, Int64(count + 1))
    }

    /// The server itself refuses bytes that are not their digest's, and a content past 25 MB.
    func testTheServerChecksAnAttachmentsDigestAndSize() throws {
        let backend = try teamStore()
        let text = Array("hello".utf8)
        let wrong = NewAttachment(name: "a.txt", contentType: "text/plain", data: text, digest: String(repeating: "0", count: 64))
        XCTAssertThrowsError(try backend.intake(actor: "ingest", at: now) { writer in
            _ = try writer.create(conversation("wrong digest", minutesAgo: 5, key: "c1", messageKey: "m1"))
            try writer.keepAttachments([wrong], ofMessage: "m1")
        }) { XCTAssertTrue("\($0)".contains("attachment_contents"), "\($0)") }
        let big = [UInt8](repeating: 7, count: 25 * 1024 * 1024 + 1)
        let tooBig = NewAttachment(name: "big.bin", contentType: "application/octet-stream", data: big, digest: try Self.sha256(big))
        XCTAssertThrowsError(try backend.intake(actor: "ingest", at: now) { writer in
            _ = try writer.create(conversation("too big", minutesAgo: 5, key: "c2", messageKey: "m2"))
            try writer.keepAttachments([tooBig], ofMessage: "m2")
        }) { XCTAssertTrue("\($0)".contains("attachment_contents"), "\($0)") }
        XCTAssertEqual(try backend.queueSize(QueueQuery()), 0, "nothing of either unit landed")
    }
}
