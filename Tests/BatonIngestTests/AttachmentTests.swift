import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Attachments kept beside the store, closed to others, never through a link.
final class AttachmentTests: IngestTestCase {
    func testAttachmentsAreKeptBesideTheStoreAndReadBack() throws {
        _ = try storeEmail(try Self.bytes("email/parts/text-image-text.eml"))
        let id = try XCTUnwrap(conversations().first?.row.id)
        let attachments = try store.attachments(ofConversation: id)
        XCTAssertEqual(attachments.map(\.name), ["screenshot.png", "export.log"])
        XCTAssertEqual(attachments.map(\.number), [1, 2])
        let log = try store.attachmentData(attachments[1])
        XCTAssertEqual(String(decoding: log, as: UTF8.self), "2026-11-23T09:00:00Z export start\n2026-11-23T09:59:00Z export stalled at 99%\n")
        XCTAssertEqual(attachments[1].size, log.count)
        let folder = SQLiteStore.attachmentsPath(forStore: store.path)
        let folderMode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int)
        XCTAssertEqual(folderMode & 0o777, 0o770)
        let fileMode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: folder + "/" + attachments[1].digest)[.posixPermissions] as? Int)
        XCTAssertEqual(fileMode & 0o777, 0o660)
    }

    func testALinkPlantedWhereAnAttachmentGoesIsRefusedNotFollowed() throws {
        let folder = SQLiteStore.attachmentsPath(forStore: store.path)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o770])
        let log = Array("2026-11-23T09:00:00Z export start\n2026-11-23T09:59:00Z export stalled at 99%\n".utf8)
        // Plant a link where the log's file goes (its SHA-256), pointing at a file of the test's.
        let target = self.folder + "/victim"
        FileManager.default.createFile(atPath: target, contents: Data("mine".utf8))
        let parsed = try EmailMessage.parse(try Self.bytes("email/parts/text-image-text.eml"))
        let logFile = try XCTUnwrap(parsed.files.first { $0.name == "export.log" })
        XCTAssertEqual(logFile.data, log)
        try FileManager.default.createSymbolicLink(atPath: folder + "/" + logFile.digest, withDestinationPath: target)
        XCTAssertThrowsError(try storeEmail(try Self.bytes("email/parts/text-image-text.eml")))
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "mine", "the link's target is untouched")
        XCTAssertEqual(try store.messageCount(), 0, "the message's transaction rolled back")
    }
}
