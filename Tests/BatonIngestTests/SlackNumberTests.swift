import BatonCore
import BatonIngest
import BatonStore
import Foundation
import XCTest

/// Numbers from outside that trap when made integers: a Slack `ts` or `edited.ts` of
/// `1e300`, `inf`, `nan`, `1e19` or `-1e19` crashed the import (exit 132, issue 17). Each
/// is bad input now: named, left out, and the import exits 65.
final class SlackNumberTests: IngestTestCase {
    static let hostile = ["1e300", "inf", "nan", "1e19", "-1e19", "Infinity", "0x1p62", "99999999999999999999", "1795700000.0000000001", ""]

    func importDay(_ json: String) throws -> IngestReport {
        let copy = folder + "/export"
        try FileManager.default.copyItem(atPath: Self.fixture("slack-export"), toPath: copy)
        try Data(json.utf8).write(to: URL(fileURLWithPath: copy + "/acme-support/2026-11-22.json"))
        return try SlackExportImport.run(try SlackExport(path: copy), roster: roster, store: store, actor: "test", now: now)
    }

    func testATrapNumberInATSOrItsEditedIsNamedAndLeftOut() throws {
        var messages: [String] = []
        for (index, value) in Self.hostile.enumerated() {
            messages.append(#"{"type": "message", "user": "U0CUST01", "text": "ts \#(index)", "ts": "\#(value)"}"#)
            messages.append(#"{"type": "message", "user": "U0CUST01", "text": "edited \#(index)", "ts": "1795700\#(100 + index).000100", "edited": {"user": "U0CUST01", "ts": "\#(value)"}}"#)
            messages.append(#"{"type": "message", "subtype": "message_changed", "ts": "1795709\#(100 + index).000100", "message": {"type": "message", "user": "U0CUST01", "text": "changed", "ts": "1795600000.000100", "edited": {"ts": "\#(value)"}}}"#)
            messages.append(#"{"type": "message", "subtype": "message_deleted", "ts": "\#(value)", "deleted_ts": "1795600000.000100"}"#)
        }
        messages.append(#"{"type": "message", "user": "U0CUST01", "text": "this one is fine", "ts": "1795700300.000100"}"#)
        let report = try importDay("[" + messages.joined(separator: ",\n") + "]")
        XCTAssertEqual(report.rejected, Self.hostile.count * 4, report.problems.joined(separator: "\n"))
        XCTAssertTrue(report.leftSomethingOut, "exit 65")
        for value in Self.hostile where !value.isEmpty {
            XCTAssertTrue(report.problems.contains { $0.contains("\"ts\" is not a Slack timestamp: \(value)") }, value)
            XCTAssertTrue(report.problems.contains { $0.contains("\"edited.ts\" is not a Slack timestamp: \(value)") }, value)
            XCTAssertTrue(report.problems.contains { $0.contains("\"message.edited.ts\" is not a Slack timestamp: \(value)") }, value)
        }
        XCTAssertNotNil(try store.messageState("slack:C0ACME001:1795700300.000100"), "the good message is stored")
    }

    func testEveryPlainTimestampStillReads() {
        for ts in ["1", "1795700300", "1795700300.000100", "253402300799.000000"] {
            XCTAssertNotNil(SlackTimeProbe.instant(ts), ts)
        }
    }
}

/// SlackTime is internal; a post's createdAt shows what it read.
enum SlackTimeProbe {
    static func instant(_ ts: String) -> Date? {
        let json = #"{"type": "message", "user": "U1", "text": "x", "ts": "\#(ts)"}"#
        guard let message = try? JSONDecoder().decode(SlackMessage.self, from: Data(json.utf8)),
              case let .post(post) = message.item else { return nil }
        return post.createdAt
    }
}
