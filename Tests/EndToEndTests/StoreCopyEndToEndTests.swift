import BatonCore
import BatonStore
import Foundation
import XCTest

/// `baton store copy` (issue 16, item 3): a SQLite store made by the CLI goes to a real
/// PostgreSQL database and back, verified by counts, idempotent, refused while in use.
/// Alerts, the owner fields of owner-change events and attachments (the bytes too: files
/// beside a SQLite store, rows on PostgreSQL) make the round trip.
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
                \(Self.copyAttachmentMail(number))
                """)
        }
        try Shell.run(Self.baton, ["conv", "release", "2", "--config", config])
        try Shell.run(Self.baton, ["conv", "claim", "2", "--config", config])
        try Shell.run(Self.baton, ["conv", "note", "1", "--config", config], input: "An internal note\n")
        try Shell.run(Self.baton, ["conv", "reply", "1", "--config", config], input: "We are on it.\n")
        // Alerts as a screen raises them: one acknowledged, one whose notify_command ran.
        let raisedAt = Date()
        do {
            let alerts = try openStore(location: folder + "/store.sqlite")
            let raised = try alerts.raiseAlerts([
                Alert(key: "at_risk:1:1", kind: .atRisk, engineer: "ana", conversation: 1, customer: "acme", subject: "Copy me 1", due: raisedAt, text: "#1 at risk"),
                Alert(key: "escalated:2:1", kind: .escalated, engineer: nil, conversation: 2, customer: "acme", subject: "Copy me 2", due: raisedAt,
                      text: "#2 escalated", detail: "ana is off shift"),
            ], actor: "ana", at: raisedAt)
            XCTAssertTrue(try alerts.acknowledgeAlert(raised[0].id, by: "ana", at: raisedAt))
            XCTAssertTrue(try alerts.claimNotify(raised[1].id, claimant: "box:1", at: raisedAt))
            try alerts.recordNotifyOutcome(raised[1].id, outcome: "page exit 0", failed: false, actor: "ana", at: raisedAt)
        }
        let originalAlerts = try Self.storedAlerts(folder + "/store.sqlite")
        XCTAssertEqual(originalAlerts.count, 2)
        let attachmentSum = try Self.attachmentSum(config: config)
        XCTAssertEqual(attachmentSum, try Self.sha256Sum(Self.copyAttachmentBytes))
        // The metrics at one instant, read from each copy: equal only if owner changes travel.
        let metricsArguments = ["metrics", "--json", "--tz", "UTC",
                                "--from", CalendarText.rfc3339(raisedAt.addingTimeInterval(-86_400)), "--to", CalendarText.rfc3339(raisedAt.addingTimeInterval(86_400))]
        let metricsAt = ["BATON_NOW": CalendarText.rfc3339(raisedAt.addingTimeInterval(60))]
        let originalMetrics = try Shell.run(Self.baton, metricsArguments + ["--config", config], environment: metricsAt)
        let groups = try XCTUnwrap(try Self.metricsJSON(originalMetrics)["groups"] as? [NSDictionary], originalMetrics)
        XCTAssertEqual(groups.compactMap { ($0["owner_changes"] as? NSDictionary)?["bounces"] as? Int }.reduce(0, +), 1,
                       "release and claim back: one bounce\n\(originalMetrics)")

        let first = try Shell.run(Self.baton, ["store", "copy", "--to", target, "--config", config])
        let counts = try Self.copyCounts(first)
        XCTAssertEqual(counts["conversations"]?.source, 3, first)
        XCTAssertEqual(counts["conversations"]?.copied, 3, first)
        XCTAssertEqual(counts["messages"]?.target, 5, "3 mails, the note, the reply: \(first)")
        XCTAssertEqual(counts["outbox"]?.copied, 1, first)
        XCTAssertGreaterThan(counts["events"]?.copied ?? 0, 3, first)
        XCTAssertTrue(first.contains("only in the target, left as they are: presence"), first)
        for (table, count) in counts { XCTAssertEqual(count.source, count.target, "\(table): \(first)") }
        XCTAssertEqual(counts["alerts"]?.copied, 2, first)
        XCTAssertEqual(counts["attachments"]?.copied, 1, first)
        XCTAssertEqual(counts["attachment_contents"]?.copied, 1, first)
        Self.assertNothingDropped(first)
        // On the server: the alerts as they were, the owner fields of each owner change, the bytes.
        XCTAssertEqual(try Shell.run("/usr/bin/psql", [target, "-At", "-c", "SELECT key, coalesce(acknowledged_by, ''), coalesce(notify_claimed_by, ''), coalesce(notify_outcome, '') FROM alerts ORDER BY id"]),
                       "at_risk:1:1|ana||\nescalated:2:1||box:1|page exit 0\n")
        XCTAssertEqual(try Shell.run("/usr/bin/psql", [target, "-At", "-c", "SELECT conversation_id, kind, coalesce(owner_from, '-'), coalesce(owner_to, '-') FROM events WHERE owner_from IS NOT NULL OR owner_to IS NOT NULL ORDER BY id"]),
                       "2|release|ana|-\n2|claim|-|ana\n")
        XCTAssertEqual(try Shell.run("/usr/bin/psql", [target, "-At", "-c", "SELECT encode(sha256(data), 'hex') FROM attachment_contents"]), attachmentSum + "\n")

        // The copy reads as the original does.
        let postgresConfig = folder + "/postgres.toml"
        try text.replacingOccurrences(of: "store = \"store.sqlite\"", with: "store = \"\(target)\"").write(toFile: postgresConfig, atomically: true, encoding: .utf8)
        for id in ["1", "2", "3"] {
            XCTAssertEqual(try Self.shown(id, config: config), try Self.shown(id, config: postgresConfig), "conversation \(id)")
        }
        XCTAssertEqual(try Self.attachmentSum(config: postgresConfig), attachmentSum, "the attachment read back from PostgreSQL")
        XCTAssertEqual(try Self.metricsJSON(metricsArguments + ["--config", postgresConfig], at: metricsAt), try Self.metricsJSON(originalMetrics))

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
        Self.assertNothingDropped(third)
        XCTAssertEqual(backCounts["attachment_contents"]?.target, 1, third)
        XCTAssertEqual(try Self.storedAlerts(back), originalAlerts, "the alerts back in SQLite as they were")
        XCTAssertEqual(try Shell.run("/usr/bin/sqlite3", [back, "SELECT conversation_id, kind, coalesce(owner_from, '-'), coalesce(owner_to, '-') FROM events WHERE owner_from IS NOT NULL OR owner_to IS NOT NULL ORDER BY id"]),
                       "2|release|ana|-\n2|claim|-|ana\n")
        let backConfig = folder + "/back.toml"
        try text.replacingOccurrences(of: "store = \"store.sqlite\"", with: "store = \"back.sqlite\"").write(toFile: backConfig, atomically: true, encoding: .utf8)
        for id in ["1", "2", "3"] {
            XCTAssertEqual(try Self.shown(id, config: config), try Self.shown(id, config: backConfig), "conversation \(id)")
        }
        XCTAssertEqual(try Self.attachmentSum(config: backConfig), attachmentSum, "the attachment's file beside the new SQLite store")
        XCTAssertEqual(try Self.metricsJSON(metricsArguments + ["--config", backConfig], at: metricsAt), try Self.metricsJSON(originalMetrics))

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

    /// The first mail's body carries an attachment (every byte value, base64); the others are plain.
    static func copyAttachmentMail(_ number: Int) -> String {
        guard number == 1 else { return "\r\nBody \(number), with 'quotes' and ünïcode.\r\n" }
        let encoded = Data(copyAttachmentBytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return """
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Body 1, with 'quotes' and ünïcode.\r
            --b1\r
            Content-Type: application/octet-stream; name="trace.bin"\r
            Content-Disposition: attachment; filename="trace.bin"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(encoded)\r
            --b1--\r

            """
    }

    static let copyAttachmentBytes: [UInt8] = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 256) }

    /// The SHA-256 of `baton conv attachment 1 1`, as sha256sum prints it.
    static func attachmentSum(config: String) throws -> String {
        String(try Shell.run("/bin/sh", ["-c", "\"$0\" conv attachment 1 1 --config \"$1\" | sha256sum", baton, config]).prefix(64))
    }

    static func sha256Sum(_ bytes: [UInt8]) throws -> String {
        let file = NSTemporaryDirectory() + "baton-sum-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        defer { unlink(file) }
        return String(try Shell.run("/usr/bin/sha256sum", [file]).prefix(64))
    }

    /// Every alert of a SQLite store, read through the store.
    static func storedAlerts(_ path: String) throws -> [AlertRecord] {
        let store = try openStore(location: path)
        return try store.alerts(keys: ["at_risk:1:1", "escalated:2:1"]).sorted { $0.id < $1.id }
    }

    /// `baton metrics --json` as a dictionary, run or given.
    static func metricsJSON(_ arguments: [String], at environment: [String: String]) throws -> NSDictionary {
        try metricsJSON(try Shell.run(baton, arguments, environment: environment))
    }

    static func metricsJSON(_ output: String) throws -> NSDictionary {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? NSDictionary, output)
    }

    /// The copy's report names no table or column of alerts, owner changes or attachments as left behind.
    static func assertNothingDropped(_ output: String, file: StaticString = #filePath, line: UInt = #line) {
        for reportLine in output.split(separator: "\n") where reportLine.contains("only in the source") {
            for name in ["alerts", "owner_from", "owner_to", "attachment"] {
                XCTAssertFalse(reportLine.contains(name), "\(name) left behind: \(output)", file: file, line: line)
            }
        }
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
