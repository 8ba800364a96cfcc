import BatonCore
import BatonStore
import Foundation
import XCTest
@testable import BatonPostgres

/// The server going away under a store (issue 16 item 4): a killed connection is replaced on
/// the next call, a transaction whose connection died fails whole (never "committed" on a
/// new connection), the feed listens again, and a server that refuses is said as unreachable.
final class PostgresReconnectTests: XCTestCase {
    var url: String!

    override func setUpWithError() throws {
        guard let url = PostgresStoreConformanceTests.url else {
            throw XCTSkip("BATON_TEST_POSTGRES_URL is not set: no PostgreSQL server for this run (`make test` starts one)")
        }
        self.url = url
        try PostgresStore.dropEverything(url: url)
        PostgresStore.register()
    }

    let team = TeamConfig(storePath: "", rotation: Rotation(regions: [], settings: RotationSettings(anchor: LocalDate(year: 2026, month: 1, day: 5))), engineers: [Engineer(id: "ana", region: "europe")],
                          tiers: [Tier(id: "enterprise", short: "ENT", firstResponse: 3_600, nextResponse: 4 * 3_600)],
                          customers: [Customer(id: "acme", name: "Acme", tier: "enterprise")])

    /// Terminates the backend behind `session`, as `pg_terminate_backend` from an admin does,
    /// and waits until the client has seen its connection close.
    func kill(_ session: PostgresSession) throws {
        let pid = try XCTUnwrap(try session.query("SELECT pg_backend_pid() AS pid").first?.int("pid"))
        let admin = try PostgresStore(url: url)
        try admin.session.execute("SELECT pg_terminate_backend($1::int)", [.int(pid)])
        let deadline = Date().addingTimeInterval(2)
        while session.isConnected, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertFalse(session.isConnected, "the server closed it")
    }

    func testAKilledConnectionIsReplacedOnTheNextCall() throws {
        let store = try PostgresStore(url: url)
        try store.syncTeam(team)
        try kill(store.session)
        XCTAssertEqual(try store.queueCounts(now: Date()).open, 0, "a new connection, at once")
        XCTAssertTrue(store.session.isConnected)
    }

    func testATransactionWhoseConnectionDiedFailsWholeAndTheNextOneWorks() throws {
        let store = try PostgresStore(url: url)
        try store.session.execute("CREATE TABLE reconnect_probe (n BIGINT)")
        XCTAssertThrowsError(try store.session.transaction {
            try store.session.execute("INSERT INTO reconnect_probe VALUES (1)")
            try kill(store.session)
            try store.session.execute("INSERT INTO reconnect_probe VALUES (2)")
        }) { error in
            guard case .unreachable(_, let reason)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("in the middle of a transaction"), reason)
        }
        XCTAssertEqual(try store.session.query("SELECT count(*) AS n FROM reconnect_probe").first?.int("n"), 0, "nothing of it stored")
    }

    func testTheFeedListensAgainAfterItsConnectionIsKilled() throws {
        let store = try PostgresStore(url: url)
        try store.syncTeam(team)
        XCTAssertTrue(store.feed.waitUntilListening(timeout: 5))
        let before = try store.changeToken()
        let listener = try XCTUnwrap(store.feed.session)
        try kill(listener)
        let token = try store.changeToken()  // polls while not listening, and listens again
        XCTAssertNotEqual(token, before, "listening again counts as a change: what came meanwhile is unknown")
        XCTAssertTrue(listener.isConnected)
        _ = store.takeChangedConversations()
        let other = try store.reopen()
        let id = try other.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "after", source: .email,
                                                              messages: [NewMessage(authorKind: .customer, authorName: "P", body: "x", createdAt: Date())]),
                                              actor: "t", at: Date())
        let deadline = Date().addingTimeInterval(2)
        var seen: Set<Int64> = []
        while !seen.contains(id), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            seen.formUnion(store.takeChangedConversations())
        }
        XCTAssertTrue(seen.contains(id), "notified on the new listener: \(seen)")
    }

    func testAServerThatRefusesIsUnreachableNotAnError() throws {
        XCTAssertThrowsError(try PostgresStore(url: "postgres://baton@127.0.0.1:1/baton?sslmode=disable")) { error in
            guard let error = error as? StoreError, case .unreachable(_, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.isTransient)
            XCTAssertEqual(reason, "connection refused")
        }
        // A real error stays one: a wrong password is not "away".
        XCTAssertThrowsError(try PostgresStore(url: url, environment: ["PGPASSWORD": "not-the-password"])) { error in
            XCTAssertFalse((error as? StoreError)?.isTransient ?? true, "\(error)")
        }
    }
}
