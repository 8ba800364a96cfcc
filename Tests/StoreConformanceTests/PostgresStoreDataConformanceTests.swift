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
