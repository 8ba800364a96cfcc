import BatonIngest
import Foundation
import XCTest

/// The MIME parser on its own: bytes in, the readable message out.
final class EmailMessageTests: XCTestCase {
    func parse(_ name: String) throws -> EmailMessage {
        try EmailMessage.parse(try IngestTestCase.bytes("email/" + name))
    }

    func testMultipartTakesThePlainPartDecodesQuotedPrintableAndNamesTheAttachment() throws {
        let email = try parse("multipart-alternative.eml")
        XCTAssertEqual(email.messageID, "CAF1.router@mail.acme.io")
        XCTAssertEqual(email.from, MailAddress(name: "Priya Raman", address: "priya@acme.io"))
        XCTAssertEqual(email.subject, "Router drops subscriptions")
        XCTAssertEqual(email.date, Date(timeIntervalSince1970: 1_795_442_280), "14:58 +0100 is 13:58 UTC")
        XCTAssertEqual(email.text, """
            Hello team,

            The router drops subscriptions after every deploy — a long line that is soft-wrapped by quoted-printable.
            Café is open.

            [attachment: trace.pdf, 154 bytes]
            """)
        XCTAssertEqual(email.problems, [])
    }

    func testHTMLOnlyMailIsMadePlainAndItsBase64SubjectDecoded() throws {
        let email = try parse("html-only-base64.eml")
        XCTAssertEqual(email.subject, "Le routeur perd les abonnements")
        XCTAssertEqual(email.from.name, "Raman, Priya")
        XCTAssertEqual(email.text, "Bonjour,\n\nLe routeur perd les abonnements & redémarre.")
    }

    func testLatin1BodyAndEncodedWordsAcrossAFoldedSubject() throws {
        let email = try parse("latin1-rfc2047.eml")
        XCTAssertEqual(email.from.name, "André Pirard")
        XCTAssertEqual(email.subject, "Problème de connexion au réseau", "adjacent encoded words join; folding becomes one space")
        XCTAssertEqual(email.text, "Le réseau est coupé depuis ce matin. Merci d'avance, André.\n")
        XCTAssertEqual(email.date, Date(timeIntervalSince1970: 1_795_508_100))
    }

    func testWindows1252SmartQuotesAndEuro() throws {
        let email = try parse("windows-1252.eml")
        XCTAssertEqual(email.text, "It’s “broken” – again € 100.\n")
        XCTAssertEqual(email.date, Date(timeIntervalSince1970: 1_795_532_400), "no seconds, no day name, -0500")
    }

    func testABrokenBoundaryKeepsTheBodyAsTextAndSaysWhy() throws {
        let email = try parse("broken-boundary.eml")
        XCTAssertTrue(email.text.contains("Still broken after the restart."), email.text)
        XCTAssertEqual(email.problems, [#"broken MIME boundary: "this-never-appears" never occurs in the body; the body is kept as plain text"#])
    }

    func testAnUnknownCharsetIsReportedAndTheTextKept() throws {
        let email = try parse("unknown-charset.eml")
        XCTAssertEqual(email.text, "Qapla\u{FFFD} and plain words.\n", "what no charset reads is U+FFFD, never mojibake")
        XCTAssertEqual(email.problems.count, 1)
        XCTAssertTrue(email.problems[0].hasPrefix(#"unknown charset "x-klingon-8""#), email.problems[0])
    }

    func testTextThatIsNotAMessageIsRefusedWithAReason() {
        XCTAssertThrowsError(try parse("not-a-message.txt")) { error in
            XCTAssertEqual("\(error)", "no header fields: not an RFC 5322 message")
        }
        XCTAssertThrowsError(try EmailMessage.parse([])) { XCTAssertEqual("\($0)", "empty message") }
    }

    func testMailWithoutFromIsFromSenderReplyToReturnPathTheEnvelopeOrAnUnknownSender() throws {
        let bare = Array("Subject: hi\n\nno sender\n".utf8)
        XCTAssertEqual(try EmailMessage.parse(bare).from, EmailMessage.unknownSender)
        XCTAssertEqual(try EmailMessage.parse(bare, envelopeSender: "cron@acme.io").from.address, "cron@acme.io")
        for header in ["Sender: Ops <ops@acme.io>", "Reply-To: ops@acme.io", "Return-Path: <ops@acme.io>"] {
            let raw = Array("\(header)\nSubject: hi\n\nbody\n".utf8)
            XCTAssertEqual(try EmailMessage.parse(raw, envelopeSender: "cron@acme.io").from.address, "ops@acme.io", header)
        }
    }

    func testAFiftyMegabyteAttachmentIsSkippedAndNULBytesSurvive() throws {
        var raw = Array("From: a@acme.io\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee \0 attached\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
        let line = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n".utf8)
        raw.reserveCapacity(52_000_000)
        for _ in 0..<(50 * 1_048_576 / line.count) { raw += line }
        raw += Array("--b--\r\n".utf8)
        let start = Date()
        let email = try EmailMessage.parse(raw)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "an attachment is skipped, not decoded")
        XCTAssertEqual(email.text, "see \0 attached\n\n[attachment not stored: application/octet-stream, 49 MB]")
        XCTAssertEqual(email.attachments.count, 1)
    }

    func testUnfoldingKeepsTheBlanksThatStartAContinuationLine() throws {
        // RFC 5322 section 2.2.3: only the line break goes; a tab stays a tab, as Python's email reads it.
        let email = try parse("folded-tab-subject.eml")
        XCTAssertEqual(email.subject, "Export stalls at 99%\twhen the report has    more than 10,000 rows")
    }

    func testAddressListsAndDatesInTheirOddForms() {
        XCTAssertEqual(MailAddress.list(#""Doe, Jane" <jane@x.io>, bob@y.io (Bob), <c@z.io>"#),
                       [MailAddress(name: "Doe, Jane", address: "jane@x.io"), MailAddress(name: "Bob", address: "bob@y.io"),
                        MailAddress(name: nil, address: "c@z.io")])
        XCTAssertEqual(MailAddress.parse("not an address"), nil)
        // Dates counted without a Calendar: a leap day, before 1970, a century, two-digit years.
        XCTAssertEqual(try parseDate("Thu, 29 Feb 2024 23:59:59 -0130"), Date(timeIntervalSince1970: 1_709_256_599))
        XCTAssertEqual(try parseDate("31 Dec 1969 23:00:00 GMT"), Date(timeIntervalSince1970: -3_600))
        XCTAssertEqual(try parseDate("1 Mar 2000 00:00 +0000"), Date(timeIntervalSince1970: 951_868_800))
        XCTAssertEqual(try parseDate("Sat, 2 Jan 99 03:04:05 EST"), Date(timeIntervalSince1970: 915_264_245))
        XCTAssertNil(try parseDate("32 Jan 2026 10:00:00 +0000"))
    }

    func parseDate(_ value: String) throws -> Date? {
        try EmailMessage.parse(Array("From: a@acme.io\r\nDate: \(value)\r\n\r\nx\r\n".utf8)).date
    }
}
