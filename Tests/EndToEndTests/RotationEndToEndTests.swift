import BatonCore
import BatonStore
import Foundation
import XCTest

/// The rotation's commands and screen, run as an engineer would, on a config like the design's.
final class RotationEndToEndTests: XCTestCase {
    static let baton = EndToEndTests.baton

    var folder: String!
    var config: String!
    var tmux: Tmux!

    /// Europe from 07:00 Berlin, the US from 09:00 New York until 20:00, weekdays.
    static let configText = """
        store = "store.sqlite"
        [rotation]
        anchor = "2026-01-05"
        length = "1w"
        [[tier]]
        id = "enterprise"
        short = "ENT"
        first_response = "1h"
        [[region]]
        id = "europe"
        tz = "Europe/Berlin"
        takes_point = "07:00"
        roster = ["ana", "ben", "chiara"]
        [[region]]
        id = "us"
        name = "US"
        tz = "America/New_York"
        takes_point = "09:00"
        until = "20:00"
        roster = ["dave", "erin"]
        [[engineer]]
        id = "ana"
        region = "europe"
        [[engineer]]
        id = "ben"
        name = "Ben"
        region = "europe"
        [[engineer]]
        id = "chiara"
        region = "europe"
        [[engineer]]
        id = "dave"
        name = "Dave"
        region = "us"
        [[engineer]]
        id = "erin"
        region = "us"
        [[customer]]
        id = "acme"
        name = "Acme"
        tier = "enterprise"
        [[customer]]
        id = "globex"
        name = "Globex"
        tier = "enterprise"
        engineer = "ben"
        """

