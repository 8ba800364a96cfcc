import BatonCore
import Foundation
import XCTest
@testable import BatonStore

/// `baton store copy` between SQLite files carries the attachment files beside the store
/// (as the `attachment_contents` table PostgreSQL keeps them in), and refuses, by name, a
/// source whose file is gone: a copy that silently lost bytes would not be a copy.
final class StoreCopyAttachmentTests: StoreTestCase {
    // SHA-256 of "hello" and of "world" (sha256sum).
    static let hello = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    static let world = "486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7"

    func keep() throws -> Int64 {
        try store.intake(actor: "ingest", at: now) { writer in
            var new = conversation("files", minutesAgo: 5, key: "c1")
            new.messages[0].externalKey = "m1"
            let id = try writer.create(new).id
            try writer.keepAttachments([NewAttachment(name: "a.txt", contentType: "text/plain", data: Array("hello".utf8), digest: Self.hello),
                                        NewAttachment(name: "b.txt", contentType: "text/plain", data: Array("world".utf8), digest: Self.world),
                                        NewAttachment(name: "c.txt", contentType: "text/plain", data: Array("hello".utf8), digest: Self.hello)],
                                       ofMessage: "m1")
            return id
        }
    }

    func testTheFilesTravelAndASecondCopyWritesNone() throws {
        let id = try keep()
        let target = try SQLiteStore(path: folder + "/copy.sqlite")
        let report = try StoreCopy.run(from: store, to: target, sourceName: store.path, targetName: target.path, now: now)
        let contents = try XCTUnwrap(report.tables.first { $0.name == "attachment_contents" })
        XCTAssertEqual(contents.sourceRows, 2, "two contents for three files")
        XCTAssertEqual(contents.inserted, 2)
        XCTAssertEqual(try target.attachments(ofConversation: id).map(\.name), ["a.txt", "b.txt", "c.txt"])
        XCTAssertEqual(try target.attachments(ofConversation: id).map { String(decoding: try target.attachmentData($0), as: UTF8.self) }, ["hello", "world", "hello"])
        var info = stat()
        XCTAssertEqual(stat(folder + "/copy.sqlite-attachments/" + Self.hello, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o660, "closed to others, as intake writes them")
        let again = try StoreCopy.run(from: store, to: target, sourceName: store.path, targetName: target.path, now: now)
        XCTAssertEqual(again.tables.first { $0.name == "attachment_contents" }?.inserted, 0)
    }

    func testAMissingFileIsNamedAndNothingIsCopied() throws {
        _ = try keep()
        unlink(folder + "/baton.sqlite-attachments/" + Self.world)
        let target = try SQLiteStore(path: folder + "/copy.sqlite")
        XCTAssertThrowsError(try StoreCopy.run(from: store, to: target, sourceName: store.path, targetName: target.path, now: now)) { error in
            XCTAssertTrue("\(error)".contains("baton.sqlite-attachments/" + Self.world), "\(error)")
        }
        XCTAssertEqual(try target.queueSize(QueueQuery()), 0)
    }
}
