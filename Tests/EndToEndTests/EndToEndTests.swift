import Foundation
import XCTest

/// The real binary in tmux against a temporary store, with a second process writing.
final class EndToEndTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let baton = root + "/.build/debug/baton"

    var folder: String!
    var config: String!
    var tmux: Tmux!

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.baton), "build baton first (make test does)")
        folder = NSTemporaryDirectory() + "baton-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        config = folder + "/baton.toml"
        try """
            store = "store.sqlite"
            [[tier]]
            id = "enterprise"
            short = "ENT"
            first_response = "1h"
            [[engineer]]
            id = "ana"
            region = "europe"
            [[region]]
            id = "europe"
            tz = "Europe/Berlin"
            takes_point = "07:00"
            days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            roster = ["ana"]
            [[customer]]
            id = "acme"
            name = "Acme"
            tier = "enterprise"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        tmux = Tmux()
    }

    override func tearDownWithError() throws {
        tmux.kill()
        try? FileManager.default.removeItem(atPath: folder)
    }

    func startBaton(width: Int = 80, height: Int = 24) throws {
        // The exit status lands in a file, so the test can see how baton ended.
        try tmux.start("env LANG=C.UTF-8 TERM=tmux-256color \(Self.baton) --config \(config!); echo $? > \(folder!)/exit; sleep 30", width: width, height: height)
        _ = try tmux.wait(for: "the queue") { $0.contains("baton · 0 open") }
    }

    func feed(_ count: Int) throws {
        try Shell.run(Self.baton, ["demo-feed", "--config", config, "--interval", "0.01", "--count", "\(count)"])
    }

    func testAWriteFromAnotherProcessAppearsAndKeysWork() throws {
        try startBaton()
        XCTAssertTrue(try tmux.screen().contains("No open conversations"))
        let written = Date()
        try feed(1)
        let screen = try tmux.wait(for: "the new conversation", timeout: 2) { $0.contains("baton · 1 open") }
        XCTAssertLessThan(Date().timeIntervalSince(written), 1.5, "shown within half a second of the write, plus the feeder's start")
        XCTAssertTrue(screen.contains(" ENT  Acme "), screen)
        XCTAssertTrue(screen.contains("point: ana (Europe)"), screen)

        try tmux.keys("Enter")
        let conversation = try tmux.wait(for: "the conversation") { $0.contains("· customer ·") }
        XCTAssertTrue(conversation.contains("History"), conversation)
        try tmux.keys("q")
        _ = try tmux.wait(for: "back on the queue") { $0.contains("SUBJECT") }
        try tmux.keys("?")
        _ = try tmux.wait(for: "the help") { $0.contains("─ keys ─") && $0.contains("other keys close") }
        try tmux.keys("x", "q")
        _ = try tmux.wait(for: "baton to quit") { _ in FileManager.default.fileExists(atPath: self.folder + "/exit") }
        XCTAssertEqual(try String(contentsOfFile: folder + "/exit", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "0")
    }

    func testSIGHUPRestoresTheTerminalAndExitsCleanly() throws {
        try startBaton()
        let pid = try Shell.run("/usr/bin/pgrep", ["-f", "^\(Self.baton) --config \(config!)"]).split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertFalse(pid.isEmpty)
        try Shell.run("/bin/kill", ["-HUP", pid])
        _ = try tmux.wait(for: "baton to exit on SIGHUP") { _ in FileManager.default.fileExists(atPath: self.folder + "/exit") }
        // Back on the normal screen: the queue is gone from the pane.
        let screen = try tmux.wait(for: "the terminal restored") { !$0.contains("baton · 0 open") }
        XCTAssertFalse(screen.contains("SUBJECT"), screen)
    }

    func testResizeRedrawsToTheNewSize() throws {
        try startBaton(width: 100, height: 30)
        try feed(1)
        _ = try tmux.wait(for: "a conversation") { $0.contains("1 open") }
        try tmux.run(["resize-window", "-t", "main", "-x", "60", "-y", "15"])
        let screen = try tmux.wait(for: "the narrow layout") { screen in
            screen.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasPrefix("    #    SLA   TIER CUSTOMER   SUBJECT") }
        }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 60 }, screen)
    }

    func testBadConfigNamesFileAndKeyWithoutACrash() throws {
        try "[[region]]\nid = \"eu\"\ntz = \"Europe/Berlinn\"\ntakes_point = \"07:00\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Shell.run(Self.baton, ["conv", "list", "--config", config])) { error in
            let failure = error as! ShellError
            XCTAssertEqual(failure.status, 1)
            XCTAssertEqual(failure.stderr, "baton: \(config!): region[1].tz: unknown time zone \"Europe/Berlinn\"; use an IANA name like \"Europe/Berlin\"\n")
        }
    }

    func testConvListAndShowForScripts() throws {
        try feed(1)
        let json = try Shell.run(Self.baton, ["conv", "list", "--json", "--config", config])
        let array = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        XCTAssertEqual(array.count, 1)
        XCTAssertEqual(try Shell.run(Self.baton, ["--config", config, "conv", "list", "--json"]), json, "--config may come first, as in git")
        XCTAssertEqual(try Shell.run(Self.baton, ["--config=" + config, "conv", "list", "--json"]), json)
        for key in ["id", "customer", "tier", "subject", "status", "owner", "source", "created_at", "sla_due"] {
            XCTAssertNotNil(array[0][key], key)
        }
        XCTAssertEqual(array[0]["owner"] as? String, "ana", "the feeder gives new conversations their owner by the dedicated-pair rule: here ana, holding point")
        XCTAssertNotNil((array[0]["sla_due"] as? String)?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression))
        let id = "\(array[0]["id"]!)"
        let show = try JSONSerialization.jsonObject(with: Data(try Shell.run(Self.baton, ["conv", "show", id, "--json", "--config", config]).utf8)) as! [String: Any]
        let messages = try XCTUnwrap(show["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.count, 1)
        for key in ["id", "author", "author_kind", "author_id", "body", "created_at", "state", "edited_at", "deleted_at"] {
            XCTAssertTrue(messages[0].keys.contains(key), "every message has \(key), null when it does not apply")
        }
        XCTAssertTrue(messages[0]["deleted_at"] is NSNull)
        XCTAssertThrowsError(try Shell.run(Self.baton, ["conv", "show", "999", "--config", config])) { error in
            XCTAssertEqual((error as! ShellError).status, 2)
        }
    }
}
