@testable import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Mail as a hostile sender writes it: headers and bodies built to make a decoder take
/// time that grows with the square of their length. Before the decoders were made linear,
/// 100 KB of `=?a?b` in a Subject took 15 s, and in From and four To headers 71 s, while
/// the store was held (issue 17); each test here would take minutes on that code. The
/// bounds are many times what the linear code takes in a debug build, so a busy shared
/// box passes them, and far below what the quadratic code took.
final class HostileMailTests: IngestTestCase {
    /// Seconds that `body` takes, run once.
    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func mail(headers: [String], body: String = "hello\r\n") -> [UInt8] {
        Array((headers.joined(separator: "\r\n") + "\r\nMessage-ID: <hostile-\(UUID().uuidString)@evil.example>\r\n\r\n" + body).utf8)
    }

    static let kilobyte = 1024

    /// `pattern` repeated to at least `bytes` bytes.
    func repeated(_ pattern: String, _ bytes: Int) -> String {
        String(repeating: pattern, count: bytes / pattern.utf8.count + 1)
    }

    func testEncodedWordLookalikesInSubjectFromAndFourToHeadersAreLinear() throws {
        let junk = repeated("=?a?b", 100 * Self.kilobyte)
        let subjectOnly = mail(headers: ["From: Zoe <zoe@acme.io>", "Subject: " + junk])
        var report = IngestReport()
        let subjectTime = try seconds { report = try storeEmail(subjectOnly, origin: "hostile.eml") }
        XCTAssertLessThan(subjectTime, 3, "100 KB of =?a?b in Subject took 15 s when decoding was quadratic")
        XCTAssertEqual(report.messagesAdded, 1)
        XCTAssertTrue(report.problems.contains("hostile.eml: header Subject is longer than 16 KB; only its first 16 KB were read"), "\(report.problems)")

        let everywhere = mail(headers: ["From: <zoe@acme.io> \(junk)", "To: \(junk) <a@example-corp.com>", "To: \(junk)", "To: \(junk)",
                                        "To: \(junk)", "Subject: " + junk])
        let allTime = try seconds { report = try storeEmail(everywhere, origin: "everywhere.eml") }
        XCTAssertLessThan(allTime, 5, "in From and four To headers it took 71 s")
        XCTAssertEqual(report.messagesAdded, 1)
        for name in ["From", "To", "Subject"] {
            XCTAssertTrue(report.problems.contains("everywhere.eml: header \(name) is longer than 16 KB; only its first 16 KB were read"), "\(name): \(report.problems)")
        }

        // Junk before the address: what the first 16 KB hold names nobody, and it says so; the
        // message is still a message, kept from an unknown sender named by 100 bytes of the junk.
        let nameFirst = mail(headers: ["From: \(junk) <zoe@acme.io>", "Subject: x"])
        let nameFirstTime = try seconds { report = try storeEmail(nameFirst, origin: "name-first.eml") }
        XCTAssertLessThan(nameFirstTime, 3)
        XCTAssertEqual(report.quarantined, 0)
        XCTAssertEqual(report.messagesAdded, 1)
        XCTAssertTrue(report.problems.contains { $0.hasSuffix("…\" holds no address in its first 16 KB (it is longer than 16 KB); stored as from an unknown sender") },
                      "\(report.problems)")
        let author = try XCTUnwrap(conversations().last?.messages.first)
        XCTAssertEqual(author.authorName, String(repeating: "=?a?b", count: 19) + "=?…", "100 bytes of the words, note included")
        XCTAssertEqual(try conversations().last?.row.customerName, "unknown sender")
        print("measured: 100 KB of =?a?b in Subject \(subjectTime) s; in From, four To and Subject \(allTime) s; before a From address \(nameFirstTime) s")
    }

    func testAMegabyteHeaderOfEveryKindParsesInWellUnderASecondEach() throws {
        let megabyte = 1024 * Self.kilobyte
        let headers: [(String, String)] = [
            ("encoded-word lookalikes", "Subject: " + repeated("=?a?b", megabyte)),
            ("encoded words", "Subject: " + repeated("=?utf-8?q?a=C3=A9?= ", megabyte)),
            ("unclosed encoded words", "Subject: " + repeated("=?utf-8?b?QUJD", megabyte)),
            ("reply prefixes", "Subject: " + repeated("Re: ", megabyte)),
            ("folded lines", "Subject: x" + repeated("\r\n y", megabyte)),
            ("an address list", "To: " + repeated("\"a, b\" <a@b.c>, ", megabyte)),
            ("angle brackets", "To: " + repeated("<", megabyte)),
            ("a Content-Type of parameters", "Content-Type: text/plain" + repeated("; a=\"b;c\"", megabyte)),
        ]
        for (what, header) in headers {
            let raw = mail(headers: ["From: zoe@acme.io", header])
            var parsed: EmailIntake.Parsed?
            let time = seconds { parsed = EmailIntake.parse(raw, origin: what) }
            XCTAssertLessThan(time, 2, "a megabyte of \(what)")
            print("measured: a megabyte of \(what): \(time) s")
            XCTAssertNotNil(parsed)
        }
    }

