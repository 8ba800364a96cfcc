import BatonIngest
import BatonStore
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `baton serve` as Slack meets it on a busy box: a store held by another process, a
/// `kill -9` with events answered but not stored, and a flood of slow connections. All
/// on loopback, bounded in count and time.
extension EndToEndTests {
    static let signingSecret = "e2e-signing-secret"

    /// Starts `baton serve` on a free port; returns the process and its URL.
    func startServe(log: String = "serve") throws -> (Process, String) {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.baton)
        server.arguments = ["serve", "--listen", "127.0.0.1:0", "--config", config]
        server.environment = ProcessInfo.processInfo.environment.merging(["SLACK_SIGNING_SECRET": Self.signingSecret]) { $1 }
        FileManager.default.createFile(atPath: folder + "/\(log).out", contents: nil)
        FileManager.default.createFile(atPath: folder + "/\(log).err", contents: nil)
        server.standardOutput = FileHandle(forWritingAtPath: folder + "/\(log).out")
        server.standardError = FileHandle(forWritingAtPath: folder + "/\(log).err")
        try server.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let said = (try? String(contentsOfFile: folder + "/\(log).out", encoding: .utf8)) ?? ""
            if let line = said.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) {
                return (server, String(line.dropFirst("listening on ".count)))
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        server.terminate()
        XCTFail("baton serve never said where it listens: \((try? String(contentsOfFile: folder + "/\(log).err", encoding: .utf8)) ?? "")")
        throw ShellError(command: "baton serve", status: -1, stderr: "")
    }

    /// Posts a signed message event; returns the status, the body and the seconds it took.
    func postEvent(_ url: String, id: String, text: String, ts: String) throws -> (Int, String, TimeInterval) {
        let body = #"{"type":"event_callback","event_id":"\#(id)","event":{"type":"message","channel":"C0ACME001","user":"U0CUST01","text":"\#(text)","ts":"\#(ts)"}}"#
        let timestamp = String(Int(Date().timeIntervalSince1970))
        let signature = SlackSignature.sign(body: Array(body.utf8), timestamp: timestamp, secret: Array(Self.signingSecret.utf8))
        let file = folder + "/body-\(id).json"
        try body.write(toFile: file, atomically: true, encoding: .utf8)
        let started = Date()
        let code = try Shell.run("/usr/bin/curl", ["-s", "-m", "10", "-o", folder + "/reply-\(id)", "-w", "%{http_code}",
                                                   "-H", "Content-Type: application/json", "-H", "X-Slack-Request-Timestamp: \(timestamp)",
                                                   "-H", "X-Slack-Signature: \(signature)", "--data-binary", "@" + file, url])
        return (Int(code) ?? 0, (try? String(contentsOfFile: folder + "/reply-\(id)", encoding: .utf8)) ?? "", Date().timeIntervalSince(started))
    }

    /// Holds the store's write lock from this process (another process, to baton serve) until `release` is called.
    func holdStore() throws -> (release: () -> Void, thread: Thread) {
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        // An intake's write transaction, kept open: what a long import does to everyone else.
        let thread = Thread {
            _ = try? store.intake(actor: "holder", at: Date()) { _ in
                held.signal()
                release.wait()
            }
        }
        thread.start()
        held.wait()
        return ({ release.signal() }, thread)
    }

    func waitForMessages(_ count: Int, timeout: TimeInterval) throws -> Int {
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        let deadline = Date().addingTimeInterval(timeout)
        var seen = try store.messageCount()
        while seen < count, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            seen = try store.messageCount()
        }
        return seen
    }

    func testServeAnswersWithinSlacksThreeSecondsWhileAnotherProcessHoldsTheStore() throws {
        try "slack_channel = \"C0ACME001\"\n".appendLine(toFile: config)
        let (server, url) = try startServe()
        defer { server.terminate(); server.waitUntilExit() }
        let (release, _) = try holdStore()
        for number in 1...5 {
            let (status, body, seconds) = try postEvent(url, id: "EvHeld\(number)", text: "held \(number)", ts: "179544230\(number).000100")
            XCTAssertEqual(status, 200, body)
            XCTAssertEqual(body, "queued\n")
            XCTAssertLessThan(seconds, 3, "Slack waits 3 s at most, whatever the store is doing")
        }
        XCTAssertEqual(try SQLiteStore(path: folder + "/store.sqlite").messageCount(), 0, "still held: nothing stored yet")
        release()
        XCTAssertEqual(try waitForMessages(5, timeout: 15), 5, "stored once the store is free")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/store.sqlite-spool").filter { !$0.hasPrefix(".") }, [],
                       "the spool empties as events are stored")
    }

    func testEventsSpooledBeforeAKill9AreStoredAfterARestart() throws {
        try "slack_channel = \"C0ACME001\"\n".appendLine(toFile: config)
        let (server, url) = try startServe()
        let (release, _) = try holdStore()
        for number in 1...3 {
            XCTAssertEqual(try postEvent(url, id: "EvKill\(number)", text: "answered then killed \(number)", ts: "179544240\(number).000100").0, 200)
        }
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        let spool = folder + "/store.sqlite-spool"
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".event") }.count, 3,
                       "answered events are on disk")
        let mode = (try FileManager.default.attributesOfItem(atPath: spool)[.posixPermissions] as! NSNumber).intValue
        XCTAssertEqual(mode & 0o007, 0, "customer text in the spool is closed to others, like the store")

        // Restarted while the store is still held: it starts, and answers at once.
        let (again, againURL) = try startServe(log: "serve2")
        defer { again.terminate(); again.waitUntilExit() }
        let (status, _, seconds) = try postEvent(againURL, id: "EvKill4", text: "answered then killed 4", ts: "1795442404.000100")
        XCTAssertEqual(status, 200)
        XCTAssertLessThan(seconds, 3)
        XCTAssertEqual(try SQLiteStore(path: folder + "/store.sqlite").messageCount(), 0)
        release()
        XCTAssertEqual(try waitForMessages(4, timeout: 15), 4, "drained once the store is free: nothing lost")
        let list = try Shell.run(Self.baton, ["conv", "list", "--config", config])
        XCTAssertTrue(list.contains("answered then killed 1"), list)
    }

    func testAThousandSlowConnectionsDoNotStopItAnswering() throws {
        try "slack_channel = \"C0ACME001\"\n".appendLine(toFile: config)
        let (server, url) = try startServe()
        defer { server.terminate(); server.waitUntilExit() }
        let port = UInt16(url.split(separator: ":").last!.split(separator: "/").first!)!
        // 1,100 connections that send half a request head and then nothing (slowloris), on loopback.
        var sockets: [Int32] = []
        defer { sockets.forEach { close($0) } }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let opened = Date()
        for _ in 0..<1_100 {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { break }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { close(socket); break }
            _ = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".withCString { send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            sockets.append(socket)
        }
        XCTAssertEqual(sockets.count, 1_100, "could not open the slow connections")
        let (status, body, seconds) = try postEvent(url, id: "EvSlow", text: "through the flood", ts: "1795442500.000100")
        XCTAssertEqual(status, 200, body)
        XCTAssertLessThan(seconds, 3, "answered within Slack's 3 s while 1,100 slow connections are open")
        XCTAssertEqual(try waitForMessages(1, timeout: 10), 1)

        // Each slow connection is closed by the server once its request deadline (5 s) has passed.
        let wait = 7 - Date().timeIntervalSince(opened)
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        var closed = 0
        for socket in sockets.prefix(20) {
            var pollfd = Glibc.pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            var byte: UInt8 = 0
            if poll(&pollfd, 1, 1_000) == 1, recv(socket, &byte, 1, Int32(MSG_DONTWAIT)) == 0 { closed += 1 }
        }
        XCTAssertEqual(closed, 20, "a connection whose request does not arrive in time is closed")
    }
}
