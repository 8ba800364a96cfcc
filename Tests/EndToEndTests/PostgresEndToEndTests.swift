import Foundation
import XCTest

/// baton on a PostgreSQL store (issue 16): the real binary, other processes, a real server
/// (`make test` starts one and sets BATON_TEST_POSTGRES_URL and PGPASSFILE).
extension EndToEndTests {
    /// Points the test's config at `url` instead of its SQLite file.
    func usePostgres(_ url: String) throws {
        let text = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "store = \"store.sqlite\"", with: "store = \"\(url)\"")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// The server is away: the mail server must keep the message and retry (75), not bounce it.
    func testIngestEmailExits75WhenThePostgresServerIsAway() throws {
        try usePostgres("postgres://baton@127.0.0.1:1/baton?sslmode=disable")
        XCTAssertThrowsError(try Shell.run(Self.baton, ["ingest", "email", "--config", config],
                                           input: "From: zoe@acme.io\r\nSubject: hi\r\nMessage-ID: <away@acme.io>\r\n\r\nhello\r\n")) { error in
            let failure = error as! ShellError
            XCTAssertEqual(failure.status, 75, "EX_TEMPFAIL: \(failure.stderr)")
            XCTAssertTrue(failure.stderr.contains("cannot reach the store postgres://baton@127.0.0.1:1/baton?sslmode=disable: connection refused"), failure.stderr)
        }
    }

    /// A screen on the server shows mail ingested by another process, and a release and a claim made from others.
    func testAScreenOnPostgresShowsIngestAndClaimsFromOtherProcesses() throws {
        guard let url = ProcessInfo.processInfo.environment["BATON_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw XCTSkip("BATON_TEST_POSTGRES_URL is not set: no PostgreSQL server for this run (`make test` starts one)")
        }
        _ = try Shell.run("/usr/bin/psql", [url, "-q", "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"])
        try usePostgres(url)
        try "email_domains = [\"acme.io\"]\n".appendLine(toFile: config)
        try startBaton()
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: """
            From: Zoe <zoe@acme.io>\r
            To: support@example-corp.com\r
            Subject: Webhooks stopped on postgres\r
            Message-ID: <pg-e2e-1@acme.io>\r
            \r
            Nothing since 12:00.\r

            """)
        let screen = try tmux.wait(for: "the mailed conversation", timeout: 3) { $0.contains("Webhooks stopped on") }
        XCTAssertTrue(screen.contains("baton · 1 open"), screen)
        // BATON_AS counts only on a demo store: mark this one as `baton demo` does.
        _ = try Shell.run("/usr/bin/psql", [url, "-q", "-c", "INSERT INTO meta (key, value) VALUES ('demo', '1')"])
        XCTAssertTrue(screen.contains("0 unowned"), "point (ana) owns it from arrival: \(screen)")
        // Another process gives it back, then takes it: each shows on the open screen.
        try Shell.run(Self.baton, ["conv", "release", "1", "--config", config], environment: ["BATON_AS": "ana"])
        _ = try tmux.wait(for: "the release from another process", timeout: 3) { $0.contains("1 unowned") }
        try Shell.run(Self.baton, ["conv", "claim", "1", "--config", config], environment: ["BATON_AS": "ana"])
        _ = try tmux.wait(for: "the claim from another process", timeout: 3) { $0.contains("0 unowned") }
    }
}
