import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Mail that names no author is still mail: it goes to the queue. The quarantine holds
/// only what is no message, or has no place yet, and says which.
final class QuarantineKindTests: IngestTestCase {
    func testMailWithoutAnyAuthorIsQueuedFromAnUnknownSender() throws {
        let report = try storeEmail(try Self.bytes("email/no-from/cron-no-from.eml"))
        XCTAssertEqual(report.conversationsCreated, 1)
        XCTAssertEqual(report.quarantined, 0)
        let conversation = try XCTUnwrap(conversations().first)
        XCTAssertEqual(conversation.messages[0].authorName, "unknown sender")
        XCTAssertEqual(conversation.row.customerName, "unknown sender")
        XCTAssertEqual(conversation.row.subject, "Nightly backup report")
    }

    func testTheEnvelopeSenderNamesTheAuthorOfMailWithoutFrom() throws {
        let raw = try Self.bytes("email/no-from/cron-no-from.eml")
        let report = try MailImport.run([("standard input", { raw })], roster: roster, store: store, actor: "test", now: { self.now },
                                        envelopeSender: "backup@acme.io")
        XCTAssertEqual(report.conversationsCreated, 1)
        let conversation = try XCTUnwrap(conversations().first)
        XCTAssertEqual(conversation.row.customerName, "Acme", "the envelope's domain is Acme's")
        XCTAssertEqual(conversation.messages[0].authorID, "backup@acme.io")
    }

    func testAFromThatHoldsNoAddressIsQueuedFromAnUnknownSenderNamedByItsWords() throws {
        let report = try storeEmail(try Self.bytes("email/no-from/from-name-only.eml"), origin: "invoice.eml")
        XCTAssertEqual(report.conversationsCreated, 1)
        XCTAssertEqual(report.quarantined, 0)
        XCTAssertFalse(report.leftSomethingOut, "a message stored is no bad input: exit 0")
        XCTAssertEqual(report.problems, [#"invoice.eml: From header "=?utf-8?q?Acme_Billing_Team?=" holds no address; stored as from an unknown sender"#])
        let conversation = try XCTUnwrap(conversations().first)
        XCTAssertEqual(conversation.messages[0].authorName, "Acme Billing Team", "the words a mail client shows")
        XCTAssertEqual(conversation.messages[0].authorKind, .customer)
        XCTAssertEqual(conversation.row.customerName, "unknown sender")
        XCTAssertEqual(conversation.row.subject, "Invoice 2026-118 could not be generated")
    }

    func testAFromThatHoldsNoAddressTakesTheAddressSenderGives() throws {
        let report = try storeEmail(try Self.bytes("email/no-from/undisclosed-with-sender.eml"), origin: "flood.eml")
        XCTAssertEqual(report.conversationsCreated, 1)
        XCTAssertEqual(report.problems, [#"flood.eml: From header "undisclosed-recipients:;" holds no address; stored as from priya@acme.io"#])
        let conversation = try XCTUnwrap(conversations().first)
        XCTAssertEqual(conversation.row.customerName, "Acme", "Sender's domain is Acme's")
        XCTAssertEqual(conversation.messages[0].authorID, "priya@acme.io")
        XCTAssertEqual(conversation.messages[0].authorName, "undisclosed-recipients:;")
    }

    func testEachEntrySaysItsKindAndKeepsItsBytesAndFirstArrival() throws {
        _ = try storeEmail(try Self.bytes("email/not-a-message.txt"), origin: "standard input")
        _ = try storeEmail(try Self.bytes("email/automatic/qmail-unknown.eml"), origin: "bounce.eml")
        let entries = try store.quarantineEntries()
        XCTAssertEqual(entries.map(\.kind), [.notAMessage, .noPlace])
        XCTAssertEqual(entries.map(\.origin), ["standard input", "bounce.eml"])
        XCTAssertEqual(entries[0].receivedAt, now)
        let (entry, raw) = try store.quarantined(entries[1].id)
        XCTAssertEqual(entry, entries[1])
        XCTAssertEqual([UInt8](raw), try Self.bytes("email/automatic/qmail-unknown.eml"))
        XCTAssertThrowsError(try store.quarantined(999)) { XCTAssertEqual("\($0)", "quarantine entry 999 not found (baton quarantine list shows them)") }
    }
}
