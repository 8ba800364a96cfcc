import BatonCore
import BatonStore
import Foundation
import XCTest

/// Issue 12, item 8 through the real binary in tmux: a conversation crosses into its
/// warning window, the bell reaches the pane (tmux's `window_bell_flag`), the footer says
/// why, and `x` acknowledges it in the store.
final class AlertEndToEndTests: XCTestCase {
    static let baton = EndToEndTests.baton
    var folder: String!
    var config: String!
    let tmux = Tmux()

    static let configText = """
        store = "store.sqlite"
        [[tier]]
        id = "enterprise"
        short = "ENT"
        first_response = "1h"
        warn_before = "15m"
        [[engineer]]
        id = "ana"
        region = "europe"
        [[region]]
        id = "europe"
        tz = "Europe/Berlin"
        takes_point = "07:00"
        roster = ["ana"]
        [[customer]]
        id = "acme"
        name = "Acme"
        tier = "enterprise"
        """

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.baton), "build baton first (make test does)")
        folder = NSTemporaryDirectory() + "baton-alerts-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        config = folder + "/baton.toml"
        try Self.configText.write(toFile: config, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        tmux.kill()
        try? FileManager.default.removeItem(atPath: folder)
    }

    func testTheBellReachesThePaneWhenAConversationCrossesIntoItsWarningWindow() throws {
        _ = try Shell.run(Self.baton, ["conv", "list", "--config", config], environment: ["BATON_NOW": "2026-11-30T10:00:00Z", "TZ": "UTC"])
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        // BATON_AS and a moved clock that writes (alerts, like handoffs) are for the demo's store only.
        try store.markAsDemo()
        // Due at 10:16 (1 h from 09:16), at risk from 10:01.
        let at = ISO8601DateFormatter().date(from: "2026-11-30T09:16:00Z")!
        let id = try store.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Router drops",
                                                              source: .email, ownerID: "ana", ownerVia: .claim,
                                                              messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
                                              actor: "test", at: at)
        // The scaled clock starts ten seconds before the window opens and runs five times as fast.
        try tmux.start("env LANG=C.UTF-8 TERM=tmux-256color TZ=UTC BATON_AS=ana BATON_NOW=2026-11-30T10:00:50Z BATON_CLOCK_SPEED=5 "
                       + "\(Self.baton) --config \(config!); sleep 30", width: 100, height: 12)
        let before = try tmux.wait(for: "the queue") { $0.contains("Router drops") }
        XCTAssertFalse(before.contains("x acknowledges"), before)
        XCTAssertEqual(try tmux.run(["display", "-p", "-t", "main", "#{window_bell_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines), "0")

        let ringing = try tmux.wait(for: "the alert line", timeout: 15) { $0.contains("x acknowledges") }
        XCTAssertTrue(ringing.contains("! #\(id) at risk: Acme — Router drops · due in"), ringing)
        let bell = try tmux.run(["display", "-p", "-t", "main", "#{window_bell_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(bell, "1", "the bell reached the pane")

        try tmux.keys("x")
        let acknowledged = try tmux.wait(for: "the acknowledgement") { $0.contains("acknowledged: #\(id) at risk") }
        XCTAssertFalse(acknowledged.contains("x acknowledges"), acknowledged)
        XCTAssertEqual(try store.openAlerts(for: "ana", holdsPoint: true), [])
        XCTAssertEqual(try store.conversation(id).events.filter { $0.kind == "alert_acknowledged" }.map(\.actor), ["ana"])
    }
}
