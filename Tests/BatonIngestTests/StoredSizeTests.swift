import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Sizes with no bound (issue 17): a Slack message was stored whole however long (200 MB).
/// Capped as mail is, at 256 KB, with the cut said in the thread.
final class StoredSizeTests: IngestTestCase {
    func testALongSlackMessageIsCutAndSaysSo() throws {
        let copy = folder + "/export"
        try FileManager.default.copyItem(atPath: Self.fixture("slack-export"), toPath: copy)
        let long = String(repeating: "é", count: 300_000)  // 600 KB of UTF-8
        try Data(#"[{"type": "message", "user": "U0CUST01", "text": "\#(long)", "ts": "1795700300.000100"}]"#.utf8)
            .write(to: URL(fileURLWithPath: copy + "/acme-support/2026-11-22.json"))
        _ = try SlackExportImport.run(try SlackExport(path: copy), roster: roster, store: store, actor: "test", now: now)
        let body = try XCTUnwrap(try store.messageState("slack:C0ACME001:1795700300.000100")).body
        XCTAssertLessThanOrEqual(body.utf8.count, EmailMessage.maximumText)
        XCTAssertGreaterThan(body.utf8.count, EmailMessage.maximumText - 100)
        XCTAssertTrue(body.hasSuffix("\n[… the rest of this message was not stored]"))
        XCTAssertFalse(body.unicodeScalars.contains("\u{FFFD}"), "cut between characters")
    }
}
