import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Replies leaving by mail: `baton outbox send` hands them to msmtp, which delivers them to
/// a real SMTP server (aiosmtpd) on a private loopback port; what arrives is parsed.
extension EndToEndTests {
    /// Starts aiosmtpd on a free loopback port, writing each message to FOLDER/mail-N.eml
    /// (recipients beside it in .rcpt). Returns the server process and its port.
    func startSMTPServer() throws -> (Process, Int) {
        let script = folder + "/smtp_sink.py"
        try """
            import os, signal, socket, sys
            from aiosmtpd.controller import Controller
            folder = sys.argv[1]
            class Sink:
                count = 0
                async def handle_DATA(self, server, session, envelope):
                    Sink.count += 1
                    path = os.path.join(folder, "mail-%d.eml" % Sink.count)
                    with open(path + ".rcpt", "w") as f:
                        f.write("\\n".join(envelope.rcpt_tos))
                    with open(path + ".tmp", "wb") as f:
                        f.write(envelope.original_content or envelope.content)
                    os.rename(path + ".tmp", path)
                    return "250 OK"
            probe = socket.socket()
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
            probe.close()
            controller = Controller(Sink(), hostname="127.0.0.1", port=port)
            controller.start()
            print(port, flush=True)
            signal.pause()
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = [script, folder]
        let out = folder + "/smtp.out"
        FileManager.default.createFile(atPath: out, contents: nil)
        server.standardOutput = FileHandle(forWritingAtPath: out)
        server.standardError = FileHandle(forWritingAtPath: out)
        try server.run()
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: out, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return (server, port)
            }
            XCTAssertTrue(server.isRunning, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
            Thread.sleep(forTimeInterval: 0.05)
        }
        server.terminate()
        throw ShellError(command: "python3 smtp_sink.py", status: -1, stderr: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "no port")
    }

    func writeMailConfig(sendmail: String) throws {
        try """
            email_domains = ["acme.io"]
            [email]
            from = ["Acme Support <support@example-corp.com>", "help@example-corp.com"]
            sendmail = "\(sendmail)"
            """.appendLine(toFile: config)
    }

    static let customerMail = """
        From: =?UTF-8?Q?Zo=C3=AB?= <zoe@acme.io>\r
        Reply-To: Zoe Tickets <tickets@acme.io>\r
        To: help@example-corp.com\r
        Cc: "Bob, Ops" <bob@acme.io>, support@example-corp.com\r
        Subject: Webhooks stopped at noon\r
        Message-ID: <q1@acme.io>\r
        References: <q0@acme.io>\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        Nothing since 12:00.\r

        """

    func testAReplyIsMailedThroughMsmtpWithItsHeadersAndTheAnswerThreadsBackIn() throws {
        let (server, port) = try startSMTPServer()
        defer { server.terminate() }
        try writeMailConfig(sendmail: "/usr/bin/msmtp --host=127.0.0.1 --port=\(port) --auth=off --tls=off --from=help@example-corp.com -t -oi")
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: Self.customerMail)
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        let due = try store.conversation(1).row.slaDue
        XCTAssertNotNil(due)
        _ = try store.queueReply(1, body: "Grüße, Zoë: fixed in 2.4.1.\nUpgrade and tell us.\n", actor: "ana", authorName: "Ana", at: Date())
        XCTAssertEqual(try store.conversation(1).row.slaDue, due, "queued is not answered")
        let reply = try XCTUnwrap(try store.outbox().first)

        let output = try Shell.run(Self.baton, ["outbox", "send", "--config", config])
        XCTAssertEqual(output, "reply \(reply.messageID): sent\n")
        let sent = try XCTUnwrap(try store.outboxReply(reply.messageID))
        XCTAssertEqual(sent.state, .sent)
        let messageID = try XCTUnwrap(sent.remoteID)
        XCTAssertTrue(messageID.hasPrefix("baton.\(reply.messageID)."), messageID)
        XCTAssertTrue(messageID.hasSuffix("@example-corp.com"), messageID)
        XCTAssertNil(try store.conversation(1).row.slaDue, "answered once the mail server took it")

        let path = folder + "/mail-1.eml"
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: path), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let raw = try XCTUnwrap(FileManager.default.contents(atPath: path))
        let text = String(decoding: raw, as: UTF8.self)
        let mail = try EmailMessage.parse(Array(raw))
        XCTAssertEqual(mail.from.address, "help@example-corp.com", "the address the customer wrote to")
        XCTAssertEqual(mail.messageID, messageID)
        XCTAssertEqual(mail.inReplyTo, ["q1@acme.io"])
        XCTAssertEqual(mail.references, ["q0@acme.io", "q1@acme.io"])
        XCTAssertEqual(mail.subject, "Re: Webhooks stopped at noon")
        XCTAssertEqual(mail.recipients.map(\.address), ["tickets@acme.io", "bob@acme.io"], "To the Reply-To, Cc the rest minus the team")
        XCTAssertEqual(mail.recipients.last?.name, "Bob, Ops")
        XCTAssertNotNil(mail.date)
        XCTAssertEqual(mail.text.trimmingCharacters(in: .whitespacesAndNewlines), "Grüße, Zoë: fixed in 2.4.1.\nUpgrade and tell us.")
        XCTAssertTrue(text.contains("Content-Transfer-Encoding: quoted-printable"), text)
        XCTAssertTrue(text.contains("Gr=C3=BC=C3=9Fe"), text)
        let envelope = try String(contentsOfFile: path + ".rcpt", encoding: .utf8)
        XCTAssertEqual(Set(envelope.split(separator: "\n").map(String.init)), ["tickets@acme.io", "bob@acme.io"])

        // The customer answers the reply, under another subject: it threads by In-Reply-To.
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: """
            From: Zoe Tickets <tickets@acme.io>\r
            To: help@example-corp.com\r
            Subject: different words\r
            Message-ID: <q2@acme.io>\r
            In-Reply-To: <\(messageID)>\r
            \r
            Works now, thanks.\r

            """)
        let detail = try store.conversation(1)
        XCTAssertEqual(detail.messages.last?.body.trimmingCharacters(in: .whitespacesAndNewlines), "Works now, thanks.")
        XCTAssertEqual(try store.queueSize(.init(includeClosed: true)), 1, "no new conversation")
        XCTAssertEqual(try Shell.run(Self.baton, ["outbox", "list", "--config", config]), "", "nothing waits")
    }

    func testARefusedHandOverFailsTheReplyWithTheProgramsWordsAndTheListShowsIt() throws {
        // A port nobody listens on: msmtp cannot deliver and says why.
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: 0, sin_addr: in_addr(s_addr: inet_addr("127.0.0.1")), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(probe, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        close(probe)
        try writeMailConfig(sendmail: "/usr/bin/msmtp --host=127.0.0.1 --port=\(port) --auth=off --tls=off --from=help@example-corp.com -t -oi")
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: Self.customerMail)
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        _ = try store.queueReply(1, body: "Fixed.", actor: "ana", authorName: "Ana", at: Date())
        XCTAssertThrowsError(try Shell.run(Self.baton, ["outbox", "send", "--config", config])) { error in
            XCTAssertEqual((error as? ShellError)?.status, 1)
        }
        let reply = try XCTUnwrap(try store.outbox().first)
        XCTAssertEqual(reply.state, .failed)
        XCTAssertEqual(reply.attempts, 1)
        XCTAssertTrue(reply.reason?.hasPrefix("msmtp exit") == true, reply.reason ?? "")
        XCTAssertTrue(reply.reason?.contains("127.0.0.1") == true || reply.reason?.contains("connect") == true, reply.reason ?? "")
        XCTAssertNotNil(try store.conversation(1).row.slaDue, "a failed reply answers nothing")
        let listed = try Shell.run(Self.baton, ["outbox", "list", "--failed", "--config", config])
        XCTAssertTrue(listed.hasPrefix("\(reply.messageID)  #1  email  failed  Ana  tries 1"), listed)
        let json = try JSONSerialization.jsonObject(with: Data(try Shell.run(Self.baton, ["outbox", "list", "--json", "--config", config]).utf8)) as! [[String: Any]]
        XCTAssertEqual(json.first?["state"] as? String, "failed")
        XCTAssertEqual(json.first?["reason"] as? String, reply.reason)

        // A person on the roster queues it again, then withdraws it; a second cancel finds it
        // no longer waiting and is told so (exit 3), as any lost race is.
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "id = \"ana\"\n", with: "id = \"ana\"\nunix_user = \"\(NSUserName())\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let id = String(reply.messageID)
        XCTAssertEqual(try Shell.run(Self.baton, ["outbox", "retry", id, "--config", config]), "reply \(id): queued again\n")
        XCTAssertEqual(try store.outbox().first?.state, .queued)
        XCTAssertEqual(try Shell.run(Self.baton, ["outbox", "cancel", id, "--config", config]), "reply \(id): cancelled\n")
        XCTAssertEqual(try store.outbox(states: nil).first?.state, .cancelled)
        XCTAssertThrowsError(try Shell.run(Self.baton, ["outbox", "cancel", id, "--config", config])) { error in
            XCTAssertEqual((error as? ShellError)?.status, 3)
        }
    }

    func testASenderKilledWhileSendmailHoldsTheReplyLeavesItUnconfirmedAndNeverSendsItTwice() throws {
        // A sendmail-compatible program that takes the message and then blocks, as a slow
        // relay does: it records each run, so the test sees how often the reply went out.
        let program = folder + "/slow-sendmail"
        try """
            #!/bin/sh
            cat > "\(folder!)/handed-$$.eml"
            echo $$ >> "\(folder!)/runs"
            exec sleep 60
            """.write(toFile: program, atomically: true, encoding: .utf8)
        chmod(program, 0o755)
        try writeMailConfig(sendmail: program)
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: Self.customerMail)
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        _ = try store.queueReply(1, body: "Fixed.", actor: "ana", authorName: "Ana", at: Date())
        let sender = Process()
        sender.executableURL = URL(fileURLWithPath: Self.baton)
        sender.arguments = ["outbox", "send", "--config", config]
        sender.standardOutput = FileHandle.nullDevice
        sender.standardError = FileHandle.nullDevice
        try sender.run()
        let runs = folder + "/runs"
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: runs), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let child = try String(contentsOfFile: runs, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        defer { if let pid = pid_t(child) { kill(pid, SIGKILL) } }
        XCTAssertEqual(try store.outbox().first?.state, .sending)
        kill(sender.processIdentifier, SIGKILL)
        sender.waitUntilExit()

        XCTAssertThrowsError(try Shell.run(Self.baton, ["outbox", "send", "--config", config])) { error in
            XCTAssertEqual((error as? ShellError)?.status, 1, "an unconfirmed reply is a failure to look at")
        }
        let reply = try XCTUnwrap(try store.outbox().first)
        XCTAssertEqual(reply.state, .unconfirmed)
        XCTAssertTrue(reply.reason?.contains("it may have been sent") == true, reply.reason ?? "")
        XCTAssertEqual(try store.conversation(1).messages.last?.state, .unconfirmed)
        XCTAssertEqual(try String(contentsOfFile: runs, encoding: .utf8).split(separator: "\n").count, 1, "handed over once, never again by itself")
        XCTAssertTrue(try Shell.run(Self.baton, ["outbox", "list", "--failed", "--config", config]).contains("unconfirmed"))
    }
}
