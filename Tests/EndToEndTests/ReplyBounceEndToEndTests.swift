import BatonIngest
import BatonStore
import Foundation
import XCTest

/// A reply leaves through a sendmail-compatible program, the recipient's server refuses it,
/// and the delivery status notification that comes back through `baton ingest email` fails
/// the reply: `baton outbox list` shows it failed with the server's words.
extension EndToEndTests {
    func testABounceOfASentReplyFailsItAndTheOutboxListShowsTheReason() throws {
        // Takes the message as a mail server's sendmail does, keeping a copy to read.
        let program = folder + "/sendmail"
        try """
            #!/bin/sh
            cat > "\(folder!)/handed.eml"
            """.write(toFile: program, atomically: true, encoding: .utf8)
        chmod(program, 0o755)
        try writeMailConfig(sendmail: program)
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: Self.customerMail)
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        _ = try store.queueReply(1, body: "Fixed in 2.4.1.", actor: "ana", authorName: "Ana", at: Date())
        let reply = try XCTUnwrap(try store.outbox().first)
        XCTAssertEqual(try Shell.run(Self.baton, ["outbox", "send", "--config", config]), "reply \(reply.messageID): sent\n")
        let handed = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/handed.eml"))
        let messageID = try XCTUnwrap(try EmailMessage.parse(Array(handed)).messageID)
        XCTAssertEqual(try store.outboxReply(reply.messageID)?.remoteID, messageID)

        // Postfix's report, returning the reply's headers (text/rfc822-headers), as the mail server pipes it in.
        let headers = String(decoding: handed, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").first ?? ""
        let report = """
            From: Mail Delivery System <MAILER-DAEMON@mx.example-corp.com>\r
            To: help@example-corp.com\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <dsn-\(UUID().uuidString)@mx.example-corp.com>\r
            Auto-Submitted: auto-replied\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r
            \r
            --B\r
            Content-Type: text/plain\r
            \r
            I'm sorry to have to inform you that your message could not be delivered.\r
            \r
            --B\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.example-corp.com\r
            \r
            Final-Recipient: rfc822; tickets@acme.io\r
            Action: failed\r
            Status: 5.1.1\r
            Diagnostic-Code: smtp; 550 5.1.1 <tickets@acme.io>: Recipient address rejected: User unknown\r
            \r
            --B\r
            Content-Type: text/rfc822-headers\r
            \r
            \(headers.replacingOccurrences(of: "\n", with: "\r\n"))\r
            \r
            --B--\r

            """
        try Shell.run(Self.baton, ["ingest", "email", "--config", config], input: report)

        let reason = "bounced: delivery to tickets@acme.io failed: 550 5.1.1 <tickets@acme.io>: Recipient address rejected: User unknown"
        let listed = try Shell.run(Self.baton, ["outbox", "list", "--failed", "--config", config])
        XCTAssertTrue(listed.hasPrefix("\(reply.messageID)  #1  email  failed  Ana  tries 1"), listed)
        XCTAssertTrue(listed.hasSuffix("  \(reason)\n"), listed)
        let json = try JSONSerialization.jsonObject(with: Data(try Shell.run(Self.baton, ["outbox", "list", "--json", "--config", config]).utf8)) as! [[String: Any]]
        XCTAssertEqual(json.first?["state"] as? String, "failed")
        XCTAssertEqual(json.first?["reason"] as? String, reason)
        let shown = try Shell.run(Self.baton, ["conv", "show", "1", "--config", config])
        XCTAssertTrue(shown.contains("delivery to tickets@acme.io failed: 550 5.1.1"), shown)
        XCTAssertEqual(try store.queueSize(.init(includeClosed: true)), 1, "the report opened no conversation")
        XCTAssertTrue(try store.conversation(1).events.contains { $0.kind == "bounced" && $0.detail.contains(reason) }, "in the audit log")
    }
}
