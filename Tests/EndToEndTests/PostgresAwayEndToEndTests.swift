import Foundation
import XCTest

/// A PostgreSQL server of one test's own (scripts/postgres-test-server.sh), which the test
/// stops and starts again on the same port, as an admin restarting it would: the shared
/// server of `make test` stays up for every other test.
final class PrivatePostgres {
    static let script = EndToEndTests.root + "/scripts/postgres-test-server.sh"
    let state: String
    let url: String
    /// The pgpass file holding this server's password: PGPASSFILE for every process on it.
    let pgpass: String

    /// Starts one; skips the test when this run has no PostgreSQL (`make test` has).
    init(folder: String) throws {
        guard let shared = ProcessInfo.processInfo.environment["BATON_TEST_POSTGRES_URL"], !shared.isEmpty else {
            throw XCTSkip("BATON_TEST_POSTGRES_URL is not set: no PostgreSQL server for this run (`make test` starts one)")
        }
        state = folder + "/postgres.state"
        let lines = try Self.run("start", state).split(separator: "\n").map(String.init)
        guard lines.count == 2 else {
            _ = try? Self.run("stop", state)  // it started: never leave it running
            throw ShellError(command: "\(Self.script) start", status: -1, stderr: lines.joined(separator: "\n"))
        }
        url = lines[0]
        pgpass = lines[1]
    }

    /// Stops the server (a fast shutdown: every connection is told and closed), keeping its data.
    func pause() throws { try Self.run("pause", state) }
    /// Starts it again on the same port, with the same data.
    func resume() throws { try Self.run("resume", state) }
    func stop() { _ = try? Self.run("stop", state) }

    /// Runs the script and returns what it printed. Spawned and reaped directly, as tmux is
    /// (see `Tmux.start`): the server it starts is a daemon that inherits the descriptors
    /// Foundation's Process waits on, so waiting through Process would never end.
    @discardableResult
    static func run(_ command: String, _ state: String) throws -> String {
        let output = state + ".\(command).out"
        let line = "'\(script)' \(command) '\(state)' >'\(output)' 2>&1 </dev/null"
        let status = try Shell.spawnAndWait(line)
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        unlink(output)
        guard status == 0 else { throw ShellError(command: line, status: status, stderr: printed) }
        return printed
    }

