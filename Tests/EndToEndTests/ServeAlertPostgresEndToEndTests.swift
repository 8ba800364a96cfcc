import BatonCore
import BatonStore
import Foundation
import XCTest

/// `baton serve` on a PostgreSQL store gets alerts as on SQLite (issue 16 with issue 12's
/// items 9 and 10): two serves at once, no screen open, `notify_command` run once for the
/// at-risk alert and once for its escalation, the escalation one event. The conversation
/// is made on a SQLite store and moved with `baton store copy`, the way a team moves.
extension ServeAlertEndToEndTests {
    func testServeOnPostgresRunsNotifyCommandOnceAcrossTwoServes() throws {
        guard let url = ProcessInfo.processInfo.environment["BATON_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw XCTSkip("BATON_TEST_POSTGRES_URL is not set: no PostgreSQL server for this run (`make test` starts one)")
        }
        // A database of its own, so the other PostgreSQL tests (which empty theirs) are not disturbed.
        let database = "baton_serve_" + UUID().uuidString.prefix(8).lowercased()
        _ = try Shell.run("/usr/bin/psql", [url, "-q", "-c", "CREATE DATABASE \(database)"])
        addTeardownBlock { _ = try? Shell.run("/usr/bin/psql", [url, "-q", "-c", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"]) }
        var components = try XCTUnwrap(URLComponents(string: url))
        components.path = "/" + database
        let target = try XCTUnwrap(components.string)

        _ = try Shell.run(Self.baton, ["conv", "list", "--config", config])
        // Due in ten minutes: at risk since five minutes ago; ana has no screen open.
        let at = Date().addingTimeInterval(-50 * 60)
        let id = try SQLiteStore(path: folder + "/store.sqlite").createConversation(
            NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Router drops", source: .email, ownerID: "ana",
                            ownerVia: .claim, messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
            actor: "test", at: at)
        try Shell.run(Self.baton, ["store", "copy", "--to", target, "--config", config])
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "store = \"store.sqlite\"", with: "store = \"\(target)\"").write(toFile: config, atomically: true, encoding: .utf8)

        func serve(_ number: Int) throws -> Process {
            let server = Process()
            server.executableURL = URL(fileURLWithPath: Self.baton)
            server.arguments = ["serve", "--config", config]
            var environment = ProcessInfo.processInfo.environment
            environment["BATON_NOW"] = nil
            server.environment = environment
            _ = FileManager.default.createFile(atPath: folder + "/serve\(number).err", contents: nil)
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle(forWritingAtPath: folder + "/serve\(number).err")
            try server.run()
            return server
        }
        let first = try serve(1), second = try serve(2)
        defer {
            for server in [first, second] { server.terminate(); server.waitUntilExit() }
        }
        let deadline = Date().addingTimeInterval(20)
        while lines().count < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        Thread.sleep(forTimeInterval: 1)
        let logs = [1, 2].map { (try? String(contentsOfFile: folder + "/serve\($0).err", encoding: .utf8)) ?? "" }.joined(separator: "\n")
        XCTAssertEqual(lines(), ["at_risk|\(id)|acme|Router drops|ana|from serve", "escalated|\(id)|acme|Router drops||from serve"], logs)
        XCTAssertEqual(try Shell.run("/usr/bin/psql", [target, "-At", "-c", "SELECT detail FROM events WHERE kind = 'escalated'"]),
                       "to notify_command (nobody holds point): ana is off shift; ana has no baton screen open\n")
        XCTAssertEqual(try Shell.run("/usr/bin/psql", [target, "-At", "-c", "SELECT count(*) FROM alerts WHERE notify_claimed_by IS NOT NULL AND notify_outcome LIKE 'notify.sh exit 0'"]),
                       "2\n", "each alert claimed by one serve, its outcome stored")
    }
}
