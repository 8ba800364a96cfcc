import Foundation
import XCTest

/// `baton store copy` (issue 16, item 3): a SQLite store made by the CLI goes to a real
/// PostgreSQL database and back, verified by counts, idempotent, refused while in use.
extension EndToEndTests {
    func testStoreCopyToPostgresAndBackToSQLite() throws {
        guard let url = ProcessInfo.processInfo.environment["BATON_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw XCTSkip("BATON_TEST_POSTGRES_URL is not set: no PostgreSQL server for this run (`make test` starts one)")
        }
        // A database of its own, so the other PostgreSQL tests (which empty theirs) are not disturbed.
        let database = "baton_copy_" + UUID().uuidString.prefix(8).lowercased()
        _ = try Shell.run("/usr/bin/psql", [url, "-q", "-c", "CREATE DATABASE \(database)"])
        addTeardownBlock { _ = try? Shell.run("/usr/bin/psql", [url, "-q", "-c", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"]) }
        var components = try XCTUnwrap(URLComponents(string: url))
        components.path = "/" + database
        let target = try XCTUnwrap(components.string)

        // The store, made by the CLI: three mails, a release and a claim, a note, a reply in the outbox.
        let me = try XCTUnwrap(getpwuid(getuid()).flatMap { String(cString: $0.pointee.pw_name) })
        let text = try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "id = \"ana\"\n", with: "id = \"ana\"\nunix_user = \"\(me)\"\n")
        try (text + "\nemail_domains = [\"acme.io\"]\n").write(toFile: config, atomically: true, encoding: .utf8)
        for number in 1...3 {
            try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: """
                From: Zoe <zoe@acme.io>\r
                To: support@example-corp.com\r
                Subject: Copy me \(number)\r
                Message-ID: <copy-\(number)@acme.io>\r
                \r
                Body \(number), with 'quotes' and ünïcode.\r

                """)
        }
        try Shell.run(Self.baton, ["conv", "release", "2", "--config", config])
        try Shell.run(Self.baton, ["conv", "claim", "2", "--config", config])
        try Shell.run(Self.baton, ["conv", "note", "1", "--config", config], input: "An internal note\n")
        try Shell.run(Self.baton, ["conv", "reply", "1", "--config", config], input: "We are on it.\n")

        let first = try Shell.run(Self.baton, ["store", "copy", "--to", target, "--config", config])
        let counts = try Self.copyCounts(first)
        XCTAssertEqual(counts["conversations"]?.source, 3, first)
        XCTAssertEqual(counts["conversations"]?.copied, 3, first)
        XCTAssertEqual(counts["messages"]?.target, 5, "3 mails, the note, the reply: \(first)")
        XCTAssertEqual(counts["outbox"]?.copied, 1, first)
        XCTAssertGreaterThan(counts["events"]?.copied ?? 0, 3, first)
        XCTAssertTrue(first.contains("only in the target, left as they are: presence"), first)
        for (table, count) in counts { XCTAssertEqual(count.source, count.target, "\(table): \(first)") }

        // The copy reads as the original does.
        let postgresConfig = folder + "/postgres.toml"
        try text.replacingOccurrences(of: "store = \"store.sqlite\"", with: "store = \"\(target)\"").write(toFile: postgresConfig, atomically: true, encoding: .utf8)
        for id in ["1", "2", "3"] {
            XCTAssertEqual(try Self.shown(id, config: config), try Self.shown(id, config: postgresConfig), "conversation \(id)")
        }

        // Again: nothing new, the same counts.
        let second = try Shell.run(Self.baton, ["store", "copy", "--to", target, "--config", config])
        let again = try Self.copyCounts(second)
        XCTAssertEqual(again.mapValues(\.source), counts.mapValues(\.source), second)
        XCTAssertEqual(again.mapValues(\.target), counts.mapValues(\.target), second)
        XCTAssertEqual(again.values.map(\.copied).reduce(0, +), 0, second)
        XCTAssertTrue(second.contains("0 rows copied"), second)

        // Back to a new SQLite file: the same conversations and counts.
        let back = folder + "/back.sqlite"
        let third = try Shell.run(Self.baton, ["store", "copy", "--from", target, "--to", back, "--config", config])
        let backCounts = try Self.copyCounts(third)
        for (table, count) in counts { XCTAssertEqual(backCounts[table]?.target, count.source, "\(table): \(third)") }
        XCTAssertTrue(third.contains("only in the source, not copied: presence"), third)
        let backConfig = folder + "/back.toml"
        try text.replacingOccurrences(of: "store = \"store.sqlite\"", with: "store = \"back.sqlite\"").write(toFile: backConfig, atomically: true, encoding: .utf8)
        for id in ["1", "2", "3"] {
            XCTAssertEqual(try Self.shown(id, config: config), try Self.shown(id, config: backConfig), "conversation \(id)")
        }

        // The sequences are past the copied ids: a new mail into the PostgreSQL copy is conversation 4.
        try Shell.run(Self.baton, ["ingest", "email", "--config", postgresConfig], input: "From: zoe@acme.io\r\nSubject: After the move\r\nMessage-ID: <copy-4@acme.io>\r\n\r\nnew\r\n")
        XCTAssertTrue(try Shell.run(Self.baton, ["conv", "show", "4", "--config", postgresConfig]).contains("After the move"))

        // A target that holds other rows is refused whole.
        XCTAssertThrowsError(try Shell.run(Self.baton, ["store", "copy", "--to", target, "--config", config])) { error in
            let failure = error as! ShellError
            XCTAssertEqual(failure.status, 1, failure.stderr)
            XCTAssertTrue(failure.stderr.contains("rows after the copy, not the source's"), failure.stderr)
            XCTAssertTrue(failure.stderr.contains("nothing was written"), failure.stderr)
        }

        // A screen open on the source: refused, nothing written.
        try tmux.start("env LANG=C.UTF-8 TERM=tmux-256color \(Self.baton) --config \(config!); sleep 30", width: 80, height: 24)
        _ = try tmux.wait(for: "the queue") { $0.contains("baton · 3 open") }
        let busy = folder + "/busy.sqlite"
        var refusal: ShellError?
        let deadline = Date().addingTimeInterval(8)
        while refusal == nil, Date() < deadline {
            do {
                try? FileManager.default.removeItem(atPath: busy)
                _ = try Shell.run(Self.baton, ["store", "copy", "--to", busy, "--config", config])
                Thread.sleep(forTimeInterval: 0.5)  // the screen's first beat is not written yet
            } catch let error as ShellError { refusal = error }
        }
        let failure = try XCTUnwrap(refusal, "the copy went ahead with a screen open")
        XCTAssertEqual(failure.status, 3, failure.stderr)
        XCTAssertTrue(failure.stderr.contains("is open in another baton process"), failure.stderr)
        XCTAssertTrue(failure.stderr.contains("a screen of ana"), failure.stderr)
    }

    /// `conv show --json` without what names the store.
    static func shown(_ id: String, config: String) throws -> NSDictionary {
        let object = try JSONSerialization.jsonObject(with: Data(try Shell.run(baton, ["conv", "show", id, "--json", "--config", config]).utf8))
        return try XCTUnwrap(object as? NSDictionary)
    }

    /// The report's table lines: name, source rows, copied, target rows.
    static func copyCounts(_ output: String) throws -> [String: (source: Int, copied: Int, target: Int)] {
        var counts: [String: (source: Int, copied: Int, target: Int)] = [:]
        for line in output.split(separator: "\n").dropFirst(2) {
            let fields = line.split(separator: " ")
            guard fields.count == 4, let source = Int(fields[1]), let copied = Int(fields[2]), let target = Int(fields[3]) else { continue }
            counts[String(fields[0])] = (source, copied, target)
        }
        XCTAssertFalse(counts.isEmpty, output)
        return counts
    }
}
