import BatonCore
import BatonStore
import Foundation
import XCTest

/// `baton metrics` through the real binary: a store filled by the store's own actions and
/// `baton ingest nps`, read back as JSON (the stable shape), CSV and breaches, and bad
/// options refused by name with exit 2.
final class MetricsEndToEndTests: XCTestCase {
    static let baton = EndToEndTests.baton
    var folder: String!
    var config: String!

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.baton), "build baton first (make test does)")
        folder = NSTemporaryDirectory() + "baton-metrics-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        config = folder + "/baton.toml"
        try """
            store = "store.sqlite"
            internal_domains = ["example-corp.com"]
            [[tier]]
            id = "enterprise"
            short = "ENT"
            first_response = "1h"
            next_response = "4h"
            [[engineer]]
            id = "ana"
            region = "europe"
            email = "ana@example-corp.com"
            [[engineer]]
            id = "dave"
            region = "us"
            [[region]]
            id = "europe"
            tz = "Europe/Berlin"
            takes_point = "07:00"
            roster = ["ana"]
            [[region]]
            id = "us"
            tz = "America/New_York"
            takes_point = "09:00"
            roster = ["dave"]
            [[customer]]
            id = "acme"
            name = "Acme, Inc."
            tier = "enterprise"
            email_domains = ["acme.io"]
            """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    let now = "2026-11-25T12:00:00Z"

    func baton(_ arguments: [String]) throws -> String {
        try Shell.run(Self.baton, arguments + ["--config", config], environment: ["BATON_NOW": now, "TZ": "UTC"])
    }

    func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// Two conversations in week 48: one answered after 10 minutes, taken and taken back; one
    /// never answered (a breach by now). NPS: a promoter, a passive and staff's 10.
    func fill() throws {
        _ = try baton(["conv", "list"])  // creates the store and syncs the team
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        let asked = date("2026-11-23T09:00:00Z")
        let first = try store.createConversation(
            NewConversation(customerID: "acme", customerName: "Acme, Inc.", tierID: "enterprise", subject: "Router", source: .email,
                            messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: asked),
                                       NewMessage(authorKind: .team, authorName: "Ana", authorID: "ana", body: "on it", createdAt: asked.addingTimeInterval(600))]),
            actor: "intake", at: asked)
        _ = try store.claim(first, actor: "ana", at: asked.addingTimeInterval(60))
        _ = try store.take(first, actor: "dave", at: asked.addingTimeInterval(120))
        _ = try store.take(first, actor: "ana", at: asked.addingTimeInterval(180))
        _ = try store.createConversation(
            NewConversation(customerID: "acme", customerName: "Acme, Inc.", tierID: "enterprise", subject: "Billing", source: .email,
                            messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "invoice?", createdAt: date("2026-11-24T09:00:00Z"))]),
            actor: "intake", at: date("2026-11-24T09:00:00Z"))
        let csv = folder + "/nps.csv"
        try """
            time,email,score,comment
            2026-11-23T10:00:00Z,priya@acme.io,10,great
            2026-11-23T11:00:00Z,bob@acme.io,8,
            2026-11-23T12:00:00Z,ana@example-corp.com,10,testing the survey
            """.write(toFile: csv, atomically: true, encoding: .utf8)
        _ = try baton(["ingest", "nps", csv])
    }

    func testJSONCSVAndBreachesThroughTheBinary() throws {
        try fill()
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try baton(["metrics", "--from", "2026-11-23", "--to", "2026-11-29", "--tz", "UTC", "--json"]).utf8)) as? [String: Any])
        XCTAssertEqual(object["from"] as? String, "2026-11-23T00:00:00Z")
        XCTAssertEqual(object["to"] as? String, "2026-11-30T00:00:00Z", "--to names the last day, included")
        XCTAssertEqual(object["by"] as? String, "week")
        let groups = try XCTUnwrap(object["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.count, 1)
        let week = groups[0]
        XCTAssertEqual(Set(week.keys), ["key", "opened", "solved", "reopened", "customer_messages", "first_response", "next_response", "resolution",
                                        "sla", "touches", "people", "owner_changes", "nps"])
        XCTAssertEqual(week["key"] as? String, "2026-W48")
        XCTAssertEqual(week["opened"] as? Int, 2)
        XCTAssertEqual(week["customer_messages"] as? Int, 2)
        let first = try XCTUnwrap(week["first_response"] as? [String: Any])
        XCTAssertEqual(first["count"] as? Int, 1)
        XCTAssertEqual(first["p50_s"] as? Int, 600)
        XCTAssertEqual(first["business_p90_s"] as? Int, 600, "around the clock")
        XCTAssertTrue((week["next_response"] as? [String: Any])?["p50_s"] is NSNull, "no next response: null")
        XCTAssertEqual(week["sla"] as? [String: Int], ["first_met": 1, "first_due": 2, "next_met": 0, "next_due": 0])
        XCTAssertEqual(week["people"] as? [String], ["ana", "dave"])
        XCTAssertEqual(week["touches"] as? [String: Int], ["p50": 0, "p90": 2, "max": 2], "0 and 2: nearest rank p50 is the lower")
        XCTAssertEqual(week["owner_changes"] as? [String: Int], ["handoffs": 0, "reassignments": 2, "bounces": 1])
        // A promoter and a passive: (1 − 0) / 2 = 50; staff's 10 left out.
        XCTAssertEqual(week["nps"] as? [String: Int], ["score": 50, "promoters": 1, "passives": 1, "detractors": 0, "internal_excluded": 1])

        let csv = try baton(["metrics", "--from", "2026-11-23", "--to", "2026-11-29", "--tz", "UTC", "--csv"])
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(rows.count, 2)
        let header = rows[0].components(separatedBy: ",")
        let values = rows[1].components(separatedBy: ",")
        XCTAssertEqual(header.count, values.count)
        let field = Dictionary(uniqueKeysWithValues: zip(header, values))
        XCTAssertEqual(field["key"], "2026-W48")
        XCTAssertEqual(field["first_response.p50_s"], "600")
        XCTAssertEqual(field["next_response.p50_s"], "", "null is an empty field")
        XCTAssertEqual(field["people"], "ana dave")
        XCTAssertEqual(field["nps.score"], "50")

        let breaches = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try baton(["metrics", "--breaches", "--json", "--from", "2026-11-23", "--tz", "UTC"]).utf8)) as? [String: Any])
        let list = try XCTUnwrap(breaches["breaches"] as? [[String: Any]])
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list[0]["response"] as? String, "first")
        XCTAssertEqual(list[0]["due"] as? String, "2026-11-24T10:00:00Z")
        XCTAssertTrue(list[0]["answered_at"] is NSNull)
        XCTAssertEqual(list[0]["customer"] as? String, "Acme, Inc.")
        let breachesCSV = try baton(["metrics", "--breaches", "--csv", "--from", "2026-11-23", "--tz", "UTC"])
        XCTAssertTrue(breachesCSV.contains(",\"Acme, Inc.\",first,"), breachesCSV)

        let text = try baton(["metrics", "--tz", "UTC"])
        XCTAssertTrue(text.contains("People who touched conversations: 2 (ana, dave)"), text)
        XCTAssertTrue(text.contains("SLA             first 1/2 met"), text)
    }

    /// The screen in tmux: m draws the charts, Enter lists the breach behind a figure and
    /// opens it, q walks back out.
    func testTheMetricsScreenInTmux() throws {
        try fill()
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start("env LANG=C.UTF-8 TERM=tmux-256color TZ=UTC BATON_NOW=\(now) \(Self.baton) --config \(config!); sleep 30")
        _ = try tmux.wait(for: "the queue") { $0.contains("SUBJECT") }
        try tmux.keys("m")
        let charts = try tmux.wait(for: "the charts", timeout: 10) { $0.contains("FIRST RESPONSE") && $0.contains("enterprise") }
        XCTAssertTrue(charts.contains("Metrics · week W48 (23 Nov–29 Nov) against the 8 before · by tier"), charts)
        XCTAssertTrue(charts.contains(" 50%  1/2"), charts)
        XCTAssertTrue(charts.contains("+50  9-10: 1 · 7-8: 1 · 0-6: 0 · internal: 1"), charts)
        XCTAssertFalse(charts.contains("  —  "), "the staff answer's group has no conversations: no response line")
        XCTAssertTrue(charts.contains("2  ana dave"), charts)
        try tmux.keys("Enter")
        let listing = try tmux.wait(for: "the breach behind the figure") { $0.contains("enterprise, W48: 1 breaches") }
        XCTAssertTrue(listing.contains("#2  first response due Tue 24 Nov 10:00, not answered  Acme, Inc. · ENT"), listing)
        try tmux.keys("Enter")
        _ = try tmux.wait(for: "the conversation") { $0.contains("invoice?") }
        try tmux.keys("q")
        _ = try tmux.wait(for: "back on the list") { $0.contains("1 breaches") }
        try tmux.keys("q")
        _ = try tmux.wait(for: "back on the charts") { $0.contains("SLA ATTAINMENT") }
        try tmux.keys("q")
        _ = try tmux.wait(for: "back on the queue") { $0.contains("SUBJECT") }
    }

    func testBadOptionsAreRefusedByName() throws {
        _ = try baton(["conv", "list"])
        for (arguments, message) in [(["--by", "month"], "--by \"month\": expected week, tier, customer, region or engineer"),
                                     (["--tz", "Mars/Olympus"], "--tz \"Mars/Olympus\": not a time zone"),
                                     (["--from", "yesterday"], "--from \"yesterday\": expected a date like 2026-11-23"),
                                     (["--from", "2026-11-30", "--to", "2026-11-01"], "is not before --to"),
                                     (["--json", "--csv"], "--json and --csv: choose one")] {
            XCTAssertThrowsError(try baton(["metrics"] + arguments)) { error in
                let failure = error as? ShellError
                XCTAssertEqual(failure?.status, 2, "\(arguments)")
                XCTAssertTrue(failure?.stderr.contains(message) == true, failure?.stderr ?? "")
            }
        }
    }
}
