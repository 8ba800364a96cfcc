import BatonCore
import BatonStore
import Foundation
import XCTest

/// The SLA clock through the real binary: `sla explain`, `conv list --json`'s SLA keys,
/// deadlines following a config change, and a bad calendar refused by file and key.
final class SLAEndToEndTests: XCTestCase {
    static let baton = EndToEndTests.baton
    var folder: String!
    var config: String!

    static func configText(holidays: String = "[]") -> String {
        """
        store = "store.sqlite"
        [[calendar]]
        id = "berlin-office"
        tz = "Europe/Berlin"
        hours = ["mon-fri 09:00-17:00"]
        holidays = \(holidays)
        [[tier]]
        id = "pro"
        short = "PRO"
        first_response = "1h"
        hours = "berlin-office"
        warn_before = "30m"
        [[engineer]]
        id = "ana"
        region = "europe"
        [[region]]
        id = "europe"
        tz = "Europe/Berlin"
        takes_point = "07:00"
        roster = ["ana"]
        [[customer]]
        id = "globex"
        name = "Globex"
        tier = "pro"
        """
    }

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.baton), "build baton first (make test does)")
        folder = NSTemporaryDirectory() + "baton-sla-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        config = folder + "/baton.toml"
        try Self.configText().write(toFile: config, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func baton(_ arguments: [String], now: String, zone: String = "UTC") throws -> String {
        try Shell.run(Self.baton, arguments + ["--config", config], environment: ["BATON_NOW": now, "TZ": zone])
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func testExplainListAndRecomputeThroughTheBinary() throws {
        _ = try baton(["conv", "list"], now: "2026-11-27T15:00:00Z")  // creates the store and syncs the calendar
        let friday = ISO8601DateFormatter().date(from: "2026-11-27T15:30:00Z")!  // Fri 16:30 CET
        let id = try SQLiteStore(path: folder + "/store.sqlite").createConversation(
            NewConversation(customerID: "globex", customerName: "Globex", tierID: "pro", subject: "Friday evening", source: .email,
                            messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: friday)]),
            actor: "test", at: friday)

        let explained = try XCTUnwrap(try json(try baton(["sla", "explain", "\(id)", "--json"], now: "2026-11-30T08:10:00Z", zone: "America/New_York")) as? [String: Any])
        XCTAssertEqual(explained["due"] as? String, "2026-11-30T08:30:00Z", "Fri 16:30 + 1 h in 09:00-17:00 is Mon 09:30")
        XCTAssertEqual(explained["due_calendar"] as? String, "Mon 30 Nov 09:30 UTC+01:00")
        XCTAssertEqual(explained["due_viewer"] as? String, "Mon 30 Nov 03:30 UTC-05:00")
        XCTAssertEqual(explained["hours"] as? String, "berlin-office")
        XCTAssertEqual(explained["sla_state"] as? String, "at_risk")
        let target = try XCTUnwrap((explained["targets"] as? [[String: Any]])?.first)
        XCTAssertEqual(target["target"] as? String, "first_response")
        XCTAssertEqual(target["clock_started"] as? String, "2026-11-27T15:30:00Z")
        XCTAssertEqual((target["closed"] as? [[String: Any]])?.first?["seconds"] as? Int, 64 * 3_600, "Fri 17:00 to Mon 09:00")

        let text = try baton(["sla", "explain", "\(id)"], now: "2026-11-30T08:10:00Z", zone: "America/New_York")
        XCTAssertTrue(text.contains("first response: 1h of open time"), text)
        XCTAssertTrue(text.contains("closed         Fri 27 Nov 17:00 UTC+01:00 → Mon 30 Nov 09:00 UTC+01:00 (2d16h)"), text)
        XCTAssertTrue(text.contains("deadline       2026-11-30T08:30:00Z · Mon 30 Nov 09:30 UTC+01:00 · yours Mon 30 Nov 03:30 UTC-05:00"), text)

        let listed = try XCTUnwrap((try json(try baton(["conv", "list", "--json"], now: "2026-11-30T07:00:00Z")) as? [[String: Any]])?.first)
        XCTAssertEqual(listed["sla_state"] as? String, "ok")
        XCTAssertEqual(listed["sla_paused"] as? Bool, false)

        // Monday becomes a holiday: the next process works the deadline out again, once.
        try Self.configText(holidays: "[\"2026-11-30\"]").write(toFile: config, atomically: true, encoding: .utf8)
        let moved = try XCTUnwrap((try json(try baton(["conv", "list", "--json"], now: "2026-11-30T07:00:00Z")) as? [[String: Any]])?.first)
        XCTAssertEqual(moved["sla_due"] as? String, "2026-12-01T08:30:00Z")

        _ = try SQLiteStore(path: folder + "/store.sqlite").setStatus(id, to: .pending, actor: "ana", at: friday.addingTimeInterval(600))
        let paused = try XCTUnwrap((try json(try baton(["conv", "list", "--json"], now: "2026-11-30T07:00:00Z")) as? [[String: Any]])?.first)
        XCTAssertEqual(paused["sla_state"] as? String, "none")
        XCTAssertEqual(paused["sla_paused"] as? Bool, true)
        let pausedText = try baton(["sla", "explain", "\(id)"], now: "2026-11-30T07:00:00Z")
        XCTAssertTrue(pausedText.contains("The clock stands still while pending"), pausedText)
        XCTAssertTrue(pausedText.contains("paused         pending Fri 27 Nov 16:40 UTC+01:00 → now"), pausedText)
        XCTAssertTrue(pausedText.contains("deadline       none while the clock stands still"), pausedText)
    }

    func testABadCalendarIsRefusedNamingFileAndKey() throws {
        try Self.configText().replacingOccurrences(of: "mon-fri 09:00-17:00", with: "mon-fri 09:00-17:60").write(toFile: config, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try baton(["sla", "explain", "1"], now: "2026-11-30T07:00:00Z")) { error in
            let failure = error as? ShellError
            XCTAssertEqual(failure?.status, 1)
            XCTAssertTrue(failure?.stderr.contains("\(self.config!): calendar[1].hours[0]: \"09:00-17:60\" in \"mon-fri 09:00-17:60\" is not HH:MM-HH:MM") == true,
                          failure?.stderr ?? "")
        }
    }
}