    func testAReplyPrefixRepeatedIsStrippedInLinearTime() {
        let subject = repeated("Re: ", 16 * Self.kilobyte) + "Invoice"
        var stripped = ""
        let time = seconds { stripped = EmailIntake.threadSubject(subject) }
        XCTAssertEqual(stripped, "Invoice")
        XCTAssertLessThan(time, 1)
    }

    func testHTMLBodiesOfManySmallTagsAreLinear() throws {
        let megabyte = 1024 * Self.kilobyte
        for (what, html) in [("empty style elements", repeated("<style></style>", megabyte)),
                             ("line breaks", repeated("a<br>", megabyte)),
                             ("unclosed script", "<p>hi</p>" + repeated("<script>", megabyte)),
                             ("entities", repeated("&amp;&bogus;&#x41;", megabyte))] {
            let raw = mail(headers: ["From: zoe@acme.io", "Subject: html", "Content-Type: text/html; charset=utf-8"], body: html)
            let time = seconds { _ = EmailIntake.parse(raw, origin: what) }
            XCTAssertLessThan(time, 5, "a megabyte of \(what)")
        }
    }

    func testQuotedPrintableAndBase64OfAMegabyteAreLinear() throws {
        let megabyte = 1024 * Self.kilobyte
        for (encoding, body) in [("quoted-printable", repeated("=\r\n=3D=\r\n", megabyte)), ("base64", repeated("QUJD\r\n", megabyte))] {
            let raw = mail(headers: ["From: zoe@acme.io", "Subject: big", "Content-Transfer-Encoding: " + encoding], body: body)
            let time = seconds { _ = EmailIntake.parse(raw, origin: encoding) }
            XCTAssertLessThan(time, 3, encoding)
        }
    }

    func testAdjacentEncodedWordsInOneCharsetAreJoinedBeforeDecoding() throws {
        // "é" is C3 A9 in UTF-8: one mailer folds it across two words, one byte each.
        let raw = mail(headers: ["From: =?UTF-8?B?Wm/D?= =?UTF-8?B?qw==?= <zoe@acme.io>",
                                 "Subject: =?utf-8?q?Caf=C3?= =?utf-8?q?=A9_au_lait?= and =?iso-8859-1?q?na=EFve?="])
        let parsed = try EmailMessage.parse(raw)
        XCTAssertEqual(parsed.subject, "Café au lait and naïve")
        XCTAssertEqual(parsed.from.name, "Zoë")
    }

    func testAttachmentNamesDoNotPushABodyPastItsCap() throws {
        var parts = ""
        for index in 0..<400 {
            let name = String(repeating: "n", count: 2_000) + "\(index).log"
            parts += "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"\(name)\"\r\n\r\nAAAA\r\n"
        }
        let body = "--b\r\nContent-Type: text/plain\r\n\r\n" + String(repeating: "all work and no play ", count: 20_000) + "\r\n" + parts + "--b--\r\n"
        let raw = mail(headers: ["From: zoe@acme.io", "Subject: logs", "Content-Type: multipart/mixed; boundary=b"], body: body)
        let parsed = try EmailMessage.parse(raw)
        XCTAssertLessThanOrEqual(parsed.text.utf8.count, EmailMessage.maximumText)
        XCTAssertTrue(parsed.text.contains("[… the rest of this message was not stored]"))
        XCTAssertTrue(parsed.text.contains("more attachments not listed]"), String(parsed.text.suffix(300)))
    }

    func testAMaildirFileThatCannotBeReadIsNamedNotQuarantinedAsEmpty() throws {
        let maildir = folder + "/Maildir"
        try FileManager.default.createDirectory(atPath: maildir + "/new/1795442400.M1.host", withIntermediateDirectories: true)
        try Data(mail(headers: ["From: zoe@acme.io", "Subject: readable"])).write(to: URL(fileURLWithPath: maildir + "/new/1795442401.M2.host"))
        let report = try MailImport.run(try Maildir.files(maildir).map { file in (file, { try Maildir.read(file) }) },
                                        roster: roster, store: store, actor: "test")
        XCTAssertEqual(report.quarantined, 0)
        XCTAssertEqual(report.rejected, 1, "exit 65")
        XCTAssertEqual(report.messagesAdded, 1)
        XCTAssertEqual(report.problems, [maildir + "/new/1795442400.M1.host: cannot be read: Is a directory; left where it is"])
        XCTAssertEqual(try store.quarantineCount(), 0)
    }
}
