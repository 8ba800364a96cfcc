import BatonCore
@testable import BatonStore
import Foundation
import XCTest

/// The queue an engineer steers, through the real binary in tmux: the `:` command line,
/// the views on number keys, and the `/` filter's qualifiers; and the same language in
/// `baton conv list --filter`.
final class ScreenDataEndToEndTests: XCTestCase {
    static let baton = EndToEndTests.baton

    var folder: String!
    var config: String!
    var store: SQLiteStore!
    var tmux: Tmux!

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.baton), "build baton first (make test does)")
        folder = NSTemporaryDirectory() + "baton-steer-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        config = folder + "/baton.toml"
        try """
            store = "store.sqlite"
            [[tier]]
            id = "enterprise"
            short = "ENT"
            first_response = "1h"
            [[tier]]
            id = "pro"
            short = "PRO"
            first_response = "4h"
            [[engineer]]
            id = "ana"
            region = "europe"
            [[engineer]]
            id = "dave"
            region = "europe"
            [[customer]]
            id = "acme"
            name = "Acme"
            tier = "enterprise"
            [[customer]]
            id = "globex"
            name = "Globex"
            tier = "pro"
            [[view]]
            name = "billing"
            filter = "tag:billing"
            key = "7"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        store = try SQLiteStore(path: folder + "/store.sqlite")
        try store.markAsDemo()  // BATON_AS counts only on a demo store
        try Shell.run(Self.baton, ["conv", "list", "--config", config])  // syncs the tiers into the store
        let now = Date()
        func add(_ subject: String, _ customer: String, tier: String, minutesAgo: Double) throws -> Int64 {
            let at = now.addingTimeInterval(-minutesAgo * 60)
            return try store.createConversation(NewConversation(customerID: customer, customerName: customer.capitalized, tierID: tier, subject: subject, source: .email,
                                                                messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "error:500 on login", createdAt: at)]),
                                                actor: "test", at: at)
        }
        let router = try add("Router drops subscriptions", "acme", tier: "enterprise", minutesAgo: 90)
        let invoice = try add("Invoice shows double seats", "globex", tier: "pro", minutesAgo: 30)
        _ = try add("Playground shows stale schema", "acme", tier: "enterprise", minutesAgo: 10)
        _ = try store.claim(router, actor: "ana", at: now)
        _ = try store.claim(invoice, actor: "dave", at: now)
        _ = try store.tag(invoice, add: ["billing"], remove: [], actor: "dave", at: now)
        tmux = Tmux()
    }

    override func tearDownWithError() throws {
        tmux.kill()
        store = nil
        try? FileManager.default.removeItem(atPath: folder)
    }

    func rows(_ screen: String) -> [String] {
        screen.components(separatedBy: "\n").filter { $0.contains(" ENT ") || $0.contains(" PRO ") }
    }

    func testTheCommandLineViewsAndFilterQualifiersDriveTheQueue() throws {
        try tmux.start("env BATON_AS=ana LANG=C.UTF-8 TERM=tmux-256color \(Self.baton) --config \(config!); sleep 30", width: 100, height: 16)
        var screen = try tmux.wait(for: "the queue") { $0.contains("Playground") }
        XCTAssertEqual(rows(screen).count, 3, screen)
        XCTAssertTrue(screen.contains("# ") || screen.contains(" #"), "the # column:\n\(screen)")

        // Views on number keys, named in the header.
        try tmux.keys("2")
        screen = try tmux.wait(for: "the mine view") { $0.contains("[mine]") && self.rows($0).count == 1 }
        XCTAssertTrue(rows(screen)[0].contains("Router"), screen)
        try tmux.keys("3")
        screen = try tmux.wait(for: "the unowned view") { $0.contains("[unowned]") && self.rows($0).count == 1 }
        XCTAssertTrue(rows(screen)[0].contains("Playground"), screen)
        try tmux.keys("7")
        screen = try tmux.wait(for: "the saved billing view") { $0.contains("[billing]") && self.rows($0).count == 1 }
        XCTAssertTrue(rows(screen)[0].contains("Invoice"), screen)
        try tmux.keys("1")
        _ = try tmux.wait(for: "all open again") { self.rows($0).count == 3 && !$0.contains("[") }

        // The filter's qualifiers; a word with a colon that is no qualifier is text.
        try tmux.keys("/", "owner:dave")
        screen = try tmux.wait(for: "owner:dave") { self.rows($0).count == 1 }
        XCTAssertTrue(rows(screen)[0].contains("Invoice"), screen)
        try tmux.keys("C-u", "tier:ent customer:acme")
        screen = try tmux.wait(for: "tier and customer") { self.rows($0).count == 2 && !$0.contains("Invoice") }
        try tmux.keys("C-u", "error:500 is:unowned")
        screen = try tmux.wait(for: "a plain word with a colon and is:unowned") { self.rows($0).count == 1 && $0.contains("Playground") }
        try tmux.keys("Enter")
        _ = try tmux.wait(for: "the filter kept in the footer") { $0.contains("/error:500 is:u") }
        try tmux.keys("Escape")
        _ = try tmux.wait(for: "the filter cleared") { self.rows($0).count == 3 }

        // The command line: claim the selected row, open by number, complete a name.
        try tmux.keys("j", ":", "cla", "Tab")
        _ = try tmux.wait(for: "claim completed") { $0.contains(": claim") }
        try tmux.keys("Enter")
        _ = try tmux.wait(for: "the claim's outcome") { screen in
            screen.contains("claim: — → ana") || self.rows(screen).contains { $0.contains("Playground") && $0.contains(" ana ") }
        }
        XCTAssertEqual(try store.conversation(3).row.ownerID, "ana")
        try tmux.keys(":", "#2", "Enter")
        screen = try tmux.wait(for: "conversation 2 opened") { $0.contains("#2 Invoice shows double seats") }
        try tmux.keys(":", "assign d", "Tab", "Enter")
        _ = try tmux.wait(for: "the assign's outcome") { $0.contains("#2 assign") || $0.contains("nothing to change") }
        try tmux.keys(":", "q", "Enter")
        _ = try tmux.wait(for: "baton to quit") { !$0.contains("Invoice") }
    }

    func testAViewOnABoundKeyIsRefusedBeforeTheScreenStarts() throws {
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: "key = \"7\"", with: "key = \"c\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Shell.run(Self.baton, ["--config", config])) { error in
            let failure = error as! ShellError
            XCTAssertEqual(failure.status, 1)
            XCTAssertEqual(failure.stderr, "baton: \(self.config!): view[1].key: \"c\" is bound already: claim: own an unowned conversation (every marked one)\n")
        }
    }

    func testConvListTakesTheSameFilterLanguage() throws {
        func list(_ filter: String) throws -> [String] {
            try Shell.run(Self.baton, ["conv", "list", "--config", config, "--json", "--filter", filter], environment: ["BATON_AS": "ana"])
                .components(separatedBy: "\"subject\"").dropFirst().map { String($0.prefix(40)) }
        }
        XCTAssertEqual(try list("owner:dave").count, 1)
        XCTAssertTrue(try list("tag:billing")[0].contains("Invoice"))
        XCTAssertEqual(try list("is:mine").count, 1, "is:mine is whoever runs it")
        XCTAssertEqual(try list("customer:acme tier:ent").count, 2)
        XCTAssertEqual(try list("error:500").count, 3, "no qualifier: plain text, found in every message")
        XCTAssertEqual(try list("shows is:unowned").count, 1)
        XCTAssertEqual(try list("status:solved").count, 0)
    }
}
