import BatonIngest
import BatonStore
import Foundation
import XCTest
@testable import BatonOutbox

/// The reply's RFC 5322 text, read back by baton's own mail parser.
final class MailReplyTests: XCTestCase {
    let mail = MailReply(teamFrom: ["Support <support@example-corp.com>", "help@example-corp.com"],
                         teamAddresses: ["ana@example-corp.com"], teamDomains: ["example-corp.com"])
    let date = Date(timeIntervalSince1970: 1_795_442_400)

    func compose(_ answered: StoredMailHeaders, body: String = "Fixed.", subject: String = "Webhooks") throws -> (String, EmailMessage) {
        let text = try mail.compose(body: body, subject: subject, answering: answered, messageID: "baton.1.ab@example-corp.com", date: date)
        return (text, try EmailMessage.parse(Array(text.utf8)))
    }

    func testReplyAllWithoutReplyToAnswersTheAuthorFromTheDefaultAddress() throws {
        let (text, parsed) = try compose(StoredMailHeaders(from: "Priya <priya@acme.io>", to: "someone@else.org", cc: "ana@example-corp.com, ops@other.example.com, Priya <PRIYA@acme.io>",
                                                           messageID: "m1@acme.io", subject: "Webhooks"))
        XCTAssertTrue(text.hasPrefix("From: Support <support@example-corp.com>\nTo: Priya <priya@acme.io>\nCc: someone@else.org,\n ops@other.example.com\nSubject: Re: Webhooks\nDate: Mon, 23 Nov 2026 14:00:00 +0000\nMessage-ID: <baton.1.ab@example-corp.com>\nIn-Reply-To: <m1@acme.io>\nReferences: <m1@acme.io>\n"), text)
        XCTAssertTrue(text.hasSuffix("Content-Transfer-Encoding: 7bit\n\nFixed.\n"), text)
        XCTAssertEqual(parsed.recipients.map(\.address), ["priya@acme.io", "someone@else.org", "ops@other.example.com"])
    }

    func testNonASCIIHeaderWordsAreEncodedAndTheBodyQuotedPrintable() throws {
        let long = String(repeating: "é", count: 60)
        let (text, parsed) = try compose(StoredMailHeaders(from: "Zoë Müller <zoe@acme.io>", to: "help@example-corp.com", messageID: nil),
                                         body: "Grüße\n" + long + "\nend = done ", subject: "Re: Überweisung \(long)")
        XCTAssertEqual(parsed.subject, "Re: Überweisung \(long)", "not Re: Re:")
        XCTAssertEqual(parsed.from.address, "help@example-corp.com", "the address the customer wrote to")
        XCTAssertEqual(parsed.recipients.first?.name, "Zoë Müller")
        XCTAssertEqual(parsed.text, "Grüße\n" + long + "\nend = done \n", "the trailing space kept (=20); the body ends its last line")
        XCTAssertFalse(text.contains("In-Reply-To"), "nothing to point at")
        for line in text.split(separator: "\n") { XCTAssertLessThanOrEqual(line.utf8.count, 78, String(line)) }
        XCTAssertTrue(text.utf8.allSatisfy { $0 < 0x80 }, "7-bit on the wire")
    }

    func testNoFromOrNoOneToWriteToIsAClearError() {
        XCTAssertThrowsError(try MailReply(teamFrom: [], teamAddresses: [], teamDomains: []).compose(
            body: "x", subject: "s", answering: StoredMailHeaders(from: "a@b.c", messageID: nil), messageID: "i@d", date: date)) { error in
            XCTAssertEqual((error as? MailReply.Problem)?.description, "no [email] from in baton.toml: the team's support address to send from")
        }
        XCTAssertThrowsError(try compose(StoredMailHeaders(from: "help@example-corp.com", messageID: nil)))
    }
}
