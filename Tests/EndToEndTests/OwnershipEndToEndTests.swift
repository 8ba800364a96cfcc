import BatonCore
@testable import BatonStore
import Foundation
import XCTest

/// Several real baton processes on one store: two screens in tmux, and eight claimers racing.
final class OwnershipEndToEndTests: XCTestCase {
    static let baton = EndToEndTests.baton
    static let stressEngineers = (1...8).map { "e\($0)" }

    var folder: String!
    var config: String!
    var store: SQLiteStore!
    var tmux: Tmux!

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.baton), "build baton first (make test does)")
        folder = NSTemporaryDirectory() + "baton-own-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        config = folder + "/baton.toml"
        // No rotation: nobody holds point, so new conversations come in unowned.
        let engineers = (["ana", "dave"] + Self.stressEngineers).map { "[[engineer]]\nid = \"\($0)\"\nregion = \"europe\"\n" }.joined()
        try """
            store = "store.sqlite"
            [[tier]]
            id = "enterprise"
            short = "ENT"
            first_response = "1h"
            [[customer]]
            id = "acme"
            name = "Acme"
            tier = "enterprise"
            \(engineers)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        // BATON_AS counts only on a demo store: mark this one as `baton demo` does.
        store = try SQLiteStore(path: folder + "/store.sqlite")
        try store.markAsDemo()
        tmux = Tmux()
    }

    override func tearDownWithError() throws {
        tmux.kill()
        store = nil
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Conversations as the baton processes will find them: written through a real
    /// `baton demo-feed`-free path, straight into the store the config names.
    func addConversations(_ count: Int) throws {
        try Shell.run(Self.baton, ["conv", "list", "--config", config])  // syncs the tiers into the store
        let now = Date()
        try store.createConversations((0..<count).map { index in
            NewConversation(customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: "Conversation \(index)", source: .email,
                            messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help \(index)", createdAt: now.addingTimeInterval(Double(index)))])
        }, actor: "test", at: now)
    }

    func testOneScreenClaimsAndTheOtherShowsTheOwnerAndPresenceWithinASecond() throws {
        try addConversations(1)
        for (session, who) in [("a", "ana"), ("b", "dave")] {
            try tmux.start("env BATON_AS=\(who) LANG=C.UTF-8 TERM=tmux-256color \(Self.baton) --config \(config!); sleep 30", width: 100, height: 20, session: session)
        }
        for session in ["a", "b"] {
            _ = try tmux.wait(for: "the queue in \(session)", session: session) { $0.contains("Conversation 0") }
        }
        // dave opens the conversation: ana's queue says so.
        try tmux.keys("Enter", session: "b")
        _ = try tmux.wait(for: "dave's conversation", session: "b") { $0.contains("#1 Conversation 0") }
        var started = Date()
        let queue = try tmux.wait(for: "dave's presence on ana's queue", timeout: 3, session: "a") { $0.contains("dave is viewing") }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.2, queue)

        // ana claims it from the queue: dave's conversation screen shows her as owner.
        try tmux.keys("c", session: "a")
        started = Date()
        let conversation = try tmux.wait(for: "the new owner on dave's screen", timeout: 3, session: "b") { $0.contains("owner ana") }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.2, conversation)
        XCTAssertTrue(conversation.contains("claim  — → ana"), "the history shows the claim:\n\(conversation)")

        // dave's own claim now loses, naming ana.
        try tmux.keys("c", session: "b")
        let lost = try tmux.wait(for: "the lost claim", session: "b") { $0.contains("ana claimed this") }
        XCTAssertNotNil(lost.range(of: #"#1: ana claimed this (just now|\d+ s ago); T takes it over"#, options: .regularExpression), lost)

        // ana opens it too; then dave's screen is killed: its presence goes by itself.
        try tmux.keys("Enter", session: "a")
        _ = try tmux.wait(for: "dave on ana's conversation", session: "a") { $0.contains("dave is viewing") }
        let pid = try Shell.run("/usr/bin/pgrep", ["-f", "^\(Self.baton) --config \(config!)"]).split(separator: "\n").map(String.init)
        XCTAssertEqual(pid.count, 2)
        let davePid = try pid.first { try String(contentsOfFile: "/proc/\($0)/environ", encoding: .isoLatin1).contains("BATON_AS=dave") }
        try Shell.run("/bin/kill", ["-KILL", try XCTUnwrap(davePid)])
        started = Date()
        _ = try tmux.wait(for: "dave's presence to expire", timeout: Presence.expirySeconds + 3, session: "a") { !$0.contains("dave is viewing") }
        XCTAssertLessThan(Date().timeIntervalSince(started), Presence.expirySeconds + 1.5)
    }

    func testEightProcessesClaimingFiftyConversationsLeaveExactlyOneOwnerEach() throws {
        try addConversations(50)
        let ids = Array(1...50).map(String.init)
        // Each process claims all fifty, in its own order, all eight started together.
        var processes: [(String, Process, String)] = []
        for engineer in Self.stressEngineers {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.baton)
            process.arguments = ["conv", "claim", "--json", "--config", config] + ids.shuffled()
            process.environment = ProcessInfo.processInfo.environment.merging(["BATON_AS": engineer]) { $1 }
            let output = folder + "/\(engineer).json"
            FileManager.default.createFile(atPath: output, contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: output)
            process.standardError = FileHandle.nullDevice
            processes.append((engineer, process, output))
        }
        for (_, process, _) in processes { try process.run() }
        for (_, process, _) in processes { process.waitUntilExit() }

        var wins: [String: String] = [:]  // conversation id → the engineer whose claim changed it
        for (engineer, process, output) in processes {
            let results = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: output))) as! [[String: Any]]
            XCTAssertEqual(results.count, 50, engineer)
            var lost = false
            for result in results {
                let id = "\(result["id"]!)"
                if result["ok"] as? Bool == true {
                    XCTAssertEqual(result["changed"] as? Bool, true, "\(engineer) #\(id): nobody else claims what they did not win")
                    XCTAssertNil(wins[id], "#\(id) won twice: \(wins[id] ?? "") and \(engineer)")
                    wins[id] = engineer
                } else {
                    lost = true
                    let error = result["error"] as? String ?? ""
                    XCTAssertNotNil(error.range(of: #"^#\d+: e\d claimed this (just now|\d+ s ago)"#, options: .regularExpression), error)
                }
            }
            XCTAssertEqual(process.terminationStatus, lost ? 3 : 0, engineer)
        }
        XCTAssertEqual(wins.count, 50)
        for id in 1...50 {
            let detail = try store.conversation(Int64(id))
            let claims = detail.events.filter { $0.kind == "claim" }
            XCTAssertEqual(claims.count, 1, "#\(id)")
            XCTAssertEqual(detail.row.ownerID, claims.first?.actor, "#\(id)")
            XCTAssertEqual(detail.row.ownerID, wins["\(id)"], "#\(id)")
            XCTAssertEqual(detail.row.version, 2, "#\(id): one change, one version")
        }
    }

    func run(_ arguments: [String], as engineer: String? = "ana", stdin: String? = nil) -> (status: Int32, stdout: String, stderr: String) {
        var environment: [String: String] = [:]
        if let engineer { environment["BATON_AS"] = engineer }
        do {
            return (0, try Shell.run(Self.baton, arguments + ["--config", config], environment: environment), "")
        } catch let error as ShellError {
            return (error.status, "", error.stderr)
        } catch {
            return (-1, "", "\(error)")
        }
    }

    func testBadInputIsOneLineWithExitTwoAndWritesNothing() throws {
        try addConversations(1)
        let before = try store.conversation(1)
        XCTAssertEqual(run(["conv", "claim", "x1"]).stderr, "baton: \"x1\" is not a conversation id; ids are whole numbers, as `baton conv list` shows\n")
        let cases: [([String], String)] = [
            (["conv", "claim", "99"], "baton: no conversation 99 in \(store.path)\n"),
            (["conv", "status", "1", "closd"], "baton: \"closd\" is not a status; use one of new, open, pending, on_hold, solved, closed\n"),
            (["conv", "assign", "1", "zed"], "baton: no engineer \"zed\" on the roster in \(config!); engineers: ana, dave, e1, e2, e3, e4, e5, e6, e7, e8\n"),
            (["conv", "tag", "1", "+no way"], "baton: \"+no way\" is not a tag; tags are words of letters, digits, - and _\n"),
        ]
        for (arguments, message) in cases {
            let result = run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertEqual(result.stderr, message)
        }
        XCTAssertEqual(try store.conversation(1), before, "nothing written")
    }

    func testSomeoneNotOnTheRosterReadsButCannotActAndBatonAsNeedsADemoStore() throws {
        try addConversations(1)
        // Run as root, who is on no roster here.
        let result = run(["conv", "claim", "1"], as: nil)
        XCTAssertEqual(result.status, 4)
        XCTAssertTrue(result.stderr.hasPrefix("baton: you (unix user "), result.stderr)
        XCTAssertTrue(result.stderr.contains("are not on the roster in \(config!)"), result.stderr)
        XCTAssertEqual(run(["conv", "list"], as: nil).status, 0, "reading is fine")
        XCTAssertEqual(run(["whoami"], as: nil).status, 4)
        XCTAssertEqual(run(["whoami"], as: "dave").stdout, "dave (dave, europe)\n")
        // The same team on a store that `baton demo` did not make: BATON_AS counts for nothing.
        try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "store.sqlite", with: "real.sqlite")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let impostor = run(["conv", "claim", "1"], as: "dave")
        XCTAssertEqual(impostor.status, 4)
        XCTAssertTrue(impostor.stderr.hasPrefix("baton: BATON_AS works only on a demo store"), impostor.stderr)
    }

    func testReplyFromStdinIsQueuedAndHistoryPrintsTheLog() throws {
        try addConversations(1)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.baton)
        process.arguments = ["conv", "reply", "1", "--json", "--config", config]
        process.environment = ProcessInfo.processInfo.environment.merging(["BATON_AS": "dave"]) { $1 }
        let input = Pipe(), output = folder + "/reply.json"
        FileManager.default.createFile(atPath: output, contents: nil)
        process.standardInput = input
        process.standardOutput = FileHandle(forWritingAtPath: output)
        try process.run()
        input.fileHandleForWriting.write(Data("Fixed in 2.4.1.\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as! [String: Any]
        XCTAssertEqual((json["event"] as? [String: Any])?["detail"] as? String, "queued to send: Fixed in 2.4.1.")
        XCTAssertEqual(try store.conversation(1).messages.last?.state, .queued)
        XCTAssertEqual(run(["conv", "ropein", "1", "ana"], as: "dave").stdout, "#1 ropein: +ana\n")
        let lines = run(["conv", "history", "1"]).stdout.split(separator: "\n").map(String.init)
        // Each line: day, date, month, time, then actor, kind and detail.
        XCTAssertEqual(lines.dropLast().map { $0.split(separator: " ").dropFirst(4).joined(separator: " ") },
                       ["test created from email", "dave reply queued to send: Fixed in 2.4.1.", "dave ropein +ana"])
        XCTAssertEqual(lines.last, "touches: 1", "dave acted twice; the test's intake is no team member")
    }

    func testAStoreOthersCanReadIsRefusedWithTheFix() throws {
        chmod(store.path, 0o644)
        let result = run(["conv", "list"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "baton: refusing the store \(store.path): \(store.path) is mode 644, open to others, and customer data must stay within the team; fix it with: chmod o-rwx \(store.path)\n")
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as! NSNumber).intValue, 0o644, "never changed silently")
    }

    func testAClaimWaitsOutALongWriterAndThenLands() throws {
        try addConversations(1)
        let holder = try SQLiteStore(path: store.path)
        let started = DispatchSemaphore(value: 0)
        Thread {
            try? holder.write { _ in
                started.signal()
                Thread.sleep(forTimeInterval: 1.5)
            }
        }.start()
        started.wait()
        let before = Date()
        let result = run(["conv", "claim", "1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "#1 claim: — → ana\n")
        XCTAssertGreaterThan(Date().timeIntervalSince(before), 1.0, "it waited for the writer instead of failing")
    }

    func testInitGroupMakesASharedStoreThatBatonThenOpens() throws {
        let shared = folder + "/team/baton.sqlite"
        XCTAssertEqual(run(["init", "--group", "no-such-group", "--store", shared]).status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/team"), "nothing made for a bad group")
        let output = try Shell.run(Self.baton, ["init", "--group", "users", "--store", shared])
        XCTAssertEqual(output, """
            \(folder!)/team: group users, mode 2770 (setgid: new files join the group)
            \(shared): group users, mode 0660
            point baton.toml at it: store = "sqlite://\(shared)"

            """)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/team")
        XCTAssertEqual((attributes[.posixPermissions] as! NSNumber).intValue, 0o2770)
        try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "store.sqlite", with: "sqlite://\(shared)")
            .write(toFile: config, atomically: true, encoding: .utf8)
        XCTAssertEqual(run(["conv", "list"]).status, 0, "baton opens the store init made")
    }
}
