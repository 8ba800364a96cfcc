import BatonIngest
import BatonStore
import Foundation
import XCTest

/// The ingest commands as a mail server, a cron job and Slack run them: the real binary,
/// other processes, a real store.
extension EndToEndTests {
    func testIngestEmailFromAnotherProcessAppearsOnTheOpenScreen() throws {
        try "email_domains = [\"acme.io\"]\n".appendLine(toFile: config)
        try startBaton()
        let mail = """
            From: =?UTF-8?Q?Zo=C3=AB?= <zoe@acme.io>\r
            To: support@example-corp.com\r
            Subject: Webhooks stopped at noon\r
            Message-ID: <e2e-1@acme.io>\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Nothing since 12:00.\r

            """
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: mail)
        let screen = try tmux.wait(for: "the mailed conversation", timeout: 3) { $0.contains("Webhooks stopped at noon") }
        XCTAssertTrue(screen.contains("baton · 1 open"), screen)
        XCTAssertTrue(screen.contains(" Acme "), screen)
        XCTAssertTrue(screen.contains(" eml "), screen)

        // Delivered again (a mail server retrying): nothing new.
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: mail)
        XCTAssertEqual(try SQLiteStore(path: folder + "/store.sqlite").messageCount(), 1)
    }

    func testIngestEmailExitCodesSuitAMailServer() throws {
        XCTAssertThrowsError(try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: "no headers here\n")) { error in
            let failure = error as! ShellError
            XCTAssertEqual(failure.status, 65, "EX_DATAERR")
            XCTAssertTrue(failure.stderr.contains("standard input: cannot be parsed (no header fields: not an RFC 5322 message); kept whole in the quarantine"), failure.stderr)
        }
        XCTAssertEqual(try SQLiteStore(path: folder + "/store.sqlite").quarantineCount(), 1)
        XCTAssertThrowsError(try Shell.run(Self.baton, ["ingest", "email", "--config", folder + "/missing.toml"], input: "From: a@b.c\n\nhi\n")) { error in
            XCTAssertEqual((error as! ShellError).status, 75, "not the message's fault: EX_TEMPFAIL, so the mail server retries")
        }
    }

    func testAnImportKilledHalfWayFinishesOnTheNextRun() throws {
        try "slack_channel = \"acme-support\"\n".appendLine(toFile: config)
        let (export, files, perFile) = try writeLargeExport(days: 300)
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.baton)
        process.arguments = ["ingest", "slack-export", "--config", config, export]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while try store.messageCount() < perFile * 20, Date() < deadline, process.isRunning { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertTrue(process.isRunning, "the import finished before it could be killed; make the export larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)

        let partial = try store.messageCount()
        XCTAssertLessThan(partial, files * perFile, "killed half way")
        XCTAssertEqual(partial % perFile, 0, "each day file is one transaction: whole files only")

        let output = try Shell.run(Self.baton, ["ingest", "slack-export", "--config", config, export])
        XCTAssertEqual(output, "")
        XCTAssertEqual(try store.messageCount(), files * perFile)
        XCTAssertEqual(try store.queueSize(.init(includeClosed: true)), files * perFile / 10)
    }

    func testServeAnswersSlackWithSignaturesCheckedAndRetriesStoredOnce() throws {
        try "slack_channel = \"C0ACME001\"\n".appendLine(toFile: config)
        let secret = "e2e-signing-secret"
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.baton)
        server.arguments = ["serve", "--listen", "127.0.0.1:0", "--config", config]
        server.environment = ProcessInfo.processInfo.environment.merging(["SLACK_SIGNING_SECRET": secret]) { $1 }
        FileManager.default.createFile(atPath: folder + "/serve.out", contents: nil)
        server.standardOutput = FileHandle(forWritingAtPath: folder + "/serve.out")
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var url = ""
        let deadline = Date().addingTimeInterval(10)
        while url.isEmpty, Date() < deadline {
            let said = (try? String(contentsOfFile: folder + "/serve.out", encoding: .utf8)) ?? ""
            if let line = said.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) { url = String(line.dropFirst("listening on ".count)) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertFalse(url.isEmpty, "baton serve never said where it listens")

        func post(_ body: String, age: TimeInterval = 0, signature: String? = nil, retry: Bool = false) throws -> (Int, String) {
            let timestamp = String(Int(Date().timeIntervalSince1970 - age))
            let signed = signature ?? SlackSignature.sign(body: Array(body.utf8), timestamp: timestamp, secret: Array(secret.utf8))
            try body.write(toFile: folder + "/body.json", atomically: true, encoding: .utf8)
            var arguments = ["-s", "-o", folder + "/reply", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                             "-H", "X-Slack-Request-Timestamp: \(timestamp)", "-H", "X-Slack-Signature: \(signed)",
                             "--data-binary", "@" + folder + "/body.json", url]
            if retry { arguments += ["-H", "X-Slack-Retry-Num: 1", "-H", "X-Slack-Retry-Reason: http_timeout"] }
            let started = Date()
            let code = Int(try Shell.run("/usr/bin/curl", arguments)) ?? 0
            XCTAssertLessThan(Date().timeIntervalSince(started), 3, "Slack waits 3 s at most")
            return (code, (try? String(contentsOfFile: folder + "/reply", encoding: .utf8)) ?? "")
        }

        XCTAssertEqual(try post(#"{"token":"t","challenge":"chal-123","type":"url_verification"}"#).1, "chal-123")
        let event = #"{"type":"event_callback","event_id":"Ev0E2E","event":{"type":"message","channel":"C0ACME001","user":"U0CUST01","text":"Slack says hi &amp; bye","ts":"1795442300.000100"}}"#
        XCTAssertEqual(try post(event).0, 200)
        // Answered from the spool, stored from there: the retry is answered too, and stores nothing twice.
        XCTAssertEqual(try post(event, retry: true).1, "queued\n")
        XCTAssertEqual(try post(event, signature: "v0=deadbeef").0, 401)
        XCTAssertEqual(try post(event, age: 600).0, 401)
        XCTAssertEqual(try waitForMessages(1, timeout: 10), 1)
        Thread.sleep(forTimeInterval: 0.5)  // the retry's turn in the spool
        let list = try Shell.run(Self.baton, ["conv", "list", "--config", config])
        XCTAssertTrue(list.contains("Slack says hi & bye"), list)
        XCTAssertEqual(try SQLiteStore(path: folder + "/store.sqlite").messageCount(), 1)
    }

    func testServeRefusesASecretFileOthersCanRead() throws {
        let file = folder + "/secret"
        try "s3cret\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        XCTAssertThrowsError(try Shell.run(Self.baton, ["serve", "--listen", "127.0.0.1:0", "--signing-secret-file", file, "--config", config])) { error in
            XCTAssertEqual((error as! ShellError).stderr, "baton: \(file): the signing secret file is readable by others; chmod 600 it\n")
        }
    }

    /// A Slack export of `days` day files in one customer channel, each with ten threads of
    /// ten messages, as `baton ingest slack-export` reads it.
    func writeLargeExport(days: Int) throws -> (path: String, files: Int, perFile: Int) {
        let export = folder + "/export"
        try FileManager.default.createDirectory(atPath: export + "/acme-support", withIntermediateDirectories: true)
        try #"[{"id":"U0CUST01","name":"priya","real_name":"Priya","profile":{"display_name":"Priya","email":"priya@acme.io"}}]"#
            .write(toFile: export + "/users.json", atomically: true, encoding: .utf8)
        try #"[{"id":"C0ACME001","name":"acme-support","created":1795000000}]"#.write(toFile: export + "/channels.json", atomically: true, encoding: .utf8)
        let start = 1_790_000_000
        for day in 0..<days {
            var messages: [String] = []
            for thread in 0..<10 {
                let root = "\(start + day * 86_400 + thread * 600).000100"
                for reply in 0..<10 {
                    let ts = "\(start + day * 86_400 + thread * 600 + reply).000\(100 + reply)"
                    messages.append(#"{"type":"message","user":"U0CUST01","text":"day \#(day) thread \#(thread) message \#(reply): the router drops subscriptions","ts":"\#(ts)","thread_ts":"\#(root)"}"#)
                }
            }
            let name = String(format: "%@/acme-support/day-%05d.json", export, day)
            try ("[" + messages.joined(separator: ",\n") + "]").write(toFile: name, atomically: true, encoding: .utf8)
        }
        return (export, days, 100)
    }
}

extension String {
    func appendLine(toFile path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(("\n" + self).utf8))
        try handle.close()
    }
}
