import BatonCore
import BatonStore
import Foundation
import XCTest

/// A screen on a PostgreSQL store gets alerts as on SQLite (issue 16 with issue 12's item
/// 8): the conversation crosses into its warning window, the bell reaches the tmux pane,
/// and `x` acknowledges it in the database. The store is made on SQLite (marked as a demo
/// store, for BATON_AS and the moved clock) and moved with `baton store copy`.
extension AlertEndToEndTests {
    func testOnPostgresTheBellReachesThePaneAndXAcknowledges() throws {
        guard let url = ProcessInfo.processInfo.environment["BATON_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw XCTSkip("BATON_TEST_POSTGRES_URL is not set: no PostgreSQL server for this run (`make test` starts one)")
        }
        let database = "baton_alerts_" + UUID().uuidString.prefix(8).lowercased()
        _ = try Shell.run("/usr/bin/psql", [url, "-q", "-c", "CREATE DATABASE \(database)"])
        addTeardownBlock { _ = try? Shell.run("/usr/bin/psql", [url, "-q", "-c", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"]) }
        var components = try XCTUnwrap(URLComponents(string: url))
        components.path = "/" + database
        let target = try XCTUnwrap(components.string)

        _ = try Shell.run(Self.baton, ["conv", "list", "--config", config], environment: ["BATON_NOW": "2026-11-30T10:00:00Z", "TZ": "UTC"])
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        try store.markAsDemo()
        // Due at 10:16 (1 h from 09:16), at risk from 10:01.
        let at = ISO8601DateFormatter().date(from: "2026-11-30T09:16:00Z")!
        let id = try store.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Router drops",
                                                              source: .email, ownerID: "ana", ownerVia: .claim,
                                                              messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
                                              actor: "test", at: at)
        try Shell.run(Self.baton, ["store", "copy", "--to", target, "--config", config])
        try Self.configText.replacingOccurrences(of: "store = \"store.sqlite\"", with: "store = \"\(target)\"")
            .write(toFile: config, atomically: true, encoding: .utf8)

        try tmux.start("env LANG=C.UTF-8 TERM=tmux-256color TZ=UTC BATON_AS=ana BATON_NOW=2026-11-30T10:00:50Z BATON_CLOCK_SPEED=5 "
                       + "PGPASSFILE=\(ProcessInfo.processInfo.environment["PGPASSFILE"] ?? "") \(Self.baton) --config \(config!); sleep 30",
                       width: 100, height: 12)
        let before = try tmux.wait(for: "the queue") { $0.contains("Router drops") }
        XCTAssertFalse(before.contains("x acknowledges"), before)
        XCTAssertEqual(try tmux.run(["display", "-p", "-t", "main", "#{window_bell_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines), "0")

        let ringing = try tmux.wait(for: "the alert line", timeout: 15) { $0.contains("x acknowledges") }
        XCTAssertTrue(ringing.contains("! #\(id) at risk: Acme — Router drops · due in"), ringing)
        XCTAssertEqual(try tmux.run(["display", "-p", "-t", "main", "#{window_bell_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines), "1",
                       "the bell reached the pane")

        try tmux.keys("x")
        _ = try tmux.wait(for: "the acknowledgement") { $0.contains("acknowledged: #\(id) at risk") }
        XCTAssertEqual(try Shell.run("/usr/bin/psql", [target, "-At", "-c", "SELECT kind, acknowledged_by FROM alerts WHERE conversation_id = \(id) AND kind = 'at_risk'"]),
                       "at_risk|ana\n")
        XCTAssertEqual(try Shell.run("/usr/bin/psql", [target, "-At", "-c", "SELECT actor FROM events WHERE kind = 'alert_acknowledged'"]), "ana\n")
    }
}