    /// One value from SQL, as psql prints it.
    func value(_ sql: String) throws -> String {
        try Shell.run("/usr/bin/psql", [url, "-qtAc", sql], environment: ["PGPASSFILE": pgpass]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Issue 16 item 4: what each process does when the PostgreSQL server goes away and comes back.
extension EndToEndTests {
    /// A private server, the config pointed at it, the schema made and marked as a demo store (so BATON_AS counts).
    func awayServer() throws -> PrivatePostgres {
        let server = try PrivatePostgres(folder: folder)
        addTeardownBlock { server.stop() }
        try usePostgres(server.url)
        try "email_domains = [\"acme.io\"]\n".appendLine(toFile: config)
        try Shell.run(Self.baton, ["conv", "list", "--config", config], environment: ["PGPASSFILE": server.pgpass])
        _ = try server.value("INSERT INTO meta (key, value) VALUES ('demo', '1')")
        return server
    }

    func mail(_ id: String, subject: String) -> String {
        "From: Zoe <zoe@acme.io>\r\nTo: support@example-corp.com\r\nSubject: \(subject)\r\nMessage-ID: <\(id)@acme.io>\r\n\r\nSee subject.\r\n"
    }

    /// The screen keeps its last frame and says since when the store is away; keys move over what
    /// it has; a claim is refused, not lost; when the server is back it catches up by itself.
    func testAScreenKeepsItsFrameWhileThePostgresServerIsAwayAndCatchesUp() throws {
        let server = try awayServer()
        let environment = ["PGPASSFILE": server.pgpass]
        for number in 1...3 {
            try Shell.run(Self.baton, ["ingest", "email", "--config", config], environment: environment,
                          input: mail("away-\(number)", subject: "Before the outage \(number)"))
        }
        try tmux.start("env XDG_STATE_HOME=\(folder!) PGPASSFILE=\(server.pgpass) BATON_AS=ana LANG=C.UTF-8 TERM=tmux-256color \(Self.baton) --config \(config!); sleep 30", width: 100)
        _ = try tmux.wait(for: "the queue", timeout: 5) { $0.contains("Before the outage 3") && $0.contains("3 open") }

        try server.pause()
        let stopped = Date()
        let away = try tmux.wait(for: "the screen to say the store is away", timeout: 5) { $0.contains("store unreachable since") }
        let noticed = Date().timeIntervalSince(stopped)
        print(String(format: "server stopped: the screen said so after %.3f s", noticed))
        XCTAssertLessThan(noticed, 1.5, "noticed within the loop's next ticks:\n\(away)")
        XCTAssertTrue(away.contains("Before the outage 1") && away.contains("Before the outage 3") && away.contains("3 open"),
                      "the last frame is kept:\n\(away)")
        XCTAssertTrue(away.contains("connection refused · showing what was loaded, reconnecting"), away)

        // Moving works on what it has; a claim is refused with a clear line, nothing lost.
        try tmux.keys("j", "j")
        try tmux.keys("c")
        let refused = try tmux.wait(for: "the refused claim") { $0.contains("claiming must wait until it is back") }
        XCTAssertTrue(refused.contains("Before the outage 2"), refused)
        // The mail server's delivery meanwhile: try again later (75), nothing stored.
        XCTAssertThrowsError(try Shell.run(Self.baton, ["ingest", "email", "--config", config], environment: environment,
                                           input: mail("during", subject: "During the outage"))) { error in
            XCTAssertEqual((error as? ShellError)?.status, 75, "\(error)")
        }
        Thread.sleep(forTimeInterval: 1)
        XCTAssertTrue(try tmux.screen().contains("store unreachable since"), "still away")

        try server.resume()
        let resumed = Date()
        // The mail server tries again: stored now, once.
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], environment: environment,
                      input: mail("during", subject: "During the outage"))
        let back = try tmux.wait(for: "the screen to catch up", timeout: 10) { $0.contains("During the outage") && !$0.contains("store unreachable") }
        // The backend's backoff is 4 s at most between attempts.
        let caughtUp = Date().timeIntervalSince(resumed)
        print(String(format: "server back: the screen caught up after %.3f s (the retried mail included)", caughtUp))
        XCTAssertLessThan(caughtUp, 6, back)
        XCTAssertTrue(back.contains("4 open"), back)
        XCTAssertEqual(try server.value("SELECT count(*) FROM conversations"), "4")

        // Writes work again, on the background writer's reconnected connection (ana holds
        // point all day here, so every conversation came in hers: she gives one back).
        XCTAssertTrue(back.contains("0 unowned"), back)
        try tmux.keys("u")
        _ = try tmux.wait(for: "the release after the outage", timeout: 5) { $0.contains("1 unowned") }
        XCTAssertEqual(try server.value("SELECT count(*) FROM conversations WHERE owner_id IS NULL"), "1")
    }

    /// `baton serve` keeps Slack's events in its spool while the server is away and stores each
    /// once when it is back.
    func testServeKeepsSlackEventsInItsSpoolWhileThePostgresServerIsAway() throws {
        let server = try awayServer()
        try "slack_channel = \"C0ACME001\"\n".appendLine(toFile: config)
        // baton serve takes this process's environment: the private server's pgpass, and the
        // spool of a server's store under $XDG_STATE_HOME/baton, here this test's own folder.
        let saved = ProcessInfo.processInfo.environment["PGPASSFILE"]
        setenv("PGPASSFILE", server.pgpass, 1)
        setenv("XDG_STATE_HOME", folder, 1)
        defer {
            if let saved { setenv("PGPASSFILE", saved, 1) } else { unsetenv("PGPASSFILE") }
            unsetenv("XDG_STATE_HOME")
        }
        let (serve, url) = try startServe()
        defer { serve.terminate(); serve.waitUntilExit() }
        XCTAssertEqual(try postEvent(url, id: "EvUp", text: "while up", ts: "1795442600.000100").0, 200)
        XCTAssertEqual(try waitForCount(server, "SELECT count(*) FROM messages", 1, timeout: 10), 1)

        try server.pause()
        for number in 1...3 {
            let (status, body, seconds) = try postEvent(url, id: "EvAway\(number)", text: "while away \(number)", ts: "179544261\(number).000100")
            XCTAssertEqual(status, 200, body)
            XCTAssertEqual(body, "queued\n")
            XCTAssertLessThan(seconds, 3, "answered within Slack's 3 s though the store is away")
        }
        Thread.sleep(forTimeInterval: 1.5)
        let spool = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: folder + "/baton").first { $0.hasSuffix("-spool") })
        let pending = try FileManager.default.contentsOfDirectory(atPath: folder + "/baton/" + spool)
        XCTAssertEqual(pending.filter { $0.hasSuffix(".event") }.count, 3, "kept in the spool: \(pending)")
        XCTAssertEqual(pending.filter { $0.hasSuffix(".rejected") }, [], "nothing set aside as bad while the server is away")

        try server.resume()
        XCTAssertEqual(try waitForCount(server, "SELECT count(*) FROM messages", 4, timeout: 15), 4, "stored once it is back")
        Thread.sleep(forTimeInterval: 1)
        XCTAssertEqual(try server.value("SELECT count(*) FROM messages"), "4", "each stored once")
        XCTAssertEqual(try server.value("SELECT count(*) FROM messages WHERE body LIKE 'while away%'"), "3")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/baton/" + spool).filter { !$0.hasPrefix(".") }, [],
                       "the spool empties as events are stored")
    }

    func waitForCount(_ server: PrivatePostgres, _ sql: String, _ count: Int, timeout: TimeInterval) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        var seen = Int((try? server.value(sql)) ?? "") ?? 0
        while seen < count, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            seen = Int((try? server.value(sql)) ?? "") ?? 0
        }
        return seen
    }
}
