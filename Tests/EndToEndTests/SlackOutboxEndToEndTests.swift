import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Replies leaving by Slack: `baton serve` posts them to a local HTTP server that follows
/// chat.postMessage's contract (bearer token, JSON in and out, 429 with Retry-After,
/// `ok: false` with Slack's error), and Slack's echo of a post is not stored twice.
extension EndToEndTests {
    func startSlackAPI() throws -> (Process, Int) {
        let script = folder + "/slack_api.py"
        try """
            import http.server, json, sys, threading, time
            folder = sys.argv[1]
            state = {"requests": 0, "posts": 0}
            lock = threading.Lock()
            class API(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                    try:
                        payload = json.loads(body)
                    except Exception:
                        payload = {}
                    with lock:
                        state["requests"] += 1
                        record = {"at": time.time(), "path": self.path, "auth": self.headers.get("Authorization"),
                                  "type": self.headers.get("Content-Type"), "payload": payload}
                        headers = {"Content-Type": "application/json; charset=utf-8"}
                        if state["requests"] == 1:
                            code, answer = 429, {"ok": False, "error": "ratelimited"}
                            headers["Retry-After"] = "1"
                        elif self.path != "/api/chat.postMessage" or self.headers.get("Authorization") != "Bearer xoxb-e2e":
                            code, answer = 200, {"ok": False, "error": "invalid_auth"}
                        elif payload.get("channel") == "C0GONE":
                            code, answer = 200, {"ok": False, "error": "channel_not_found"}
                        else:
                            state["posts"] += 1
                            ts = "1795442400.%06d" % state["posts"]
                            code, answer = 200, {"ok": True, "channel": payload.get("channel"), "ts": ts,
                                                 "message": {"type": "message", "text": payload.get("text"), "ts": ts, "bot_id": "B0BATON"}}
                        record["code"] = code
                        record["answer"] = answer
                        with open(folder + "/slack.log", "a") as f:
                            f.write(json.dumps(record) + "\\n")
                    out = json.dumps(answer).encode()
                    self.send_response(code)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
                def log_message(self, *args):
                    pass
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), API)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = [script, folder]
        let out = folder + "/slack_api.out"
        FileManager.default.createFile(atPath: out, contents: nil)
        server.standardOutput = FileHandle(forWritingAtPath: out)
        server.standardError = FileHandle(forWritingAtPath: out)
        try server.run()
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: out, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return (server, port)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        server.terminate()
        throw ShellError(command: "python3 slack_api.py", status: -1, stderr: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "no port")
    }

    func testServePostsSlackRepliesInTheirThreadPacedThroughA429AndShowsSlacksRefusal() throws {
        let (api, port) = try startSlackAPI()
        defer { api.terminate() }
        try """
            slack_channel = "C0ACME001"
            [slack]
            api_url = "http://127.0.0.1:\(port)/api"
            """.appendLine(toFile: config)
        // The store first (baton serve creates nothing before it starts).
        _ = try Shell.run(Self.baton, ["conv", "list", "--config", config])
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        let opened = Date().addingTimeInterval(-600)
        func open(_ key: String, _ subject: String) throws -> Int64 {
            try store.createConversation(NewConversation(externalKey: key, customerID: "acme", customerName: "Acme", tierID: "enterprise", subject: subject,
                                                         source: .slack, messages: [NewMessage(externalKey: key, authorKind: .customer, authorName: "Priya",
                                                                                               authorID: "U0CUST01", body: subject, createdAt: opened)]),
                                         actor: "test", at: opened)
        }
        let thread = try open("slack:C0ACME001:1795442300.000100", "Webhooks stopped")
        let gone = try open("slack:C0GONE:1795442300.000200", "Old channel")
        _ = try store.queueReply(thread, body: "Looking now.", actor: "ana", authorName: "Ana", at: Date())
        _ = try store.queueReply(thread, body: "Fixed in 2.4.1 & deployed.", actor: "ana", authorName: "Ana", at: Date())
        _ = try store.queueReply(gone, body: "Hello?", actor: "ana", authorName: "Ana", at: Date())

        let secret = "e2e-signing-secret"
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.baton)
        server.arguments = ["serve", "--listen", "127.0.0.1:0", "--config", config]
        server.environment = ProcessInfo.processInfo.environment.merging(["SLACK_SIGNING_SECRET": secret, "SLACK_BOT_TOKEN": "xoxb-e2e"]) { $1 }
        FileManager.default.createFile(atPath: folder + "/serve.out", contents: nil)
        server.standardOutput = FileHandle(forWritingAtPath: folder + "/serve.out")
        server.standardError = FileHandle(forWritingAtPath: folder + "/serve.out")
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var replies: [OutboxReply] = []
        let deadline = Date().addingTimeInterval(30)
        repeat {
            Thread.sleep(forTimeInterval: 0.2)
            replies = try store.outbox(states: nil)
        } while replies.contains(where: { $0.state == .queued || $0.state == .sending }) && Date() < deadline
        XCTAssertEqual(replies.map(\.state), [.sent, .sent, .failed], (try? String(contentsOfFile: folder + "/serve.out", encoding: .utf8)) ?? "")
        XCTAssertEqual(replies.map(\.remoteID), ["1795442400.000001", "1795442400.000002", nil])
        XCTAssertEqual(replies.last?.reason, "Slack: channel_not_found")
        XCTAssertNil(replies.last?.nextTryAt, "Slack's refusal waits for a person")

        let log = try String(contentsOfFile: folder + "/slack.log", encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(log.count, 4, "one 429, its retry, the second reply, the refused one")
        let payloads = log.map { $0["payload"] as! [String: String] }
        XCTAssertEqual(payloads.map { $0["channel"] }, ["C0ACME001", "C0ACME001", "C0ACME001", "C0GONE"])
        XCTAssertEqual(payloads.prefix(3).map { $0["thread_ts"] }, ["1795442300.000100", "1795442300.000100", "1795442300.000100"])
        XCTAssertEqual(payloads.map { $0["text"] }, ["Looking now.", "Looking now.", "Fixed in 2.4.1 & deployed.", "Hello?"])
        XCTAssertEqual(Set(log.map { $0["auth"] as? String }), ["Bearer xoxb-e2e"])
        XCTAssertEqual(log.map { $0["path"] as? String }, Array(repeating: "/api/chat.postMessage", count: 4))
        let times = log.map { $0["at"] as! Double }
        XCTAssertGreaterThanOrEqual(times[1] - times[0], 0.95, "the 429's Retry-After was waited out")
        XCTAssertGreaterThanOrEqual(times[2] - times[1], 0.95, "one post per second in a channel")
        XCTAssertLessThan(times[3] - times[2], 0.9, "another channel does not wait")

        let listed = try Shell.run(Self.baton, ["outbox", "list", "--failed", "--config", config])
        XCTAssertTrue(listed.contains("failed  Ana  tries 1  Slack: channel_not_found"), listed)
        XCTAssertEqual(try store.conversation(thread).messages.map(\.state), [.received, .sent, .sent])

        // Slack sends the bot's post back through the Events API: known by its ts, not added twice.
        var url = ""
        let said = (try? String(contentsOfFile: folder + "/serve.out", encoding: .utf8)) ?? ""
        if let line = said.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) { url = String(line.dropFirst("listening on ".count)) }
        XCTAssertFalse(url.isEmpty, said)
        let echo = #"{"type":"event_callback","event_id":"Ev0ECHO","event":{"type":"message","channel":"C0ACME001","bot_id":"B0BATON","user":"U0BATON","text":"Looking now.","ts":"1795442400.000001","thread_ts":"1795442300.000100"}}"#
        let now = String(format: "%.6f", Date().timeIntervalSince1970 + 1)
        let fresh = #"{"type":"event_callback","event_id":"Ev0NEXT","event":{"type":"message","channel":"C0ACME001","user":"U0CUST01","text":"Thanks!","ts":"\#(now)","thread_ts":"1795442300.000100"}}"#
        for (index, body) in [echo, fresh].enumerated() {
            let timestamp = String(Int(Date().timeIntervalSince1970))
            let signed = SlackSignature.sign(body: Array(body.utf8), timestamp: timestamp, secret: Array(secret.utf8))
            try body.write(toFile: folder + "/event-\(index).json", atomically: true, encoding: .utf8)
            let code = try Shell.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                                                       "-H", "X-Slack-Request-Timestamp: \(timestamp)", "-H", "X-Slack-Signature: \(signed)",
                                                       "--data-binary", "@" + folder + "/event-\(index).json", url])
            XCTAssertEqual(code, "200")
        }
        // The customer's next message lands after the echo (the spool keeps their order): once it is in, the echo was handled.
        let until = Date().addingTimeInterval(10)
        while try store.conversation(thread).messages.count < 4, Date() < until { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertEqual(try store.conversation(thread).messages.map(\.body), ["Webhooks stopped", "Looking now.", "Fixed in 2.4.1 & deployed.", "Thanks!"])
    }
}
