import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// The time baton received a message drives its clock and AGE; the Date header is only
/// what the sender's machine claimed, kept as `sentAt`.
final class ReceivedTimeTests: IngestTestCase {
    func testMailHandedOverNowIsReceivedNowAndItsDateHeaderMovesNoDeadline() throws {
        _ = try storeEmail(try Self.bytes("email/time/date-ahead.eml"))
        let conversation = try XCTUnwrap(conversations().first)
        let message = try XCTUnwrap(conversation.messages.first)
        XCTAssertEqual(message.createdAt, now, "stdin: the clock's now, not the Date header two days ahead")
        XCTAssertEqual(message.sentAt, Date(timeIntervalSince1970: 1_795_442_400 + 2 * 86_400 - 31 * 60), "Wed 25 Nov 13:29, as its Date says")
        XCTAssertEqual(conversation.row.createdAt, now)
        XCTAssertEqual(conversation.row.slaDue, now.addingTimeInterval(3_600), "enterprise's hour from receipt, not from the claimed date")
        XCTAssertEqual(message.sentLabel, "dated 1d23h ahead")
        XCTAssertTrue(message.labels.contains("dated 1d23h ahead"))
    }

    func testStoredMailIsReceivedAtItsTopmostReceivedFieldNeverItsDate() throws {
        let parsed = EmailIntake.parse(try Self.bytes("email/time/date-ahead.eml"), origin: "test", arrival: .delivered(fallback: now))
        _ = try store.intake(actor: "test", at: now) { writer in try EmailIntake(roster: roster).store(parsed, writer: writer) }
        let message = try XCTUnwrap(conversations().first?.messages.first)
        // 13:30:00 from the topmost field (our own relay), not 13:29:58 from the one below it.
        XCTAssertEqual(message.createdAt, now.addingTimeInterval(-1_800))
    }

    func testAnMboxMessageWithoutReceivedIsReceivedAtItsSeparatorLine() throws {
        let entries = Mbox.messages(try Self.bytes("email/time/delivered.mbox"))
        XCTAssertEqual(entries.count, 2)
        let report = try MailImport.run(entries.map { entry in ("mbox \(entry.number)", { entry.raw }) }, roster: roster, store: store,
                                        actor: "test", now: { self.now }, arrival: { .delivered(fallback: entries[$0].deliveredAt) })
        XCTAssertEqual(report.conversationsCreated, 2)
        let stored = try conversations()
        let invoice = try XCTUnwrap(stored.first { $0.row.subject == "Old invoice question" })
        XCTAssertEqual(invoice.messages[0].createdAt, now.addingTimeInterval(-(4 * 3_600 + 45 * 60)), "the From line's 09:15, not last week's Date")
        XCTAssertEqual(invoice.messages[0].sentLabel, "sent 7d earlier")
        let dashboard = try XCTUnwrap(stored.first { $0.row.subject == "Dashboard blank" })
        XCTAssertEqual(dashboard.messages[0].createdAt, now.addingTimeInterval(-4 * 3_600), "Received 11:00 +0100 is 10:00 UTC, before the From line's 10:05")
        XCTAssertNil(dashboard.messages[0].sentLabel, "sent two minutes before: one time is enough")
    }

    func testAMaildirFileWithoutReceivedIsReceivedAtItsDeliveryTime() throws {
        let maildir = folder + "/Maildir"
        for sub in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(atPath: maildir + "/" + sub, withIntermediateDirectories: true) }
        let file = maildir + "/new/1795400000.M1P1.host"
        var raw = try Self.bytes("email/time/date-ahead.eml")
        // Without its Received fields, as a local delivery agent might leave it.
        let text = String(decoding: raw, as: UTF8.self)
        raw = Array(text[text.range(of: "From: ")!.lowerBound...].utf8)
        FileManager.default.createFile(atPath: file, contents: Data(raw))
        let delivered = Date(timeIntervalSince1970: 1_795_400_000)
        try FileManager.default.setAttributes([.modificationDate: delivered], ofItemAtPath: file)
        XCTAssertEqual(Maildir.deliveryTime(file), delivered)
        let files = try Maildir.files(maildir)
        _ = try MailImport.run(files.map { path in (path, { try Maildir.read(path) }) }, roster: roster, store: store, actor: "test",
                               now: { self.now }, arrival: { .delivered(fallback: Maildir.deliveryTime(files[$0])) })
        let conversation = try XCTUnwrap(conversations().first)
        XCTAssertEqual(conversation.messages[0].createdAt, delivered)
        XCTAssertEqual(conversation.row.createdAt, delivered, "AGE counts from delivery")
    }

    func testEventsAreListedInTheOrderTheyHappened() throws {
        _ = try storeEmail(try Self.bytes("email/time/date-ahead.eml"))
        let events = try XCTUnwrap(conversations().first).events
        XCTAssertEqual(events.map(\.at), events.map(\.at).sorted())
        XCTAssertTrue(events.allSatisfy { $0.at <= now }, "nothing logged at the claimed future date")
    }

    func testALinkInAMaildirIsRefusedAndNamedNeverFollowed() throws {
        let maildir = folder + "/Maildir"
        for sub in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(atPath: maildir + "/" + sub, withIntermediateDirectories: true) }
        let secret = folder + "/secret.eml"
        try "From: a@acme.io\nSubject: private key\n\nsecret\n".write(toFile: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: maildir + "/new/1795400000.M1.host", withDestinationPath: secret)
        let files = try Maildir.files(maildir)
        let report = try MailImport.run(files.map { path in (path, { try Maildir.read(path) }) }, roster: roster, store: store, actor: "test")
        XCTAssertEqual(report.messagesAdded, 0)
        XCTAssertEqual(report.rejected, 1)
        XCTAssertTrue(report.problems[0].contains("is a symbolic link; refused"), report.problems[0])
    }
}