    override func setUpWithError() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.baton), "build baton first (make test does)")
        tmux = Tmux()
        folder = NSTemporaryDirectory() + "baton-rotation-\(UUID().uuidString)"
        // Closed to others, as baton requires of a store's folder.
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        config = folder + "/baton.toml"
        try Self.configText.write(toFile: config, atomically: true, encoding: .utf8)
        // BATON_AS picks the engineer acting, which only a demo store allows.
        try SQLiteStore(path: folder + "/store.sqlite").markAsDemo()
    }

    override func tearDownWithError() throws {
        tmux.kill()
        try? FileManager.default.removeItem(atPath: folder)
    }

    func baton(_ arguments: [String], now: String = "2026-11-23T10:00:00Z", as engineer: String? = nil) throws -> String {
        var environment = ["BATON_NOW": now, "TZ": "UTC"]
        if let engineer { environment["BATON_AS"] = engineer }
        return try Shell.run(Self.baton, arguments + ["--config", config], environment: environment)
    }

    func failure(_ arguments: [String], as engineer: String? = "ana") -> ShellError? {
        do {
            _ = try baton(arguments, as: engineer)
            return nil
        } catch {
            return error as? ShellError
        }
    }

    // MARK: the commands

    func testScheduleJSONForADay() throws {
        // 2026-11-23 is 46 weeks after the anchor: ben for Europe (46 mod 3), dave for the US (46 mod 2).
        let json = try baton(["schedule", "--from", "2026-11-23", "--days", "1", "--json"])
        let shifts = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        XCTAssertEqual(shifts.count, 2, json)
        XCTAssertEqual(shifts[0]["region"] as? String, "europe")
        XCTAssertEqual(shifts[0]["engineer"] as? String, "ben")
        XCTAssertEqual(shifts[0]["start"] as? String, "2026-11-23T06:00:00Z")
        XCTAssertEqual(shifts[0]["end"] as? String, "2026-11-23T14:00:00Z")
        XCTAssertEqual(shifts[0]["override"] as? Bool, false)
        XCTAssertEqual(shifts[1]["engineer"] as? String, "dave")
        XCTAssertEqual(shifts[1]["start"] as? String, "2026-11-23T14:00:00Z")
        XCTAssertEqual(shifts[1]["end"] as? String, "2026-11-24T01:00:00Z")
    }

    func testGapsExitNonZeroWhileTheConfigLeavesGaps() throws {
        let gaps = failure(["schedule", "gaps", "--from", "2026-11-23", "--days", "2"])
        XCTAssertEqual(gaps?.status, 1)
        // Without `until` and with every day, the rotation covers all the time.
        try Self.configText.replacingOccurrences(of: "until = \"20:00\"\n", with: "")
            .replacingOccurrences(of: "takes_point = \"07:00\"", with: "takes_point = \"07:00\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let output = try baton(["schedule", "gaps", "--from", "2026-11-23", "--days", "14"])
        XCTAssertTrue(output.hasPrefix("no gaps"), output)
    }

    func testICalendarExportIsCRLFAndFolded() throws {
        let ics = try baton(["schedule", "export", "--ics", "--from", "2026-11-23", "--days", "7"])
        XCTAssertTrue(ics.hasPrefix("BEGIN:VCALENDAR\r\n"), ics)
        XCTAssertTrue(ics.hasSuffix("END:VCALENDAR\r\n"))
        XCTAssertEqual(ics.components(separatedBy: "BEGIN:VEVENT\r\n").count - 1, 10, "five weekdays, two regions")
        XCTAssertFalse(ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
        XCTAssertTrue(ics.contains("DTSTART:20261123T060000Z\r\n"), ics)
        XCTAssertTrue(ics.contains("SUMMARY:On call: Ben (Europe)\r\n"), ics)
    }

    func testOverridesChangeTheScheduleAndBadOnesWriteNothing() throws {
        XCTAssertEqual(failure(["override", "add", "zed", "--replaces", "ben", "--from", "2026-11-23", "--to", "2026-11-24"])?.stderr,
                       "baton: ENGINEER \"zed\": no [[engineer]] has that id in \(config!)\n")
        XCTAssertEqual(failure(["override", "add", "ana", "--replaces", "ben", "--from", "2026-11-24", "--to", "2026-11-23"])?.status, 2)
        XCTAssertEqual(failure(["override", "add", "ana", "--replaces", "ben", "--from", "2026-11-23 25:00", "--to", "2026-11-24"])?.status, 2)
        XCTAssertEqual(try baton(["override", "list", "--all"]), "no overrides\n", "nothing written by the bad ones")
        XCTAssertEqual(failure(["override", "add", "ana", "--replaces", "ben", "--from", "2026-11-23", "--to", "2026-11-24"], as: nil)?.status, 4,
                       "someone not on the roster cannot change the rotation")

        // Read in Berlin, ben's zone: Monday's whole local day.
        let added = try baton(["override", "add", "ana", "--replaces", "ben", "--from", "2026-11-23", "--to", "2026-11-24", "--reason", "swap"], as: "ben")
        XCTAssertTrue(added.hasPrefix("override 1: ana for ben"), added)
        let json = try baton(["schedule", "--from", "2026-11-23", "--days", "1", "--json"])
        let shifts = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        XCTAssertEqual(shifts[0]["engineer"] as? String, "ana")
        XCTAssertEqual(shifts[0]["override"] as? Bool, true)
        XCTAssertTrue(try baton(["oncall"], now: "2026-11-23T08:00:00Z").contains("point     ana (ana), Europe, override"))
        XCTAssertTrue(try baton(["override", "list"]).contains("ana for ben"))
        try baton(["override", "remove", "1"], as: "ben")
        XCTAssertEqual(failure(["override", "remove", "1"])?.status, 2)
        XCTAssertTrue(try baton(["oncall"], now: "2026-11-23T08:00:00Z").contains("point     Ben (ben), Europe"))
    }

    func testOncallShowsEveryZoneAndTheNextHandoff() throws {
        let output = try baton(["oncall"], now: "2026-11-23T12:00:00Z")
        XCTAssertTrue(output.contains("point     Ben (ben), Europe, since Mon 23 Nov 07:00 Europe/Berlin"), output)
        XCTAssertTrue(output.contains("next      Dave (dave), US, in 2h"), output)
        XCTAssertTrue(output.contains("handoff     Mon 23 Nov 15:00      Mon 23 Nov 09:00      Mon 23 Nov 14:00"), output)
    }

    // MARK: the handoff

    /// Eight processes start at once after a boundary no baton saw: exactly one runs the
    /// handoff, and each moved conversation has exactly one handoff event.
    func testProcessesRacingForOneHandoffRunItOnce() throws {
        _ = try baton(["schedule", "--days", "1"])  // mirrors the team into the store
        let store = try SQLiteStore(path: folder + "/store.sqlite")
        let at = Date(timeIntervalSince1970: 1_795_428_000)  // Mon 23 Nov 2026 10:00 UTC, ben holds point
        func conversation(_ subject: String, customer: String, owner: String, via: OwnerBasis) throws -> Int64 {
            try store.createConversation(NewConversation(customerID: customer, customerName: customer, tierID: "enterprise", subject: subject,
                                                         source: .email, ownerID: owner, ownerVia: via,
                                                         messages: [NewMessage(authorKind: .customer, authorName: "Priya", body: "help", createdAt: at)]),
                                         actor: "test", at: at)
        }
        let moving = try (1...5).map { try conversation("point \($0)", customer: "acme", owner: "ben", via: .point) }
        let claimed = try conversation("claimed", customer: "acme", owner: "ben", via: .claim)
        let dedicated = try conversation("dedicated", customer: "globex", owner: "ben", via: .point)

        let outputs = try runAtOnce(8, ["handoff", "run", "--config", config], environment: ["BATON_NOW": "2026-11-23T14:30:00Z"])
        XCTAssertEqual(outputs.filter { $0.contains("handoff at 2026-11-23T14:00:00Z: ben → dave, 5 moved") }.count, 1, outputs.joined())
        XCTAssertEqual(outputs.filter { $0 == "no handoff due\n" }.count, 7, outputs.joined())
        for id in moving {
            let detail = try store.conversation(id)
            XCTAssertEqual(detail.row.ownerID, "dave")
            XCTAssertEqual(detail.events.filter { $0.kind == "handoff" && $0.actor == "rotation" }.count, 1)
        }
        XCTAssertEqual(try store.conversation(claimed).row.ownerID, "ben", "claimed work stays")
        XCTAssertEqual(try store.conversation(dedicated).row.ownerID, "ben", "the dedicated engineer keeps their customer")

        try baton(["handoff", "note", "Globex", "waits", "on", "2.3.1"], now: "2026-11-23T14:40:00Z", as: "dave")
        let report = try baton(["handoff", "report"], now: "2026-11-23T14:45:00Z", as: "dave")
        XCTAssertTrue(report.hasPrefix("Handoff Mon 23 Nov 14:00 "), report)
        XCTAssertTrue(report.contains(": ben (Europe) → dave (US)\n"), report)
        XCTAssertTrue(report.contains("Moved to dave: 5"), report)
        XCTAssertTrue(report.contains("    Globex waits on 2.3.1"), report)
    }

    /// BATON_NOW is for looking at another week; on a team's store it must change nothing.
    func testAMovedClockNeverRunsHandoffsOnATeamStore() throws {
        try Self.configText.replacingOccurrences(of: "store = \"store.sqlite\"", with: "store = \"team.sqlite\"")
            .write(toFile: config, atomically: true, encoding: .utf8)
        XCTAssertEqual(failure(["handoff", "run"])?.status, 2)
        XCTAssertEqual(try baton(["handoff", "report"], now: "2026-11-26T12:00:00Z"), "no handoff has run yet\n")
        XCTAssertNoThrow(try baton(["oncall"]), "reading is fine")
        XCTAssertThrowsError(try Shell.run(Self.baton, ["oncall", "--config", config], environment: ["BATON_NOW": "garbage"])) { error in
            XCTAssertEqual((error as? ShellError)?.status, 2)
            XCTAssertEqual((error as? ShellError)?.stderr, "baton: BATON_NOW=garbage: expected an instant like 2026-03-10T12:00:00Z\n")
        }
    }

    func runAtOnce(_ count: Int, _ arguments: [String], environment: [String: String]) throws -> [String] {
        let base = NSTemporaryDirectory() + "baton-race-\(UUID().uuidString)"
        var processes: [(Process, String)] = []
        for index in 0..<count {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.baton)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let path = "\(base)-\(index).out"
            FileManager.default.createFile(atPath: path, contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: path)
            process.standardError = FileHandle(forWritingAtPath: path)
            processes.append((process, path))
        }
        for (process, _) in processes { try process.run() }
        return processes.map { process, path in
            process.waitUntilExit()
            defer { unlink(path) }
            return String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
    }

    // MARK: the screen

    func testRotationScreenInTmux() throws {
        // 10 March 2026: the US has sprung forward, Europe not yet.
        try tmux.start("env LANG=C.UTF-8 TERM=tmux-256color TZ=UTC BATON_NOW=2026-03-10T12:00:00Z \(Self.baton) --config \(config!); sleep 30",
                       width: 120, height: 36)
        _ = try tmux.wait(for: "the queue") { $0.contains("baton · 0 open") }
        try tmux.keys("o")
        // The footer is drawn last: a capture between ncurses' writes under load had only the title;
        // and a frame drawn before tmux gave the pane its full size has no hours rows.
        let screen = try tmux.wait(for: "the rotation screen") { $0.contains("Rotation · 7 days") && $0.contains("Esc/q back") && $0.contains(" New York ") }
        XCTAssertTrue(screen.contains("Europe–US: 5 h apart this week, usually 6 h"), screen)
        XCTAssertTrue(screen.contains("▼ now 12:00"), screen)
        XCTAssertTrue(screen.contains(" Europe "), screen)
        XCTAssertTrue(screen.contains(" New York "), screen)
        XCTAssertTrue(screen.contains(" gaps "), screen)
        XCTAssertTrue(screen.contains("Tue 10 Mar 13:00 – Wed 11 Mar 00:00 US"), "the US shift, an hour earlier in UTC:\n\(screen)")
        // 64 days after the anchor: week 9, so ana (9 mod 3) then erin (9 mod 2).
        // The countdown reads 1h at 12:00:00 and 59m a second later.
        XCTAssertTrue(screen.contains("point: ana (Europe) → erin (US) in 1h") || screen.contains("point: ana (Europe) → erin (US) in 59m"), screen)
        try tmux.keys("Escape")
        _ = try tmux.wait(for: "back on the queue") { $0.contains("SUBJECT") }
    }
}
