import BatonCore
import BatonStore
import Foundation
import XCTest
@testable import BatonPostgres

/// The conformance suite on a PostgreSQL server: `make test` starts one
/// (scripts/postgres-test-server.sh) and sets BATON_TEST_POSTGRES_URL and PGPASSFILE.
/// Each test starts from an empty database (the schema dropped and made again).
final class PostgresStoreConformanceTests: StoreConformance {
    static var url: String? { ProcessInfo.processInfo.environment["BATON_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let url = Self.url else {
            throw XCTSkip("BATON_TEST_POSTGRES_URL is not set: no PostgreSQL server for this run (`make test` starts one)")
        }
        try PostgresStore.dropEverything(url: url)
    }

    override func makeStore() throws -> StoreBackend {
        try openStore(location: try XCTUnwrap(Self.url))
    }

    override class func setUp() {
        super.setUp()
        PostgresStore.register()
    }

    // The shared cases, declared here too so that every test runner lists them for this class.
    override func testQueueWindowIsOrderedByDeadlineAndCounted() throws { try super.testQueueWindowIsOrderedByDeadlineAndCounted() }
    override func testFilterWordsAndQualifiers() throws { try super.testFilterWordsAndQualifiers() }
    override func testEveryWindowIsItsSliceOfTheQueue() throws { try super.testEveryWindowIsItsSliceOfTheQueue() }
    override func testCountsUseEachTiersOwnWarning() throws { try super.testCountsUseEachTiersOwnWarning() }
    override func testDetailHasMessagesAndTheCreatedEvent() throws { try super.testDetailHasMessagesAndTheCreatedEvent() }
    override func testAKnownExternalKeyReturnsTheSameConversation() throws { try super.testAKnownExternalKeyReturnsTheSameConversation() }
    override func testIntakeUnitLandsWholeOrNotAtAll() throws { try super.testIntakeUnitLandsWholeOrNotAtAll() }
    override func testOpenConversationByCustomerAndSubject() throws { try super.testOpenConversationByCustomerAndSubject() }
    override func testClaimRefusesSomeoneElsesAndRecordsTheEvent() throws { try super.testClaimRefusesSomeoneElsesAndRecordsTheEvent() }
    override func testAStaleVersionIsRefused() throws { try super.testAStaleVersionIsRefused() }
    override func testTwoConnectionsClaimingAtOnceExactlyOneWins() throws { try super.testTwoConnectionsClaimingAtOnceExactlyOneWins() }
    override func testNotesTagsAndCollaborators() throws { try super.testNotesTagsAndCollaborators() }
    override func testDraftsAreKeptPerAuthorAndKind() throws { try super.testDraftsAreKeptPerAuthorAndKind() }
    override func testPresenceShowsOthersAndDropsTheStale() throws { try super.testPresenceShowsOthersAndDropsTheStale() }
    override func testAnotherConnectionsWriteMovesTheChangeToken() throws { try super.testAnotherConnectionsWriteMovesTheChangeToken() }
    override func testHandoffsRunOnceAcrossConnections() throws { try super.testHandoffsRunOnceAcrossConnections() }
    override func testOverridesAndThePointNoticeTheyLeave() throws { try super.testOverridesAndThePointNoticeTheyLeave() }
    override func testQuarantineKeepsTheBytesOnce() throws { try super.testQuarantineKeepsTheBytesOnce() }
    override func testLeaseHasOneHolderAtATime() throws { try super.testLeaseHasOneHolderAtATime() }

    override func testAQueuedReplyIsClaimedOnceAndMarkedSent() throws { try super.testAQueuedReplyIsClaimedOnceAndMarkedSent() }

    override func testMergeMovesEveryMessageAndSplitTakesThemBack() throws { try super.testMergeMovesEveryMessageAndSplitTakesThemBack() }

    /// The version of the schema is checked: a database migrated by a newer baton is refused by name.
    func testANewerSchemaIsRefused() throws {
        let store = try PostgresStore(url: try XCTUnwrap(Self.url))
        try store.executeScript("UPDATE baton_schema SET version = 999")
        XCTAssertThrowsError(try PostgresStore(url: try XCTUnwrap(Self.url))) { error in
            guard case .newerSchema(_, found: 999, known: _)? = error as? StoreError else { return XCTFail("\(error)") }
        }
    }

    /// A wrong password is refused with the server's words, naming the store.
    func testAWrongPasswordIsRefusedByName() throws {
        let url = try XCTUnwrap(Self.url)
        XCTAssertThrowsError(try PostgresStore(url: url, environment: ["PGPASSWORD": "not-the-password"])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("password authentication failed"), text)
            XCTAssertTrue(text.contains("cannot open the store postgres://baton@"), text)
        }
    }

    /// The change feed names the conversation that changed (LISTEN/NOTIFY payloads are ids only).
    func testTheFeedNamesTheChangedConversation() throws {
        let store = try XCTUnwrap(try teamStore() as? PostgresStore)
        let other = try store.reopen()
        XCTAssertTrue(store.feed.waitUntilListening(timeout: 5))
        _ = store.takeChangedConversations()
        let id = try other.createConversation(conversation("noticed", minutesAgo: 1), actor: "t", at: now)
        let deadline = Date().addingTimeInterval(2)
        var seen: Set<Int64> = []
        while !seen.contains(id), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            seen.formUnion(store.takeChangedConversations())
        }
        XCTAssertTrue(seen.contains(id), "notified ids: \(seen)")
    }
}

/// The start-up grant check names what is missing and the statement that adds it.
final class PostgresGrantTests: XCTestCase {
    func testAMissingGrantIsNamedAtStart() throws {
        guard let url = PostgresStoreConformanceTests.url else {
            throw XCTSkip("BATON_TEST_POSTGRES_URL is not set: no PostgreSQL server for this run (`make test` starts one)")
        }
        try PostgresStore.dropEverything(url: url)
        let fresh = try PostgresStore(url: url)
        // The owner may take its own grants away, and give them back.
        try fresh.executeScript("REVOKE INSERT, DELETE ON TABLE conversations FROM CURRENT_USER")
        defer { try? fresh.executeScript("GRANT INSERT, DELETE ON TABLE conversations TO CURRENT_USER") }
        let parsed = try PostgresURL(url)
        XCTAssertThrowsError(try PostgresStore(url: url)) { error in
            XCTAssertEqual("\(error)", "cannot open the store \(parsed): the role \(parsed.user) lacks DELETE, INSERT on conversations; "
                           + "as the database's owner, run: GRANT DELETE, INSERT ON TABLE conversations TO \(parsed.user);")
        }
    }
}
