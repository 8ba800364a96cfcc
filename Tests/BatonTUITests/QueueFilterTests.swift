import BatonCore
import BatonStore
import BatonTestSupport
import Foundation
import XCTest

/// The filter language, parsed and then run by the real store's queue query.
final class QueueFilterTests: XCTestCase {
    var folder: String!
    var store: SQLiteStore!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "baton-filter-\(UUID().uuidString)"
        store = try SQLiteStore(path: folder + "/baton.sqlite")
        try store.syncTeam(Fixtures.team(storePath: store.path))
        func add(_ subject: String, customer: String, tier: String, author: String, body: String, minutesAgo: Double) throws -> Int64 {
            let at = Fixtures.now.addingTimeInterval(-minutesAgo * 60)
            return try store.createConversation(NewConversation(customerID: customer, customerName: customer.capitalized, tierID: tier, subject: subject, source: .email,
                                                                messages: [NewMessage(authorKind: .customer, authorName: author, body: body, createdAt: at)]),
                                                actor: "test", at: at)
        }
        let router = try add("Router drops subscriptions", customer: "acme", tier: "enterprise", author: "Priya Raman", body: "error:500 after deploy", minutesAgo: 90)
        let invoice = try add("Invoice shows double seats", customer: "globex", tier: "pro", author: "Hank Scorpio", body: "see https://globex.example/bill", minutesAgo: 30)
        let schema = try add("Playground shows stale schema", customer: "acme", tier: "enterprise", author: "Priya Raman", body: "stale again", minutesAgo: 10)
        _ = try store.claim(router, actor: "ana", at: Fixtures.now)
        _ = try store.claim(invoice, actor: "dave", at: Fixtures.now)
        _ = try store.tag(invoice, add: ["billing"], remove: [], actor: "dave", at: Fixtures.now)
        _ = try store.setStatus(schema, to: .pending, actor: "ana", expectedVersion: nil, at: Fixtures.now)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func subjects(_ filter: String, viewer: String? = "ana") throws -> [String] {
        try store.queueWindow(QueueQuery(filter: filter, viewer: viewer, now: Fixtures.now), offset: 0, limit: 50).map(\.subject).sorted()
    }

    func testQualifiersParseAndAnythingElseIsAWord() {
        XCTAssertEqual(QueueFilter("owner:Ana customer:acme tier:ent tag:Billing status:on-hold is:unowned is:mine is:breaching is:atrisk is:closed").terms,
                       [.owner("ana"), .customer("acme"), .tier("ent"), .tag("billing"), .status(.onHold), .unowned, .mine, .breaching, .atRisk, .closed])
        XCTAssertEqual(QueueFilter("error:500 https://x.io/a status:bogus is:whatever owner: router").terms,
                       [.word("error:500"), .word("https://x.io/a"), .word("status:bogus"), .word("is:whatever"), .word("owner:"), .word("router")])
        XCTAssertTrue(QueueFilter("status:solved").includesClosed)
        XCTAssertFalse(QueueFilter("status:pending").includesClosed)
    }

    func testEveryWordMustMatchSomewhere() throws {
        XCTAssertEqual(try subjects("shows"), ["Invoice shows double seats", "Playground shows stale schema"])
        XCTAssertEqual(try subjects("shows acme"), ["Playground shows stale schema"], "the customer and the subject")
        XCTAssertEqual(try subjects("billing"), ["Invoice shows double seats"], "a tag")
        XCTAssertEqual(try subjects("scorpio"), ["Invoice shows double seats"], "an author")
        XCTAssertEqual(try subjects("deploy"), ["Router drops subscriptions"], "the text")
        XCTAssertEqual(try subjects("error:500"), ["Router drops subscriptions"], "no qualifier: the text")
        XCTAssertEqual(try subjects("https://globex.example/bill"), ["Invoice shows double seats"], "a URL is text")
        XCTAssertEqual(try subjects("#1"), ["Router drops subscriptions"])
    }

    func testQualifiersNarrowByOneField() throws {
        XCTAssertEqual(try subjects("owner:dave"), ["Invoice shows double seats"])
        XCTAssertEqual(try subjects("customer:acme"), ["Playground shows stale schema", "Router drops subscriptions"])
        XCTAssertEqual(try subjects("customer:Glob"), ["Invoice shows double seats"], "a customer's name by its start")
        XCTAssertEqual(try subjects("tier:ent"), ["Playground shows stale schema", "Router drops subscriptions"])
        XCTAssertEqual(try subjects("tier:PRO"), ["Invoice shows double seats"], "the tier's short name")
        XCTAssertEqual(try subjects("tag:billing"), ["Invoice shows double seats"])
        XCTAssertEqual(try subjects("status:pending"), ["Playground shows stale schema"])
        XCTAssertEqual(try subjects("is:unowned"), ["Playground shows stale schema"])
        XCTAssertEqual(try subjects("is:mine"), ["Router drops subscriptions"])
        XCTAssertEqual(try subjects("is:mine", viewer: nil), [], "someone not on the roster owns nothing")
        XCTAssertEqual(try subjects("is:breaching"), ["Router drops subscriptions"], "90 minutes on a 1 h target")
        XCTAssertEqual(try subjects("is:atrisk"), ["Router drops subscriptions"])
        XCTAssertEqual(try subjects("is:unowned shows"), ["Playground shows stale schema"])
    }

    func testSolvedAndClosedOnlyWhenAskedFor() throws {
        _ = try store.setStatus(1, to: .solved, actor: "ana", expectedVersion: nil, at: Fixtures.now)
        XCTAssertEqual(try subjects("router"), [])
        XCTAssertEqual(try subjects("is:closed"), ["Router drops subscriptions"])
        XCTAssertEqual(try subjects("status:solved router"), ["Router drops subscriptions"])
        XCTAssertEqual(try store.queueSize(QueueQuery(filter: "is:closed")), 1)
    }
}
