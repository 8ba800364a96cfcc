import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// A subject alone joins a mail to a conversation only when its sender already writes
/// in it, and only within 14 days.
final class SubjectThreadingTests: IngestTestCase {
    func mail(from: String, id: String, subject: String = "Help") -> [UInt8] {
        Array("From: \(from)\r\nTo: support@example-corp.com\r\nSubject: \(subject)\r\nMessage-ID: <\(id)>\r\n\r\nIt is broken.\r\n".utf8)
    }

    func store(_ raw: [UInt8], at instant: Date) throws {
        let parsed = EmailIntake.parse(raw, origin: "test")
        _ = try store.intake(actor: "test", at: instant) { writer in try EmailIntake(roster: roster).store(parsed, writer: writer) }
    }

    func testTwoPeopleWritingHelpGetTwoConversationsAndOnePersonOne() throws {
        try store(mail(from: "wile@acme.io", id: "1@acme.io"), at: now)
        try store(mail(from: "road@acme.io", id: "2@acme.io"), at: now)
        try store(mail(from: "wile@acme.io", id: "3@acme.io", subject: "Re: Help"), at: now.addingTimeInterval(3_600))
        let all = try conversations()
        XCTAssertEqual(all.count, 2)
        XCTAssertEqual(all[0].messages.map(\.authorID), ["wile@acme.io", "wile@acme.io"])
        XCTAssertEqual(all[1].messages.map(\.authorID), ["road@acme.io"])
    }

    func testUnknownDomainsAreNoPoolAndOldThreadsDoNotJoin() throws {
        try store(mail(from: "a@one.dev", id: "1@one.dev"), at: now)
        try store(mail(from: "b@two.dev", id: "1@two.dev"), at: now)
        try store(mail(from: "a@one.dev", id: "2@one.dev"), at: now.addingTimeInterval(15 * 86_400))
        XCTAssertEqual(try conversations().count, 3, "another domain never joins; after 14 days a subject is a new question")
    }
}
