import BatonCore
import BatonStore
import Foundation
import XCTest

/// Issue 12, items 9 and 10 through the real binary: `baton serve`, with no screen open,
/// raises the at-risk alert and its escalation, runs `notify_command` once for each with the
/// alert in its environment, and records the escalation as an event. Real time: serve
/// never alerts under BATON_NOW.
final class ServeAlertEndToEndTests: XCTestCase {
    static let baton = EndToEndTests.baton
    var folder: String!
    var config: String!

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.baton), "build baton first (make test does)")
        folder = NSTemporaryDirectory() + "baton-serve-alerts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        config = folder + "/baton.toml"
        let script = folder + "/notify.sh"
        try """
            #!/bin/sh
            echo "$BATON_ALERT|$BATON_CONVERSATION|$BATON_CUSTOMER|$BATON_SUBJECT|$BATON_ENGINEER|$1" >> "\(folder!)/notified"
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        // No region: nobody holds point, so the escalation goes to notify_command.
        try """
            store = "store.sqlite"
            notify_command = "\(script) 'from serve'"
            [[tier]]
            id = "enterprise"
            first_response = "1h"
            warn_before = "15m"
            escalate_after = "10m"
            [[engineer]]
            id = "ana"
            region = "europe"
            [[customer]]
            id = "acme"
            name = "Acme"
            tier = "enterprise"
            csm = "carol"
            """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func lines() -> [String] {
        ((try? String(contentsOfFile: folder + "/notified", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init).sorted()
    }

    func testServeRunsNotifyCommandOnceForAnAbsentOwnerAndEscalates() throws {
        _ = try Shell.run(Self.baton, ["conv", "list", "--config", config])
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        // Due in ten minutes: at risk since five minutes ago; ana has no screen open.
        let at = Date().addingTimeInterval(-50 * 60)
        let id = try store.createConversation(NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Router drops",
                                                              source: .email, ownerID: "ana", ownerVia: .claim,
                                                              messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
                                              actor: "test", at: at)
        func serve() throws -> Process {
            let server = Process()
            server.executableURL = URL(fileURLWithPath: Self.baton)
            server.arguments = ["serve", "--config", config]
            var environment = ProcessInfo.processInfo.environment
            environment["BATON_NOW"] = nil
            server.environment = environment
            FileManager.default.createFile(atPath: folder + "/serve.err", contents: nil)
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle(forWritingAtPath: folder + "/serve.err")
            try server.run()
            return server
        }
        // Two serves at once: the store's claim lets one run each command.
        let first = try serve(), second = try serve()
        defer {
            for server in [first, second] { server.terminate(); server.waitUntilExit() }
        }
        let deadline = Date().addingTimeInterval(20)
        while lines().count < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        Thread.sleep(forTimeInterval: 1)
        XCTAssertEqual(lines(), ["at_risk|\(id)|acme|Router drops|ana|from serve", "escalated|\(id)|acme|Router drops||from serve"],
                       (try? String(contentsOfFile: folder + "/serve.err", encoding: .utf8)) ?? "")
        let escalated = try store.conversation(id).events.filter { $0.kind == "escalated" }
        XCTAssertEqual(escalated.count, 1)
        XCTAssertEqual(escalated.first?.detail, "to notify_command (nobody holds point): ana is off shift; ana has no baton screen open")
    }
}
